import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { ImportResult } from '../../core/model/diagnostic';
import { importCorpusFile } from '../../core/import/import-corpus-file';

/** Below this size a file is imported on the calling thread: a worker's start-up costs more. */
const WORKER_THRESHOLD_BYTES = 256 * 1024;

/**
 * Imports corpus file bytes, large ones in a worker thread (`dist/import-worker.cjs`).
 * If the worker cannot start (a missing bundle in development), imports inline instead.
 */
export class CorpusImporter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: ImportResult) => void; reject: (e: Error) => void }>();

  constructor(private readonly bundleDir: string) {}

  async import(path: string, bytes: Uint8Array): Promise<ImportResult> {
    if (bytes.byteLength < WORKER_THRESHOLD_BYTES) return importCorpusFile(path, bytes);
    const worker = this.ensureWorker();
    if (!worker) return importCorpusFile(path, bytes);
    const id = this.nextId++;
    return new Promise<ImportResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, path, bytes });
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const { reject } of this.pending.values()) reject(new Error('Lectern: import cancelled.'));
    this.pending.clear();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(join(this.bundleDir, 'import-worker.cjs'));
      worker.on('message', (message: { id: number; result?: ImportResult; error?: string }) => {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        if (message.result) waiting.resolve(message.result);
        else waiting.reject(new Error(message.error ?? 'Lectern: the import worker failed.'));
      });
      worker.on('error', (error) => {
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
        this.worker = undefined;
      });
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      return undefined;
    }
  }
}
