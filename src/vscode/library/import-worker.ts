/**
 * Worker thread entry: the heavy corpus work, off the extension host's main thread, so a large
 * library never stalls other extensions. Requests:
 *   `{ id, kind: 'import', path, bytes, limits }` → `{ id, result }` (an ImportResult within the limits);
 *   `{ id, kind: 'index', taxonomy }` → `{ id, index, fingerprint }` (a serialized search index of the
 *   files staged before, which the host loads in a fraction of the time a build takes); the worker
 *   keeps that library to search it;
 *   `stage`, `serve`, `update`, `search`, `cancel`: files sent in slices, and searches of the kept
 *   library (see `WorkerSearchServer`).
 * Failures answer `{ id, error }`. Imports no `vscode`.
 */
import { parentPort } from 'node:worker_threads';
import { importCorpusFile } from '../../core/import/import-corpus-file';
import type { ImportLimits } from '../../core/import/import-limits';
import { PaperLibrary } from '../../core/library/paper-library';
import type { TopicTaxonomy } from '../../core/topics/assign-topics';
import { WorkerSearchServer, type SearchServerRequest } from './worker-search-server';

export type WorkerRequest =
  | { id: number; kind: 'import'; path: string; bytes: Uint8Array; limits?: ImportLimits }
  | { id: number; kind: 'index'; taxonomy?: TopicTaxonomy }
  | SearchServerRequest;

const server = new WorkerSearchServer((answer) => parentPort!.postMessage(answer));

parentPort?.on('message', (message: WorkerRequest) => {
  try {
    if (server.handle(message)) return;
    if (message.kind === 'import')
      parentPort!.postMessage({ id: message.id, result: importCorpusFile(message.path, message.bytes, { limits: message.limits }) });
    else if (message.kind === 'index') {
      const library = PaperLibrary.open(server.takeStaged(), { taxonomy: message.taxonomy });
      server.keep(library);
      const index = library.serializeIndex();
      parentPort!.postMessage({ id: message.id, index, fingerprint: library.corpus.fingerprint }, [index.buffer as ArrayBuffer]);
    }
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
