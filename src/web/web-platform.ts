import * as vscode from 'vscode';
import { messageBundle } from '../core/l10n/message-bundle';
import type { CorpusWorkerEvents, CorpusWorkerPort, CorpusWorkerStart, LecternPlatform } from '../vscode/platform/lectern-platform';
import { pathUris, readThroughWorkspaceFs } from '../vscode/platform/uri-under-roots';

/**
 * VS Code for the Web: the extension host is a browser worker, with no Node. Files are read through
 * `workspace.fs` (the workspace may be virtual: a `vscode-remote:` or `vscode-vfs:` folder, not `file:`), and the
 * corpus worker is a Web Worker running the extension's `dist/web/corpus-worker.js`.
 */
export function webPlatform(extensionUri: vscode.Uri): LecternPlatform {
  const uriOf = pathUris(extensionUri);
  const worker = new WebCorpusWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'corpus-worker.js'));
  return {
    kind: 'web',
    startCorpusWorker: (events) => worker.start(events),
    uriOf,
    readFile: (path, maxBytes) => readThroughWorkspaceFs(uriOf(path), maxBytes),
    openSharedLibrary: undefined,
    createFullText: undefined,
  };
}

/** The part of the browser's `Worker` used here (the project compiles against Node's types, not the DOM's). */
interface BrowserWorker {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  terminate(): void;
}

interface BrowserGlobals {
  Worker?: new (url: string, options?: { name?: string }) => BrowserWorker;
  Blob?: new (parts: Uint8Array[], options: { type: string }) => object;
  URL: { createObjectURL?(blob: object): string };
}

/**
 * The corpus worker as a Web Worker. VS Code's web extension host refuses to start a worker from a `vscode-remote:`
 * extension (code-server's, a remote's) and a browser cannot load one from a `vscode-vfs:` URI, so the script is
 * read through `workspace.fs` once and started from a `blob:` URL (an `http(s)` extension location, as on
 * vscode.dev, is loaded as it is). Until the script is read, or where there are no workers, `start` answers
 * undefined and the work runs in the extension host, as on the desktop without a worker bundle.
 */
class WebCorpusWorker {
  private scriptUrl: string | undefined;

  constructor(script: vscode.Uri) {
    const globals = globalThis as unknown as BrowserGlobals;
    if (typeof globals.Worker !== 'function') return;
    // Read in the background at activation (about 1 MB): the first large file usually comes after the listing.
    void scriptUrlOf(script, globals).then(
      (url) => (this.scriptUrl = url),
      () => undefined, // no worker: everything runs in the extension host
    );
  }

  start(events: CorpusWorkerEvents): CorpusWorkerPort | undefined {
    const Worker = (globalThis as unknown as BrowserGlobals).Worker;
    if (!this.scriptUrl || !Worker) return undefined;
    try {
      const worker = new Worker(this.scriptUrl, { name: 'Lectern corpus worker' });
      worker.onmessage = (event) => events.onMessage(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        events.onStopped(event.message || vscode.l10n.t('the worker script failed'));
      };
      const start: { kind: 'start' } & CorpusWorkerStart = { kind: 'start', messageBundle: messageBundle() };
      worker.postMessage(start);
      return {
        postMessage: (message, transfer) => worker.postMessage(message, transfer ?? []),
        setBusy: () => undefined, // a browser worker never holds anything open
        terminate: () => worker.terminate(),
      };
    } catch {
      return undefined;
    }
  }
}

async function scriptUrlOf(script: vscode.Uri, globals: BrowserGlobals): Promise<string> {
  if (script.scheme === 'http' || script.scheme === 'https') return script.toString(true);
  if (!globals.Blob || !globals.URL.createObjectURL) throw new Error('no Blob URLs');
  const bytes = await vscode.workspace.fs.readFile(script);
  return globals.URL.createObjectURL(new globals.Blob([bytes], { type: 'text/javascript' }));
}
