/**
 * Reading a JSON Lines file (arXiv metadata, Lectern JSON Lines) a piece at a time: one string holds at most 512 MB
 * of text, and the arXiv snapshot is gigabytes. Pieces are cut after a line end (a UTF-8 line end is one byte that no
 * other character contains), each is decoded and read on its own, told the number of its first line in the file, so
 * papers and diagnostics are those of a whole-file read.
 */
import type { Diagnostic, ImportResult } from '../model/diagnostic';
import { importArxivJsonl } from './arxiv-jsonl-importer';
import { decodeCorpusBytes } from './decode-corpus-bytes';
import type { ResolvedImportLimits } from './import-limits';
import { importLecternJsonLines } from './lectern-json-importer';

/** The corpus formats written one record per line. */
export type JsonLinesFormat = 'arxiv-jsonl' | 'lectern-json';

/** Bytes of a large JSON Lines file decoded and imported at a time (see `ImportOptions.pieceBytes`): 64 MB. */
export const JSON_LINES_PIECE_BYTES = 64 * 1024 * 1024;

/** One piece read: its papers and diagnostics and the lines it held, or the refusal of the file (a piece that is not text). */
export type JsonLinesPiece = (ImportResult & { lines: number }) | { refused: Diagnostic };

/**
 * Reads one piece of a JSON Lines file: whole lines, the first of them line `firstLine` of `file`. `expectedFormats`
 * completes the message of a piece that is not text.
 */
export function importJsonLinesPiece(
  file: string,
  bytes: Uint8Array,
  format: JsonLinesFormat,
  firstLine: number,
  limits: ResolvedImportLimits,
  expectedFormats: string,
): JsonLinesPiece {
  const decoded = decodeCorpusBytes(file, bytes, expectedFormats, firstLine);
  if ('error' in decoded) return { refused: decoded.error };
  const importer = format === 'arxiv-jsonl' ? importArxivJsonl : importLecternJsonLines;
  const result = importer(file, decoded.text, { limits, damage: decoded.damage, firstLine });
  return {
    papers: Array.isArray(result.papers) ? result.papers : [],
    diagnostics: Array.isArray(result.diagnostics) ? result.diagnostics : [],
    lines: countLineEnds(decoded.text),
  };
}

/** Where the pieces of `bytes` end: each at the first line end at least `pieceBytes` bytes past the last, and the end. */
export function lineCuts(bytes: Uint8Array, pieceBytes: number): number[] {
  const ends: number[] = [];
  let start = 0;
  while (bytes.length - start > pieceBytes) {
    const lineEnd = bytes.indexOf(0x0a, start + pieceBytes - 1);
    if (lineEnd < 0) break;
    ends.push(lineEnd + 1);
    start = lineEnd + 1;
  }
  if (start < bytes.length) ends.push(bytes.length);
  return ends;
}

/** Line ends in a decoded text: the lines a piece ending with one held. */
function countLineEnds(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
