/**
 * Hands the corpus worker the papers whose PDFs it should read, then has it build the full-text index: the host's
 * part of a full-text build, without `vscode` (the extension's `FullTextLibrary` and the PDF benchmark share it).
 * Papers are worked through in slices, one a turn of the host's event loop, so a large library never stalls it.
 */
import { fullTextPaper } from '../../core/fulltext/fulltext-index';
import type { Paper } from '../../core/model/paper';
import { FolderListings, type PdfSource } from '../../node/pdf-text-library';
import type { WorkerRequest } from './corpus-worker-requests';
import type { FullTextAnswer, FullTextBuilt } from './worker-fulltext-server';

/** Papers per message, and per turn of the host's event loop (working out 200 papers' PDF candidates takes a few ms). */
const SLICE = 200;

/** What a full-text build asks of the corpus worker (a `CorpusImporter`). */
export interface FullTextWorker {
  ask<T>(message: WorkerRequest, options?: { answered: boolean }): Promise<T> | undefined;
}

/**
 * Stages the papers whose PDF exists (`sourcesOf` lists where each may be; folders are listed asynchronously, never
 * a PDF read here) and builds. Resolves with what the worker found; `{ papers: 0 }` without asking the worker when
 * no PDF exists (a library without PDFs never starts it for this); undefined when no worker can run (PDFs are never
 * read on the host's thread).
 */
export async function buildFullTextInWorker(
  worker: FullTextWorker,
  papers: readonly Paper[],
  sourcesOf: (paper: Paper) => string[],
  options: { cacheFolder: string; maxBytes: number },
): Promise<FullTextBuilt | undefined> {
  const started = Date.now();
  const listings = new FolderListings();
  const sources: PdfSource[] = [];
  for (let start = 0; start < papers.length; start += SLICE) {
    for (const paper of papers.slice(start, start + SLICE)) {
      const paths: string[] = [];
      for (const path of sourcesOf(paper)) if (await listings.has(path)) paths.push(path);
      if (paths.length > 0) sources.push({ paper: fullTextPaper(paper), paths });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (sources.length === 0) return { papers: 0, pages: 0, extracted: 0, extractedPages: 0, diagnostics: [], ms: Date.now() - started };
  for (let start = 0; start < sources.length; start += SLICE) {
    const slice = sources.slice(start, start + SLICE);
    if (!worker.ask({ id: 0, kind: 'fulltext-stage', first: start === 0, sources: slice }, { answered: false })) return undefined;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const answer = await worker.ask<FullTextAnswer>({ id: 0, kind: 'fulltext-build', ...options });
  return answer && 'built' in answer ? answer.built : undefined;
}
