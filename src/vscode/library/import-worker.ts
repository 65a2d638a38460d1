/**
 * Worker thread entry (desktop): the heavy corpus work, off the extension host's main thread, so a large
 * library never stalls other extensions. The requests and answers are `corpusWorkerHandler`'s.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useMessageBundle } from '../../core/l10n/message-bundle';
import type { CorpusWorkerStart } from '../platform/lectern-platform';
import { corpusWorkerHandler, type WorkerRequest } from './corpus-worker-requests';
import { WorkerFullTextServer } from './worker-fulltext-server';

// Diagnostics in the host's language: the host hands its bundle over at start (none when started without it).
useMessageBundle((workerData as CorpusWorkerStart | null)?.messageBundle);
const post = (answer: unknown, transfer?: ArrayBuffer[]) => parentPort!.postMessage(answer, transfer);
// Reading PDFs needs Node (pdf.js and the files by path): only this entry's worker does it.
const fullText = new WorkerFullTextServer(post);
const handle = corpusWorkerHandler(post, (message) => fullText.handle(message));
parentPort?.on('message', (message: WorkerRequest) => handle(message));
