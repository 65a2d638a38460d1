/** Document numbers with scores, as produced by an `Accumulator`: `scores[i]` belongs to `docs[i]`. */
export interface Sparse {
  docs: Int32Array;
  scores: Float64Array;
}

/** No documents (shared: never written to). */
export const EMPTY_SPARSE: Sparse = { docs: new Int32Array(0), scores: new Float64Array(0) };

/**
 * A dense score array plus the list of documents touched, reset by `take`. Dense because summing
 * one term's postings into it costs one array write per posting, whatever their order.
 */
export class Accumulator {
  /** Score by document number; 0 for documents not touched. */
  scores: Float64Array;
  /** The documents touched, in order, in `docs[0…size)`. */
  docs: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.scores = new Float64Array(capacity);
    this.docs = new Int32Array(capacity);
  }

  add(doc: number, score: number): void {
    if (this.scores[doc] === 0) this.docs[this.size++] = doc;
    this.scores[doc] += score;
  }

  /** Keeps the larger of a document's score and `score` (positive); max is exact in any order, unlike a sum. */
  addMax(doc: number, score: number): void {
    const old = this.scores[doc];
    if (old === 0) this.docs[this.size++] = doc;
    if (score > old) this.scores[doc] = score;
  }

  /** The accumulated documents (in touch order) and scores; leaves the accumulator empty. */
  take(): Sparse {
    const n = this.size;
    const docs = this.docs.slice(0, n);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const doc = docs[i];
      scores[i] = this.scores[doc];
      this.scores[doc] = 0;
    }
    this.size = 0;
    return { docs, scores };
  }
}
