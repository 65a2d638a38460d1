import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { CorpusFile } from '../../core/corpus/corpus';
import type { ImportResult } from '../../core/model/diagnostic';
import { importCorpusFile } from '../../core/import/import-corpus-file';
import type { ImportOptions } from '../../core/import/import-limits';
import type { TopicTaxonomy } from '../../core/topics/assign-topics';
import type { WorkerRequest } from './import-worker';

/** Below this size a file is imported on the calling thread: a worker's start-up costs more. */
const WORKER_THRESHOLD_BYTES = 256 * 1024;

type Pending = { resolve: (value: { result?: ImportResult; index?: string }) => void; reject: (e: Error) => void };

/**
 * The corpus worker (`dist/import-worker.cjs`): imports large files and builds search indexes
 * in a worker thread. If the worker cannot start (no bundle, in development), imports run
 * inline and `buildIndex` answers undefined, so the caller builds the index itself.
 */
export class CorpusImporter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly bundleDir: string) {}

  /** Imports one file within `options.limits`, in the worker when it is large. */
  async import(path: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
    if (bytes.byteLength < WORKER_THRESHOLD_BYTES || !this.ensureWorker()) return importCorpusFile(path, bytes, options);
    const { result } = await this.request({ id: 0, kind: 'import', path, bytes, limits: options.limits });
    return result!;
  }

  /** A serialized index of the corpus these files make, built in the worker; undefined without one. */
  async buildIndex(files: CorpusFile[], taxonomy: TopicTaxonomy | undefined): Promise<string | undefined> {
    if (!this.ensureWorker()) return undefined;
    const { index } = await this.request({ id: 0, kind: 'index', files, taxonomy });
    return index;
  }

  private request(message: WorkerRequest): Promise<{ result?: ImportResult; index?: string }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Keep the process alive while an answer is due; an idle worker must not.
      this.worker!.ref();
      this.worker!.postMessage({ ...message, id });
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const { reject } of this.pending.values()) reject(new Error('Lectern: the corpus worker stopped.'));
    this.pending.clear();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    const script = join(this.bundleDir, 'import-worker.cjs');
    if (!existsSync(script)) return undefined;
    try {
      const worker = new Worker(script);
      worker.on('message', (message: { id: number; result?: ImportResult; index?: string; error?: string }) => {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        if (this.pending.size === 0) worker.unref();
        if (message.error !== undefined) waiting.reject(new Error(message.error));
        else waiting.resolve(message);
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
