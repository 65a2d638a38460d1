// The baseline of `npm run eval:topics`: plain TF-IDF k-means, the grouping any toolkit gives out of the box.
// Words are lower-cased letter runs minus the shared stop words; terms in fewer than two papers or more than half are
// dropped; vectors are L2-normalised TF-IDF; spherical k-means with k-means++ seeding (seeded) and 20 rounds.
import type { Paper } from '../src/core/model/paper';
import { BROAD_STOP_WORDS } from '../src/core/text/stop-words';
import { seededRandom } from '../src/core/random/seeded-random';

/** Each paper's cluster (as a string, to compare with topic names) from k-means over TF-IDF vectors. */
export function kMeansBaseline(papers: Paper[], k: number, seed: number): string[] {
  const vectors = tfidfVectors(papers);
  const random = seededRandom(seed);
  const centroids = seedCentroids(vectors, k, random);
  let assignment = new Int32Array(vectors.length).fill(-1);
  for (let round = 0; round < 20; round += 1) {
    const next = vectors.map((v) => nearest(v, centroids).index);
    const moved = next.filter((c, i) => c !== assignment[i]).length;
    assignment = Int32Array.from(next);
    recompute(vectors, assignment, centroids);
    if (moved === 0) break;
  }
  return [...assignment].map((c) => `cluster ${c}`);
}

type Sparse = Map<number, number>;

function tfidfVectors(papers: Paper[]): Sparse[] {
  const ids = new Map<string, number>();
  const counts = papers.map((p) => {
    const tf = new Map<number, number>();
    for (const word of `${p.title} ${p.abstract}`.toLowerCase().match(/\p{L}[\p{L}\p{N}]+/gu) ?? []) {
      if (BROAD_STOP_WORDS.has(word)) continue;
      let id = ids.get(word);
      if (id === undefined) ids.set(word, (id = ids.size));
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    return tf;
  });
  const df = new Int32Array(ids.size);
  for (const tf of counts) for (const id of tf.keys()) df[id] += 1;
  const n = papers.length;
  return counts.map((tf) => {
    const v: Sparse = new Map();
    let norm = 0;
    for (const [id, c] of tf) {
      if (df[id] < 2 || df[id] > n / 2) continue;
      const w = (1 + Math.log(c)) * Math.log(n / df[id]);
      v.set(id, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [id, w] of v) v.set(id, w / norm);
    return v;
  });
}

function dot(v: Sparse, centroid: Map<number, number>): number {
  let s = 0;
  for (const [id, w] of v) s += w * (centroid.get(id) ?? 0);
  return s;
}

function nearest(v: Sparse, centroids: Sparse[]): { index: number; similarity: number } {
  let index = 0;
  let similarity = -1;
  centroids.forEach((c, i) => {
    const s = dot(v, c);
    if (s > similarity) {
      similarity = s;
      index = i;
    }
  });
  return { index, similarity };
}

/** k-means++: each next seed drawn with probability ∝ its distance (1 − cosine) to the nearest seed so far. */
function seedCentroids(vectors: Sparse[], k: number, random: () => number): Sparse[] {
  const centroids: Sparse[] = [new Map(vectors[Math.floor(random() * vectors.length)])];
  while (centroids.length < Math.min(k, vectors.length)) {
    const distance = vectors.map((v) => Math.max(0, 1 - nearest(v, centroids).similarity));
    const total = distance.reduce((a, b) => a + b, 0);
    let r = random() * total;
    let pick = 0;
    while (pick < distance.length - 1 && r > distance[pick]) r -= distance[pick++];
    centroids.push(new Map(vectors[pick]));
  }
  return centroids;
}

function recompute(vectors: Sparse[], assignment: Int32Array, centroids: Sparse[]): void {
  const sums: Sparse[] = centroids.map(() => new Map<number, number>());
  vectors.forEach((v, i) => {
    const sum = sums[assignment[i]];
    for (const [id, w] of v) sum.set(id, (sum.get(id) ?? 0) + w);
  });
  sums.forEach((sum, c) => {
    if (sum.size === 0) return; // an empty cluster keeps its centroid
    let norm = 0;
    for (const w of sum.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (const [id, w] of sum) sum.set(id, w / norm);
    centroids[c] = sum;
  });
}
