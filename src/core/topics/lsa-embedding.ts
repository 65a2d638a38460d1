import { fillSeededRandom } from '../random/seeded-random';
import { dot, fourDots } from './dot-products';
import { byColumn, orthonormalise } from './orthonormalise';

/** Sparse document rows over term ids `0 … termCount - 1` (CSR), as discovery builds them. */
export interface SparseRows {
  /** Row `d` holds entries `start[d]` to `start[d + 1]` (exclusive). */
  start: Int32Array;
  terms: Int32Array;
  weights: Float64Array;
}

/** Documents in a latent semantic space: `coordinates[d * dims …]` is document d's unit vector (all 0 when it has no terms). */
export interface LatentSpace {
  coordinates: Float64Array;
  dims: number;
}

/** Documents the decomposition reads at most; the others are projected onto the space they span. */
const FIT_SAMPLE = 4000;
/** Extra random directions beyond `dims`, and subspace iterations: the usual settings of a randomized SVD. */
const OVERSAMPLING = 10;
const POWER_ITERATIONS = 2;

/**
 * Latent semantic analysis: the documents' TF-IDF rows projected on the `dims` strongest singular
 * directions of the term matrix (a randomized truncated SVD: random directions, two subspace
 * iterations, then the exact SVD of the small projected matrix), each row then scaled to unit length.
 * Words that co-occur (synonyms, an acronym and its expansion) end up close, so documents that share
 * a subject but few exact words do too. At most `FIT_SAMPLE` documents (evenly spread over `order`)
 * fit the space; every document is projected onto it, so cost stays linear in the number of documents.
 *
 * Deterministic whatever the order of documents or terms: the random directions are drawn per term from
 * `termSeed(term)`, and sums run in `order` (documents) and `termOrder` (terms), canonical orders the caller fixes.
 */
export function lsaEmbedding(
  rows: SparseRows,
  order: Int32Array,
  termOrder: Int32Array,
  termSeed: (term: number) => number,
  dims: number,
): LatentSpace {
  const n = order.length;
  const termCount = termOrder.length;
  const sample = evenSample(order, FIT_SAMPLE);
  const width = Math.min(dims + OVERSAMPLING, sample.length, termCount);
  if (width < 2) return { coordinates: new Float64Array(n), dims: 1 };
  const rank = rowsByUse(rows, sample, termOrder);
  const omega = new Float64Array(termCount * width);
  for (const t of termOrder) {
    fillSeededRandom(termSeed(t), omega, rank[t] * width, width, -1, 1);
  }
  const columns = columnsOf(rows, sample, rank, termCount);
  let docSide = multiply(rows, sample, rank, omega, width);
  orthonormalise(docSide, sample.length, width);
  // Each term-side product overwrites the one before (the random directions first): terms × width is the
  // largest matrix here (13 MB for 3,000 papers), and one buffer instead of four keeps it off the peak memory.
  const termSide = omega;
  for (let q = 0; q < POWER_ITERATIONS; q += 1) {
    // Only the (smaller) document side is re-orthonormalised: in double precision two iterations stay well conditioned.
    multiplyTransposed(columns, docSide, width, termCount, termSide);
    docSide = multiply(rows, sample, rank, termSide, width);
    orthonormalise(docSide, sample.length, width);
  }
  // B = Qᵀ A (width × terms), kept transposed; its left singular vectors are the eigenvectors of the small
  // B Bᵀ = Qᵀ (A Aᵀ Q), computed on the document side (cheaper than over every term).
  const projected = multiplyTransposed(columns, docSide, width, termCount, termSide);
  const back = multiply(rows, sample, rank, projected, width);
  const gram = transposedProduct(docSide, back, sample.length, width);
  // Symmetric in exact arithmetic; averaged so that rounding does not make it otherwise.
  for (let a = 0; a < width; a += 1) {
    for (let b = 0; b < a; b += 1) {
      const mean = (gram[a * width + b] + gram[b * width + a]) / 2;
      gram[a * width + b] = mean;
      gram[b * width + a] = mean;
    }
  }
  const { values, vectors } = symmetricEigen(gram, width);
  const kept = Math.min(dims, values.filter((v) => v > 1e-10 * (values[0] || 1)).length);
  if (kept === 0) return { coordinates: new Float64Array(n), dims: 1 };
  if (sample.length === n) return { coordinates: sampleCoordinates(docSide, sample, width, vectors, values, kept), dims: kept };
  // Term → latent coordinates: V = Bᵀ W Λ^-½, so that a document's row times V is its row of U Σ.
  const termVectors = new Float64Array(termCount * kept);
  const byVector = byColumn(vectors, width, width);
  for (let t = 0; t < termCount; t += 1) {
    rowTimesColumns(projected, t * width, byVector, width, kept, termVectors, t * kept);
    for (let j = 0; j < kept; j += 1) termVectors[t * kept + j] /= Math.sqrt(values[j]);
  }
  return { coordinates: projectAll(rows, order.length, rank, termVectors, kept), dims: kept };
}

/**
 * Xᵀ Y for two rows × width row-major matrices, each entry summed over the rows in order. Both are read by
 * column (copied column-major first), so each entry is one local sum over adjacent memory.
 */
function transposedProduct(x: Float64Array, y: Float64Array, rowCount: number, width: number): Float64Array {
  const xs = byColumn(x, rowCount, width);
  const ys = byColumn(y, rowCount, width);
  const product = new Float64Array(width * width);
  for (let a = 0; a < width; a += 1) {
    const p = a * rowCount;
    let b = 0;
    // Four entries at a time: one read of x per four products; each entry is still its own sum in row order.
    for (; b + 4 <= width; b += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let r = 0, q = b * rowCount; r < rowCount; r += 1) {
        const x = xs[p + r];
        s0 += x * ys[q + r];
        s1 += x * ys[q + rowCount + r];
        s2 += x * ys[q + 2 * rowCount + r];
        s3 += x * ys[q + 3 * rowCount + r];
      }
      product[a * width + b] = s0;
      product[a * width + b + 1] = s1;
      product[a * width + b + 2] = s2;
      product[a * width + b + 3] = s3;
    }
    for (; b < width; b += 1) {
      let sum = 0;
      for (let r = 0, q = b * rowCount; r < rowCount; r += 1) sum += xs[p + r] * ys[q + r];
      product[a * width + b] = sum;
    }
  }
  return product;
}

/** When the sample is every document: U Σ = Q W Λ^½ directly, each row scaled to unit length. */
function sampleCoordinates(
  q: Float64Array,
  sample: Int32Array,
  width: number,
  vectors: Float64Array,
  values: number[],
  dims: number,
): Float64Array {
  const coordinates = new Float64Array(sample.length * dims);
  const columns = byColumn(vectors, width, width);
  for (let s = 0; s < sample.length; s += 1) {
    const out = sample[s] * dims;
    rowTimesColumns(q, s * width, columns, width, dims, coordinates, out);
    let norm = 0;
    for (let j = 0; j < dims; j += 1) {
      const x = coordinates[out + j] * Math.sqrt(values[j]);
      coordinates[out + j] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < dims; j += 1) coordinates[out + j] /= norm;
  }
  return coordinates;
}

/**
 * Row `at` of a matrix of `width` columns times the first `count` columns of a width × width matrix given by column
 * (`columns[j * width + a]`), into out[to …]: each entry summed over a in order, four entries at a time.
 */
function rowTimesColumns(
  m: Float64Array,
  at: number,
  columns: Float64Array,
  width: number,
  count: number,
  out: Float64Array,
  to: number,
): void {
  let j = 0;
  for (; j + 4 <= count; j += 4)
    fourDots(columns, j * width, (j + 1) * width, (j + 2) * width, (j + 3) * width, m, at, width, out, to + j, 1);
  for (; j < count; j += 1) out[to + j] = dot(columns, j * width, m, at, width);
}

/** Every document's row times the term vectors, each result scaled to unit length. */
function projectAll(rows: SparseRows, n: number, rank: Int32Array, termVectors: Float64Array, dims: number): Float64Array {
  const coordinates = new Float64Array(n * dims);
  for (let d = 0; d < n; d += 1) {
    const out = d * dims;
    for (let i = rows.start[d]; i < rows.start[d + 1]; i += 1) {
      const w = rows.weights[i];
      const from = rank[rows.terms[i]] * dims;
      for (let j = 0; j < dims; j += 1) coordinates[out + j] += w * termVectors[from + j];
    }
    let norm = 0;
    for (let j = 0; j < dims; j += 1) norm += coordinates[out + j] ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < dims; j += 1) coordinates[out + j] /= norm;
  }
  return coordinates;
}

/**
 * rank[t]: term t's row in the term-side matrices. The most used terms come first, so the rows the products
 * read most often sit together in the cache (a library's term matrix is several times the CPU's cache, and
 * each row is read once per occurrence). Only where a row is stored changes: every sum still runs over
 * documents in `order` and per term, so the result is the same to the bit whatever the layout.
 */
function rowsByUse(rows: SparseRows, sample: Int32Array, termOrder: Int32Array): Int32Array {
  const termCount = termOrder.length;
  const uses = new Int32Array(termCount);
  for (const d of sample) for (let i = rows.start[d]; i < rows.start[d + 1]; i += 1) uses[rows.terms[i]] += 1;
  // Sorted as numbers (most used first, then in `termOrder`), not through a comparator: a third of the time.
  let most = 0;
  for (const u of uses) most = Math.max(most, u);
  const keys = new Float64Array(termCount);
  for (let i = 0; i < termCount; i += 1) keys[i] = (most - uses[termOrder[i]]) * termCount + i;
  keys.sort();
  const rank = new Int32Array(termCount);
  for (let r = 0; r < termCount; r += 1) rank[termOrder[keys[r] % termCount]] = r;
  return rank;
}

/** At most `limit` of `order`, evenly spread. */
function evenSample(order: Int32Array, limit: number): Int32Array {
  if (order.length <= limit) return order;
  const sample = new Int32Array(limit);
  for (let i = 0; i < limit; i += 1) sample[i] = order[Math.floor((i * order.length) / limit)];
  return sample;
}

/** (sampled rows of A) × M, where M has one row of `width` per term (by rank): sample × width. */
function multiply(rows: SparseRows, sample: Int32Array, rank: Int32Array, m: Float64Array, width: number): Float64Array {
  const out = new Float64Array(sample.length * width);
  const { start, terms, weights } = rows;
  const from = new Int32Array(maxRowLength(rows, sample));
  for (let s = 0; s < sample.length; s += 1) {
    const d = sample[s];
    const first = start[d];
    const length = start[d + 1] - first;
    for (let i = 0; i < length; i += 1) from[i] = rank[terms[first + i]] * width;
    sumColumns(weights, first, from, length, m, width, out, s * width);
  }
  return out;
}

/**
 * out[to + c] = Σᵢ weights[first + i] × m[from[i] + c] for every column c < width, each sum from i = 0 up: the
 * same additions in the same order as accumulating row by row, but in local sums, eight columns at a time
 * (one read of the weight and row offset per eight products, no store per product; four at a time took 8 %
 * longer for 3,000 papers), then four, then one.
 */
function sumColumns(
  weights: Float64Array,
  first: number,
  from: Int32Array,
  length: number,
  m: Float64Array,
  width: number,
  out: Float64Array,
  to: number,
): void {
  let c = 0;
  for (; c + 8 <= width; c += 8) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let i = 0; i < length; i += 1) {
      const w = weights[first + i];
      const at = from[i] + c;
      s0 += w * m[at];
      s1 += w * m[at + 1];
      s2 += w * m[at + 2];
      s3 += w * m[at + 3];
      s4 += w * m[at + 4];
      s5 += w * m[at + 5];
      s6 += w * m[at + 6];
      s7 += w * m[at + 7];
    }
    out[to + c] = s0;
    out[to + c + 1] = s1;
    out[to + c + 2] = s2;
    out[to + c + 3] = s3;
    out[to + c + 4] = s4;
    out[to + c + 5] = s5;
    out[to + c + 6] = s6;
    out[to + c + 7] = s7;
  }
  for (; c + 4 <= width; c += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < length; i += 1) {
      const w = weights[first + i];
      const at = from[i] + c;
      s0 += w * m[at];
      s1 += w * m[at + 1];
      s2 += w * m[at + 2];
      s3 += w * m[at + 3];
    }
    out[to + c] = s0;
    out[to + c + 1] = s1;
    out[to + c + 2] = s2;
    out[to + c + 3] = s3;
  }
  for (; c < width; c += 1) {
    let sum = 0;
    for (let i = 0; i < length; i += 1) sum += weights[first + i] * m[from[i] + c];
    out[to + c] = sum;
  }
}

function maxRowLength(rows: SparseRows, sample: Int32Array): number {
  let longest = 0;
  for (const d of sample) longest = Math.max(longest, rows.start[d + 1] - rows.start[d]);
  return longest;
}

/** The sampled rows of A by column: for each term (by rank), its documents' positions in `sample` and weights, in sample order. */
interface Columns {
  start: Int32Array;
  docs: Int32Array;
  weights: Float64Array;
}

function columnsOf(rows: SparseRows, sample: Int32Array, rank: Int32Array, termCount: number): Columns {
  const start = new Int32Array(termCount + 1);
  for (const d of sample) for (let i = rows.start[d]; i < rows.start[d + 1]; i += 1) start[rank[rows.terms[i]] + 1] += 1;
  for (let t = 0; t < termCount; t += 1) start[t + 1] += start[t];
  const next = start.slice(0, termCount);
  const docs = new Int32Array(start[termCount]);
  const weights = new Float64Array(start[termCount]);
  for (let s = 0; s < sample.length; s += 1) {
    const d = sample[s];
    for (let i = rows.start[d]; i < rows.start[d + 1]; i += 1) {
      const at = next[rank[rows.terms[i]]]++;
      docs[at] = s;
      weights[at] = rows.weights[i];
    }
  }
  return { start, docs, weights };
}

/** (sampled rows of A)ᵀ × M, where M has one row of `width` per sampled document: terms (by rank) × width, into `out`. */
function multiplyTransposed(columns: Columns, m: Float64Array, width: number, termCount: number, out: Float64Array): Float64Array {
  const { start, docs, weights } = columns;
  const from = new Int32Array(width > 0 ? maxColumnLength(columns, termCount) : 0);
  for (let t = 0; t < termCount; t += 1) {
    const first = start[t];
    const length = start[t + 1] - first;
    if (length === 0) {
      out.fill(0, t * width, (t + 1) * width);
      continue;
    }
    for (let i = 0; i < length; i += 1) from[i] = docs[first + i] * width;
    // Summed over the documents in sample order, as a pass over the rows would.
    sumColumns(weights, first, from, length, m, width, out, t * width);
  }
  return out;
}

function maxColumnLength(columns: Columns, termCount: number): number {
  let longest = 0;
  for (let t = 0; t < termCount; t += 1) longest = Math.max(longest, columns.start[t + 1] - columns.start[t]);
  return longest;
}

/**
 * Eigenvalues (largest first) and eigenvectors (columns of `vectors`, row-major size × size) of a
 * symmetric matrix, by cyclic Jacobi rotations: exact enough for the ~100 × 100 matrices here.
 */
function symmetricEigen(matrix: Float64Array, size: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i += 1) v[i * size + i] = 1;
  let total = 0;
  for (let i = 0; i < size * size; i += 1) total += a[i] ** 2;
  for (let sweep = 0; sweep < 50; sweep += 1) {
    let off = 0;
    for (let p = 0; p < size; p += 1) for (let q = p + 1; q < size; q += 1) off += a[p * size + q] ** 2;
    if (off <= 1e-16 * total) break;
    for (let p = 0; p < size; p += 1) {
      for (let q = p + 1; q < size; q += 1) {
        const apq = a[p * size + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * size + q] - a[p * size + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // The columns of a and of v turn together (one pass; v is not read by the rows' turn), then a's rows.
        for (let k = 0; k < size; k += 1) {
          const akp = a[k * size + p];
          const akq = a[k * size + q];
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
          const vkp = v[k * size + p];
          const vkq = v[k * size + q];
          v[k * size + p] = c * vkp - s * vkq;
          v[k * size + q] = s * vkp + c * vkq;
        }
        for (let k = 0; k < size; k += 1) {
          const apk = a[p * size + k];
          const aqk = a[q * size + k];
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
      }
    }
  }
  const byValue = Array.from({ length: size }, (_, i) => i).sort((x, y) => a[y * size + y] - a[x * size + x] || x - y);
  const vectors = new Float64Array(size * size);
  byValue.forEach((from, to) => {
    for (let k = 0; k < size; k += 1) vectors[k * size + to] = v[k * size + from];
  });
  return { values: byValue.map((i) => Math.max(0, a[i * size + i])), vectors };
}
