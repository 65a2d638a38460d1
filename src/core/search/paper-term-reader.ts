import type { Paper } from '../model/paper';
import { CAPPED_TF } from './group-term-positions';
import { FIELD_COUNT } from './index-fields';
import { WordTermCache, type TermIdRun } from './word-term-cache';

/**
 * Reads papers into term ids for indexing: per field, the ids of `paperFieldTermPositions`' terms
 * in the same order with their positions (modulo 256), then each field's distinct terms with their
 * frequencies and positions grouped by term. The typed-array twin of `paperFieldTermPositions` +
 * `groupTermPositions` for the indexing hot path (no string or `Map` per word); one reader serves
 * one term numbering (`termId` numbers a new term; see `WordTermCache`).
 */
export class PaperTermReader {
  /** Title, abstract, keywords, categories and topics (stop words dropped). */
  private readonly words: WordTermCache;
  /** Author names (stop words kept: `van`, `de`). */
  private readonly names: WordTermCache;
  private readonly runs: TermIdRun[] = Array.from({ length: FIELD_COUNT }, () => ({
    ids: new Int32Array(256),
    positions: new Uint8Array(256),
    length: 0,
    next: 0,
  }));
  /** After `countField`: its distinct term ids in first-occurrence order, and how often each occurs. */
  distinct = new Int32Array(256);
  frequencies = new Int32Array(256);
  /**
   * After `countField`: the positions of `distinct[0]` (`min(frequencies[0], CAPPED_TF)` bytes),
   * then those of `distinct[1]`…, each term's in the order they occur.
   */
  groupedPositions = new Uint8Array(1024);
  /** Where the next position of each distinct term goes in `groupedPositions`, during `countField`. */
  private groupCursor = new Int32Array(256);
  private groupEnd = new Int32Array(256);
  /** Per term id, its index in `distinct` during `countField`, else -1. */
  private slotOf = new Int32Array(1024).fill(-1);

  constructor(termId: (term: string) => number) {
    this.words = new WordTermCache(false, termId);
    this.names = new WordTermCache(true, termId);
  }

  /**
   * Reads `paper`'s fields (in `FIELD_NAMES` order); returns each field's term count before
   * `countField`. The texts of a field are one position apart, as in `paperFieldTermPositions`.
   */
  read(paper: Paper): TermIdRun[] {
    const [title, authors, abstract, meta] = this.runs;
    for (const run of this.runs) {
      run.length = 0;
      run.next = 0;
    }
    this.words.appendTermIds(paper.title ?? '', title);
    for (const name of paper.authors ?? []) {
      this.names.appendTermIds(name, authors);
      authors.next += 1;
    }
    this.words.appendTermIds(paper.abstract ?? '', abstract);
    for (const list of [paper.keywords, paper.categories, paper.topics]) {
      for (const text of list ?? []) {
        this.words.appendTermIds(text, meta);
        meta.next += 1;
      }
    }
    return this.runs;
  }

  /**
   * Fills `distinct`, `frequencies` and `groupedPositions` for field `field` of the last `read`;
   * returns how many distinct terms it has.
   */
  countField(field: number): number {
    const { ids, positions, length } = this.runs[field];
    if (this.distinct.length < length) {
      this.distinct = new Int32Array(length * 2);
      this.frequencies = new Int32Array(length * 2);
      this.groupCursor = new Int32Array(length * 2);
      this.groupEnd = new Int32Array(length * 2);
    }
    if (this.groupedPositions.length < length) this.groupedPositions = new Uint8Array(length * 2);
    let n = 0;
    for (let i = 0; i < length; i++) {
      const id = ids[i];
      if (id >= this.slotOf.length) this.growSlots(id);
      const slot = this.slotOf[id];
      if (slot >= 0) this.frequencies[slot] += 1;
      else {
        this.slotOf[id] = n;
        this.distinct[n] = id;
        this.frequencies[n++] = 1;
      }
    }
    this.groupPositions(ids, positions, length, n);
    for (let i = 0; i < n; i++) this.slotOf[this.distinct[i]] = -1;
    return n;
  }

  /** Writes `groupedPositions` for the `n` distinct terms just counted (`slotOf` still set). */
  private groupPositions(ids: Int32Array, positions: Uint8Array, length: number, n: number): void {
    const { groupCursor, groupEnd, frequencies, slotOf } = this;
    let total = 0;
    for (let s = 0; s < n; s++) {
      groupCursor[s] = total;
      total += Math.min(frequencies[s], CAPPED_TF);
      groupEnd[s] = total;
    }
    const grouped = this.groupedPositions;
    for (let i = 0; i < length; i++) {
      const s = slotOf[ids[i]];
      if (groupCursor[s] < groupEnd[s]) grouped[groupCursor[s]++] = positions[i];
    }
  }

  private growSlots(id: number): void {
    let capacity = this.slotOf.length;
    while (capacity <= id) capacity *= 2;
    const next = new Int32Array(capacity).fill(-1);
    next.set(this.slotOf);
    this.slotOf = next;
  }
}
