/**
 * Worker thread entry (desktop): the heavy corpus work, off the extension host's main thread, so a large
 * library never stalls other extensions. The requests and answers are `corpusWorkerHandler`'s.
 */
import { parentPort } from 'node:worker_threads';
import { corpusWorkerHandler, type WorkerRequest } from './corpus-worker-requests';

const handle = corpusWorkerHandler((answer) => parentPort!.postMessage(answer));
parentPort?.on('message', (message: WorkerRequest) => handle(message));
