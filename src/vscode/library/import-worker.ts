/**
 * Worker thread entry (desktop): the heavy corpus work, off the extension host's main thread, so a large
 * library never stalls other extensions. The requests and answers are `corpusWorkerHandler`'s.
 */
import { parentPort } from 'node:worker_threads';
import { corpusWorkerHandler, type WorkerRequest } from './corpus-worker-requests';
import { WorkerFullTextServer } from './worker-fulltext-server';

const post = (answer: unknown, transfer?: ArrayBuffer[]) => parentPort!.postMessage(answer, transfer);
// Reading PDFs needs Node (pdf.js and the files by path): only this entry's worker does it.
const fullText = new WorkerFullTextServer(post);
const handle = corpusWorkerHandler(post, (message) => fullText.handle(message));
parentPort?.on('message', (message: WorkerRequest) => handle(message));
