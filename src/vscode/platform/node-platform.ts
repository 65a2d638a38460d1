import * as vscode from 'vscode';
import { readRegularFile } from '../../node/read-regular-file';
import type { LecternPlatform } from './lectern-platform';
import { nodeCorpusWorker } from './node-corpus-worker';

/** The desktop: a Node extension host, where the workspace's files are on this machine. */
export function nodePlatform(extensionUri: vscode.Uri): LecternPlatform {
  return {
    kind: 'desktop',
    startCorpusWorker: nodeCorpusWorker(vscode.Uri.joinPath(extensionUri, 'dist').fsPath),
    uriOf: (path) => vscode.Uri.file(path),
    // Through Node, which checks the open file again (the extension host runs where the files are).
    readFile: (path, maxBytes) => readRegularFile(path, { maxBytes }),
  };
}
