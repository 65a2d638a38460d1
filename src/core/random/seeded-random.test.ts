import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillSeededRandom, seededRandom } from './seeded-random';

test('fillSeededRandom writes the numbers seededRandom draws from the same seed, scaled', () => {
  for (const seed of [0, 1, 0x5eed, -123456789, 2 ** 32 - 1]) {
    const random = seededRandom(seed);
    const expected = Array.from({ length: 70 }, () => random() * 2 - 1);
    const out = new Float64Array(75);
    fillSeededRandom(seed, out, 5, 70, -1, 1);
    assert.deepEqual([...out.subarray(5)], expected);
    assert.deepEqual([...out.subarray(0, 5)], [0, 0, 0, 0, 0]);
  }
});
