/**
 * A word-level text diff (Myers' O(ND) over tokens), shared by the host, which merges the notes
 * pane's typing into a note with it, and the webview, which keeps the caret in place when the
 * pane's text is updated. Imports nothing.
 */

/** A replacement of `[start, end)` of the old text by `newText` (the same shape as core's `TextEdit`). */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

/** Words (letters, digits, marks, `_`) are one token; every other code point is its own. */
const TOKEN = /[\p{L}\p{N}\p{M}_]+|[^]/gu;

/** The diff gives up on alignments costlier than this (edit distance × length) and replaces the whole middle. */
const MAX_WORK = 30_000_000;
const MAX_DISTANCE = 2_000;

/**
 * Edits turning `from` into `to`, as few words changed as possible (Myers' diff over tokens after
 * trimming the common prefix and suffix). Sorted, non-overlapping, none empty; each either
 * replaces a run of tokens or inserts at a token boundary. Surrogate pairs are never split.
 */
export function diffTexts(from: string, to: string): TextChange[] {
  if (from === to) return [];
  let prefix = 0;
  const shorter = Math.min(from.length, to.length);
  while (prefix < shorter && from.charCodeAt(prefix) === to.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) suffix++;
  // Widen to token boundaries so a changed word is compared whole and no surrogate pair is split.
  while (prefix > 0 && splitsToken(from, prefix, to, prefix)) prefix--;
  while (suffix > 0 && splitsToken(from, from.length - suffix, to, to.length - suffix)) suffix--;
  const a = from.slice(prefix, from.length - suffix);
  const b = to.slice(prefix, to.length - suffix);
  if (a === '' || b === '') return [{ start: prefix, end: from.length - suffix, newText: b }];
  const tokensA = tokenize(a);
  const tokensB = tokenize(b);
  const ids = new Map<string, number>();
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) ids.set(token, (id = ids.size));
    return id;
  };
  const seqA = Int32Array.from(tokensA.tokens, idOf);
  const seqB = Int32Array.from(tokensB.tokens, idOf);
  const hunks = myers(seqA, seqB);
  if (!hunks) return [{ start: prefix, end: from.length - suffix, newText: b }];
  return hunks.map(([aStart, aEnd, bStart, bEnd]) => ({
    start: prefix + tokensA.offsets[aStart],
    end: prefix + tokensA.offsets[aEnd],
    newText: b.slice(tokensB.offsets[bStart], tokensB.offsets[bEnd]),
  }));
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const isWordChar = (text: string, at: number) => at >= 0 && at < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));
const isLowSurrogate = (text: string, at: number) => at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]);
const isWordEnd = (text: string, at: number) =>
  at > 0 && (WORD_CHAR.test(text[at - 1]) || (/[\uDC00-\uDFFF]/.test(text[at - 1]) && isWordChar(text, at - 2)));

/** Whether the boundary at `atA` of `a` and `atB` of `b` (the same text before it) cuts a word or a surrogate pair in either. */
function splitsToken(a: string, atA: number, b: string, atB: number): boolean {
  if (isLowSurrogate(a, atA) || isLowSurrogate(b, atB)) return true;
  return (isWordEnd(a, atA) && isWordChar(a, atA)) || (isWordEnd(b, atB) && isWordChar(b, atB));
}

function tokenize(text: string): { tokens: string[]; offsets: number[] } {
  const tokens: string[] = [];
  const offsets: number[] = [];
  for (const match of text.matchAll(TOKEN)) {
    tokens.push(match[0]);
    offsets.push(match.index);
  }
  offsets.push(text.length);
  return { tokens, offsets };
}

/** Myers' O(ND) diff: hunks `[aStart, aEnd, bStart, bEnd)` of changed tokens, or undefined when too costly. */
function myers(a: Int32Array, b: Int32Array): [number, number, number, number][] | undefined {
  const n = a.length;
  const m = b.length;
  const maxD = Math.min(n + m, MAX_DISTANCE, Math.floor(MAX_WORK / (n + m + 1)));
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  outer: for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        found = d;
        break outer;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return undefined;
  // Walk back from (n, m), collecting single-token steps, then group them into hunks.
  const steps: { kind: 'delete' | 'insert'; x: number; y: number }[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const previous = trace[d - 1];
    const at = (k: number) => previous[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX + (down ? 0 : 1) && y > previousY + (down ? 1 : 0)) {
      x--;
      y--;
    }
    if (down) steps.push({ kind: 'insert', x, y: y - 1 });
    else steps.push({ kind: 'delete', x: x - 1, y });
    x = previousX;
    y = previousY;
  }
  steps.reverse();
  const hunks: [number, number, number, number][] = [];
  for (const step of steps) {
    const last = hunks[hunks.length - 1];
    const aAt = step.x;
    const bAt = step.y;
    if (last && last[1] === aAt && last[3] === bAt) {
      if (step.kind === 'delete') last[1]++;
      else last[3]++;
    } else hunks.push(step.kind === 'delete' ? [aAt, aAt + 1, bAt, bAt] : [aAt, aAt, bAt, bAt + 1]);
  }
  return hunks;
}

/** Where offset `at` of the old text is after `changes`: shifted past them, or to the end of one it was inside. */
export function mapOffset(at: number, changes: readonly TextChange[]): number {
  let shift = 0;
  for (const change of changes) {
    if (change.start >= at) break;
    if (change.end > at) return change.start + shift + change.newText.length;
    shift += change.newText.length - (change.end - change.start);
  }
  return at + shift;
}
