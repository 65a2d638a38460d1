/**
 * Web Worker entry (VS Code for the Web): the corpus worker of `import-worker.ts`, over the same request handler,
 * in a browser worker instead of a Node worker thread.
 */
import { corpusWorkerHandler, type WorkerRequest } from '../vscode/library/corpus-worker-requests';

/** The worker's global scope (the project compiles against Node's types, not the DOM's). */
const scope = globalThis as unknown as {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
};
const handle = corpusWorkerHandler((answer, transfer) => scope.postMessage(answer, transfer ?? []));
scope.onmessage = (event) => handle(event.data as WorkerRequest);
