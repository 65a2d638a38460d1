import * as vscode from 'vscode';
import type { BackendSearchOptions, LibraryBackend, TopicCount } from '../../../core/library/library-backend';
import type { Paper } from '../../../core/model/paper';
import type { RelatedPaper } from '../../../core/related/related-papers';
import type { SearchResponse } from '../../../core/search/paper-search';
import { describeConnection } from '../../../node/pg/pg-connection-error';
import { PgLibraryError } from '../../../node/pg/pg-library-error';
import {
  databaseSettingProblem,
  retriesAutomatically,
  retryDelayMs,
  secretKeyFor,
  stateAfterFault,
  withPassword,
  type ConnectionFault,
  type ConnectionState,
} from './connection-state';
import type { OpenSharedLibrary, SharedLibraryLimits } from '../../platform/lectern-platform';

/** The setting naming the shared library (a connection string without the password). */
export const DATABASE_SETTING = 'library.database';

/**
 * Connections the extension host keeps to the shared library: a palette search asks a few vocabulary questions
 * and one ranking statement, the tree and the reader one each, so three run side by side without queueing; a
 * lab's server serves many members, so each keeps few.
 */
const POOL_SIZE = 3;
/** A statement running longer is cancelled by the server: the palette shows the workspace's hits meanwhile. */
const STATEMENT_TIMEOUT_MS = 10_000;
/** Giving up on reaching the server after this long (then offline, retried with backoff). */
const CONNECT_TIMEOUT_MS = 5_000;
/** How often a connected library checks the server is still there, so the status bar says so without a search. */
const HEARTBEAT_MS = 15_000;

/** The limits this extension host's connections keep to. */
const LIMITS: SharedLibraryLimits = {
  maxConnections: POOL_SIZE,
  statementTimeoutMs: STATEMENT_TIMEOUT_MS,
  connectTimeoutMs: CONNECT_TIMEOUT_MS,
};

/**
 * The shared PostgreSQL library beside the workspace's own (`lectern.library.database`), in the extension host:
 * the driver only waits on sockets, and the rows it parses are a page of papers, so the corpus worker (there for
 * CPU-bound index work) would add a message hop per request and nothing else. Its password lives in VS Code's
 * SecretStorage under `user@host:port/database`, never in settings, logs or messages. Every request returns
 * undefined (or nothing) instead of rejecting when the library cannot answer: the workspace's papers keep
 * working, the status bar says what is wrong, and an unreachable server is retried with backoff.
 */
export class SharedLibrary implements vscode.Disposable {
  private backend: LibraryBackend | undefined;
  private stateValue: ConnectionState = 'off';
  private problem: string | undefined;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** Increases with every connect or disconnect: an older attempt's outcome is dropped. */
  private generation = 0;
  private connecting: Promise<void> | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<ConnectionState>();
  private readonly disposables: vscode.Disposable[] = [this.stateEmitter];
  /** Papers read lately (listed in the tree, opened): the reader's re-renders need not ask the server again. */
  private readonly recentPapers = new Map<string, Paper>();
  /** Ids the shared library gave lately (hits, pages, papers): the reader and notes know where to look. */
  private readonly sharedIds = new Map<string, true>();
  /** Terms the last searches matched, by paper id. */
  private readonly terms = new Map<string, string[]>();

  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly output: vscode.LogOutputChannel,
    /** `PgLibrary.connect` on the desktop (tests may pass their own); undefined in VS Code for the Web. */
    private readonly open: OpenSharedLibrary | undefined,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`lectern.${DATABASE_SETTING}`)) void this.connect();
      }),
    );
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** What went wrong last (a `Lectern:` message saying what to do), while not connected. */
  get lastProblem(): string | undefined {
    return this.problem;
  }

  /** The connection string in the settings, if any (it holds no password). */
  get url(): string | undefined {
    const value = vscode.workspace.getConfiguration('lectern').get<string>(DATABASE_SETTING, '').trim();
    return value || undefined;
  }

  /** `user@host:port/database`, as the tree, the status bar and messages name the library. */
  get label(): string | undefined {
    const url = this.url;
    return url && describeConnection(url);
  }

  /** Stores the password for the library of `url` (default: the one in the settings), or forgets it with undefined. */
  async storePassword(password: string | undefined, url = this.url): Promise<void> {
    const label = url && describeConnection(url);
    if (!label) return;
    if (password) await this.secrets.store(secretKeyFor(label), password);
    else await this.secrets.delete(secretKeyFor(label));
  }

  /**
   * Connects to the library in the settings with the stored password (if any); resolves when connected or when
   * it failed (the state says which). Never rejects.
   */
  connect(): Promise<void> {
    const mine = ++this.generation;
    this.clearTimers();
    const previous = this.backend;
    this.backend = undefined;
    if (previous) void previous.close().catch(() => undefined);
    const url = this.url;
    if (!url) {
      this.setState('off', undefined);
      return Promise.resolve();
    }
    const problem = databaseSettingProblem(url);
    if (problem) {
      this.setState('offline', problem);
      this.output.warn(problem);
      return Promise.resolve();
    }
    const open = this.open;
    if (!open) {
      const message = vscode.l10n.t(
        "Lectern: a shared library needs VS Code on the desktop (its PostgreSQL driver uses Node's sockets); the workspace's own papers work here.",
      );
      this.setState('offline', message);
      this.output.warn(message);
      return Promise.resolve();
    }
    this.setState('connecting', undefined);
    const attempt = this.attempt(url, mine, open).finally(() => {
      if (this.connecting === attempt) this.connecting = undefined;
    });
    this.connecting = attempt;
    return attempt;
  }

  /** Closes the connection; the library stays off until Connect (or a window reload). */
  async disconnect(): Promise<void> {
    this.generation++;
    this.clearTimers();
    const previous = this.backend;
    this.backend = undefined;
    this.recentPapers.clear();
    this.setState('off', undefined);
    await previous?.close().catch(() => undefined);
  }

  /** Checks the server now (the heartbeat's check): offline when it is gone. */
  async check(): Promise<void> {
    await this.request((backend) => backend.list({ limit: 0 }));
  }

  /**
   * The shared library's answer to a palette query (hits carry the title and topics; `paper` reads a whole
   * paper when one is opened); undefined when it is not connected or cannot answer.
   */
  async search(query: string, options: BackendSearchOptions): Promise<SearchResponse | undefined> {
    const response = await this.request((backend) => backend.search(query, options));
    for (const hit of response?.results ?? []) {
      this.markShared(hit.id);
      this.terms.set(hit.id, hit.terms);
    }
    trim(this.terms, 2_000);
    return response;
  }

  /** The index terms the last search matched in a shared paper (the reader highlights them). */
  hitTerms(paperId: string): string[] {
    return this.terms.get(paperId) ?? [];
  }

  /** A shared paper by id or citekey; undefined when absent, or when the library is not connected. */
  async paper(idOrCiteKey: string): Promise<Paper | undefined> {
    const known = this.recentPapers.get(idOrCiteKey);
    if (known) return known;
    const paper = await this.request((backend) => backend.paper(idOrCiteKey));
    if (paper) this.remember([paper]);
    return paper;
  }

  /** Whether a paper came from the shared library (one of the last ones searched, listed or opened). */
  isShared(paperId: string): boolean {
    return this.sharedIds.has(paperId);
  }

  async related(id: string, limit = 8): Promise<RelatedPaper[]> {
    return (await this.request((backend) => backend.related(id, limit))) ?? [];
  }

  async topics(): Promise<TopicCount[] | undefined> {
    return this.request((backend) => backend.topics());
  }

  async list(limit: number, offset: number): Promise<{ papers: Paper[]; total: number } | undefined> {
    const page = await this.request((backend) => backend.list({ limit, offset }));
    if (page) this.remember(page.papers);
    return page;
  }

  /** Hits of one topic, by year (newest first), the first `limit`, and how many the topic holds. */
  async topicHits(topic: string, limit: number): Promise<SearchResponse | undefined> {
    return this.search(`topic:"${topic.replace(/"/g, ' ')}"`, { limit });
  }

  private async attempt(url: string, mine: number, open: OpenSharedLibrary): Promise<void> {
    const label = describeConnection(url);
    const password = await Promise.resolve(this.secrets.get(secretKeyFor(label))).catch(() => undefined);
    try {
      const backend = await open(withPassword(url, password), LIMITS);
      if (mine !== this.generation) {
        await backend.close().catch(() => undefined);
        return;
      }
      this.backend = backend;
      this.failures = 0;
      this.setState('connected', undefined);
      this.output.info(`Shared library: connected to ${label}.`);
      this.heartbeat = setInterval(() => void this.check(), HEARTBEAT_MS);
    } catch (error) {
      if (mine !== this.generation) return;
      let fault = faultOf(error);
      // A server that wants a password it was not given answers as if the password were wrong.
      if (!password && (fault === 'auth' || fault === 'query')) fault = 'no-password';
      this.failed(fault, messageFor(fault, error, label));
    }
  }

  /** Runs a request on the connected backend; a failure moves the state (and schedules a reconnect). */
  private async request<T>(work: (backend: LibraryBackend) => Promise<T>): Promise<T | undefined> {
    const backend = this.backend;
    if (!backend || this.stateValue !== 'connected') return undefined;
    const mine = this.generation;
    try {
      return await work(backend);
    } catch (error) {
      if (mine !== this.generation) return undefined;
      const fault = faultOf(error);
      const message = messageFor(fault, error, this.label ?? vscode.l10n.t('the shared library'));
      if (fault === 'query') {
        this.output.warn(`Shared library: ${message}`);
        return undefined;
      }
      // Requests that failed together count once (else the backoff would jump ahead).
      if (this.backend !== backend) return undefined;
      this.backend = undefined;
      void backend.close().catch(() => undefined);
      this.failed(fault, message);
      return undefined;
    }
  }

  private failed(fault: ConnectionFault, message: string): void {
    this.clearTimers();
    const next = stateAfterFault(fault, this.stateValue === 'connected' ? 'connecting' : this.stateValue);
    this.setState(next, message);
    this.output.warn(`Shared library: ${message}`);
    if (!retriesAutomatically(next)) return;
    this.failures += 1;
    const delay = retryDelayMs(this.failures);
    this.output.info(`Shared library: trying again in ${Math.round(delay / 1000)} s.`);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private remember(papers: readonly Paper[]): void {
    for (const paper of papers) {
      this.recentPapers.set(paper.id, paper);
      this.markShared(paper.id);
    }
    trim(this.recentPapers, 500);
  }

  private markShared(id: string): void {
    this.sharedIds.set(id, true);
    trim(this.sharedIds, 20_000);
  }

  private setState(state: ConnectionState, problem: string | undefined): void {
    this.problem = problem;
    const changed = state !== this.stateValue;
    this.stateValue = state;
    void vscode.commands.executeCommand('setContext', 'lectern.sharedLibraryState', state);
    if (changed || problem) this.stateEmitter.fire(state);
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    this.retryTimer = undefined;
    this.heartbeat = undefined;
  }

  dispose(): void {
    this.generation++;
    this.clearTimers();
    void this.backend?.close().catch(() => undefined);
    this.backend = undefined;
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function faultOf(error: unknown): ConnectionFault {
  return error instanceof PgLibraryError ? error.fault : 'query';
}

/** The message for a fault: `PgLibraryError`'s own (built without credentials), else one naming only the library. */
function messageFor(fault: ConnectionFault, error: unknown, label: string): string {
  if (fault === 'no-password')
    return vscode.l10n.t(
      "Lectern: {0} asks for a password. Run Lectern: Connect to a Shared Library… and type it (it is kept in VS Code's secret storage).",
      label,
    );
  if (fault === 'auth')
    return vscode.l10n.t(
      'Lectern: the server refused the user name or password for {0}. Run Lectern: Connect to a Shared Library… and type the password again.',
      label,
    );
  if (error instanceof PgLibraryError) return error.message;
  return vscode.l10n.t('Lectern: {0} could not answer. Try again; if it persists, see the Lectern output channel.', label);
}

/** Drops the oldest entries of a map past `most` (maps iterate in insertion order). */
function trim<K, V>(map: Map<K, V>, most: number): void {
  for (const key of map.keys()) {
    if (map.size <= most) break;
    map.delete(key);
  }
}
