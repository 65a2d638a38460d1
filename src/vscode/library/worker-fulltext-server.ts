/**
 * The full-text half of the corpus worker (`import-worker.ts`): it reads the text of the papers' PDFs (pdf.js in
 * Node, cached by content hash in the extension's storage folder), keeps a page index of it and answers queries
 * on it, all off the extension host's thread. Imports no `vscode`.
 *
 * A new build supersedes one still reading: the older stops at its next PDF. Searches meanwhile answer from the
 * last index built (or nothing before the first).
 */
import { FullTextIndex, type FullTextHit } from '../../core/fulltext/fulltext-index';
import type { Diagnostic } from '../../core/model/diagnostic';
import { FileCacheStore } from '../../node/file-cache-store';
import { readPdfTexts, type PdfSource } from '../../node/pdf-text-library';
import type { NoteAnnotations } from './worker-search-server';

/** What a full-text build found (for the output channel and tests). */
export interface FullTextBuilt {
  papers: number;
  pages: number;
  /** PDFs and pages parsed this time (the rest came from the cache). */
  extracted: number;
  extractedPages: number;
  diagnostics: Diagnostic[];
  ms: number;
}

export type FullTextRequest =
  /** Papers whose PDFs a coming build reads, sent in slices; `first` starts a new set. */
  | { id: number; kind: 'fulltext-stage'; first: boolean; sources: PdfSource[] }
  | { id: number; kind: 'fulltext-build'; cacheFolder: string; maxBytes: number }
  | { id: number; kind: 'fulltext-search'; query: string; limit: number; annotations?: NoteAnnotations };

export type FullTextAnswer = { id: number; built: FullTextBuilt } | { id: number; hits: FullTextHit[] } | { id: number; error: string };

export class WorkerFullTextServer {
  private index: FullTextIndex | undefined;
  private staged: PdfSource[] = [];
  private generation = 0;

  constructor(private readonly post: (answer: FullTextAnswer) => void) {}

  /** Handles one request; false when it is not a full-text request. */
  handle(message: { kind: string }): boolean {
    const request = message as FullTextRequest;
    switch (request.kind) {
      case 'fulltext-stage':
        if (request.first) this.staged = [];
        this.staged.push(...request.sources);
        return true;
      case 'fulltext-build':
        void this.build(request);
        return true;
      case 'fulltext-search': {
        const notes = request.annotations;
        const hits = this.index?.search(request.query, { limit: request.limit, annotations: notes && ((id) => notes[id]) }) ?? [];
        this.post({ id: request.id, hits });
        return true;
      }
      default:
        return false;
    }
  }

  private async build(request: Extract<FullTextRequest, { kind: 'fulltext-build' }>): Promise<void> {
    const generation = ++this.generation;
    const sources = this.staged;
    this.staged = [];
    const started = Date.now();
    try {
      const report = await readPdfTexts(sources, new FileCacheStore(request.cacheFolder), {
        maxBytes: request.maxBytes,
        cancelled: () => generation !== this.generation,
      });
      if (generation !== this.generation) throw new Error('superseded by a newer build');
      this.index = FullTextIndex.build(report.texts);
      const { extracted, extractedPages, diagnostics } = report;
      this.post({
        id: request.id,
        built: {
          papers: this.index.paperCount,
          pages: this.index.pageCount,
          extracted,
          extractedPages,
          diagnostics,
          ms: Date.now() - started,
        },
      });
    } catch (error) {
      this.post({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
