/**
 * Web Worker entry (VS Code for the Web): the corpus worker of `import-worker.ts`, over the same request handler,
 * in a browser worker instead of a Node worker thread.
 */
import { useMessageBundle } from '../core/l10n/message-bundle';
import { corpusWorkerHandler, type WorkerRequest } from '../vscode/library/corpus-worker-requests';
import type { CorpusWorkerStart } from '../vscode/platform/lectern-platform';

/** The worker's global scope (the project compiles against Node's types, not the DOM's). */
const scope = globalThis as unknown as {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
};
const handle = corpusWorkerHandler((answer, transfer) => scope.postMessage(answer, transfer ?? []));
scope.onmessage = (event) => {
  const message = event.data as WorkerRequest | ({ kind: 'start' } & CorpusWorkerStart);
  // The host's first message: its translation of core messages (a Web Worker has no start data).
  if (message.kind === 'start') useMessageBundle(message.messageBundle);
  else handle(message);
};
