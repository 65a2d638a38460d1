import * as vscode from 'vscode';
import type { CorpusWorkerEvents, CorpusWorkerPort, LecternPlatform } from '../vscode/platform/lectern-platform';
import { pathUris, readThroughWorkspaceFs } from '../vscode/platform/uri-under-roots';

/**
 * VS Code for the Web: the extension host is a browser worker, with no Node. Files are read through
 * `workspace.fs` (the workspace may be virtual: a `vscode-remote:` or `vscode-vfs:` folder, not `file:`), and the
 * corpus worker is a Web Worker started from the extension's `dist/web/corpus-worker.js`.
 */
export function webPlatform(extensionUri: vscode.Uri): LecternPlatform {
  const uriOf = pathUris(extensionUri);
  return {
    kind: 'web',
    startCorpusWorker: webCorpusWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'corpus-worker.js')),
    uriOf,
    readFile: (path, maxBytes) => readThroughWorkspaceFs(uriOf(path), maxBytes),
  };
}

/** The part of the browser's `Worker` used here (the project compiles against Node's types, not the DOM's). */
interface BrowserWorker {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}
type BrowserWorkerConstructor = new (url: string, options?: { name?: string }) => BrowserWorker;

/**
 * Starts the corpus worker as a Web Worker. VS Code's web extension host turns the extension's URI into one the
 * browser can load (it wraps nested workers for that). A worker that fails to start reports it as stopped, and
 * the work runs in the extension host instead.
 */
function webCorpusWorker(script: vscode.Uri): (events: CorpusWorkerEvents) => CorpusWorkerPort | undefined {
  return (events) => {
    const Worker = (globalThis as { Worker?: BrowserWorkerConstructor }).Worker;
    if (typeof Worker !== 'function') return undefined;
    try {
      const worker = new Worker(script.toString(true), { name: 'Lectern corpus worker' });
      worker.onmessage = (event) => events.onMessage(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        events.onStopped(event.message || 'the worker script failed to load');
      };
      return {
        postMessage: (message) => worker.postMessage(message),
        setBusy: () => undefined, // a browser worker never holds anything open
        terminate: () => worker.terminate(),
      };
    } catch {
      return undefined;
    }
  };
}
