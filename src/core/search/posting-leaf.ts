/**
 * One term×field posting list of a query, with everything needed to score its postings: the
 * unit both the exhaustive scorer (`InvertedIndex.scoreTerm`) and the pruned one
 * (`pruned-top.ts`) walk, so that both compute each posting's score with the very same arithmetic.
 *
 * A posting of document `doc` with term frequency `tf` scores
 * `scale * (d + (tf * k1) / (tf + kConst + kLen * lengths[doc]))` (BM25+); `scale` times the
 * largest value of the rest over a list (`maxUnitScore`) bounds every score in it.
 */
export interface PostingLeaf {
  /** Documents of the compacted segment, `docs[start…end)` ascending; then `deltaDocs`, also ascending and after them. */
  docs: Int32Array;
  tfs: Uint8Array | Uint16Array;
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
  /** The largest `postingScore(leaf, tf, length) / scale` over the list's postings (dead ones included), when asked for: `scale` times it bounds every score. */
  maxUnitScore?: number;
}

/** Postings in the leaf's list, dead documents' included (the compacted segment and the delta). */
export function leafPostings(leaf: PostingLeaf): number {
  return leaf.end - leaf.start + (leaf.deltaDocs?.length ?? 0);
}

/** The largest unit score (`postingScore` without `scale`) of `docs[from…to)`, at least `atLeast`. */
export function maxUnitScore(
  leaf: PostingLeaf,
  docs: ArrayLike<number>,
  tfs: ArrayLike<number>,
  from: number,
  to: number,
  atLeast: number,
): number {
  const { lengths, d, k1, kConst, kLen } = leaf;
  let max = atLeast;
  for (let p = from; p < to; p++) {
    const tf = tfs[p];
    const unit = d + (tf * k1) / (tf + kConst + kLen * lengths[docs[p]]);
    if (unit > max) max = unit;
  }
  return max;
}

/** The score of one posting (the one formula of the search; keep its operations in this order). */
export function postingScore(leaf: PostingLeaf, tf: number, length: number): number {
  return leaf.scale * (leaf.d + (tf * leaf.k1) / (tf + leaf.kConst + leaf.kLen * length));
}
