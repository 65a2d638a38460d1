import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeClosestGroups, sphericalKMeans } from './spherical-kmeans';
import { seededRandom } from '../random/seeded-random';
import type { LatentSpace } from './lsa-embedding';

/** Unit vectors in the plane at the given angles (degrees), as a two-dimensional latent space. */
function plane(angles: number[]): LatentSpace {
  const coordinates = new Float64Array(angles.length * 2);
  angles.forEach((a, d) => {
    coordinates[d * 2] = Math.cos((a * Math.PI) / 180);
    coordinates[d * 2 + 1] = Math.sin((a * Math.PI) / 180);
  });
  return { coordinates, dims: 2 };
}

test('merging joins the groups whose union loses least total cosine, and numbers the survivors from 0', () => {
  // Groups 0 and 2 lie at 0° and 10°, groups 1 and 3 at 90° and 100°; group 4 is empty.
  const space = plane([0, 1, 90, 91, 10, 11, 100, 101]);
  const assignment = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
  const order = Int32Array.from(assignment.keys());
  mergeClosestGroups(space, order, assignment, 5, 2);
  assert.deepEqual([...assignment], [0, 0, 1, 1, 0, 0, 1, 1]);
});

test('a paper without coordinates keeps no group, and nothing merges when there are no more groups than wanted', () => {
  const space = plane([0, 90, 45]);
  space.coordinates.fill(0, 4);
  const assignment = Int32Array.from([0, 1, -1]);
  mergeClosestGroups(space, Int32Array.from([0, 1, 2]), assignment, 2, 2);
  assert.deepEqual([...assignment], [0, 1, -1]);
});

test('a small group joins the neighbour it costs least to absorb, not the farther large one', () => {
  // A large group at 0°, a large one at 60°, and two papers at 20°: they join the group at 0°.
  const space = plane([0, 1, -1, 2, 60, 61, 59, 62, 20, 21]);
  const assignment = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 2, 2]);
  mergeClosestGroups(space, Int32Array.from(assignment.keys()), assignment, 3, 2);
  assert.deepEqual([...assignment], [0, 0, 0, 0, 1, 1, 1, 1, 0, 0]);
});

/** `count` unit vectors in `dims` dimensions around `centres` random directions, `noise` apart from them (drawn from `seed`). */
function blobs(count: number, dims: number, centres: number, noise: number, seed: number): LatentSpace {
  const random = seededRandom(seed);
  const centre = Array.from({ length: centres }, () => Array.from({ length: dims }, () => random() * 2 - 1));
  const coordinates = new Float64Array(count * dims);
  for (let d = 0; d < count; d += 1) {
    const c = centre[Math.floor(random() * centres)];
    let norm = 0;
    for (let j = 0; j < dims; j += 1) {
      coordinates[d * dims + j] = c[j] + noise * (random() * 2 - 1);
      norm += coordinates[d * dims + j] ** 2;
    }
    for (let j = 0; j < dims; j += 1) coordinates[d * dims + j] /= Math.sqrt(norm);
  }
  // Exact duplicates, whose cosines tie, as libraries have them.
  coordinates.copyWithin(0, dims * 10, dims * 20);
  return { coordinates, dims };
}

/**
 * Spherical k-means as it was written before the bounds: every document compared with every centroid in every
 * round. The bounds must change nothing of the result, so this is the reference.
 */
function fullComparisonKMeans(space: LatentSpace, order: Int32Array, k: number, restarts: number): Int32Array {
  const { coordinates, dims } = space;
  const dot = (d: number, c: Float64Array, g: number): number => {
    let s = 0;
    for (let j = 0; j < dims; j += 1) s += coordinates[d * dims + j] * c[g * dims + j];
    return s;
  };
  const spread = (docs: Int32Array, limit: number): Int32Array =>
    docs.length <= limit ? docs : Int32Array.from({ length: limit }, (_, i) => docs[Math.floor((i * docs.length) / limit)]);
  const sample = spread(order, 1500);
  const groups = Math.min(k, sample.length);
  const assignment = new Int32Array(order.length).fill(-1);
  const lloyd = (docs: Int32Array, centroids: Float64Array, rounds: number): number => {
    let objective = 0;
    for (let round = 0; round < rounds; round += 1) {
      objective = 0;
      let moved = 0;
      for (const d of docs) {
        let best = 0;
        let bestScore = -Infinity;
        for (let g = 0; g < groups; g += 1) {
          const s = dot(d, centroids, g);
          if (s > bestScore) [best, bestScore] = [g, s];
        }
        objective += bestScore;
        if (assignment[d] !== best) moved += 1;
        assignment[d] = best;
      }
      if (round > 0 && moved * 500 <= docs.length) break;
      const sums = new Float64Array(groups * dims);
      const sizes = new Int32Array(groups);
      for (const d of docs) {
        sizes[assignment[d]] += 1;
        for (let j = 0; j < dims; j += 1) sums[assignment[d] * dims + j] += coordinates[d * dims + j];
      }
      for (let g = 0; g < groups; g += 1) {
        if (sizes[g] === 0) continue;
        const norm = Math.sqrt(sums.subarray(g * dims, (g + 1) * dims).reduce((n, x) => n + x * x, 0));
        for (let j = 0; j < dims; j += 1) centroids[g * dims + j] = sums[g * dims + j] / norm;
      }
    }
    return objective;
  };
  const random = seededRandom(0x5eed);
  let best: Float64Array | undefined;
  let bestObjective = -Infinity;
  for (let restart = 0; restart < restarts; restart += 1) {
    const centroids = new Float64Array(groups * dims);
    const distance = new Float64Array(sample.length).fill(Infinity);
    let pick = sample[Math.floor(random() * sample.length)];
    for (let g = 0; g < groups; g += 1) {
      centroids.set(coordinates.subarray(pick * dims, (pick + 1) * dims), g * dims);
      let total = 0;
      for (let i = 0; i < sample.length; i += 1) {
        distance[i] = Math.min(distance[i], Math.max(0, 1 - dot(sample[i], centroids, g)));
        total += distance[i];
      }
      let r = random() * total;
      let at = 0;
      while (at < sample.length - 1 && r > distance[at]) r -= distance[at++];
      pick = sample[at];
    }
    const objective = lloyd(sample, centroids, 20);
    if (objective > bestObjective + 1e-9) [bestObjective, best] = [objective, centroids];
  }
  lloyd(order, best!, order.length === sample.length ? 1 : 2);
  return assignment;
}

test('k-means skipping centroids that cannot win finds exactly the groups of a full comparison', () => {
  // Tight and loose groups, few and many dimensions, more documents than the restarts sample (1,500).
  const cases = [
    { count: 400, dims: 10, centres: 6, noise: 0.3, k: 8, restarts: 3 },
    { count: 900, dims: 60, centres: 30, noise: 1.5, k: 70, restarts: 3 },
    { count: 2200, dims: 20, centres: 12, noise: 0.8, k: 24, restarts: 1 },
  ];
  for (const [seed, c] of cases.entries()) {
    const space = blobs(c.count, c.dims, c.centres, c.noise, seed + 1);
    const order = Int32Array.from({ length: c.count }, (_, d) => (d * 7919) % c.count);
    const found = sphericalKMeans(space, order, c.k, c.restarts);
    assert.deepEqual([...found], [...fullComparisonKMeans(space, order, c.k, c.restarts)], `case ${seed}`);
    assert.ok(new Set(found).size > c.k / 2, `case ${seed}: the groups are used`);
  }
});
