import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Paper } from '../../core/model/paper';
import { paperCopyBatch } from './paper-row';

/** Worker threads at most: the server needs a core too, and each worker holds its batches. */
const MAX_WORKERS = 4;

/**
 * Builds batches' binary COPY data (`paperCopyBatch`) on worker threads, one batch per worker at a time, so an
 * import uses more than one core for Lectern's tokenizer. Where no worker can start (the worker's file is absent,
 * as in a partial build), or one fails, the batch is built on this thread instead: the bytes are the same either way.
 */
export class CopyLineBuilders {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(worker: Worker | undefined) => void> = [];
  /** The batch each busy worker is building: its id and how to settle it. */
  private readonly pending = new Map<Worker, { id: number; resolve: (data: Buffer) => void; reject: (error: Error) => void }>();
  private readonly dead = new Set<Worker>();
  private nextId = 0;

  constructor(count = Math.min(MAX_WORKERS, Math.max(1, availableParallelism()))) {
    const script = workerScript();
    if (!script) return;
    for (let i = 0; i < count; i++) {
      try {
        const worker = script.endsWith('.ts') ? new Worker(tsxLoader(script), { eval: true }) : new Worker(script);
        worker.unref();
        // One listener each for the worker's life (listeners added and removed per batch lost messages).
        worker.on('message', (message: { id: number; buffer: ArrayBuffer; offset: number; length: number }) => {
          const batch = this.pending.get(worker);
          if (batch?.id !== message.id) return;
          this.pending.delete(worker);
          batch.resolve(Buffer.from(message.buffer, message.offset, message.length));
        });
        const lost = (error: Error) => {
          this.pending.get(worker)?.reject(error);
          this.pending.delete(worker);
          this.dead.add(worker);
        };
        worker.on('error', lost);
        worker.on('exit', (code) =>
          lost(
            new Error(
              l10n.t(
                "Lectern: a thread building the import's COPY batches stopped (exit code {0}). Run the import again: it finishes the job without duplicates.",
                code,
              ),
            ),
          ),
        );
        this.workers.push(worker);
        this.idle.push(worker);
      } catch {
        break;
      }
    }
  }

  /** Batches that can be built at once: the workers still running (1 without any). */
  get parallelism(): number {
    return Math.max(1, this.workers.length - this.dead.size);
  }

  /** The binary COPY data of a batch, in its order. */
  async build(papers: Paper[]): Promise<Buffer> {
    const worker = await this.takeWorker();
    if (!worker) return paperCopyBatch(papers);
    try {
      return await this.buildOn(worker, papers);
    } catch {
      // The worker failed (or could not load): this batch is built here, and the worker is not used again.
      return paperCopyBatch(papers);
    } finally {
      this.release(worker);
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    for (const resolve of this.waiting.splice(0)) resolve(undefined);
  }

  private takeWorker(): Promise<Worker | undefined> {
    if (this.dead.size === this.workers.length) return Promise.resolve(undefined);
    const worker = this.idle.pop();
    return worker ? Promise.resolve(worker) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    if (this.dead.has(worker)) {
      // Waiters keep waiting for the live workers; with none left, they build here.
      if (this.dead.size === this.workers.length) for (const resolve of this.waiting.splice(0)) resolve(undefined);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  private buildOn(worker: Worker, papers: Paper[]): Promise<Buffer> {
    const id = this.nextId++;
    if (this.dead.has(worker))
      return Promise.reject(
        new Error(
          l10n.t(
            "Lectern: a thread building the import's COPY batches had stopped. Run the import again: it finishes the job without duplicates.",
          ),
        ),
      );
    return new Promise((resolve, reject) => {
      this.pending.set(worker, { id, resolve, reject });
      worker.postMessage({ id, papers });
    });
  }
}

/**
 * The worker's file: `pg-copy-worker.cjs` beside the bundle that runs this (the CLI), or the TypeScript source
 * when run from the sources (tests and benchmarks run under tsx, which a worker registers for itself: it does not
 * inherit it).
 */
function workerScript(): string | undefined {
  const candidates: string[] = [];
  if (typeof __dirname === 'string') candidates.push(join(__dirname, 'pg-copy-worker.cjs'));
  // In the CommonJS bundle `import.meta.url` is undefined (scripts/build.mjs).
  const here = import.meta.url as string | undefined;
  if (here?.startsWith('file:')) candidates.push(fileURLToPath(new URL('./copy-lines-worker.ts', here)));
  return candidates.find((path) => existsSync(path));
}

/** A worker that runs a TypeScript file: tsx's loader registered in the worker's own thread first. */
function tsxLoader(script: string): string {
  const url = JSON.stringify(pathToFileURL(script).href);
  return `import('tsx/esm/api').then(({ register }) => { register(); return import(${url}); });`;
}
