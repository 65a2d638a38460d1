import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lsaEmbedding, type SparseRows } from './lsa-embedding';
import { sphericalKMeans } from './spherical-kmeans';

/** Documents as rows of (term, weight); each row L2-normalised like discovery's vectors. */
function rows(docs: number[][]): SparseRows {
  const start = new Int32Array(docs.length + 1);
  const terms: number[] = [];
  const weights: number[] = [];
  docs.forEach((doc, d) => {
    for (const t of doc) {
      terms.push(t);
      weights.push(1 / Math.sqrt(doc.length));
    }
    start[d + 1] = terms.length;
  });
  return { start, terms: Int32Array.from(terms), weights: Float64Array.from(weights) };
}

const range = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

// Two subjects: documents 0–9 use terms 0–3 ("spiking", "neuron", …), 10–19 terms 4–7; within a subject
// documents share few exact words, so only co-occurrence ties them together.
const DOCS = [
  ...Array.from({ length: 10 }, (_, i) => [i % 4, (i + 1) % 4]),
  ...Array.from({ length: 10 }, (_, i) => [4 + (i % 4), 4 + ((i + 1) % 4)]),
];

test('documents of one subject come close in the latent space even without shared words, and k-means separates the subjects', () => {
  const order = range(DOCS.length);
  const space = lsaEmbedding(rows(DOCS), order, range(8), (t) => t * 7919 + 1, 2);
  const cosine = (a: number, b: number) => {
    let s = 0;
    for (let j = 0; j < space.dims; j += 1) s += space.coordinates[a * space.dims + j] * space.coordinates[b * space.dims + j];
    return s;
  };
  // Documents 0 ([0, 1]) and 2 ([2, 3]) share no term but the same subject; 0 and 10 share neither.
  assert.ok(cosine(0, 2) > 0.9 && Math.abs(cosine(0, 10)) < 0.1, `${cosine(0, 2)} vs ${cosine(0, 10)}`);
  const groups = sphericalKMeans(space, order, 2);
  const first = new Set(Array.from(groups.subarray(0, 10)));
  const second = new Set(Array.from(groups.subarray(10)));
  assert.equal(first.size, 1, 'the first subject is one group');
  assert.equal(second.size, 1, 'the second subject is one group');
  assert.notDeepEqual([...first], [...second]);
});

test('a document with no terms gets no coordinates and no group', () => {
  const docs = [...DOCS, []];
  const order = range(docs.length);
  const space = lsaEmbedding(rows(docs), order, range(8), (t) => t + 1, 2);
  const last = space.coordinates.subarray((docs.length - 1) * space.dims);
  assert.ok(last.every((x) => x === 0));
  assert.equal(sphericalKMeans(space, order, 2)[docs.length - 1], -1);
});
