/**
 * The paper record every part of Lectern shares. Plain data: importers create it,
 * the corpus gives it an id and topics, search and the views only read it.
 */

import type { CslItem } from './csl-item';

/** Where a record came from, so diagnostics and "reveal source" can point at it. */
export interface SourceLocation {
  /** Path of the corpus file as the caller named it (absolute or relative). */
  file: string;
  /** 1-based line of the record's first line. */
  line: number;
}

/**
 * One paper as every part of Lectern sees it: importers fill it in, `assignIds` gives it its `id`,
 * `assignTopics` its `topics`; after that it is read-only.
 *
 * @example
 * ```ts
 * const paper: Paper = {
 *   id: '2403.01234',
 *   title: 'See What You Are Told: Visual Attention Sink in Large Multimodal Models',
 *   authors: ['Seil Kang', 'Jinyeong Kim'],
 *   year: 2024,
 *   abstract: 'Large multimodal models…',
 *   arxivId: '2403.01234',
 *   keywords: [],
 *   categories: ['Computer Vision and Pattern Recognition'],
 *   topics: ['Visual Hallucination'],
 *   source: { file: 'corpus/daily-papers.txt', line: 12 },
 * };
 * ```
 */
export interface Paper {
  /** Stable id (see `src/core/ids/paper-id.ts`): notes are keyed by it. */
  id: string;
  /** Display title, LaTeX escapes turned into Unicode, whitespace collapsed. */
  title: string;
  /** "First Last" display names, in author order. */
  authors: string[];
  /** Publication year, when known. */
  year?: number;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD), when known. */
  date?: string;
  /** Abstract text; text-mode LaTeX escapes (`\%`, `\mu`) normalised, `$…$` math kept for the reader. */
  abstract: string;
  /** A link to the paper (landing page or PDF) as the source gave it; absent when it had none. */
  url?: string;
  /** Lower-cased DOI without a resolver prefix, e.g. `10.1038/nature10098`. */
  doi?: string;
  /** arXiv identifier without version, e.g. `2403.01234` or `hep-th/0701001`. */
  arxivId?: string;
  /** BibTeX citation key or CSL `citation-key`, when the source had one. */
  citeKey?: string;
  /** Journal, conference or archive name. */
  venue?: string;
  /** Author or library keywords, as written. */
  keywords: string[];
  /** Readable subject categories from the source (arXiv `cs.CV` → "Computer Vision and Pattern Recognition"). */
  categories: string[];
  /** Topics assigned by `assignTopics` (1–3); importers leave this empty. */
  topics: string[];
  /** The file and line the record was read from (for diagnostics and "Reveal Source"). */
  source: SourceLocation;
  /**
   * The full bibliographic record (type, names, container, volume, pages, publisher…) as CSL-JSON.
   * Importers set it; when absent (hand-built papers in tests), `cslOf` derives one from the simple fields.
   */
  csl?: CslItem;
  /** For a paper read from a `.bib` file: its entry exactly as written, so Copy Citation → BibTeX returns it byte for byte. */
  bibtexEntry?: string;
  /** True for the papers of the bundled sample corpus, which the tree and reader mark as such. */
  sample?: boolean;
}

/**
 * What an importer knows before ids are assigned: a {@link Paper} whose `id` is optional. An importer
 * sets `id` only when the source names one (a `lectern.json` record); `assignIds` fills in the rest.
 */
export type ImportedPaper = Omit<Paper, 'id'> & { id?: string };
