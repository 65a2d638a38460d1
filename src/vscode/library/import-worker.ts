/**
 * Worker thread entry: the heavy corpus work, off the extension host's main thread, so a large
 * library never stalls other extensions. Requests:
 *   `{ id, kind: 'import', path, bytes, limits }` → `{ id, result }` (an ImportResult within the limits);
 *   `{ id, kind: 'index', taxonomy }` → `{ id, index, fingerprint, topics }` (a serialized search index of the
 *   files staged before, which the host loads in a fraction of the time a build takes, and their topics);
 *   the worker keeps that library to search it;
 *   `{ id, kind: 'topics', taxonomy }` → `{ id, topics }`: the topics of the files staged before
 *   (`assignCorpusTopics`, curation included), so discovery never runs on the host's thread;
 *   `stage`, `serve`, `update`, `search`, `cancel`: files sent in slices, and searches of the kept
 *   library (see `WorkerSearchServer`).
 * Failures answer `{ id, error }`. Imports no `vscode`.
 */
import { parentPort } from 'node:worker_threads';
import { importCorpusFile } from '../../core/import/import-corpus-file';
import type { ImportLimits } from '../../core/import/import-limits';
import { PaperLibrary } from '../../core/library/paper-library';
import { assignCorpusTopics } from '../../core/corpus/corpus';
import type { TopicTaxonomy } from '../../core/topics/assign-topics';
import { WorkerSearchServer, type SearchServerRequest } from './worker-search-server';

export type WorkerRequest =
  | { id: number; kind: 'import'; path: string; bytes: Uint8Array; limits?: ImportLimits }
  | { id: number; kind: 'index'; taxonomy?: TopicTaxonomy }
  | { id: number; kind: 'topics'; taxonomy?: TopicTaxonomy }
  | SearchServerRequest;

const server = new WorkerSearchServer((answer) => parentPort!.postMessage(answer));

parentPort?.on('message', (message: WorkerRequest) => {
  try {
    if (server.handle(message)) return;
    if (message.kind === 'import')
      parentPort!.postMessage({ id: message.id, result: importCorpusFile(message.path, message.bytes, { limits: message.limits }) });
    else if (message.kind === 'index') {
      const files = server.takeStaged();
      const topics = assignCorpusTopics(files, { taxonomy: message.taxonomy });
      const library = PaperLibrary.open(files, { taxonomy: message.taxonomy, topics });
      server.keep(library);
      parentPort!.postMessage({ id: message.id, index: library.serializeIndex(), fingerprint: library.corpus.fingerprint, topics });
    } else if (message.kind === 'topics') {
      parentPort!.postMessage({ id: message.id, topics: assignCorpusTopics(server.takeStaged(), { taxonomy: message.taxonomy }) });
    }
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
