import * as vscode from 'vscode';
import { readRegularFile } from '../../node/read-regular-file';
import { FullTextLibrary } from '../library/fulltext-library';
import type { LecternPlatform } from './lectern-platform';
import { nodeCorpusWorker } from './node-corpus-worker';
import { pathUris, readThroughWorkspaceFs } from './uri-under-roots';

/** The desktop: a Node extension host, where a `file:` workspace's files are on this machine. */
export function nodePlatform(extensionUri: vscode.Uri): LecternPlatform {
  const uriOf = pathUris(extensionUri);
  return {
    kind: 'desktop',
    startCorpusWorker: nodeCorpusWorker(vscode.Uri.joinPath(extensionUri, 'dist').fsPath),
    uriOf,
    // The driver is loaded on first use: a window without a shared library never pays for it at activation.
    openSharedLibrary: async (url, limits) => {
      const { PgLibrary } = await import('../../node/pg/pg-library');
      return PgLibrary.connect(url, limits);
    },
    createFullText: (worker, output, cacheFolder) => new FullTextLibrary(worker, output, cacheFolder),
    readFile: (path, maxBytes) => {
      const uri = uriOf(path);
      // Through Node, which checks the open file again; a virtual workspace's files only VS Code can read.
      return uri.scheme === 'file' ? readRegularFile(path, { maxBytes }) : readThroughWorkspaceFs(uri, maxBytes);
    },
  };
}
