import * as vscode from 'vscode';
import type { FullTextHit } from '../../core/fulltext/fulltext-index';
import { fullTextFilter } from '../../core/fulltext/fulltext-mode';
import { mergeFullText, type FullTextSearchResponse } from '../../core/fulltext/merge-fulltext';
import type { PaperLibrary } from '../../core/library/paper-library';
import type { Paper } from '../../core/model/paper';
import type { AnnotationLookup, SearchResponse } from '../../core/search/paper-search';
import { parseQuery } from '../../core/search/parse-query';
import { buildFullTextInWorker, type FullTextWorker } from './fulltext-staging';
import type { FullTextAnswer, FullTextBuilt } from './worker-fulltext-server';
import type { NoteAnnotations } from './worker-search-server';

/** How often a worker that dies is asked to read the PDFs again before full-text search gives up. */
const MAX_RESTARTS = 2;

/**
 * Full-text search of the papers' PDFs for the palette. The host only lists where each paper's PDF may be; the
 * corpus worker reads the PDFs (cached by content hash in the extension's storage), indexes their pages and
 * searches them, so nothing here parses a PDF. `lectern.search.fullText` (default on) or a query's `fulltext:`
 * filter turns it off; a paper that matched only in its PDF is listed after the others (`mergeFullText`).
 */
export class FullTextLibrary {
  private listSources: (() => (paper: Paper) => string[]) | undefined;
  private indexed: ReadonlySet<string> = new Set();
  private building: Promise<FullTextBuilt | undefined> = Promise.resolve(undefined);
  private requested = 0;
  private restarts = 0;

  constructor(
    private readonly worker: FullTextWorker,
    private readonly output: vscode.LogOutputChannel,
    private readonly cacheFolder: string,
  ) {}

  /** Where a paper's PDF may be (most specific first): set by the PDF feature's `PaperPdfs`. */
  useSources(listSources: () => (paper: Paper) => string[]): void {
    // A lister per build: it reads the settings and links once, not once per paper of a large library.
    this.listSources = listSources;
  }

  private get enabled(): boolean {
    return vscode.workspace.getConfiguration('lectern').get<boolean>('search.fullText', true) !== false;
  }

  /** Reads the library's PDFs again in the worker (unchanged ones from the cache); resolves when the index is ready. */
  refresh(library: PaperLibrary): Promise<FullTextBuilt | undefined> {
    const mine = ++this.requested;
    this.building = this.building.catch(() => undefined).then(() => (mine === this.requested ? this.build(library) : undefined));
    return this.building;
  }

  /** The worker died with the page index: searches leave the PDFs out until a new one has read them again (from the cache). */
  workerStopped(library: PaperLibrary | undefined): void {
    this.indexed = new Set();
    // A PDF that kills the worker each time must not restart it forever.
    if (++this.restarts > MAX_RESTARTS) {
      this.output.warn('Lectern: the corpus worker stopped again while reading PDFs; full-text search is off until the window reloads.');
      return;
    }
    if (library) this.refresh(library).catch((error) => this.output.warn(`Full text not indexed: ${String(error)}`));
  }

  private async build(library: PaperLibrary): Promise<FullTextBuilt | undefined> {
    const sourcesOf = this.listSources?.();
    if (!sourcesOf || !this.enabled || this.restarts > MAX_RESTARTS) return undefined;
    const maxBytes = vscode.workspace.getConfiguration('lectern').get<number>('pdf.maxFileSizeMB', 200) * 1_048_576;
    const built = await buildFullTextInWorker(this.worker, library.papers, sourcesOf, { cacheFolder: this.cacheFolder, maxBytes });
    if (!built) return undefined;
    // Searches go to the worker only while it holds pages.
    this.indexed = built.papers > 0 ? new Set(library.papers.map((paper) => paper.id)) : new Set();
    for (const diagnostic of built.diagnostics) this.output.warn(diagnostic.message);
    this.output.info(
      `Full text: ${built.pages} pages of ${built.papers} PDFs indexed in ${built.ms} ms (${built.extracted} PDFs, ${built.extractedPages} pages read; the rest from the cache).`,
    );
    return built;
  }

  /**
   * `searchPapers` (the papers' own search) merged with the PDFs' matches; the query's `fulltext:` filter is taken
   * out before either sees it. Undefined when cancelled.
   */
  async search(
    query: string,
    options: { limit: number; annotations?: AnnotationLookup },
    token: vscode.CancellationToken | undefined,
    searchPapers: (query: string) => Promise<SearchResponse | undefined>,
  ): Promise<FullTextSearchResponse | undefined> {
    const { query: rest, mode = this.enabled ? 'on' : 'off' } = fullTextFilter(query);
    if (mode === 'off') return searchPapers(rest).then((response) => response && { ...response, query });
    const papers = mode === 'only' ? Promise.resolve({ query: rest, total: 0, totalIsLowerBound: false, results: [] }) : searchPapers(rest);
    const pdfs = this.searchPdfs(rest, options).catch((error: unknown) => {
      this.output.warn(`Full-text search failed (${String(error)}); showing the other matches.`);
      return [];
    });
    const [response, hits] = await Promise.all([papers, pdfs]);
    if (!response || token?.isCancellationRequested) return undefined;
    return { ...mergeFullText(response, hits, mode, options.limit), query };
  }

  private async searchPdfs(query: string, options: { limit: number; annotations?: AnnotationLookup }): Promise<FullTextHit[]> {
    if (this.indexed.size === 0 || !query.trim()) return [];
    const annotations = namesNotes(query) ? this.noteAnnotations(options.annotations) : undefined;
    const answer = await this.worker.ask<FullTextAnswer>({ id: 0, kind: 'fulltext-search', query, limit: options.limit, annotations });
    return answer && 'hits' in answer ? answer.hits : [];
  }

  /** The status and tags of the papers with PDFs that have either. */
  private noteAnnotations(lookup: AnnotationLookup | undefined): NoteAnnotations {
    const notes: NoteAnnotations = {};
    if (!lookup) return notes;
    for (const id of this.indexed) {
      const annotation = lookup(id);
      if (annotation && (annotation.status !== undefined || (annotation.tags?.length ?? 0) > 0))
        notes[id] = { status: annotation.status, tags: annotation.tags };
    }
    return notes;
  }
}

/** Whether a query filters on `tag:` or `status:`. */
function namesNotes(query: string): boolean {
  return parseQuery(query).filters.some((filter) => filter.kind === 'tag' || filter.kind === 'status');
}
