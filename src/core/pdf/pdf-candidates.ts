/**
 * Where a paper's PDF may be, in the order Lectern tries them: a file the user attached (linked), the entry's own
 * `file` field (BibTeX) or `file`/`pdf` (CSL-JSON, Lectern JSON), then a PDF named after the paper's id or citekey
 * in the PDF folders (`lectern.pdf.folders`). Pure: the caller checks which candidate exists.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanBibtex } from '../import/bibtex-scanner';
import type { Paper } from '../model/paper';
import { isAbsolutePath, isPdfAttachment, parseFileField, type FileAttachment } from './file-field';

/** Where a candidate came from: shown to the user when it is missing. */
export type PdfOrigin = 'attached' | 'file field' | 'folder';

/**
 * One place a paper's PDF may be.
 *
 * @example `{ path: '/work/papers/pdf/vaswani2017.pdf', origin: 'folder' }`
 */
export interface PdfCandidate {
  /** Absolute path (relative paths are resolved against the corpus file's folder, then the workspace folder). */
  path: string;
  origin: PdfOrigin;
}

/** What {@link pdfCandidates} needs besides the paper. */
export interface PdfLookup {
  /** Absolute PDF folders (`lectern.pdf.folders` resolved against the workspace folder). Default: none. */
  folders: readonly string[];
  /** The workspace folder, for relative `file` paths that are not relative to the corpus file. */
  workspaceFolder?: string;
  /** A PDF the user linked with Lectern: Attach PDF… (absolute path). */
  linked?: string;
}

/** The raw `file` field of a BibTeX entry as written (braces and quotes removed, `#` parts joined), if it has one. */
export function bibtexFileField(entry: string): string | undefined {
  const item = scanBibtex(entry).find((candidate) => candidate.kind === 'entry');
  const field = item?.fields.find((candidate) => candidate.name === 'file');
  return field ? field.parts.map((part) => part.text).join('') : undefined;
}

/** The PDF attachments a paper's record names: BibTeX `file`, CSL-JSON / Lectern JSON `file` or `pdf`. */
export function paperAttachments(paper: Paper): FileAttachment[] {
  const fields: string[] = [];
  const bibtex = paper.bibtexEntry ? bibtexFileField(paper.bibtexEntry) : undefined;
  if (bibtex) fields.push(bibtex);
  for (const key of ['file', 'pdf']) {
    const value: unknown = paper.csl?.[key];
    if (typeof value === 'string' && value !== bibtex) fields.push(value);
    else if (Array.isArray(value)) fields.push(...value.filter((item): item is string => typeof item === 'string'));
  }
  return fields.flatMap(parseFileField).filter(isPdfAttachment);
}

/** A paper id or citekey as a file name: path separators and characters Windows refuses become `_`. */
export function pdfFileName(idOrKey: string): string {
  return `${[...idOrKey].map((ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 32 ? '_' : ch)).join('')}.pdf`;
}

/** The absolute paths an attachment may be at. */
function attachmentPaths(attachment: FileAttachment, paper: Paper, lookup: PdfLookup): string[] {
  const { path } = attachment;
  if (/^file:/i.test(path)) {
    try {
      return [fileURLToPath(path)];
    } catch {
      return [];
    }
  }
  if (isAbsolutePath(path)) return [path];
  const bases = [isAbsolute(paper.source.file) ? dirname(paper.source.file) : undefined, lookup.workspaceFolder];
  const paths = bases.filter((base): base is string => base !== undefined).map((base) => resolve(base, path.replace(/\\/g, '/')));
  // Mendeley drops the leading `/` of absolute paths: `:Users/me/…` is `/Users/me/…`.
  if (attachment.mendeley) paths.unshift(`/${path.replace(/\\/g, '/')}`);
  return paths;
}

/**
 * Every place the paper's PDF may be, most specific first, without duplicates.
 *
 * @example
 * pdfCandidates(paper, { folders: ['/ws/papers/pdf'], workspaceFolder: '/ws' })
 * // → [{ path: '/ws/refs/smith.pdf', origin: 'file field' }, { path: '/ws/papers/pdf/2403.01234.pdf', origin: 'folder' }, …]
 */
export function pdfCandidates(paper: Paper, lookup: PdfLookup): PdfCandidate[] {
  const candidates: PdfCandidate[] = [];
  const seen = new Set<string>();
  const add = (path: string, origin: PdfOrigin) => {
    if (seen.has(path)) return;
    seen.add(path);
    candidates.push({ path, origin });
  };
  if (lookup.linked) add(lookup.linked, 'attached');
  for (const attachment of paperAttachments(paper)) for (const path of attachmentPaths(attachment, paper, lookup)) add(path, 'file field');
  const names = [paper.id, paper.citeKey, paper.arxivId].filter((name): name is string => typeof name === 'string' && name !== '');
  for (const folder of lookup.folders) for (const name of names) add(join(folder, pdfFileName(name)), 'folder');
  return candidates;
}
