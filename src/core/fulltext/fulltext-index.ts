/**
 * The full-text index: every page of every paper's PDF is one document of a `PaperSearch` of its own, apart from
 * the papers' index, so the PDFs never change how titles and abstracts rank and a search can leave them out.
 * A page document carries the page's text (as its abstract) and its paper's authors, year and topics, so that
 * `author:`, `year:` and `topic:` filters (and `tag:`/`status:` through the paper's id) apply to pages too.
 */
import type { Paper } from '../model/paper';
import { PaperSearch, type AnnotationLookup } from '../search/paper-search';
import { excerptAround } from '../text/excerpt-around';

/** What the full-text index needs to know of a paper. Example: `{ id: 'smith2020', title: 'Spikes', authors: ['Ann Smith'], year: 2020, topics: [] }`. */
export interface FullTextPaper {
  id: string;
  title: string;
  authors: string[];
  year?: number;
  topics: string[];
}

/** The part of a paper the full-text index keeps (a copy: the index never holds the paper itself). */
export function fullTextPaper(paper: Paper): FullTextPaper {
  return { id: paper.id, title: paper.title, authors: [...paper.authors], year: paper.year, topics: [...paper.topics] };
}

/** A paper's PDF as text: `pages[0]` is page 1. */
export interface PdfText {
  paper: FullTextPaper;
  /** The PDF's path, for messages. */
  file: string;
  pages: string[];
}

/** A page where a query matched, with the text around the first match. Example: `{ page: 7, snippet: '…spiking neurons fire…' }`. */
export interface FullTextMatch {
  /** 1-based page number. */
  page: number;
  snippet: string;
}

/** A paper whose PDF matched: its best page's score and up to {@link MAX_PAGES_PER_HIT} pages, best first. */
export interface FullTextHit {
  id: string;
  title: string;
  topics: string[];
  /** The best page's BM25+ score (page documents are ranked like papers: the page text weighs as an abstract). */
  score: number;
  pages: FullTextMatch[];
}

/** Pages listed per paper. */
const MAX_PAGES_PER_HIT = 3;
const SNIPPET_CHARS = 140;

/**
 * @example
 * const index = FullTextIndex.build([{ paper, file: '/ws/papers/pdf/smith2020.pdf', pages: ['…', '…'] }]);
 * index.search('membrane potential', { limit: 10 }); // → [{ id: 'smith2020', pages: [{ page: 2, snippet: '…' }], … }]
 */
export class FullTextIndex {
  private constructor(
    private readonly search_: PaperSearch,
    private readonly pageOf: Map<string, { paper: FullTextPaper; page: number; text: string }>,
    /** Papers with text. */
    readonly paperCount: number,
  ) {}

  /** An index of these PDFs' pages (a paper listed twice keeps its last PDF). */
  static build(texts: readonly PdfText[]): FullTextIndex {
    const byPaper = new Map(texts.map((text) => [text.paper.id, text]));
    const documents: Paper[] = [];
    const pageOf = new Map<string, { paper: FullTextPaper; page: number; text: string }>();
    for (const { paper, file, pages } of byPaper.values()) {
      pages.forEach((text, index) => {
        if (!text.trim()) return;
        const id = `${paper.id}#p${index + 1}`;
        pageOf.set(id, { paper, page: index + 1, text });
        documents.push({
          id,
          title: '',
          authors: paper.authors,
          year: paper.year,
          abstract: text,
          keywords: [],
          categories: [],
          topics: paper.topics,
          source: { file, line: 0 },
        });
      });
    }
    return new FullTextIndex(PaperSearch.build(documents), pageOf, byPaper.size);
  }

  /** Pages indexed. */
  get pageCount(): number {
    return this.search_.size;
  }

  /** The papers whose PDF pages match `query` (the search syntax of `PaperSearch`), best first, at most `limit`. */
  search(query: string, options: { limit: number; annotations?: AnnotationLookup }): FullTextHit[] {
    const lookup = options.annotations;
    const annotations: AnnotationLookup | undefined = lookup && ((id) => lookup(this.pageOf.get(id)?.paper.id ?? id));
    // Several pages of one paper may match: ask for more pages than papers wanted.
    const response = this.search_.search(query, { limit: options.limit * MAX_PAGES_PER_HIT * 2, annotations });
    const hits = new Map<string, FullTextHit>();
    for (const result of response.results) {
      const page = this.pageOf.get(result.id);
      // A page that matched only through its paper's authors or topics says nothing about the PDF.
      if (!page || result.matches.abstract.length === 0) continue;
      let hit = hits.get(page.paper.id);
      if (!hit) {
        if (hits.size >= options.limit) continue;
        hit = { id: page.paper.id, title: page.paper.title, topics: [...page.paper.topics], score: result.score, pages: [] };
        hits.set(hit.id, hit);
      }
      if (hit.pages.length < MAX_PAGES_PER_HIT)
        hit.pages.push({ page: page.page, snippet: excerptAround(page.text, result.matches.abstract, SNIPPET_CHARS).text });
    }
    return [...hits.values()];
  }
}
