/** A TeX run found in text, with the delimiters it was written with. */
export interface MathRun {
  tex: string;
  display: boolean;
  /** The run as written, delimiters included (shown as is when it sits in code or fails). */
  source: string;
}

export interface ProtectedText {
  /** The text with each math run replaced by `PLACEHOLDER_OPEN + index + PLACEHOLDER_CLOSE`. */
  text: string;
  runs: MathRun[];
}

/** Private-use characters: markdown leaves them alone, and input text has them stripped first. */
const PLACEHOLDER_OPEN = '\uE000';
const PLACEHOLDER_CLOSE = '\uE001';
export const PLACEHOLDER_PATTERN = /\uE000(\d+)\uE001/g;

const MAX_RUNS = 500;
const MAX_INLINE = 1_000;
const MAX_DISPLAY = 4_000;

/**
 * Replaces the math runs of `input` — `$$…$$`, `\[…\]`, `\(…\)` and `$…$` — with placeholders so
 * markdown cannot mangle them (`_`, `*`, `\\`). `$…$` follows pandoc's rule (no space inside the
 * dollars, no digit right after the closing one), so "$5 and $10" stays text; `\$` is a dollar;
 * code spans are left alone; a run never crosses a blank line.
 */
export function protectMath(input: string): ProtectedText {
  const source = input.replace(/[\uE000\uE001]/g, '');
  const runs: MathRun[] = [];
  let out = '';
  let i = 0;
  const emit = (tex: string, display: boolean, end: number) => {
    out += PLACEHOLDER_OPEN + runs.length + PLACEHOLDER_CLOSE;
    runs.push({ tex, display, source: source.slice(i, end) });
    i = end;
  };
  while (i < source.length) {
    const ch = source[i];
    if (runs.length >= MAX_RUNS) break;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === '[' || next === '(') {
        const close = next === '[' ? '\\]' : '\\)';
        const end = findClosing(source, i + 2, close, next === '[' ? MAX_DISPLAY : MAX_INLINE);
        if (end >= 0) {
          emit(source.slice(i + 2, end), next === '[', end + 2);
          continue;
        }
      }
      out += source.slice(i, i + 2); // an escape (`\$`, `\\`…) stays for markdown to resolve
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = codeSpanEnd(source, i);
      out += source.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '$') {
      if (source[i + 1] === '$') {
        const end = findClosing(source, i + 2, '$$', MAX_DISPLAY);
        if (end > i + 2) {
          emit(source.slice(i + 2, end), true, end + 2);
          continue;
        }
        out += '$$';
        i += 2;
        continue;
      }
      const end = inlineDollarEnd(source, i);
      if (end >= 0) {
        emit(source.slice(i + 1, end), false, end + 1);
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return { text: out + source.slice(i), runs };
}

/** Index of `close` after `from` (skipping backslash escapes), within `max` characters and no blank line; else -1. */
function findClosing(text: string, from: number, close: string, max: number): number {
  const limit = Math.min(text.length, from + max + close.length);
  for (let j = from; j < limit; j++) {
    if (text.startsWith(close, j)) return j;
    if (text[j] === '\\' && close[0] !== '\\') j += 1;
    else if (text[j] === '\n' && /^\n[ \t]*\n/.test(text.slice(j, j + 40))) return -1;
  }
  return -1;
}

/** The closing `$` of an inline run opening at `start`, per pandoc's tex_math_dollars; else -1. */
function inlineDollarEnd(text: string, start: number): number {
  const first = text[start + 1];
  if (first === undefined || /\s/.test(first)) return -1;
  const limit = Math.min(text.length, start + 1 + MAX_INLINE);
  for (let j = start + 1; j < limit; j++) {
    const c = text[j];
    if (c === '\\') {
      j += 1;
      continue;
    }
    if (c === '\n' && /^\n[ \t]*\n/.test(text.slice(j, j + 40))) return -1;
    if (c === '$') {
      if (j === start + 1 || /\s/.test(text[j - 1]) || /\d/.test(text[j + 1] ?? '')) return -1;
      return j;
    }
  }
  return -1;
}

/** End of a code span starting at the backtick run at `start` (CommonMark: a closing run of the same length). */
function codeSpanEnd(text: string, start: number): number {
  let n = 0;
  while (text[start + n] === '`') n++;
  const fence = '`'.repeat(n);
  let j = start + n;
  while ((j = text.indexOf(fence, j)) >= 0) {
    if (text[j + n] !== '`' && text[j - 1] !== '`') return j + n;
    while (text[j] === '`') j++;
  }
  return start + n; // no closing run: the backticks are literal
}
