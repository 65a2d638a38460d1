import type { InvertedIndex } from './inverted-index';
import { EMPTY_SPARSE, type Sparse } from './score-accumulator';

/** Documents in every list, scores summed. */
export function intersect(index: InvertedIndex, lists: Sparse[]): Sparse {
  if (lists.length === 1) return lists[0];
  const sorted = [...lists].sort((a, b) => a.docs.length - b.docs.length);
  if (sorted[0].docs.length === 0) return EMPTY_SPARSE;
  let docs = sorted[0].docs;
  let scores = sorted[0].scores;
  const dense = index.scratch().scores;
  for (let l = 1; l < sorted.length && docs.length > 0; l++) {
    const other = sorted[l];
    for (let i = 0; i < other.docs.length; i++) dense[other.docs[i]] = other.scores[i];
    const nextDocs = new Int32Array(docs.length);
    const nextScores = new Float64Array(docs.length);
    let n = 0;
    for (let i = 0; i < docs.length; i++) {
      const s = dense[docs[i]];
      if (s > 0) {
        nextDocs[n] = docs[i];
        nextScores[n++] = scores[i] + s;
      }
    }
    for (let i = 0; i < other.docs.length; i++) dense[other.docs[i]] = 0;
    docs = nextDocs.subarray(0, n);
    scores = nextScores.subarray(0, n);
  }
  return { docs, scores };
}

/** Documents in any list, best score kept (alternatives of one word). */
export function unionMax(index: InvertedIndex, lists: Sparse[]): Sparse {
  const acc = index.scratch();
  for (const list of lists) {
    for (let i = 0; i < list.docs.length; i++) {
      const doc = list.docs[i];
      const s = list.scores[i];
      if (acc.scores[doc] === 0) {
        acc.docs[acc.size++] = doc;
        acc.scores[doc] = s;
      } else if (s > acc.scores[doc]) {
        acc.scores[doc] = s;
      }
    }
  }
  return acc.take();
}

/** Documents in any list, score summed and multiplied by the number of lists matched. */
export function unionCounted(index: InvertedIndex, lists: Sparse[]): Sparse {
  const acc = index.scratch();
  const counts = new Uint8Array(index.docCount);
  for (const list of lists) {
    for (let i = 0; i < list.docs.length; i++) {
      acc.add(list.docs[i], list.scores[i]);
      if (counts[list.docs[i]] < 255) counts[list.docs[i]] += 1;
    }
  }
  const sparse = acc.take();
  for (let i = 0; i < sparse.docs.length; i++) sparse.scores[i] *= counts[sparse.docs[i]];
  return sparse;
}
