/**
 * What the corpus worker answers, whichever worker runs it (a Node worker thread, `import-worker.ts`; a Web Worker
 * in VS Code for the Web, `src/web/corpus-worker.ts`). Requests:
 *   `{ id, kind: 'import', path, bytes, limits, bibtex }` → `{ id, result }` (an ImportResult within the limits);
 *   `{ id, kind: 'index', taxonomy, topics? }` → `{ id, index, fingerprint, topics }` (a serialized search index of
 *   the files staged before, which the host loads in a fraction of the time a build takes, and their topics: those
 *   given, the host's cached ones, else assigned here);
 *   the worker keeps that library to search it;
 *   `{ id, kind: 'topics', taxonomy, carryFrom? }` → `{ id, topics }`: the topics of the files staged before
 *   (`assignCorpusTopics`, curation included, carried over from `carryFrom` when it allows), so discovery never
 *   runs on the host's thread;
 *   `stage`, `serve`, `update`, `search`, `cancel`: files sent in slices, and searches of the kept
 *   library (see `WorkerSearchServer`);
 *   `fulltext-stage`, `fulltext-build`, `fulltext-search`: the PDFs' text and its index (`WorkerFullTextServer`,
 *   desktop only: the Node entry passes it as `more`).
 * Failures answer `{ id, error }`. Imports no `vscode`.
 */
import { importCorpusFile } from '../../core/import/import-corpus-file';
import type { BibtexDefinitions, ImportLimits } from '../../core/import/import-limits';
import { PaperLibrary } from '../../core/library/paper-library';
import { assignCorpusTopics, type BuildCorpusOptions, type CorpusTopics } from '../../core/corpus/corpus';
import type { TopicTaxonomy } from '../../core/topics/assign-topics';
import type { FullTextRequest } from './worker-fulltext-server';
import { WorkerSearchServer, type SearchServerRequest } from './worker-search-server';

export type WorkerRequest =
  | { id: number; kind: 'import'; path: string; bytes: Uint8Array; limits?: ImportLimits; bibtex?: BibtexDefinitions }
  | { id: number; kind: 'index'; taxonomy?: TopicTaxonomy; topics?: CorpusTopics }
  | { id: number; kind: 'topics'; taxonomy?: TopicTaxonomy; carryFrom?: BuildCorpusOptions['carryFrom'] }
  | SearchServerRequest
  | FullTextRequest;

/**
 * The worker's message handler: each request's answer (or `{ id, error }`) goes to `post`, with the buffers it may
 * move instead of copying (an index's bytes). `more` handles what only one platform's worker can (true when it
 * took the message).
 */
export function corpusWorkerHandler(
  post: (answer: unknown, transfer?: ArrayBuffer[]) => void,
  more: (message: WorkerRequest) => boolean = () => false,
): (message: WorkerRequest) => void {
  const server = new WorkerSearchServer(post);
  return (message) => {
    try {
      if (server.handle(message) || more(message)) return;
      if (message.kind === 'import')
        post({ id: message.id, result: importCorpusFile(message.path, message.bytes, { limits: message.limits, bibtex: message.bibtex }) });
      else if (message.kind === 'index') {
        const files = server.takeStaged();
        const topics = message.topics ?? assignCorpusTopics(files, { taxonomy: message.taxonomy });
        const library = PaperLibrary.open(files, { taxonomy: message.taxonomy, topics });
        server.keep(library);
        const index = library.serializeIndex();
        post({ id: message.id, index, fingerprint: library.indexFingerprint, topics }, [index.buffer as ArrayBuffer]);
      } else if (message.kind === 'topics') {
        post({
          id: message.id,
          topics: assignCorpusTopics(server.takeStaged(), { taxonomy: message.taxonomy, carryFrom: message.carryFrom }),
        });
      }
    } catch (error) {
      post({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  };
}
