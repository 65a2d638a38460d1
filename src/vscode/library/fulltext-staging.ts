/**
 * Hands the corpus worker the papers whose PDFs it should read, then has it build the full-text index: the host's
 * part of a full-text build, without `vscode` (the extension's `FullTextLibrary` and the PDF benchmark share it).
 * Papers go in slices, one a turn of the host's event loop, so a large library never stalls it.
 */
import { fullTextPaper } from '../../core/fulltext/fulltext-index';
import type { Paper } from '../../core/model/paper';
import type { PdfSource } from '../../node/pdf-text-library';
import type { WorkerRequest } from './import-worker';
import type { FullTextAnswer, FullTextBuilt } from './worker-fulltext-server';

/** Papers per message, and per turn of the host's event loop (working out 200 papers' PDF candidates takes a few ms). */
const SLICE = 200;

/** What a full-text build asks of the corpus worker (a `CorpusImporter`). */
export interface FullTextWorker {
  ask<T>(message: WorkerRequest, options?: { answered: boolean }): Promise<T> | undefined;
}

/**
 * Stages `papers` with the places their PDFs may be (`sourcesOf`) and builds; resolves with what the worker found,
 * or undefined when no worker can run (PDFs are never read on the host's thread).
 */
export async function buildFullTextInWorker(
  worker: FullTextWorker,
  papers: readonly Paper[],
  sourcesOf: (paper: Paper) => string[],
  options: { cacheFolder: string; maxBytes: number },
): Promise<FullTextBuilt | undefined> {
  let first = true;
  for (let start = 0; start < papers.length || first; start += SLICE) {
    const sources: PdfSource[] = papers
      .slice(start, start + SLICE)
      .map((paper) => ({ paper: fullTextPaper(paper), paths: sourcesOf(paper) }));
    if (!worker.ask({ id: 0, kind: 'fulltext-stage', first, sources }, { answered: false })) return undefined;
    first = false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const answer = await worker.ask<FullTextAnswer>({ id: 0, kind: 'fulltext-build', ...options });
  return answer && 'built' in answer ? answer.built : undefined;
}
