import type { IndexState } from './index-state';

/**
 * Each document's place in the order "title, then id" (both compared by code unit, ASCII case
 * ignored), the tie-break of equal scores. Ranking compares these integers instead of titles: a
 * corpus of look-alike papers ties on score by the thousand, and comparing their titles was most of
 * a query's time. Computed on first use; documents added later are sorted among themselves and
 * merged in, and a compaction (which renumbers documents) starts afresh.
 */
export class TitleRanks {
  private state?: IndexState;
  /** Documents ordered by title then id (dead ones may linger: their rank is never compared). */
  private order: Int32Array = new Int32Array(0);
  /** Documents numbered below this are in `order`. */
  private covered = 0;
  private ranks = new Int32Array(0);

  /** Rank by document number for the index's current state; compare only live documents' ranks. */
  of(state: IndexState): Int32Array {
    if (state !== this.state) {
      this.state = state;
      this.order = new Int32Array(0);
      this.covered = 0;
    }
    if (this.covered === state.docCount) return this.ranks;
    const added: number[] = [];
    for (let d = this.covered; d < state.docCount; d++) if (state.alive[d]) added.push(d);
    const keys = sortKeys(state, added);
    const fresh = Int32Array.from(
      added.map((_, i) => i).sort((a, b) => compareKeys(keys, a, b)),
      (i) => added[i],
    );
    const kept = this.order.filter((doc) => state.alive[doc] === 1);
    this.order = mergeByTitle(state, kept, fresh);
    this.covered = state.docCount;
    this.ranks = new Int32Array(state.docCount);
    for (let r = 0; r < this.order.length; r++) this.ranks[this.order[r]] = r;
    return this.ranks;
  }
}

/** Title and id per document of `docs`, folded once so the sort compares plain strings. */
function sortKeys(state: IndexState, docs: number[]): { titles: string[]; ids: string[] } {
  const titles: string[] = [];
  const ids: string[] = [];
  for (const doc of docs) {
    const paper = state.docPaper[doc]!;
    titles.push(foldAsciiCase(paper.title ?? ''));
    ids.push(foldAsciiCase(paper.id));
  }
  return { titles, ids };
}

function compareKeys(keys: { titles: string[]; ids: string[] }, a: number, b: number): number {
  const x = keys.titles[a];
  const y = keys.titles[b];
  if (x !== y) return x < y ? -1 : 1;
  const p = keys.ids[a];
  const q = keys.ids[b];
  return p < q ? -1 : p > q ? 1 : 0;
}

/** Two title-ordered runs of documents merged into one. */
function mergeByTitle(state: IndexState, left: Int32Array, right: Int32Array): Int32Array {
  if (left.length === 0) return right;
  if (right.length === 0) return left;
  const out = new Int32Array(left.length + right.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < left.length && j < right.length) {
    out[n++] = compareByTitle(state, left[i], right[j]) <= 0 ? left[i++] : right[j++];
  }
  while (i < left.length) out[n++] = left[i++];
  while (j < right.length) out[n++] = right[j++];
  return out;
}

/** Title, then id, by code unit with ASCII letters compared as lower case (the order of results with equal scores). */
export function compareByTitle(state: IndexState, a: number, b: number): number {
  const x = state.docPaper[a]!;
  const y = state.docPaper[b]!;
  return compareText(x.title ?? '', y.title ?? '') || compareText(x.id, y.id);
}

/** Code-unit comparison ignoring ASCII case, without allocating. */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

/** `text` with ASCII capitals lowered and every other code unit kept, so `<` on the results orders as `compareText`. */
function foldAsciiCase(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : text;
}
