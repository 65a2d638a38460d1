/**
 * A note as the bytes on disk, so Lectern can write back exactly what it read: a note is decoded
 * the way VS Code and `TextDecoder` decode it (UTF-8, a leading byte-order mark dropped from the
 * text, each invalid sequence read as U+FFFD), while every UTF-16 offset of the text keeps the
 * byte offset it came from. Edits computed on the text then replace only their own bytes; the
 * BOM, line endings and every byte outside the edits (invalid ones included) are copied as they were.
 */
import * as l10n from '@vscode/l10n';
import { applyTextEdits, normalizeEdits, type TextEdit } from './text-edit';

/** A note's bytes and the text Lectern reads from them (see {@link decodeNote}). */
export interface DecodedNote {
  /** The file's bytes, as read. */
  readonly bytes: Uint8Array;
  /** The text, without the byte-order mark; each invalid UTF-8 sequence is one U+FFFD. */
  readonly text: string;
  /** Whether the file starts with a UTF-8 byte-order mark (`EF BB BF`). */
  readonly bom: boolean;
  /** `byteAt[i]` is the byte offset of the text's code unit `i`; `byteAt[text.length]` is the bytes' length. */
  readonly byteAt: Uint32Array;
  /** Text offsets of the U+FFFD characters that stand for invalid bytes (sorted). */
  readonly invalid: readonly number[];
}

/** The result of {@link editNoteBytes}: the new bytes and text, or why the note was left alone. */
export type NoteBytesEditResult = { bytes: Uint8Array; text: string } | { error: string; line: number };

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Decodes a note's bytes, keeping where each character came from. The text is the same as
 * `new TextDecoder().decode(bytes)` gives (WHATWG UTF-8 decoding with replacement).
 *
 * @example
 * ```ts
 * const note = decodeNote(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xe9, 0x0a]));
 * note.text;    // → 'a\ufffd\n'
 * note.bom;     // → true
 * note.invalid; // → [1] (the Latin-1 é byte)
 * ```
 */
export function decodeNote(bytes: Uint8Array): DecodedNote {
  const bom = BOM.every((byte, i) => bytes[i] === byte); // Past the end, `bytes[i]` is undefined: no BOM.
  const units: number[] = [];
  const starts: number[] = [];
  const invalid: number[] = [];
  const emit = (codePoint: number, from: number) => {
    if (codePoint > 0xffff) {
      units.push(0xd800 + ((codePoint - 0x10000) >> 10), 0xdc00 + (codePoint & 0x3ff)); // 0x10000 has no low 10 bits.
      starts.push(from, from);
    } else {
      units.push(codePoint);
      starts.push(from);
    }
  };
  const replace = (from: number) => {
    invalid.push(units.length);
    emit(0xfffd, from);
  };
  // The decoder of the WHATWG Encoding standard, so invalid sequences split exactly as TextDecoder splits them.
  let needed = 0;
  let seen = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let sequenceStart = 0;
  for (let i = bom ? 3 : 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (needed === 0) {
      sequenceStart = i;
      if (byte <= 0x7f) emit(byte, i);
      else if (byte >= 0xc2 && byte <= 0xdf) [needed, codePoint] = [1, byte & 0x1f];
      else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        [needed, codePoint] = [2, byte & 0x0f];
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        [needed, codePoint] = [3, byte & 0x07];
      } else replace(i);
      continue;
    }
    if (byte < lower || byte > upper) {
      [needed, seen, codePoint, lower, upper] = [0, 0, 0, 0x80, 0xbf];
      replace(sequenceStart);
      i--; // This byte starts the next sequence.
      continue;
    }
    [lower, upper] = [0x80, 0xbf];
    codePoint = (codePoint << 6) | (byte & 0x3f);
    if (++seen === needed) {
      emit(codePoint, sequenceStart);
      [needed, seen, codePoint] = [0, 0, 0];
    }
  }
  if (needed !== 0) replace(sequenceStart);
  const byteAt = new Uint32Array(units.length + 1);
  byteAt.set(starts);
  byteAt[units.length] = bytes.length;
  let text = '';
  // Stryker disable next-line EqualityOperator: one more pass at `i === units.length` adds an empty slice, ''
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.slice(i, i + 8192));
  return { bytes, text, bom, byteAt, invalid };
}

/**
 * Applies edits computed on `note.text` to the bytes: each edit's range is replaced by its new
 * text in UTF-8, and every other byte is copied. Refused (`{ error, line }`, nothing written) when
 * an edit would remove an invalid byte sequence (its bytes cannot be written back from the text),
 * splits a character, or when the result does not read back as exactly the edited text with every
 * byte outside the edits unchanged.
 *
 * @example
 * ```ts
 * const note = decodeNote(bytes); // '---\nstatus: reading\n---\nCaf\ufffd\n' from a Latin-1 é
 * editNoteBytes(note, [{ start: 12, end: 19, newText: 'read' }]).bytes; // the 0xE9 byte is still there
 * ```
 */
export function editNoteBytes(note: DecodedNote, edits: readonly TextEdit[]): NoteBytesEditResult {
  const { text, bytes, byteAt } = note;
  let normalized: TextEdit[];
  try {
    normalized = normalizeEdits(edits);
  } catch (error) {
    return { error: (error as Error).message, line: 1 };
  }
  const refuse = (offset: number, why: string): NoteBytesEditResult => {
    const line = lineOf(text, offset);
    return { error: l10n.t('Lectern: line {0} {1}; the note was left unchanged so that no byte of it is lost.', line, why), line };
  };
  for (const edit of normalized) {
    if (edit.end > text.length) return refuse(text.length, l10n.t('is past the end of the note (it changed while Lectern was editing it)'));
    if (splitsPair(text, edit.start) || splitsPair(text, edit.end)) return refuse(edit.start, l10n.t('would be cut inside a character'));
    const bad = note.invalid.find((at) => at >= edit.start && at < edit.end);
    if (bad !== undefined) {
      return refuse(
        bad,
        l10n.t('holds bytes that are not valid UTF-8 where Lectern would write; save the note as UTF-8 (or fix that line), then try again'),
      );
    }
  }
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  // Stryker disable next-line ArrayDeclaration: a string in `kept` reads as the range ['S', 't'), which has no index to compare
  const kept: Array<[from: number, to: number, at: number]> = []; // Original byte range and where it lands.
  let length = 0;
  let at = 0;
  const keep = (from: number, to: number) => {
    // Stryker disable next-line ArrayDeclaration,CallExpression: the check below cannot fail (see there), so what it is given changes nothing
    kept.push([from, to, length]);
    pieces.push(bytes.subarray(from, to));
    length += to - from;
  };
  keep(0, byteAt[0]); // The byte-order mark.
  for (const edit of normalized) {
    keep(byteAt[at], byteAt[edit.start]);
    const encoded = encoder.encode(edit.newText);
    pieces.push(encoded);
    length += encoded.length;
    at = edit.end;
  }
  keep(byteAt[at], bytes.length);
  const next = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    next.set(piece, offset);
    offset += piece.length;
  }
  // Checked, not assumed: the kept bytes (the BOM among them) are identical, and the new bytes read back as the edited text.
  // Stryker disable all: the kept ranges are copied from these very bytes above, so this check cannot fail while that copying is right; it guards it
  for (const [from, to, landed] of kept) {
    for (let i = from; i < to; i++) if (next[landed + i - from] !== bytes[i]) return refuse(0, l10n.t('would change outside the edit'));
  }
  // Stryker restore all
  const expected = applyTextEdits(text, normalized);
  if (decodeNote(next).text !== expected) {
    const first = normalized[0].start; // Some edit is there: without one, the bytes read back as they are.
    return refuse(first, l10n.t('would not read back as the edited text (an invalid byte sequence next to the edit)'));
  }
  return { bytes: next, text: expected };
}

/**
 * Whether `offset` falls between the two halves of a surrogate pair: a decoded note has no lone
 * surrogate, so a low one there always follows its high one.
 */
function splitsPair(text: string, offset: number): boolean {
  const after = text.charCodeAt(offset);
  return after >= 0xdc00 && after <= 0xdfff;
}

/** 1-based line of an offset, counting `\r\n`, `\n` and a lone `\r` as line breaks (as editors do). */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x0a || (char === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) line++;
  }
  return line;
}

/**
 * Whether saving an open note from the editor would lose bytes, and where: VS Code re-encodes
 * the whole document on save, so a file that is not valid UTF-8, open as UTF-8 (`utf8`, `utf8bom`,
 * or an editor that does not say), would have each invalid byte replaced by U+FFFD. Gives the
 * 1-based line of the first such byte, or undefined when a save writes the same bytes back.
 *
 * @example lossySaveLine(new Uint8Array([0x61, 0x0a, 0xe9]), 'utf8') // → 2
 */
export function lossySaveLine(bytes: Uint8Array, encoding: string | undefined): number | undefined {
  if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'utf8bom') return undefined;
  // Stryker disable next-line BlockStatement: a fast path only; without it decodeNote below finds no invalid byte either
  try {
    // Stryker disable next-line StringLiteral: an unknown encoding throws here, which takes the slow path to the same answer
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined; // Valid UTF-8 (the usual case), found without mapping every byte.
  } catch {
    // Invalid somewhere: find the line below.
  }
  const note = decodeNote(bytes);
  // Stryker disable next-line ConditionalExpression: reached only when the fast path found an invalid byte (see above)
  return note.invalid.length === 0 ? undefined : lineOf(note.text, note.invalid[0]);
}
