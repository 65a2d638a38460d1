import type { Paper } from '../model/paper';
import { FIELD_COUNT } from './index-fields';
import { WordTermCache, type TermIdRun } from './word-term-cache';

/**
 * Reads papers into term ids for indexing: per field, the ids of `paperFieldTerms`' terms in
 * the same order, then each field's distinct terms with their frequencies. The typed-array twin of
 * `paperFieldTerms` + `countTerms` for the indexing hot path (no string or `Map` per word); one
 * reader serves one term numbering (`termId` numbers a new term; see `WordTermCache`).
 */
export class PaperTermReader {
  /** Title, abstract, keywords, categories and topics (stop words dropped). */
  private readonly words: WordTermCache;
  /** Author names (stop words kept: `van`, `de`). */
  private readonly names: WordTermCache;
  private readonly runs: TermIdRun[] = Array.from({ length: FIELD_COUNT }, () => ({ ids: new Int32Array(256), length: 0 }));
  /** After `countField`: its distinct term ids in first-occurrence order, and how often each occurs. */
  distinct = new Int32Array(256);
  frequencies = new Int32Array(256);
  /** Per term id, its index in `distinct` during `countField`, else -1. */
  private slotOf = new Int32Array(1024).fill(-1);

  constructor(termId: (term: string) => number) {
    this.words = new WordTermCache(false, termId);
    this.names = new WordTermCache(true, termId);
  }

  /** Reads `paper`'s fields (in `FIELD_NAMES` order); returns each field's term count before `countField`. */
  read(paper: Paper): TermIdRun[] {
    const [title, authors, abstract, meta] = this.runs;
    for (const run of this.runs) run.length = 0;
    this.words.appendTermIds(paper.title ?? '', title);
    for (const name of paper.authors ?? []) this.names.appendTermIds(name, authors);
    this.words.appendTermIds(paper.abstract ?? '', abstract);
    for (const list of [paper.keywords, paper.categories, paper.topics]) {
      for (const text of list ?? []) this.words.appendTermIds(text, meta);
    }
    return this.runs;
  }

  /** Fills `distinct` and `frequencies` for field `field` of the last `read`; returns how many distinct terms it has. */
  countField(field: number): number {
    const { ids, length } = this.runs[field];
    if (this.distinct.length < length) {
      this.distinct = new Int32Array(length * 2);
      this.frequencies = new Int32Array(length * 2);
    }
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
    for (let i = 0; i < n; i++) this.slotOf[this.distinct[i]] = -1;
    return n;
  }

  private growSlots(id: number): void {
    let capacity = this.slotOf.length;
    while (capacity <= id) capacity *= 2;
    const next = new Int32Array(capacity).fill(-1);
    next.set(this.slotOf);
    this.slotOf = next;
  }
}
