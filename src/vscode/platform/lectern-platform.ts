import type * as vscode from 'vscode';
import type { MessageBundle } from '../../core/l10n/message-bundle';
import type { LibraryBackend } from '../../core/library/library-backend';
import type { FullTextLibrary } from '../library/fulltext-library';
import type { FullTextWorker } from '../library/fulltext-staging';

/** What the corpus worker tells the host: each answer, and that it stopped (crashed or exited). */
export interface CorpusWorkerEvents {
  onMessage(message: unknown): void;
  onStopped(reason: string): void;
}

/**
 * A running corpus worker, whatever runs it: a Node worker thread on the desktop, a Web Worker in VS Code for
 * the Web. The same script (`import-worker.ts` / `web/corpus-worker.ts` over one request handler) answers.
 */
export interface CorpusWorkerPort {
  /** `transfer`: buffers moved to the worker rather than copied (a library's index: tens of MB at 100 000 papers). */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Whether answers are due: a Node worker holds the process open only then. A no-op where that means nothing. */
  setBusy(busy: boolean): void;
  terminate(): void;
}

/**
 * What a corpus worker is given when it starts (a Node worker's `workerData`; a Web Worker's first message, with
 * `kind: 'start'`): the translation of core's messages the host uses, so the worker's diagnostics match it.
 */
export interface CorpusWorkerStart {
  messageBundle: MessageBundle | undefined;
}

/** Starts a corpus worker; undefined when there is none to start (no bundle, in development), so work runs inline. */
export type StartCorpusWorker = (events: CorpusWorkerEvents) => CorpusWorkerPort | undefined;

/** How long and how widely a shared library's connection may wait and fan out (`PgLibrary.connect`'s options). */
export interface SharedLibraryLimits {
  maxConnections: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
}

/** Opens the shared PostgreSQL library at `url` (the password already in it). */
export type OpenSharedLibrary = (url: string, limits: SharedLibraryLimits) => Promise<LibraryBackend>;

/**
 * The few things Lectern does differently on the desktop (Node extension host) and in VS Code for the Web
 * (a browser worker extension host): chosen once, at the entry point, and handed to the services. Everything
 * else is one code path.
 */
export interface LecternPlatform {
  /** `desktop` (Node) or `web`: for the output channel and messages of features the web cannot offer. */
  readonly kind: 'desktop' | 'web';
  /** The corpus worker that imports large files, builds indexes and answers searches off the host's thread. */
  startCorpusWorker: StartCorpusWorker;
  /** The URI of a path Lectern keeps as a string (`Uri.fsPath` of a workspace or extension file). */
  uriOf(path: string): vscode.Uri;
  /**
   * At most `maxBytes + 1` bytes of a file `workspace.fs.stat` already found to be a regular file within the limit
   * (one byte more than the limit tells the caller it grew meanwhile).
   */
  readFile(path: string, maxBytes: number): Promise<Uint8Array>;
  /**
   * Opens a shared PostgreSQL library; undefined where there is no PostgreSQL driver (VS Code for the Web: the
   * driver needs Node's sockets), and the shared library says so instead of connecting.
   */
  openSharedLibrary: OpenSharedLibrary | undefined;
  /**
   * Full-text search of the papers' PDFs, read in the corpus worker with pdf.js in Node; undefined on the web, where
   * PDFs are `file:` paths it cannot read (searches then leave PDFs out).
   */
  createFullText: ((worker: FullTextWorker, output: vscode.LogOutputChannel, cacheFolder: string) => FullTextLibrary) | undefined;
}
