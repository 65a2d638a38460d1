import assert from 'node:assert/strict';
import test from 'node:test';
import fc from 'fast-check';
import { IntPairMap } from './int-pair-map';

test('holds the same pairs as a Map of string keys, through many growths, and tells (a, b) from (b, a)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(1 << 26), fc.nat(1 << 26), fc.nat(1 << 30)), { maxLength: 3000 }),
      fc.array(fc.tuple(fc.nat(1 << 26), fc.nat(1 << 26)), { maxLength: 200 }),
      (writes, probes) => {
        const map = new IntPairMap(1);
        const expected = new Map<string, number>();
        for (const [a, b, value] of writes) {
          map.set(a, b, value);
          expected.set(`${a},${b}`, value);
        }
        assert.equal(map.size, expected.size);
        for (const [a, b] of [...writes.map(([a, b]) => [a, b]), ...probes, ...writes.map(([a, b]) => [b, a])])
          assert.equal(map.get(a, b), expected.get(`${a},${b}`) ?? -1);
      },
    ),
    { numRuns: 60 },
  );
});

test('a million consecutive pairs, as a lexicon interns them, all found again with their ids', () => {
  const map = new IntPairMap();
  for (let i = 0; i < 1_000_000; i++) map.set(i >> 10, i & 1023, i);
  assert.equal(map.size, 1_000_000);
  for (let i = 0; i < 1_000_000; i += 997) assert.equal(map.get(i >> 10, i & 1023), i);
  assert.equal(map.get(1024, 0), -1);
});
