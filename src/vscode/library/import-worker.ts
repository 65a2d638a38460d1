/**
 * Worker thread entry: imports corpus files off the extension host's main thread, so a large
 * BibTeX library never stalls other extensions. Receives `{ id, path, bytes }`, answers
 * `{ id, result }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { importCorpusFile } from '../../core/import/import-corpus-file';

parentPort?.on('message', (message: { id: number; path: string; bytes: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: importCorpusFile(message.path, message.bytes) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
