/**
 * `lectern search` in the papers' PDFs: the PDFs the corpus points at (a `file`/`pdf` field, relative to the corpus
 * file or the current folder, or `papers/pdf/<id>.pdf` under the current folder) are read with the extension's
 * extractor and cache (the user's cache folder, by content hash: an unchanged PDF is never parsed twice), indexed
 * page by page and searched beside the papers. Unreadable PDFs are named on stderr; the search goes on without them.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FullTextIndex, fullTextPaper } from '../../core/fulltext/fulltext-index';
import { MemoryIndexCacheStore } from '../../core/library/index-cache-store';
import type { PaperLibrary } from '../../core/library/paper-library';
import type { Paper } from '../../core/model/paper';
import { pdfCandidates, pdfFileName } from '../../core/pdf/pdf-candidates';
import { FileCacheStore, userCacheFolder } from '../../node/file-cache-store';
import { readPdfTexts } from '../../node/pdf-text-library';

/** The full-text index of the library's PDFs (undefined when none was found). */
export async function cliFullTextIndex(library: Pick<PaperLibrary, 'papers'>, cache: boolean): Promise<FullTextIndex | undefined> {
  const cwd = process.cwd();
  const folder = join(cwd, 'papers', 'pdf');
  const lookup = { folders: [folder], workspaceFolder: cwd };
  // Most papers have no PDF: only those with a file field or a PDF named after them in the folder are looked at
  // (at 100 000 papers, working out every paper's candidates cost about a second a search).
  const named = new Set(await readdir(folder).catch(() => [] as string[]));
  const mayHavePdf = (paper: Paper) =>
    /\bfile\s*=/i.test(paper.bibtexEntry ?? '') ||
    paper.csl?.file !== undefined ||
    paper.csl?.pdf !== undefined ||
    (named.size > 0 && [paper.id, paper.citeKey, paper.arxivId].some((name) => name && named.has(pdfFileName(name))));
  const sources = library.papers.filter(mayHavePdf).map((paper) => ({
    paper: fullTextPaper(paper),
    // A relative `--corpus` gives relative source files: a relative `file` field is relative to the file's folder.
    paths: pdfCandidates({ ...paper, source: { ...paper.source, file: resolve(paper.source.file) } }, lookup).map(
      (candidate) => candidate.path,
    ),
  }));
  const store = cache ? new FileCacheStore(userCacheFolder()) : new MemoryIndexCacheStore();
  const report = await readPdfTexts(sources, store);
  for (const diagnostic of report.diagnostics) process.stderr.write(`${diagnostic.message}\n`);
  return report.texts.length > 0 ? FullTextIndex.build(report.texts) : undefined;
}
