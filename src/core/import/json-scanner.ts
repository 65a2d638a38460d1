/**
 * Position-aware JSON scanning for the JSON importers (CSL-JSON, Lectern JSON, JSON Lines): the one
 * hand-written JSON parser in Lectern. `JSON.parse` gives no positions (and in Node 20 often no offset for a
 * syntax error), so this module validates JSON iteratively (no recursion, any nesting depth), finds where
 * each top-level array element starts and ends, and says exactly where and why text is not JSON. Elements
 * themselves are then parsed with the native `JSON.parse`.
 *
 * Why not `jsonc-parser` (which reads `topics.json`): measured on this code's needs, it would lose what
 * the importers promise. Its errors are per token, so a bad escape or a control character is reported at
 * the string's opening quote, not at the character (`"title": "a \q b"` points at `"`, not at `\q`), and a
 * number such as `01` comes back as "comma expected"; it accepts comments, which `JSON.parse` then rejects;
 * its own recovery does not resume at the next record, which the importers need to skip one broken item
 * and load the rest; and finding the elements of a 50 MB CSL-JSON array took it 2–3× as long (≈ 0.5 s
 * vs ≈ 0.2 s here).
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic } from '../model/diagnostic';
import type { LineIndex } from '../text/line-column';
import { diagnostic, shorten } from './import-helpers';
import { damagedRecordMessage, describeDamagedByte, type ImportContext } from './import-limits';

/** Where and why a text is not JSON. */
export interface JsonSyntaxError {
  /** Offset (UTF-16 code units) of the offending character, e.g. the backslash of a bad escape. */
  offset: number;
  /** Where the array item being read when it broke starts, when there is one. */
  itemStart?: number;
  /** Phrased for a user, e.g. "expected `,` or `}` after a property value, found `\"`". */
  message: string;
}

/** Where one JSON value stands in the text: `text.slice(start, end)` is the value, without surrounding blanks. */
export interface JsonSpan {
  /** Offset of the value's first character (`{` for an object). */
  start: number;
  /** Offset just past its last character. */
  end: number;
}

/** What {@link scanJsonArray} found in a text that should be a JSON array of records. */
export interface JsonArrayScan {
  /** `array` for `[…]`, `object` for a single top-level object, `other` when the text is neither. */
  shape: 'array' | 'object' | 'other';
  /** Complete, valid elements in order (for `object`, the object itself). */
  elements: JsonSpan[];
  /** Syntax errors, in order; after one, scanning resumes at the next line that starts an element like the first did. */
  errors: JsonSyntaxError[];
  /** True when the array's closing `]` was never reached (the file is cut short or could not be resynchronised). */
  incomplete: boolean;
}

/** After this many syntax errors a scan stops: the file is too broken for more messages to help. */
const MAX_ERRORS = 20;

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipWs(s: string, pos: number): number {
  while (pos < s.length && isWs(s.charCodeAt(pos))) pos++;
  return pos;
}

function found(s: string, pos: number): string {
  if (pos >= s.length) return l10n.t('the end of the text');
  const ch = s[pos];
  if (ch === '\n' || ch === '\r') return l10n.t('a line break');
  return `\`${ch}\``;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Skips one string starting at `pos` (on the quote); returns the offset after it, or an error. */
function skipString(s: string, pos: number): number | JsonSyntaxError {
  const open = pos;
  pos++;
  for (;;) {
    if (pos >= s.length) return { offset: open, message: l10n.t('a string is never closed') };
    const c = s.charCodeAt(pos);
    if (c === 34) return pos + 1;
    if (c === 92) {
      const e = s[pos + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(s.slice(pos + 2, pos + 6)))
          return { offset: pos, message: l10n.t('a `\\u` escape needs four hex digits') };
        pos += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) pos += 2;
      else
        return { offset: pos, message: l10n.t('`\\{0}` is not a valid escape in a JSON string (write `\\\\` for a backslash)', e ?? '') };
    } else if (c < 32) {
      return c === 10 || c === 13
        ? { offset: open, message: l10n.t('a string is not closed before the end of its line') }
        : { offset: pos, message: l10n.t('a control character must be escaped inside a string') };
    } else pos++;
  }
}

/** Containers on the stack of open ones. */
const ARRAY = 1;
const OBJECT = 2;
/** What may come next: a value; a value or `]`; a key or `}`; a key; a `:`; a `,` or the container's close. */
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY_OR_CLOSE = 2;
const KEY = 3;
const COLON = 4;
const AFTER_VALUE = 5;

/**
 * Validates one JSON value starting at `pos` (after whitespace). Returns the offset just past it, or the
 * first syntax error. A state machine with an explicit stack of open containers, so depth costs no recursion.
 */
export function skipJsonValue(s: string, pos: number): number | JsonSyntaxError {
  const stack: number[] = [];
  let state = VALUE;
  for (;;) {
    if (state === AFTER_VALUE && stack.length === 0) return pos;
    pos = skipWs(s, pos);
    if (pos >= s.length) return endOfTextError(stack, state, pos);
    const c = s.charCodeAt(pos);
    if ((state === VALUE_OR_CLOSE && c === 93) || (state === KEY_OR_CLOSE && c === 125)) {
      // `[]` or `{}`
      pos++;
      stack.pop();
      state = AFTER_VALUE;
      continue;
    }
    switch (state) {
      case VALUE:
      case VALUE_OR_CLOSE: {
        if (c === 123 || c === 91) {
          stack.push(c === 123 ? OBJECT : ARRAY);
          pos++;
          state = c === 123 ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
          break;
        }
        const end = skipScalar(s, pos, state === VALUE && stack.length > 0);
        if (typeof end !== 'number') return end;
        pos = end;
        state = AFTER_VALUE;
        break;
      }
      case KEY_OR_CLOSE:
      case KEY: {
        if (c !== 34) {
          return c === 125
            ? { offset: pos, message: l10n.t('a trailing `,` before `}` is not allowed in JSON') }
            : { offset: pos, message: l10n.t('expected a property name in double quotes, found {0}', found(s, pos)) };
        }
        const end = skipString(s, pos);
        if (typeof end !== 'number') return end;
        pos = end;
        state = COLON;
        break;
      }
      case COLON:
        if (c !== 58) return { offset: pos, message: l10n.t('expected `:` after a property name, found {0}', found(s, pos)) };
        pos++;
        state = VALUE;
        break;
      default: {
        const top = stack[stack.length - 1];
        if (c === 44) {
          pos++;
          state = top === ARRAY ? VALUE : KEY;
        } else if ((top === ARRAY && c === 93) || (top === OBJECT && c === 125)) {
          pos++;
          stack.pop();
        } else {
          const message =
            top === ARRAY
              ? l10n.t('expected `,` or `]` after an array item, found {0}', found(s, pos))
              : l10n.t('expected `,` or `{0}` after a property value, found {1}', '}', found(s, pos));
          return { offset: pos, message };
        }
      }
    }
  }
}

function endOfTextError(stack: number[], state: number, pos: number): JsonSyntaxError {
  if (stack.length === 0 && state === VALUE) return { offset: pos, message: l10n.t('a value is missing') };
  const message =
    stack[stack.length - 1] === OBJECT
      ? l10n.t('the text ends inside an object (a `}` is missing)')
      : l10n.t('the text ends inside an array (a `]` is missing)');
  return { offset: pos, message };
}

/**
 * Skips a string, number, `true`, `false` or `null` at `pos`. `afterComma`: a value was due inside a
 * container, so a closing bracket here means a trailing comma.
 */
function skipScalar(s: string, pos: number, afterComma: boolean): number | JsonSyntaxError {
  const c = s.charCodeAt(pos);
  if (c === 34) return skipString(s, pos);
  if (c === 45 || (c >= 48 && c <= 57)) {
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(s);
    if (!m || m[0] === '-') return { offset: pos, message: l10n.t('a number is malformed') };
    return pos + m[0].length;
  }
  if (s.startsWith('true', pos) || s.startsWith('null', pos)) return pos + 4;
  if (s.startsWith('false', pos)) return pos + 5;
  if ((c === 93 || c === 125) && afterComma)
    return { offset: pos, message: l10n.t('a trailing `,` before `{0}` is not allowed in JSON', s[pos]) };
  return {
    offset: pos,
    message:
      c === 39
        ? l10n.t('expected a value, found {0} (JSON strings use double quotes)', found(s, pos))
        : l10n.t('expected a value, found {0}', found(s, pos)),
  };
}

/** The first syntax error in a whole JSON text, or undefined when it is valid. */
export function findJsonSyntaxError(s: string): JsonSyntaxError | undefined {
  const start = skipWs(s, 0);
  const r = skipJsonValue(s, start);
  if (typeof r !== 'number') return r;
  const rest = skipWs(s, r);
  return rest < s.length ? { offset: rest, message: l10n.t('unexpected {0} after the end of the JSON value', found(s, rest)) } : undefined;
}

/**
 * Finds the top-level elements of a JSON array (or a single object), validating as it goes. After a
 * syntax error it resumes at the next line indented like the first element and starting with `{`, so
 * one broken item does not hide the rest.
 */
export function scanJsonArray(s: string): JsonArrayScan {
  const result: JsonArrayScan = { shape: 'other', elements: [], errors: [], incomplete: false };
  let pos = skipWs(s, 0);
  let pending: JsonSpan | undefined;
  if (s[pos] === '{') {
    const r = skipJsonValue(s, pos);
    const after = typeof r === 'number' ? skipWs(s, r) : -1;
    if (typeof r !== 'number' || after >= s.length) {
      result.shape = 'object';
      if (typeof r === 'number') result.elements.push({ start: pos, end: r });
      else {
        result.errors.push(r);
        result.incomplete = true;
      }
      return result;
    }
    // More follows the first object: an array that lost its `[`. Say so, and read on.
    result.errors.push({ offset: pos, message: l10n.t('the `[` that opens the array is missing') });
    pending = { start: pos, end: r };
  } else if (s[pos] !== '[') {
    result.errors.push({ offset: pos, message: l10n.t('expected `[` to start a JSON array, found {0}', found(s, pos)) });
    return result;
  } else {
    pos = skipWs(s, pos + 1);
    if (s[pos] === ']') {
      result.shape = 'array';
      return checkTrailing(s, pos + 1, result);
    }
  }
  result.shape = 'array';
  const arrayStart = pos;
  let indent: string | undefined | null = null;
  for (;;) {
    let start: number;
    let r: number | JsonSyntaxError;
    if (pending) {
      ({ start, end: r } = pending);
      pending = undefined;
    } else {
      pos = skipWs(s, pos);
      start = pos;
      r = skipJsonValue(s, start);
    }
    let error: JsonSyntaxError | undefined;
    if (typeof r === 'number') {
      result.elements.push({ start, end: r });
      pos = skipWs(s, r);
      if (s[pos] === ',') {
        pos = skipWs(s, pos + 1);
        if (s[pos] === ']') return checkTrailing(s, pos + 1, result); // tolerate a trailing comma
        continue;
      }
      if (s[pos] === ']') return checkTrailing(s, pos + 1, result);
      error =
        pos >= s.length
          ? { offset: pos, message: l10n.t('the text ends before the array is closed with `]`') }
          : { offset: pos, message: l10n.t('expected `,` or `]` after an array item, found {0}', found(s, pos)) };
    } else {
      error = { ...r, itemStart: start };
    }
    result.errors.push(error);
    if (indent === null) indent = itemIndentation(s, arrayStart);
    // Resume at the next item line: the error's own line when an item starts there (a missing comma), else later.
    const from = Math.max(start + 1, s.lastIndexOf('\n', error.offset - 1));
    const resume = indent === undefined ? -1 : nextElementLine(s, from, indent);
    if (resume < 0 || result.errors.length >= MAX_ERRORS) {
      result.incomplete = true;
      return result;
    }
    pos = resume;
  }
}

/**
 * Indentation of the array's item lines: the shallowest indentation of a line that starts with `{` after
 * `from` (nested objects are indented deeper than the items that hold them). Undefined for one-line JSON.
 */
function itemIndentation(s: string, from: number): string | undefined {
  const pattern = /^([ \t]*)\{/gm;
  pattern.lastIndex = s.lastIndexOf('\n', from - 1) + 1;
  let best: string | undefined;
  for (let m = pattern.exec(s); m; m = pattern.exec(s)) {
    if (best === undefined || m[1].length < best.length) best = m[1];
    if (best.length === 0) break;
  }
  return best;
}

function checkTrailing(s: string, pos: number, result: JsonArrayScan): JsonArrayScan {
  const rest = skipWs(s, pos);
  if (rest < s.length) result.errors.push({ offset: rest, message: l10n.t('unexpected {0} after the closing `]`', found(s, rest)) });
  return result;
}

/** Offset of the `{` on the next line that starts with exactly `indent` then `{`, or -1. */
function nextElementLine(s: string, from: number, indent: string): number {
  let at = s.indexOf('\n', from);
  while (at !== -1) {
    const lineStart = at + 1;
    if (s.startsWith(indent, lineStart) && s[lineStart + indent.length] === '{') return lineStart + indent.length;
    at = s.indexOf('\n', lineStart);
  }
  return -1;
}

/** Turns JSON syntax errors from a scan into diagnostics that say what still loaded. */
export function reportJsonErrors(
  file: string,
  scan: JsonArrayScan,
  lines: LineIndex,
  diagnostics: Diagnostic[],
  format: string,
  expected: string,
): void {
  scan.errors.forEach((error, i) => {
    const pos = lines.position(error.offset);
    const item = error.itemStart !== undefined ? brokenItemLabel(lines.text.slice(error.itemStart, error.offset + 1)) : undefined;
    const last = i === scan.errors.length - 1;
    let consequence: string;
    if (scan.shape === 'other') consequence = l10n.t('nothing was loaded; the file should hold {0}', expected);
    else if (last && scan.incomplete) {
      const before = scan.elements.filter((e) => e.end <= error.offset).length;
      consequence =
        before === 1
          ? l10n.t('the 1 complete item before it loaded, the rest of the file did not')
          : l10n.t('the {0} complete items before it loaded, the rest of the file did not', before);
    } else consequence = l10n.t('the item there was skipped, the others loaded');
    const args = [file, format, pos.line, pos.column] as const;
    diagnostics.push(
      diagnostic(
        file,
        pos.line,
        pos.column,
        'error',
        item
          ? l10n.t(
              'Lectern: {0} is not valid {1} at line {2}, column {3} (in {4}): {5}; {6}. Fix the JSON and reload.',
              ...args,
              item,
              error.message,
              consequence,
            )
          : l10n.t(
              'Lectern: {0} is not valid {1} at line {2}, column {3}: {4}; {5}. Fix the JSON and reload.',
              ...args,
              error.message,
              consequence,
            ),
      ),
    );
  });
}

/**
 * Names a record whose JSON is broken from what can still be read of it: its citation key, id or title,
 * e.g. "item `smith2020`" or "item \"Attention is all…\"". Undefined when none of them is legible.
 */
export function brokenItemLabel(text: string): string | undefined {
  for (const key of ['citation-key', 'citeKey', 'id']) {
    const match = new RegExp(`"${key}"\\s*:\\s*"([^"\\\\\n]{1,80})"`).exec(text);
    if (match) return l10n.t('item `{0}`', match[1]);
  }
  const title = /"title"\s*:\s*"([^"\\\n]{1,200})/.exec(text);
  return title ? l10n.t('item "{0}"', shorten(title[1])) : undefined;
}

/**
 * True (with an error diagnostic at the byte) when the array element `span` holds a byte that is not
 * text; the caller then skips that element. `label` names it, e.g. "item 3".
 */
export function reportDamagedElement(
  file: string,
  span: JsonSpan,
  lines: LineIndex,
  context: ImportContext,
  label: string,
  diagnostics: Diagnostic[],
): boolean {
  const damaged = context.damage.firstIn(span.start, span.end);
  if (!damaged) return false;
  const at = lines.position(damaged.offset);
  const name = brokenItemLabel(lines.text.slice(span.start, Math.min(span.end, span.start + 4096)));
  diagnostics.push(diagnostic(file, at.line, at.column, 'error', damagedRecordMessage(file, at, damaged, name ?? label)));
  return true;
}

/** A warning for each damaged byte outside every element (between items, around the array): nothing was lost there. */
export function reportStrayDamage(
  file: string,
  elements: JsonSpan[],
  lines: LineIndex,
  context: ImportContext,
  diagnostics: Diagnostic[],
): void {
  for (const byte of context.damage.bytes) {
    // Elements are in order: find the last one starting at or before the byte.
    let lo = 0;
    let hi = elements.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (elements[mid].start <= byte.offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && byte.offset < elements[lo - 1].end) continue;
    const at = lines.position(byte.offset);
    diagnostics.push(
      diagnostic(
        file,
        at.line,
        at.column,
        'warning',
        l10n.t(
          'Lectern: {0} has {1} at line {2}, column {3}, between items; it was ignored. Remove it.',
          file,
          describeDamagedByte(byte),
          at.line,
          at.column,
        ),
      ),
    );
  }
}
