import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orthonormalise } from './orthonormalise';
import { seededRandom } from '../random/seeded-random';

/** Modified Gram–Schmidt one column at a time, each sum over the rows in order: the numbers LSA was built on. */
function oneColumnAtATime(m: Float64Array, rowCount: number, width: number): void {
  const at = (r: number, c: number) => r * width + c;
  for (let c = 0; c < width; c += 1) {
    for (let p = 0; p < c; p += 1) {
      let dot = 0;
      for (let r = 0; r < rowCount; r += 1) dot += m[at(r, c)] * m[at(r, p)];
      if (dot !== 0) for (let r = 0; r < rowCount; r += 1) m[at(r, c)] -= dot * m[at(r, p)];
    }
    let squared = 0;
    for (let r = 0; r < rowCount; r += 1) squared += m[at(r, c)] ** 2;
    const norm = Math.sqrt(squared);
    for (let r = 0; r < rowCount; r += 1) m[at(r, c)] *= norm > 1e-12 ? 1 / norm : 0;
  }
}

test('columns orthonormalised two at a time are the numbers of one at a time, to the bit, dependent columns included', () => {
  const random = seededRandom(12);
  for (const [rowCount, width] of [
    [300, 30],
    [200, 29],
    [40, 7],
    [5, 2],
    [3, 1],
  ]) {
    const m = Float64Array.from({ length: rowCount * width }, () => random() - 0.5);
    // A column that depends on earlier ones becomes 0, and a zero column's dot products are 0 (no subtraction).
    if (width > 3) for (let r = 0; r < rowCount; r += 1) m[r * width + 3] = 2 * m[r * width + 1] - m[r * width];
    const expected = Float64Array.from(m);
    oneColumnAtATime(expected, rowCount, width);
    orthonormalise(m, rowCount, width);
    assert.deepEqual([...m], [...expected], `${rowCount} × ${width}`);
  }
});
