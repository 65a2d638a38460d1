import { corpusFingerprint, type BuildCorpusOptions, type CorpusFile, type CorpusTopics } from '../../core/corpus/corpus';
import type { ImportResult } from '../../core/model/diagnostic';
import { importCorpusFile } from '../../core/import/import-corpus-file';
import type { ImportOptions } from '../../core/import/import-limits';
import type { SearchResponse } from '../../core/search/paper-search';
import type { TopicTaxonomy } from '../../core/topics/assign-topics';
import type { CorpusWorkerPort, StartCorpusWorker } from '../platform/lectern-platform';
import { nextTurn } from '../platform/next-turn';
import type { WorkerRequest } from './corpus-worker-requests';
import type { WorkerSearchRequest } from './worker-search-server';
import * as l10n from '@vscode/l10n';

/** Below this size a file is imported on the calling thread: a worker's start-up costs more. */
const WORKER_THRESHOLD_BYTES = 256 * 1024;

/**
 * From this many papers topics are assigned in the worker. Below it discovery is brief (76 papers: ~60 ms warm,
 * where 200 took ~0.4 s and 500 ~0.6 s at a load average of 12 on 2 shared cores), and a worker would add its
 * start-up, a copy of the papers and ~30 MB for a library that small.
 */
export const WORKER_TOPICS_MIN_PAPERS = 200;

/** Papers per slice when a library is sent to the worker: copying one slice takes the host ~10 ms, not seconds. */
const STAGE_SLICE_PAPERS = 1_000;

/** Every answer the worker gives, as one shape (each request reads its own fields). */
interface WorkerAnswer {
  id: number;
  result?: ImportResult;
  index?: Uint8Array;
  fingerprint?: string;
  papers?: number;
  indexFrom?: 'cache' | 'build';
  topics?: CorpusTopics;
  response?: SearchResponse;
  cancelled?: true;
  stale?: true;
  error?: string;
}

type Pending = { resolve: (value: WorkerAnswer) => void; reject: (e: Error) => void };

/** What a cancellable search listens to (a `vscode.CancellationToken` is one). */
export interface CancelSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** A search for the worker: the query, and the library it is meant for (see `WorkerSearchRequest`). */
export type WorkerQuery = Omit<WorkerSearchRequest, 'id' | 'kind'>;

/**
 * The corpus worker (`dist/import-worker.cjs`, or `dist/web/corpus-worker.js` on the web; the platform
 * starts it): imports large files, assigns topics, builds search indexes and searches the library it keeps,
 * off the host's thread. If the worker cannot start (no bundle, in development), imports run inline and
 * `assignTopics`, `buildIndex` and `serve` answer undefined, so the caller does the work itself. A worker that
 * dies rejects what it owed, calls `onStopped`, and the next
 * request starts a fresh one.
 */
export class CorpusImporter {
  private worker: CorpusWorkerPort | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The fingerprint of the library the worker keeps to search (its last index, serve or update). */
  private kept: string | undefined;
  /** The last staged request, which the next one waits for. */
  private staging: Promise<unknown> = Promise.resolve();
  /** The topics the worker sent with its last index, so the `assignTopics` that follows needs no second trip. */
  private indexTopics: CorpusTopics | undefined;

  constructor(
    private readonly startWorker: StartCorpusWorker,
    /** Told why, when the worker stopped without being disposed (it held the library it searched). */
    private readonly onStopped: (reason: string) => void = () => undefined,
  ) {}

  /** The library the worker searches (`PaperLibrary.indexFingerprint`: its files and topics); undefined when it holds none. */
  get servedFingerprint(): string | undefined {
    return this.worker ? this.kept : undefined;
  }

  /** Imports one file within `options.limits` (with `options.bibtex`, its folder's BibTeX definitions), in the worker when it is large. */
  async import(path: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
    if (bytes.byteLength < WORKER_THRESHOLD_BYTES || !this.ensureWorker()) return importCorpusFile(path, bytes, options);
    const { result } = await this.request({ id: 0, kind: 'import', path, bytes, limits: options.limits, bibtex: options.bibtex });
    return result!;
  }

  /**
   * A serialized index of the corpus these files make, built in the worker (which keeps it to search) under `topics`
   * when given (the cache's), else under those it assigns; undefined without a worker.
   */
  async buildIndex(files: CorpusFile[], taxonomy: TopicTaxonomy | undefined, given?: CorpusTopics): Promise<Uint8Array | undefined> {
    if (!this.ensureWorker()) return undefined;
    const { index, topics } = await this.staged(files, () => this.request({ id: 0, kind: 'index', taxonomy, topics: given }));
    this.indexTopics = topics;
    return index;
  }

  /**
   * The topics of the corpus these files make (`assignCorpusTopics`, carried over from `carryFrom` when it allows),
   * assigned in the worker; undefined for a library under `WORKER_TOPICS_MIN_PAPERS` papers or without a worker (the
   * caller assigns them itself).
   */
  async assignTopics(
    files: CorpusFile[],
    taxonomy: TopicTaxonomy | undefined,
    carryFrom?: BuildCorpusOptions['carryFrom'],
  ): Promise<CorpusTopics | undefined> {
    const papers = files.reduce((sum, file) => sum + file.papers.length, 0);
    if (papers < WORKER_TOPICS_MIN_PAPERS) return undefined;
    const known = this.indexTopics;
    this.indexTopics = undefined;
    if (!carryFrom && known && known.fingerprint === corpusFingerprint(files, { taxonomy })) return known;
    if (!this.ensureWorker()) return undefined;
    return (await this.staged(files, () => this.request({ id: 0, kind: 'topics', taxonomy, carryFrom }))).topics;
  }

  /**
   * Has the worker keep the library of these files for `search`: it loads what `seedOf` gives (the index and topics
   * the host holds for them, see `ServeRequest`; asked only when a worker runs; the index's bytes move to the worker)
   * or else builds both. Resolves with the library's fingerprint and whether its index was loaded or built;
   * undefined without a worker.
   */
  async serve(
    files: CorpusFile[],
    taxonomy: TopicTaxonomy | undefined,
    seedOf?: () => Promise<{ index: Uint8Array; topics: CorpusTopics } | undefined>,
  ): Promise<{ fingerprint: string; indexFrom?: 'cache' | 'build' } | undefined> {
    if (!this.ensureWorker()) return undefined;
    const seed = await seedOf?.().catch(() => undefined);
    // Moved, not copied; a view into a larger buffer (a file read may hand one over) is copied out first.
    const index = seed && (ownsBuffer(seed.index) ? seed.index : seed.index.slice());
    const transfer = index ? [index.buffer as ArrayBuffer] : [];
    const answer = await this.staged(files, () =>
      this.request({ id: 0, kind: 'serve', taxonomy, index, topics: seed?.topics }, undefined, transfer),
    );
    return { fingerprint: answer.fingerprint ?? '', indexFrom: answer.indexFrom };
  }

  /** Stages `files`, then sends the request that uses them: one at a time, so two sets never interleave. */
  private staged(files: CorpusFile[], then: () => Promise<WorkerAnswer>): Promise<WorkerAnswer> {
    const run = this.staging.then(async () => {
      await this.stage(files);
      return then();
    });
    this.staging = run.catch(() => undefined);
    return run;
  }

  /** Sends the files in slices, yielding to the event loop between them, so the host never stalls on one huge copy. */
  private async stage(files: CorpusFile[]): Promise<void> {
    let first = true;
    const send = (file?: CorpusFile) => {
      this.worker?.postMessage({ id: 0, kind: 'stage', first, file } satisfies WorkerRequest);
      first = false;
    };
    if (files.length === 0) send();
    for (const file of files) {
      send({ ...file, papers: file.papers.slice(0, STAGE_SLICE_PAPERS) });
      for (let start = STAGE_SLICE_PAPERS; start < file.papers.length; start += STAGE_SLICE_PAPERS) {
        await new Promise<void>((resolve) => nextTurn(resolve));
        send({
          path: file.path,
          fingerprint: file.fingerprint,
          papers: file.papers.slice(start, start + STAGE_SLICE_PAPERS),
          diagnostics: [],
        });
      }
    }
    if (!this.worker) throw new Error(l10n.t('Lectern: the corpus worker stopped.'));
  }

  /** Replaces (or with `undefined` removes) one corpus file of the worker's library, as the host's did, with its topics. */
  async update(path: string, file: CorpusFile | undefined, topics?: CorpusTopics): Promise<string | undefined> {
    if (!this.worker) return undefined;
    return (await this.request({ id: 0, kind: 'update', path, file, topics })).fingerprint;
  }

  /**
   * The worker's answer to `query`; `'superseded'` when a newer query on its channel took its place in the worker
   * (that one answers); undefined when `token` was cancelled first (at once, whatever the worker still does) or when
   * the worker holds another library than `query.fingerprint`. Rejects when there is no worker or it failed.
   */
  search(query: WorkerQuery, token?: CancelSignal): Promise<SearchResponse | 'superseded' | undefined> {
    if (!this.worker) return Promise.reject(new Error(l10n.t('Lectern: the corpus worker is not running.')));
    if (token?.isCancellationRequested) return Promise.resolve(undefined);
    const id = this.nextId++;
    const answer = this.request({ ...query, id, kind: 'search' }, id).then((a) =>
      a.cancelled ? (token?.isCancellationRequested ? undefined : 'superseded') : a.response,
    );
    if (!token) return answer;
    return new Promise((resolve, reject) => {
      const listener = token.onCancellationRequested(() => {
        const waiting = this.pending.get(id);
        this.settle(id);
        this.worker?.postMessage({ id: 0, kind: 'cancel', target: id } satisfies WorkerRequest);
        waiting?.resolve({ id, cancelled: true });
      });
      answer.then(resolve, reject);
      void answer.finally(() => listener.dispose()).catch(() => undefined);
    });
  }

  /**
   * Sends a request that another part of the worker answers (the PDFs' full text: `worker-fulltext-server.ts`) and
   * resolves with the answer as sent; undefined when no worker can run (in development, without the bundle).
   */
  ask<T>(message: WorkerRequest, options: { answered: boolean } = { answered: true }): Promise<T> | undefined {
    if (!this.ensureWorker()) return undefined;
    if (!options.answered) {
      this.worker!.postMessage(message);
      return Promise.resolve(undefined as T);
    }
    return this.request(message) as Promise<unknown> as Promise<T>;
  }

  private request(message: WorkerRequest, id = this.nextId++, transfer: ArrayBuffer[] = []): Promise<WorkerAnswer> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Keep the process alive while an answer is due; an idle worker must not.
      this.worker!.setBusy(true);
      this.worker!.postMessage({ ...message, id }, transfer);
    });
  }

  /** Forgets request `id` (answered or cancelled); the idle worker stops holding the process open. */
  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.setBusy(false);
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.terminate();
    this.failPending(new Error(l10n.t('Lectern: the corpus worker stopped.')));
  }

  private failPending(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  private ensureWorker(): CorpusWorkerPort | undefined {
    if (this.worker) return this.worker;
    const worker = this.startWorker({
      onMessage: (raw) => {
        const message = raw as WorkerAnswer;
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.settle(message.id);
        if (message.fingerprint !== undefined) this.kept = message.fingerprint || undefined;
        if (message.error !== undefined) waiting.reject(new Error(message.error));
        else waiting.resolve(message);
      },
      onStopped: (reason) => {
        if (!worker || this.worker !== worker) return; // disposed, or already reported
        this.worker = undefined;
        this.kept = undefined;
        this.failPending(new Error(l10n.t('Lectern: the corpus worker stopped ({0}).', reason)));
        this.onStopped(reason);
      },
    });
    this.worker = worker;
    return worker;
  }
}

/** Whether `bytes` spans its whole buffer, which can then move to the worker without taking anything else along. */
function ownsBuffer(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}
