/**
 * The search half of the corpus worker (`import-worker.ts`): it keeps the library it last built or was
 * sent, and answers queries on it off the extension host's thread. Imports no `vscode`.
 *
 * Searches wait one turn of the event loop before they run, so a cancel (or a newer search on the
 * same channel) that is already in the message queue drops them unanswered: a palette typing fast
 * gets its newest query served, not a backlog.
 *
 * Once, after the first library it keeps, the server warms the search code up (`SearchWarmUp`): a few hundred
 * searches from the library's own titles, one a turn and only while no search waits, so that a user's first
 * queries do not run interpreted while V8 compiles them.
 */
import type { CorpusFile, CorpusTopics } from '../../core/corpus/corpus';
import { PaperLibrary } from '../../core/library/paper-library';
import type { SearchResponse } from '../../core/search/paper-search';
import { SearchWarmUp } from '../../core/search/search-warm-up';
import type { TopicTaxonomy } from '../../core/topics/assign-topics';
import { nextTurn } from '../platform/next-turn';

/** Status and tags of the papers that have them, from the workspace notes (sent with queries that filter on them). */
export type NoteAnnotations = Record<string, { status?: string; tags?: string[] }>;

/** A query for the worker's library. `channel`: a newer search on the same channel supersedes an older one still waiting. */
export interface WorkerSearchRequest {
  id: number;
  kind: 'search';
  /** The library the host means (`PaperLibrary.indexFingerprint`: files and topics); a worker holding another answers `{ stale: true }`. */
  fingerprint: string;
  query: string;
  limit: number;
  channel?: string;
  annotations?: NoteAnnotations;
}

export type SearchServerRequest =
  | StageRequest
  | ServeRequest
  | { id: number; kind: 'update'; path: string; file?: CorpusFile; topics?: CorpusTopics }
  | WorkerSearchRequest
  | { id: number; kind: 'cancel'; target: number };

/**
 * Keep the library of the files staged before, to search it. `index` and `topics` are the host's own (its loaded
 * cache, sent when the host holds the library already): the worker loads the index and takes the topics instead of
 * indexing and discovering again (at 100 000 papers, about 0.3 s against ten seconds of a core at every window
 * start); either is ignored when its corpus fingerprint is not the staged files' (then built here, as without it).
 */
export interface ServeRequest {
  id: number;
  kind: 'serve';
  taxonomy?: TopicTaxonomy;
  index?: Uint8Array;
  topics?: CorpusTopics;
}

/**
 * Part of a corpus file for a coming `serve` or `index` (no answer): the host sends a large library
 * in slices, one a turn of its event loop, because copying 100 000 papers into one message would
 * stall it for a second or more. `first` starts a new set; a file's slices arrive in order.
 */
export interface StageRequest {
  id: number;
  kind: 'stage';
  first: boolean;
  /** Absent in the one message that stages an empty set. */
  file?: CorpusFile;
}

/** What the server answers (`id` repeats the request's). */
export type SearchServerAnswer =
  | { id: number; fingerprint: string; papers: number; indexFrom?: 'cache' | 'build' }
  | { id: number; response: SearchResponse }
  | { id: number; cancelled: true }
  | { id: number; stale: true }
  | { id: number; error: string };

export class WorkerSearchServer {
  private library: PaperLibrary | undefined;
  private readonly waiting: WorkerSearchRequest[] = [];
  private scheduled = false;
  private staged = new Map<string, CorpusFile>();
  private codeWarmUp: SearchWarmUp | undefined;

  constructor(private readonly post: (answer: SearchServerAnswer) => void) {}

  /** Keeps `library` for the searches that follow (the worker's own index build hands it over this way). */
  keep(library: PaperLibrary): void {
    this.library = library;
    this.warmSoon();
  }

  /** Prepares the kept index for phrases once the current request is answered (searches queued meanwhile wait). */
  private warmSoon(): void {
    const library = this.library;
    nextTurn(() => {
      if (!library || library !== this.library) return;
      library.search.warm();
      if (this.codeWarmUp) return;
      this.codeWarmUp = new SearchWarmUp(library.papers);
      this.warmUpSoon();
    });
  }

  /** Runs the code warm-up's next search on a later turn, after any search waiting then (see the class comment). */
  private warmUpSoon(): void {
    nextTurn(() => {
      const library = this.library;
      if (!library || !this.codeWarmUp) return;
      if (this.waiting.length > 0 || this.scheduled) this.warmUpSoon();
      else if (this.codeWarmUp.step(library.search)) this.warmUpSoon();
    });
  }

  /** Searches the code warm-up has run and has in all (undefined before the first library is kept). */
  warmUpProgress(): { ran: number; calls: number } | undefined {
    return this.codeWarmUp && { ran: this.codeWarmUp.ran, calls: this.codeWarmUp.calls.length };
  }

  /** The files staged since the last `first` slice, in the order they came; the stage is emptied. */
  takeStaged(): CorpusFile[] {
    const files = [...this.staged.values()];
    this.staged = new Map();
    return files;
  }

  /** Handles one request; false when it is not a search-server request. */
  handle(message: { kind: string }): boolean {
    const request = message as SearchServerRequest;
    switch (request.kind) {
      case 'stage': {
        if (request.first) this.staged = new Map();
        const file = request.file;
        const known = file && this.staged.get(file.path);
        if (known) known.papers.push(...file.papers);
        else if (file) this.staged.set(file.path, file);
        return true;
      }
      case 'serve': {
        const { taxonomy, index: cachedIndex, topics } = request;
        const library = PaperLibrary.open(this.takeStaged(), { taxonomy, cachedIndex, topics });
        this.keep(library);
        this.post({ id: request.id, fingerprint: library.indexFingerprint, papers: library.papers.length, indexFrom: library.indexFrom });
        return true;
      }
      case 'update':
        // The host's topics (carried over a small change, see `carryTopics`): the same tree in both places.
        this.library?.updateFile(request.path, request.file, request.topics);
        this.warmSoon();
        this.post({ id: request.id, fingerprint: this.library?.indexFingerprint ?? '', papers: this.library?.papers.length ?? 0 });
        return true;
      case 'search':
        this.enqueue(request);
        return true;
      case 'cancel':
        this.drop((waiting) => waiting.id === request.target);
        return true;
      default:
        return false;
    }
  }

  private enqueue(request: WorkerSearchRequest): void {
    if (request.channel !== undefined) this.drop((waiting) => waiting.channel === request.channel);
    this.waiting.push(request);
    if (this.scheduled) return;
    this.scheduled = true;
    nextTurn(() => this.runWaiting());
  }

  /** Answers `cancelled` to every waiting search `matches` picks. */
  private drop(matches: (request: WorkerSearchRequest) => boolean): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (!matches(this.waiting[i])) continue;
      this.post({ id: this.waiting[i].id, cancelled: true });
      this.waiting.splice(i, 1);
    }
  }

  private runWaiting(): void {
    this.scheduled = false;
    const next = this.waiting.shift();
    if (!next) return;
    const library = this.library;
    try {
      if (!library || library.indexFingerprint !== next.fingerprint) this.post({ id: next.id, stale: true });
      else {
        const notes = next.annotations;
        const response = library.search.search(next.query, { limit: next.limit, annotations: notes && ((id) => notes[id]) });
        this.post({ id: next.id, response });
      }
    } catch (error) {
      this.post({ id: next.id, error: error instanceof Error ? error.message : String(error) });
    }
    // One search a turn: cancels that arrive meanwhile are read before the next one runs.
    if (this.waiting.length > 0) {
      this.scheduled = true;
      nextTurn(() => this.runWaiting());
    }
  }
}
