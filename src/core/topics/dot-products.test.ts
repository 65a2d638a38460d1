import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dot, fourDots } from './dot-products';

/** The sum in order of the coordinates, one product at a time: what every caller's results were before. */
function sequentialDot(x: number[], y: number[]): number {
  let s = 0;
  for (let j = 0; j < x.length; j += 1) s += x[j] * y[j];
  return s;
}

const vector = (length: number) => fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: length, maxLength: length });

test('four dot products at a time are the sums one at a time, to the bit', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 70 }).chain((length) => fc.tuple(fc.array(vector(length), { minLength: 4, maxLength: 4 }), vector(length))),
      ([rows, y]) => {
        const length = y.length;
        // The four vectors stored out of order in one array, as centroids or documents are.
        const x = Float64Array.from([...rows[2], ...rows[0], ...rows[3], ...rows[1]]);
        const out = new Float64Array(8);
        fourDots(x, length, 3 * length, 0, 2 * length, Float64Array.from(y), 0, length, out, 1, 2);
        const expected = rows.map((row) => sequentialDot(row, y));
        assert.deepEqual([out[1], out[3], out[5], out[7]], expected);
        assert.equal(dot(x, length, Float64Array.from(y), 0, length), expected[0]);
      },
    ),
  );
});
