/**
 * The text of many papers' PDFs for the full-text index, read once: each PDF's pages are cached under the SHA-256
 * of its bytes (`fulltext-<sha256>.json` in an `IndexCacheStore`), and a manifest of each path's size, modification
 * time and hash (`fulltext-files.json`) lets an unchanged file be skipped without even reading it. A PDF that cannot
 * be read (missing, empty, not a PDF, damaged, password-protected) gives a warning naming the paper and the file and
 * is left out; its failure is cached too, so it is not parsed again until it changes. Files are only read.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { IndexCacheStore } from '../core/library/index-cache-store';
import type { Diagnostic } from '../core/model/diagnostic';
import { describePdfFileProblem, pdfFileProblem, type PdfFileProblem } from '../core/pdf/pdf-problem';
import type { FullTextPaper, PdfText } from '../core/fulltext/fulltext-index';
import { extractPdfText, PdfTextError, type PdfTextFailure } from './pdf-text-extract';
import { readRegularFile } from './read-regular-file';

/** A paper and the places its PDF may be, most specific first (see `pdfCandidates`): the first that exists is read. */
export interface PdfSource {
  paper: FullTextPaper;
  paths: string[];
}

/** What {@link readPdfTexts} found. */
export interface PdfTextReport {
  texts: PdfText[];
  diagnostics: Diagnostic[];
  /** PDFs parsed this time (the others came from the cache). */
  extracted: number;
  /** Pages parsed this time. */
  extractedPages: number;
}

export interface PdfTextOptions {
  /** Largest PDF read, in bytes. Default 200 MB (`lectern.pdf.maxFileSizeMB`). */
  maxBytes?: number;
  /** Asked between PDFs; true stops early (the report holds what was read). */
  cancelled?: () => boolean;
}

const MANIFEST_KEY = 'fulltext-files.json';
/** Bump when the extracted text changes shape, so old entries are not used (2: failures kept as kinds, not words). */
const TEXT_VERSION = 2;

interface FileFacts {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * A cache entry: the pages, or why there are none. A failure is kept as its kind (and pdf.js's detail), never as a
 * sentence, so a cache written in one display language speaks the next one's.
 */
type CachedText = { version: number; pages?: string[]; failure?: PdfFileProblem | PdfTextFailure; size?: number; detail?: string };

const FAILURES: ReadonlySet<string> = new Set<PdfFileProblem | PdfTextFailure>(['empty', 'too-large', 'not-pdf', 'password', 'damaged']);

/** The pages of each source's PDF, from the cache when the file is unchanged. */
export async function readPdfTexts(
  sources: readonly PdfSource[],
  store: IndexCacheStore,
  options: PdfTextOptions = {},
): Promise<PdfTextReport> {
  const maxBytes = options.maxBytes ?? 200 * 1_048_576;
  const manifest = parseManifest(await store.get(MANIFEST_KEY));
  const report: PdfTextReport = { texts: [], diagnostics: [], extracted: 0, extractedPages: 0 };
  let manifestChanged = false;
  const listings = new FolderListings();
  for (const source of sources) {
    if (options.cancelled?.()) break;
    const found = await firstFile(source.paths, listings);
    if (!found) continue; // no PDF for this paper: nothing to say here (the reader says it when asked)
    const { path, size, mtimeMs } = found;
    const warn = (problem: string) =>
      report.diagnostics.push({
        file: path,
        line: 0,
        column: 0,
        severity: 'warning',
        message: l10n.t('Lectern: the PDF of “{0}” ({1}) {2} Its text is not searched.', source.paper.title, path, problem),
      });
    const early = pdfFileProblem({ size, maxBytes });
    if (early) {
      warn(describePdfFileProblem(early, { size, maxBytes }));
      continue;
    }
    const known = manifest[path];
    let sha256 = known && known.size === size && known.mtimeMs === mtimeMs ? known.sha256 : undefined;
    let cached = sha256 ? parseCached(await store.get(textKey(sha256))) : undefined;
    if (!cached) {
      const read = await readPdf(path, maxBytes);
      if ('problem' in read) {
        warn(read.problem);
        continue;
      }
      sha256 = createHash('sha256').update(read.bytes).digest('hex');
      manifest[path] = { size, mtimeMs, sha256 };
      manifestChanged = true;
      cached = parseCached(await store.get(textKey(sha256)));
      if (!cached) {
        cached = await extract(read.bytes, maxBytes);
        report.extracted += 1;
        report.extractedPages += cached.pages?.length ?? 0;
        await store.put(textKey(sha256), JSON.stringify(cached)).catch(() => undefined);
      }
    }
    if (cached.failure !== undefined) warn(describeFailure(cached, maxBytes));
    else report.texts.push({ paper: source.paper, file: path, pages: cached.pages ?? [] });
  }
  if (manifestChanged) await store.put(MANIFEST_KEY, JSON.stringify(manifest)).catch(() => undefined);
  return report;
}

function textKey(sha256: string): string {
  return `fulltext-${sha256}.json`;
}

/**
 * Whether files exist, from one listing per folder (read once, asynchronously): most papers have no PDF and most
 * candidates are in a few folders, so this costs a `readdir` per folder instead of a `stat` per candidate.
 */
export class FolderListings {
  private readonly listings = new Map<string, Promise<Set<string> | undefined>>();

  /** True when the path's folder lists its name (it may still be a folder or vanish: `stat` says). */
  async has(path: string): Promise<boolean> {
    const folder = dirname(path);
    let listing = this.listings.get(folder);
    if (!listing) {
      listing = readdir(folder).then(
        (names) => new Set(names),
        () => undefined,
      );
      this.listings.set(folder, listing);
    }
    return (await listing)?.has(basename(path)) ?? false;
  }
}

/** The first path that is a regular file, with its size and modification time. */
async function firstFile(
  paths: readonly string[],
  listings: FolderListings,
): Promise<{ path: string; size: number; mtimeMs: number } | undefined> {
  for (const path of paths) {
    if (!(await listings.has(path))) continue;
    try {
      const facts = await stat(path);
      if (facts.isFile()) return { path, size: facts.size, mtimeMs: facts.mtimeMs };
    } catch {
      // not there: try the next
    }
  }
  return undefined;
}

async function readPdf(path: string, maxBytes: number): Promise<{ bytes: Uint8Array } | { problem: string }> {
  try {
    return { bytes: await readRegularFile(path, { maxBytes }) };
  } catch (error) {
    return {
      problem: l10n.t('could not be read ({0}). Check that the file is readable.', error instanceof Error ? error.message : String(error)),
    };
  }
}

/** The pages of a PDF, or what is wrong with it. */
async function extract(bytes: Uint8Array, maxBytes: number): Promise<CachedText> {
  const problem = pdfFileProblem({ size: bytes.byteLength, maxBytes, head: bytes.subarray(0, 1024) });
  if (problem) return { version: TEXT_VERSION, failure: problem, size: bytes.byteLength };
  try {
    return { version: TEXT_VERSION, pages: await extractPdfText(bytes) };
  } catch (error) {
    if (error instanceof PdfTextError) return { version: TEXT_VERSION, failure: error.failure, detail: error.message };
    return { version: TEXT_VERSION, failure: 'damaged', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** A cached failure in words (the rest of a sentence naming the paper and the file), in today's display language. */
function describeFailure(cached: CachedText, maxBytes: number): string {
  switch (cached.failure) {
    case 'password':
      return l10n.t('is protected by a password: Lectern cannot read its text.');
    case 'damaged':
    case undefined:
      return l10n.t('is damaged ({0}). Download it again, or attach another copy with Lectern: Attach PDF….', cached.detail ?? '');
    default:
      return describePdfFileProblem(cached.failure, { size: cached.size ?? 0, maxBytes });
  }
}

function parseCached(text: string | undefined): CachedText | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as CachedText;
    if (value?.version !== TEXT_VERSION) return undefined;
    if (Array.isArray(value.pages) && value.pages.every((page) => typeof page === 'string')) return value;
    return typeof value.failure === 'string' && FAILURES.has(value.failure) ? value : undefined;
  } catch {
    return undefined;
  }
}

function parseManifest(text: string | undefined): Record<string, FileFacts> {
  if (text === undefined) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, FileFacts>) : {};
  } catch {
    return {};
  }
}
