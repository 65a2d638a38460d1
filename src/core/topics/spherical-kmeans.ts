import { seededRandom } from '../random/seeded-random';
import { dot, fourDots } from './dot-products';
import type { LatentSpace } from './lsa-embedding';

/** Documents the restarts cluster at most; the others join in the final rounds over everything. */
const RESTART_SAMPLE = 1500;
/** Restarts when the caller does not say: the best of three seedings is markedly steadier than one. */
const RESTARTS = 3;
const ROUNDS = 20;
const FINAL_ROUNDS = 2;

/**
 * Spherical k-means in a latent space: k-means++ seeding, several restarts (on at most
 * `RESTART_SAMPLE` documents, evenly spread over `order`), the one with the highest total cosine to
 * its centroids kept, then a few rounds over every document. Documents with no coordinates get -1.
 * Deterministic: seeds are drawn from a fixed generator over `order`, a canonical document order.
 *
 * `restarts` (default 3): how many seedings to try.
 *
 * @returns each document's group (0 … k - 1, or -1)
 */
export function sphericalKMeans(space: LatentSpace, order: Int32Array, k: number, restarts = RESTARTS): Int32Array {
  const { coordinates, dims } = space;
  const sample = spread(
    order.filter((d) => hasCoordinates(coordinates, d, dims)),
    RESTART_SAMPLE,
  );
  const groups = Math.min(k, sample.length);
  const assignment = new Int32Array(order.length).fill(-1);
  if (groups === 0) return assignment;
  const random = seededRandom(0x5eed);
  let best: Float64Array | undefined;
  let bestObjective = -Infinity;
  for (let restart = 0; restart < restarts; restart += 1) {
    const { centroids, cosines } = seedCentroids(coordinates, dims, sample, groups, random);
    const objective = lloyd(coordinates, dims, sample, centroids, groups, ROUNDS, assignment, cosines);
    if (objective > bestObjective + 1e-9) {
      bestObjective = objective;
      best = centroids;
    }
  }
  const everyone = order.filter((d) => hasCoordinates(coordinates, d, dims));
  lloyd(coordinates, dims, everyone, best!, groups, everyone.length === sample.length ? 1 : FINAL_ROUNDS, assignment);
  return assignment;
}

/**
 * Merges the groups of `assignment` two at a time until `target` remain, each time the pair whose merger
 * loses least of the total cosine to the centroids (Σ‖sum of a group's vectors‖, the objective spherical
 * k-means maximises), and renumbers them 0 … target − 1 (in order of their smallest old number).
 * Clustering into more groups than wanted and merging them so finds groups that are not round in the
 * latent space (a subject spread along two neighbouring directions), which k-means at `target` splits.
 * Quadratic in the number of groups only.
 */
export function mergeClosestGroups(space: LatentSpace, order: Int32Array, assignment: Int32Array, groups: number, target: number): void {
  const { dims } = space;
  const sums = groupSums(space, order, assignment, groups);
  const norms = new Float64Array(groups);
  const parent = Int32Array.from({ length: groups }, (_, g) => g);
  let count = 0;
  for (let g = 0; g < groups; g += 1) {
    norms[g] = Math.hypot(...sums.subarray(g * dims, (g + 1) * dims));
    // An empty group is no group: it can neither merge nor count.
    if (norms[g] > 0) count += 1;
    else parent[g] = -1;
  }
  // Each pair's loss is computed once and again only when one of the two grows: a merger changes one group.
  const losses = new Float64Array(groups * groups);
  for (let a = 0; a < groups; a += 1) for (let b = a + 1; b < groups; b += 1) losses[a * groups + b] = mergerLoss(sums, norms, a, b, dims);
  for (; count > target; count -= 1) {
    const [a, b] = cheapestMerger(losses, parent);
    for (let j = 0; j < dims; j += 1) sums[a * dims + j] += sums[b * dims + j];
    norms[a] = Math.hypot(...sums.subarray(a * dims, (a + 1) * dims));
    parent[b] = a;
    for (let c = 0; c < groups; c += 1) {
      if (c !== a && parent[c] === c) losses[Math.min(a, c) * groups + Math.max(a, c)] = mergerLoss(sums, norms, a, c, dims);
    }
  }
  const root = (g: number): number => (parent[g] === g ? g : root(parent[g]));
  const renumbered = new Int32Array(groups).fill(-1);
  let next = 0;
  for (let g = 0; g < groups; g += 1) if (parent[g] === g) renumbered[g] = next++;
  for (let d = 0; d < assignment.length; d += 1) if (assignment[d] >= 0) assignment[d] = renumbered[root(assignment[d])];
}

/** The total cosine groups a and b lose when merged: ‖sum a‖ + ‖sum b‖ − ‖sum a + sum b‖. */
function mergerLoss(sums: Float64Array, norms: Float64Array, a: number, b: number, dims: number): number {
  let merged = 0;
  for (let j = 0; j < dims; j += 1) merged += (sums[a * dims + j] + sums[b * dims + j]) ** 2;
  return norms[a] + norms[b] - Math.sqrt(merged);
}

/**
 * The two live groups (their own parents) whose merger loses least total cosine (`losses[a × groups + b]`, a < b);
 * ties go to the lower numbers.
 */
function cheapestMerger(losses: Float64Array, parent: Int32Array): [number, number] {
  const groups = parent.length;
  let best: [number, number] = [-1, -1];
  let bestLoss = Infinity;
  for (let a = 0; a < groups; a += 1) {
    if (parent[a] !== a) continue;
    for (let b = a + 1; b < groups; b += 1) {
      if (parent[b] !== b) continue;
      const loss = losses[a * groups + b];
      if (loss < bestLoss - 1e-12) {
        bestLoss = loss;
        best = [a, b];
      }
    }
  }
  return best;
}

/** The centroids of the groups in `assignment` (unit length; a group with no documents is all 0), summed in `order`. */
export function centroidsOf(space: LatentSpace, order: Int32Array, assignment: Int32Array, groups: number): Float64Array {
  const { dims } = space;
  const centroids = groupSums(space, order, assignment, groups);
  for (let g = 0; g < groups; g += 1) normalise(centroids, g * dims, dims);
  return centroids;
}

/** Each group's vector sum of its documents' coordinates (summed in `order`, so the result is reproducible); unassigned documents (-1) are skipped. */
function groupSums(space: LatentSpace, order: Int32Array, assignment: Int32Array, groups: number): Float64Array {
  const { coordinates, dims } = space;
  const sums = new Float64Array(groups * dims);
  for (const d of order) {
    const g = assignment[d];
    if (g < 0) continue;
    for (let j = 0; j < dims; j += 1) sums[g * dims + j] += coordinates[d * dims + j];
  }
  return sums;
}

/** Document `d`'s cosine to each group's centroid, written into `scores`. */
export function similarities(space: LatentSpace, d: number, centroids: Float64Array, scores: Float64Array): void {
  const { coordinates, dims } = space;
  const at = d * dims;
  let g = 0;
  for (; g + 4 <= scores.length; g += 4)
    fourDots(centroids, g * dims, (g + 1) * dims, (g + 2) * dims, (g + 3) * dims, coordinates, at, dims, scores, g, 1);
  for (; g < scores.length; g += 1) scores[g] = dot(centroids, g * dims, coordinates, at, dims);
  for (g = 0; g < scores.length; g += 1) scores[g] = Math.round(scores[g] * 1e9) / 1e9;
}

/**
 * Rounds of assignment and centroid update over `docs`; returns the total cosine of the last assignment.
 *
 * Bounds skip most of the work and none of the result (Elkan's method, for cosines): a document's cosine to a
 * centroid moves by at most the distance the centroid moved (the document's vector is unit length), so each
 * document keeps, per group, the cosine last computed plus every move of that centroid since: an upper bound.
 * A group whose bound is below the (exactly computed) cosine to the document's own centroid cannot win and is
 * not read; every other cosine is computed exactly, and ties go to the lower group number as in a full
 * comparison, so the groups and the total are the same as without bounds.
 */
function lloyd(
  coordinates: Float64Array,
  dims: number,
  docs: Int32Array,
  centroids: Float64Array,
  groups: number,
  rounds: number,
  assignment: Int32Array,
  initial?: Float64Array,
): number {
  let objective = 0;
  // upper[i * groups + g] + moved[g]: a bound on document docs[i]'s cosine to centroid g; moved[g] sums the
  // centroid's moves (so one addition per group a round, not one per document and group). Single precision: the
  // bounds of 100,000 papers and 70 groups take 28 MB, and `BOUND_SLACK` covers the rounding.
  const upper = new Float32Array(docs.length * groups);
  const moved = new Float64Array(groups);
  const drift = new Float64Array(groups);
  const bounds: Bounds = { upper, moved, scores: new Float64Array(groups), pending: new Int32Array(groups), quad: new Float64Array(4) };
  for (let round = 0; round < rounds; round += 1) {
    objective = 0;
    let changed = 0;
    for (let i = 0; i < docs.length; i += 1) {
      const d = docs[i];
      const current = round > 0 ? assignment[d] : -1;
      // The first round's cosines may come from the seeding, which computed the same sums.
      const scores = cosinesThatMayWin(
        coordinates,
        dims,
        d,
        centroids,
        groups,
        current,
        i * groups,
        bounds,
        round === 0 ? initial : undefined,
      );
      let best = 0;
      let bestScore = -Infinity;
      for (let g = 0; g < groups; g += 1) {
        if (scores[g] > bestScore) {
          best = g;
          bestScore = scores[g];
        }
      }
      objective += bestScore;
      if (assignment[d] !== best) changed += 1;
      assignment[d] = best;
    }
    // Converged enough: at most one document in 500 moved.
    if (round > 0 && changed * 500 <= docs.length) break;
    updateCentroids(coordinates, dims, docs, centroids, groups, assignment, drift);
    for (let g = 0; g < groups; g += 1) moved[g] += drift[g];
  }
  return objective;
}

/** `lloyd`'s bounds (see there), and scratch space for one document's cosines and the groups still to compute. */
interface Bounds {
  upper: Float32Array;
  moved: Float64Array;
  scores: Float64Array;
  pending: Int32Array;
  quad: Float64Array;
}

/**
 * Document d's cosine to each centroid (into `bounds.scores`): computed exactly for its own group (`current`,
 * -1 for none) and every group whose bound does not rule it out, -Infinity for the others (they cannot win);
 * the bounds of the computed ones updated. `at` is the document's first bound in `bounds.upper`.
 */
function cosinesThatMayWin(
  coordinates: Float64Array,
  dims: number,
  d: number,
  centroids: Float64Array,
  groups: number,
  current: number,
  at: number,
  bounds: Bounds,
  initial: Float64Array | undefined,
): Float64Array {
  const { upper, moved, scores, pending, quad } = bounds;
  let own = -Infinity;
  if (current >= 0) {
    own = dot(coordinates, d * dims, centroids, current * dims, dims);
    upper[at + current] = own - moved[current];
  }
  let count = 0;
  for (let g = 0; g < groups; g += 1) {
    if (g === current) scores[g] = own;
    else if (current >= 0 && upper[at + g] + moved[g] + BOUND_SLACK < own) scores[g] = -Infinity;
    else if (initial) {
      scores[g] = initial[at + g];
      upper[at + g] = scores[g] - moved[g];
    } else pending[count++] = g;
  }
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    fourDots(
      centroids,
      pending[k] * dims,
      pending[k + 1] * dims,
      pending[k + 2] * dims,
      pending[k + 3] * dims,
      coordinates,
      d * dims,
      dims,
      quad,
      0,
      1,
    );
    for (let m = 0; m < 4; m += 1) scores[pending[k + m]] = quad[m];
  }
  for (; k < count; k += 1) scores[pending[k]] = dot(centroids, pending[k] * dims, coordinates, d * dims, dims);
  for (k = 0; k < count; k += 1) upper[at + pending[k]] = scores[pending[k]] - moved[pending[k]];
  return scores;
}

/**
 * Bounds are compared with this margin: far above the rounding of a bound kept in single precision (under
 * 1e-5 for the sums of moves of a few units that 20 rounds reach), far below the gaps between groups' cosines.
 */
const BOUND_SLACK = 1e-4;

/** Each group's centroid becomes its documents' normalised sum; `drift` gets how far each moved. */
function updateCentroids(
  coordinates: Float64Array,
  dims: number,
  docs: Int32Array,
  centroids: Float64Array,
  groups: number,
  assignment: Int32Array,
  drift: Float64Array,
): void {
  const sums = new Float64Array(groups * dims);
  const sizes = new Int32Array(groups);
  for (const d of docs) {
    const g = assignment[d];
    sizes[g] += 1;
    for (let j = 0; j < dims; j += 1) sums[g * dims + j] += coordinates[d * dims + j];
  }
  // A group that lost every document keeps its centroid.
  for (let g = 0; g < groups; g += 1) {
    drift[g] = 0;
    if (sizes[g] === 0) continue;
    normalise(sums, g * dims, dims);
    let moved = 0;
    for (let j = 0; j < dims; j += 1) moved += (sums[g * dims + j] - centroids[g * dims + j]) ** 2;
    // Rounded up a little: the bound must not be smaller than the true distance.
    drift[g] = Math.sqrt(moved) * (1 + 1e-12) + 1e-15;
    centroids.set(sums.subarray(g * dims, (g + 1) * dims), g * dims);
  }
}

/**
 * k-means++: each next seed drawn with probability ∝ 1 − its cosine to the nearest seed so far. Also returns
 * every document's cosine to every seed (`cosines[i * groups + g]`, i its position in `docs`), as the first
 * round of `lloyd` would compute them.
 */
function seedCentroids(
  coordinates: Float64Array,
  dims: number,
  docs: Int32Array,
  groups: number,
  random: () => number,
): { centroids: Float64Array; cosines: Float64Array } {
  const centroids = new Float64Array(groups * dims);
  const cosines = new Float64Array(docs.length * groups);
  const distance = new Float64Array(docs.length).fill(Infinity);
  let pick = docs[Math.floor(random() * docs.length)];
  for (let g = 0; g < groups; g += 1) {
    centroids.set(coordinates.subarray(pick * dims, (pick + 1) * dims), g * dims);
    const seed = g * dims;
    let i = 0;
    for (; i + 4 <= docs.length; i += 4) {
      fourDots(
        coordinates,
        docs[i] * dims,
        docs[i + 1] * dims,
        docs[i + 2] * dims,
        docs[i + 3] * dims,
        centroids,
        seed,
        dims,
        cosines,
        i * groups + g,
        groups,
      );
    }
    for (; i < docs.length; i += 1) cosines[i * groups + g] = dot(coordinates, docs[i] * dims, centroids, seed, dims);
    let total = 0;
    for (i = 0; i < docs.length; i += 1) {
      distance[i] = Math.min(distance[i], Math.max(0, 1 - cosines[i * groups + g]));
      total += distance[i];
    }
    let r = random() * total;
    let at = 0;
    while (at < docs.length - 1 && r > distance[at]) r -= distance[at++];
    pick = docs[at];
  }
  return { centroids, cosines };
}

function hasCoordinates(coordinates: Float64Array, d: number, dims: number): boolean {
  for (let j = 0; j < dims; j += 1) if (coordinates[d * dims + j] !== 0) return true;
  return false;
}

function normalise(values: Float64Array, from: number, length: number): void {
  let norm = 0;
  for (let j = 0; j < length; j += 1) norm += values[from + j] ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < length; j += 1) values[from + j] /= norm;
}

function spread(docs: Int32Array, limit: number): Int32Array {
  if (docs.length <= limit) return docs;
  const sample = new Int32Array(limit);
  for (let i = 0; i < limit; i += 1) sample[i] = docs[Math.floor((i * docs.length) / limit)];
  return sample;
}
