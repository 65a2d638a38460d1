import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { messageBundle } from '../../core/l10n/message-bundle';
import type { CorpusWorkerStart, StartCorpusWorker } from './lectern-platform';

/**
 * Starts `import-worker.cjs` from `bundleDir` in a worker thread (none when the bundle is missing, in development),
 * with the host's translation of core messages.
 */
export function nodeCorpusWorker(bundleDir: string): StartCorpusWorker {
  return (events) => {
    const script = join(bundleDir, 'import-worker.cjs');
    if (!existsSync(script)) return undefined;
    try {
      const start: CorpusWorkerStart = { messageBundle: messageBundle() };
      const worker = new Worker(script, { workerData: start });
      worker.on('message', (message: unknown) => events.onMessage(message));
      worker.on('error', (error) => events.onStopped(error.message));
      worker.on('exit', (code) => events.onStopped(`exit code ${code}`));
      // An idle worker must not keep the process alive; one that owes answers must.
      worker.unref();
      return {
        postMessage: (message, transfer) => worker.postMessage(message, transfer),
        setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
        terminate: () => void worker.terminate(),
      };
    } catch {
      return undefined;
    }
  };
}
