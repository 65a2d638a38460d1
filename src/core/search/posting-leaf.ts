/**
 * One term×field posting list of a query, with everything needed to score its postings: the
 * unit both the exhaustive scorer (`InvertedIndex.scoreTerm`) and the pruned one
 * (`pruned-top.ts`) walk, so that both compute each posting's score with the very same arithmetic.
 *
 * A posting of document `doc` with term frequency `tf` scores
 * `scale * (d + (tf * k1) / (tf + kConst + kLen * lengths[doc]))` (BM25+), which grows with `tf`
 * and shrinks with the field's length: the largest `tf` and the shortest field of a list bound
 * every score in it.
 */
export interface PostingLeaf {
  /** Documents of the compacted segment, `docs[start…end)` ascending; then `deltaDocs`, also ascending and after them. */
  docs: Int32Array;
  tfs: Uint16Array;
  start: number;
  end: number;
  deltaDocs?: number[];
  deltaTfs?: number[];
  /** The field's length by document. */
  lengths: Uint16Array;
  /** Query weight × field boost × idf: positive. */
  scale: number;
  d: number;
  k1: number;
  kConst: number;
  kLen: number;
  /** Largest term frequency and shortest field length over the list's postings (dead ones included), when asked for: they bound its scores. */
  maxTf?: number;
  minLength?: number;
}

/** Largest tf and shortest field length over some postings (an upper bound of their scores with `postingScore`). */
export interface ListBound {
  maxTf: number;
  minLength: number;
}

/** The bound of `docs[from…to)`, folded into `into`. */
export function boundOf(
  docs: ArrayLike<number>,
  tfs: ArrayLike<number>,
  from: number,
  to: number,
  lengths: Uint16Array,
  into: ListBound,
): ListBound {
  let { maxTf, minLength } = into;
  for (let p = from; p < to; p++) {
    if (tfs[p] > maxTf) maxTf = tfs[p];
    const length = lengths[docs[p]];
    if (length < minLength) minLength = length;
  }
  into.maxTf = maxTf;
  into.minLength = minLength;
  return into;
}

/** The score of one posting (the one formula of the search; keep its operations in this order). */
export function postingScore(leaf: PostingLeaf, tf: number, length: number): number {
  return leaf.scale * (leaf.d + (tf * leaf.k1) / (tf + leaf.kConst + leaf.kLen * length));
}
