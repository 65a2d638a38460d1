import { corpusTopicsOf, indexFingerprintOf } from '../../core/corpus/corpus';
import type { PaperLibrary } from '../../core/library/paper-library';
import type { AnnotationLookup, SearchResponse } from '../../core/search/paper-search';
import { parseQuery } from '../../core/search/parse-query';
import type { TopicTaxonomy } from '../../core/topics/assign-topics';
import type { CancelSignal, CorpusImporter } from './corpus-importer';
import type { NoteAnnotations } from './worker-search-server';

/**
 * From this many papers the palette's searches run in the corpus worker. Below it the host's own
 * index answers: a query there costs a few milliseconds at most (under a frame), and the worker
 * would cost a second copy of the library plus a message round trip per keystroke. It is the size
 * from which the loader already builds the index in the worker (`buildIndexMinPapers`), so the
 * worker holds that library anyway.
 */
export const WORKER_SEARCH_MIN_PAPERS = 20_000;

/** The palette channel: a newer palette query supersedes an older one still waiting in the worker. */
const PALETTE_CHANNEL = 'palette';

/** How often a worker that keeps dying is restarted for one library before searches stay in the host. */
const MAX_RESTARTS = 3;

/** The library's index from its cache, when the cache holds the index of the library with `fingerprint`. */
export type CachedIndex = (fingerprint: string) => Promise<Uint8Array | undefined>;

/** Where a search was answered, for the output channel and tests. */
export type SearchPlace = 'host' | 'worker';

/**
 * The palette's searches: in the corpus worker for a large library once it holds the same library
 * (a fingerprint check), in the host otherwise: for a small library, while the worker is still
 * building, and when it failed. A cancelled search resolves undefined at once and its answer,
 * if the worker still gives one, is dropped. `tag:` and `status:` come from the workspace notes,
 * which live in the host: a query naming them carries the status and tags of the papers that have
 * any, read at that moment, so the worker never filters on stale notes.
 */
export class LibrarySearch {
  private restarts = 0;
  private attached: { library: PaperLibrary; taxonomy: TopicTaxonomy | undefined; cachedIndex?: CachedIndex } | undefined;
  /** Where the last answered search ran. */
  lastPlace: SearchPlace = 'host';
  /** The last library handed to the worker (`attach`): its papers, and whether the worker loaded the host's index or built one. */
  lastServed: { papers: number; indexFrom?: 'cache' | 'build' } | undefined;

  constructor(
    private readonly importer: CorpusImporter,
    private readonly log: { info(message: string): void; warn(message: string): void },
    /** The library size from which searches run in the worker; smaller only in tests, to keep them quick. */
    private readonly workerMinPapers = WORKER_SEARCH_MIN_PAPERS,
  ) {}

  /**
   * After a load: a large library is handed to the worker, unless the worker built it and holds it already.
   * `cachedIndex`: the library's index as its cache holds it, if it does (`LibraryLoader.cachedIndexOf`).
   */
  attach(library: PaperLibrary, taxonomy: TopicTaxonomy | undefined, cachedIndex?: CachedIndex): void {
    if (this.attached?.library !== library) this.restarts = 0;
    this.attached = { library, taxonomy, cachedIndex };
    if (library.papers.length < this.workerMinPapers) return;
    // The same files under other topics (carried ones placed after the worker built the index) are another library there.
    if (this.importer.servedFingerprint === library.indexFingerprint) return;
    const started = Date.now();
    const corpus = library.corpus;
    // The host's index and topics go along: the worker loads them instead of indexing and discovering anew (at
    // 100 000 papers ~4 s instead of ~40 s of a core). The index comes from the cache file when it holds it (read
    // off this thread), else it is written here; its bytes move to the worker, not copied.
    const seed = async () => {
      const topics = corpusTopicsOf(corpus);
      const index = (await cachedIndex?.(indexFingerprintOf(topics))) ?? (library.corpus === corpus ? library.serializeIndex() : undefined);
      return index && { index, topics };
    };
    this.importer.serve(corpus.files, taxonomy, seed).then(
      (served) => {
        if (!served?.fingerprint) return;
        this.lastServed = { papers: library.papers.length, indexFrom: served.indexFrom };
        const how = served.indexFrom === 'cache' ? "loaded the host's index" : 'indexed them';
        this.log.info(`The search worker holds ${library.papers.length} papers (${how}, ${Date.now() - started} ms).`);
      },
      (error: unknown) => this.log.warn(`Searching in the worker failed to start (${String(error)}); searches run here.`),
    );
  }

  /** The worker died: restart it with the current library (a few times), searches meanwhile run here. */
  workerStopped(reason: string): void {
    const attached = this.attached;
    if (!attached || attached.library.papers.length < this.workerMinPapers) return;
    if (this.restarts >= MAX_RESTARTS) {
      this.log.warn(`Lectern: the search worker stopped again (${reason}); searches run in the extension host until the next reload.`);
      return;
    }
    this.restarts += 1;
    this.log.warn(`Lectern: the search worker stopped (${reason}); restarting it. Searches run here meanwhile.`);
    this.attach(attached.library, attached.taxonomy, attached.cachedIndex);
  }

  /** One corpus file changed in the host's library: the worker's copy follows (messages keep the order). */
  fileChanged(library: PaperLibrary, path: string): void {
    if (!this.importer.servedFingerprint) return;
    const file = library.corpus.files.find((candidate) => candidate.path === path);
    // With the host's topics, which a small change carries over rather than discovering again (the worker would).
    this.importer.update(path, file, corpusTopicsOf(library.corpus)).catch(() => undefined); // a dead worker is restarted by `workerStopped`
  }

  /** The answer to `query` on `library`; undefined when `token` is cancelled before it is ready. */
  async search(
    library: PaperLibrary,
    query: string,
    options: { limit: number; annotations?: AnnotationLookup },
    token?: CancelSignal,
  ): Promise<SearchResponse | undefined> {
    const fingerprint = library.indexFingerprint;
    if (library.papers.length >= this.workerMinPapers && this.importer.servedFingerprint === fingerprint) {
      try {
        const annotations = namesNotes(query) ? noteAnnotations(library, options.annotations) : undefined;
        const response = await this.importer.search(
          { fingerprint, query, limit: options.limit, channel: PALETTE_CHANNEL, annotations },
          token,
        );
        // Superseded: a newer keystroke's query answers; this one is not run again here.
        if (token?.isCancellationRequested || response === 'superseded') return undefined;
        if (response) {
          this.lastPlace = 'worker';
          return response;
        }
      } catch {
        // The worker died mid-query (`workerStopped` restarts it): this one is answered here.
      }
    }
    if (token?.isCancellationRequested) return undefined;
    this.lastPlace = 'host';
    return library.search.search(query, options);
  }
}

/** Whether a query filters on `tag:` or `status:`. */
function namesNotes(query: string): boolean {
  return parseQuery(query).filters.some((filter) => filter.kind === 'tag' || filter.kind === 'status');
}

/** The status and tags of every paper that has either (one pass over the papers: a few ms at 100k). */
function noteAnnotations(library: PaperLibrary, lookup: AnnotationLookup | undefined): NoteAnnotations {
  const notes: NoteAnnotations = {};
  if (!lookup) return notes;
  for (const paper of library.papers) {
    const annotation = lookup(paper.id);
    if (annotation && (annotation.status !== undefined || (annotation.tags?.length ?? 0) > 0))
      notes[paper.id] = { status: annotation.status, tags: annotation.tags };
  }
  return notes;
}
