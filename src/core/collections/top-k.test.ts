import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sortStably, topK, TopK } from './top-k';

test('topK equals a full sort cut at the limit', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 20 })), fc.integer({ min: -1, max: 30 }), (values, limit) => {
      const compare = (a: number, b: number) => values[b] - values[a] || a - b;
      const expected = [...values.keys()].sort(compare).slice(0, Math.max(0, limit));
      assert.deepEqual(topK(values.length, limit, compare), expected);
    }),
  );
});

test('TopK picks the heaviest terms, ties in text order then in order added', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ term: fc.integer({ min: 0, max: 9 }), weight: fc.integer({ min: 0, max: 4 }) })),
      fc.integer({ min: 0, max: 12 }),
      (entries, k) => {
        const names = ['j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'];
        const pick = TopK.byText((term) => names[term]);
        for (const { term, weight } of entries) pick.add(term, weight);
        const expected = [...entries.keys()]
          .sort((a, b) => entries[b].weight - entries[a].weight || names[entries[a].term].localeCompare(names[entries[b].term]) || a - b)
          .slice(0, k);
        assert.deepEqual(pick.top(k), expected);
      },
    ),
  );
});

test('sortStably orders as the built-in stable sort does, equal items in their given order', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 200 }), (values) => {
      const byValue = (a: number, b: number) => values[a] - values[b];
      const expected = [...values.keys()].sort(byValue);
      assert.deepEqual(sortStably([...values.keys()], byValue), expected);
    }),
  );
});

test('TopK after a reset knows only the terms added since, however many came before', () => {
  const pick = TopK.byText((term) => `t${term}`);
  for (let term = 0; term < 300; term += 1) pick.add(term, term);
  pick.reset();
  pick.add(7, 1);
  pick.add(3, 2);
  assert.deepEqual(pick.top(10), [1, 0]);
  assert.deepEqual([pick.terms[1], pick.terms[0]], [3, 7]);
  const touched = new Float64Array(300).fill(5);
  pick.clear(touched);
  assert.deepEqual([touched[3], touched[7], touched[8]], [0, 0, 5]);
});
