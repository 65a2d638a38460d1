/**
 * Bytes of a corpus file → text. UTF-8 (BOM stripped) or BOM-marked UTF-16; line ends normalised to `\n`.
 * A few bytes that cannot be text (a NUL, an invalid UTF-8 byte) do not cost the whole file: each becomes
 * U+FFFD in the text and is listed with its offset, so the importer skips only the record that holds it.
 * A file with many such bytes is binary (or not UTF-8 at all) and is refused as a whole.
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic } from '../model/diagnostic';
import { lineColumnAt } from '../text/line-column';
import { diagnostic } from './import-helpers';
import { DamagedBytes, type DamagedByte } from './import-limits';

/** The decoded text and its damaged bytes, or why the file cannot be read as text at all. */
export type DecodedCorpus = { text: string; damage: DamagedBytes } | { error: Diagnostic };

/**
 * Above this many undecodable bytes (or one in 64 bytes, when there are at least 3) a file is refused as
 * a whole: it is binary, or in another encoding, and skipping record after record would only hide that.
 */
const MAX_DAMAGED_BYTES = 4096;

/**
 * Decodes a corpus file; `expectedFormats` completes the refusal messages, `firstLine` is the number of the bytes'
 * first line in the file (a later piece of a file read in pieces) for the refusals' lines.
 */
export function decodeCorpusBytes(file: string, bytes: Uint8Array, expectedFormats: string, firstLine = 1): DecodedCorpus {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    try {
      const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
      return { text: normalizeLineEnds(text), damage: new DamagedBytes() };
    } catch {
      // fall through to the UTF-8 reading, which reports the bytes
    }
  }
  if (bytes.indexOf(0) < 0) {
    try {
      return { text: normalizeLineEnds(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), damage: new DamagedBytes() };
    } catch {
      // some invalid UTF-8: located below
    }
  }
  const bad = damagedByteOffsets(bytes);
  if (bad.length > MAX_DAMAGED_BYTES || (bad.length >= 3 && bad.length * 64 > bytes.length))
    return { error: refusal(file, bytes, bad, expectedFormats, firstLine) };
  return replaceDamagedBytes(bytes, bad);
}

function refusal(file: string, bytes: Uint8Array, bad: number[], expectedFormats: string, firstLine: number): Diagnostic {
  const nul = bad.find((offset) => bytes[offset] === 0);
  if (nul !== undefined) {
    const at = lineColumnOfByte(bytes, nul, firstLine);
    return diagnostic(
      file,
      at.line,
      at.column,
      'error',
      l10n.t(
        'Lectern: {0} is not a text file (it contains NUL bytes, first at line {1}); it was not loaded. Lectern reads UTF-8 text: {2}.',
        file,
        at.line,
        expectedFormats,
      ),
    );
  }
  const at = lineColumnOfByte(bytes, bad[0], firstLine);
  return diagnostic(
    file,
    at.line,
    at.column,
    'error',
    l10n.t(
      'Lectern: {0} is not valid UTF-8 text (first bad byte at line {1}, column {2}, {3} in all); it was not loaded. Re-save it as UTF-8 — Lectern reads {4}.',
      file,
      at.line,
      at.column,
      bad.length,
      expectedFormats,
    ),
  );
}

/** The text with each damaged byte replaced by one U+FFFD, and where each now stands (after line-end normalisation). */
function replaceDamagedBytes(bytes: Uint8Array, bad: number[]): { text: string; damage: DamagedBytes } {
  // Each run of good bytes is valid UTF-8 on its own; a BOM is dropped only at the very start.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const pieces: string[] = [];
  const damaged: DamagedByte[] = [];
  let length = 0;
  let from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (const offset of bad) {
    const piece = decoder.decode(bytes.subarray(from, offset));
    pieces.push(piece, '\uFFFD');
    length += piece.length;
    damaged.push({ offset: length, byte: bytes[offset] });
    length += 1;
    from = offset + 1;
  }
  pieces.push(decoder.decode(bytes.subarray(from)));
  const raw = pieces.join('');
  if (!raw.includes('\r')) return { text: raw, damage: new DamagedBytes(damaged) };
  // `\r\n` becomes `\n`: each damaged offset moves back by the pairs before it.
  let shift = 0;
  let next = raw.indexOf('\r\n');
  for (const d of damaged) {
    while (next !== -1 && next < d.offset) {
      shift++;
      next = raw.indexOf('\r\n', next + 2);
    }
    d.offset -= shift;
  }
  return { text: normalizeLineEnds(raw), damage: new DamagedBytes(damaged) };
}

function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Line and column of a byte, counting bytes (the text could not be decoded, so there are no characters to count). */
function lineColumnOfByte(bytes: Uint8Array, offset: number, firstLine: number): { line: number; column: number } {
  // Latin-1 maps each byte to one character, so character offsets are byte offsets.
  const at = lineColumnAt(new TextDecoder('latin1').decode(bytes.subarray(0, offset)), offset);
  return { line: at.line + firstLine - 1, column: at.column };
}

/**
 * Offsets of the bytes that are not text: NULs, and bytes that do not start or continue a valid UTF-8
 * sequence (a sequence cut short counts its lead byte; the continuation bytes are then looked at afresh).
 * Stops counting past {@link MAX_DAMAGED_BYTES}.
 */
function damagedByteOffsets(bytes: Uint8Array): number[] {
  const bad: number[] = [];
  let i = 0;
  while (i < bytes.length && bad.length <= MAX_DAMAGED_BYTES) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 0) bad.push(i);
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || !validSequence(bytes, i, need)) {
      bad.push(i);
      i++;
      continue;
    }
    i += need + 1;
  }
  return bad;
}

function validSequence(bytes: Uint8Array, i: number, need: number): boolean {
  const min = [0, 0x80, 0x800, 0x10000][need];
  let cp = bytes[i] & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return false;
    cp = (cp << 6) | (c & 0x3f);
  }
  return cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}
