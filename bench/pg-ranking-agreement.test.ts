import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureRankingAgreement } from './pg-ranking-agreement';

test("agreement is the share of the local first ten found among the shared first ten, per workload's distinct queries", async () => {
  const local: Record<string, string[]> = {
    same: ['a', 'b', 'c'],
    reordered: ['a', 'b', 'c', 'd'],
    half: ['a', 'b', 'c', 'd'],
    none: [],
    long: Array.from({ length: 12 }, (_, i) => `p${i}`),
  };
  const shared: Record<string, string[]> = {
    same: ['a', 'b', 'c'],
    reordered: ['b', 'a', 'c', 'd'],
    half: ['a', 'x', 'c', 'y'],
    none: ['z'],
    // Only the first ten count: the eleventh and twelfth swapped changes nothing.
    long: [...Array.from({ length: 10 }, (_, i) => `p${i}`), 'p11', 'p10'],
  };
  const agreement = await measureRankingAgreement(
    { exact: ['same', 'reordered', 'same'], rest: ['half', 'none', 'long'] },
    (query) => Promise.resolve(shared[query]),
    (query) => local[query],
  );
  // `same` twice counts once; `reordered` finds every paper but not in order.
  assert.deepEqual(agreement.exact, { queries: 2, meanShareOfLocalTopTen: 1, identicalTopTen: 1 });
  // half: 2 of 4; none: the local index finds nothing where the shared library finds a paper, 0; long: 1.
  assert.deepEqual(agreement.rest, { queries: 3, meanShareOfLocalTopTen: 0.5, identicalTopTen: 1 });
});
