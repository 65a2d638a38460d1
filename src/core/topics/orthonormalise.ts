/**
 * Modified Gram–Schmidt for LSA's randomized SVD (`lsaEmbedding`), on a rows × width row-major matrix.
 *
 * Each column's subtraction pass also sums its next dot product (or, after the last, its norm) from the values it
 * has just written: the same numbers in the same order as a separate pass, one pass fewer over the column. A sum
 * waits on each addition, so two columns go through their passes side by side (two independent sums, each in the
 * order it had alone): the same numbers, a third less time for 3,000 papers. The loops are small functions of
 * their own: each gets its own type feedback, so the optimised code is not thrown away each time a branch first
 * runs (43 deoptimisations per library otherwise).
 */

/** Orthonormalises the columns of `m` in place, left to right (a dependent column becomes 0). */
export function orthonormalise(m: Float64Array, rowCount: number, width: number): void {
  // Columns made contiguous first: the inner loops then run over adjacent memory.
  const columns = byColumn(m, rowCount, width);
  const sums = new Float64Array(2);
  let c = 0;
  for (; c + 1 < width; c += 2) orthonormalisePair(columns, c, rowCount, sums);
  if (c < width) {
    const col = c * rowCount;
    let next = c > 0 ? dotColumns(columns, col, 0, rowCount) : squaredNorm(columns, col, rowCount);
    for (let p = 0; p < c; p += 1) next = subtractColumn(columns, col, p, next, p + 1 === c, rowCount);
    scaleColumn(columns, col, next, rowCount);
  }
  byRow(columns, rowCount, width, m);
}

/** m's columns one after another (`columns[c × rowCount + r] = m[r × width + c]`). */
export function byColumn(m: Float64Array, rowCount: number, width: number): Float64Array {
  const columns = new Float64Array(m.length);
  for (let r = 0; r < rowCount; r += 1) for (let c = 0; c < width; c += 1) columns[c * rowCount + r] = m[r * width + c];
  return columns;
}

/** The inverse of `byColumn`, into `m`. */
function byRow(columns: Float64Array, rowCount: number, width: number, m: Float64Array): void {
  for (let r = 0; r < rowCount; r += 1) for (let c = 0; c < width; c += 1) m[r * width + c] = columns[c * rowCount + r];
}

/**
 * Columns c and c + 1 (columns before c already done): both subtract columns 0 … c − 2 side by side, then c its
 * last and c + 1 column c − 1, whose dot product with column c waits until c is scaled; then c + 1 subtracts c.
 */
function orthonormalisePair(columns: Float64Array, c: number, rowCount: number, sums: Float64Array): void {
  const a = c * rowCount;
  const b = a + rowCount;
  let nextA = c > 0 ? dotColumns(columns, a, 0, rowCount) : squaredNorm(columns, a, rowCount);
  let nextB = c > 0 ? dotColumns(columns, b, 0, rowCount) : 0;
  for (let p = 0; p + 1 < c; p += 1) {
    if (nextA !== 0 && nextB !== 0) {
      subtractTwoThenDot(columns, a, b, p * rowCount, nextA, nextB, (p + 1) * rowCount, rowCount, sums);
      nextA = sums[0];
      nextB = sums[1];
    } else {
      nextA = subtractColumn(columns, a, p, nextA, false, rowCount);
      nextB = subtractColumn(columns, b, p, nextB, false, rowCount);
    }
  }
  if (c > 0) {
    nextA = subtractColumn(columns, a, c - 1, nextA, true, rowCount);
    if (nextB !== 0) subtractOnly(columns, b, (c - 1) * rowCount, nextB, rowCount);
  }
  scaleColumn(columns, a, nextA, rowCount);
  nextB = dotColumns(columns, b, a, rowCount);
  scaleColumn(columns, b, subtractColumn(columns, b, c, nextB, true, rowCount), rowCount);
}

/**
 * Column `col` minus `dot` × column p (nothing when `dot` is 0); returns the result's dot product with column
 * p + 1, or its squared norm when p is the `last` column before it.
 */
function subtractColumn(columns: Float64Array, col: number, p: number, dot: number, last: boolean, rowCount: number): number {
  const prev = p * rowCount;
  if (dot !== 0 && last) return subtractThenSquare(columns, col, prev, dot, rowCount);
  if (dot !== 0) return subtractThenDot(columns, col, prev, dot, prev + rowCount, rowCount);
  if (last) return squaredNorm(columns, col, rowCount);
  return dotColumns(columns, col, prev + rowCount, rowCount);
}

/** Scales a column to unit length from its squared norm (to 0 when it is 0: a dependent column). */
function scaleColumn(columns: Float64Array, col: number, squared: number, rowCount: number): void {
  const norm = Math.sqrt(squared);
  const scale = norm > 1e-12 ? 1 / norm : 0;
  for (let r = 0; r < rowCount; r += 1) columns[col + r] *= scale;
}

/** Σ columns[a + r] × columns[b + r] over r < rowCount. */
function dotColumns(columns: Float64Array, a: number, b: number, rowCount: number): number {
  let sum = 0;
  for (let r = 0; r < rowCount; r += 1) sum += columns[a + r] * columns[b + r];
  return sum;
}

/** Σ columns[a + r]² over r < rowCount. */
function squaredNorm(columns: Float64Array, a: number, rowCount: number): number {
  let sum = 0;
  for (let r = 0; r < rowCount; r += 1) sum += columns[a + r] ** 2;
  return sum;
}

/** Subtracts `dot` × column `prev` from column `col`. */
function subtractOnly(columns: Float64Array, col: number, prev: number, dot: number, rowCount: number): void {
  for (let r = 0; r < rowCount; r += 1) columns[col + r] -= dot * columns[prev + r];
}

/** Subtracts `dot` × column `prev` from column `col`, returning the new column's dot product with column `other`. */
function subtractThenDot(columns: Float64Array, col: number, prev: number, dot: number, other: number, rowCount: number): number {
  let sum = 0;
  for (let r = 0; r < rowCount; r += 1) sum += (columns[col + r] -= dot * columns[prev + r]) * columns[other + r];
  return sum;
}

/** `subtractThenDot` for columns a and b at once (their dot products with `other` into `sums`). */
function subtractTwoThenDot(
  columns: Float64Array,
  a: number,
  b: number,
  prev: number,
  dotA: number,
  dotB: number,
  other: number,
  rowCount: number,
  sums: Float64Array,
): void {
  let sumA = 0;
  let sumB = 0;
  for (let r = 0; r < rowCount; r += 1) {
    const p = columns[prev + r];
    const o = columns[other + r];
    sumA += (columns[a + r] -= dotA * p) * o;
    sumB += (columns[b + r] -= dotB * p) * o;
  }
  sums[0] = sumA;
  sums[1] = sumB;
}

/** Subtracts `dot` × column `prev` from column `col`, returning the new column's squared norm. */
function subtractThenSquare(columns: Float64Array, col: number, prev: number, dot: number, rowCount: number): number {
  let sum = 0;
  for (let r = 0; r < rowCount; r += 1) sum += (columns[col + r] -= dot * columns[prev + r]) ** 2;
  return sum;
}
