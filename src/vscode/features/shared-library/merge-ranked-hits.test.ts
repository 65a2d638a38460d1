import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SearchHit } from '../../../core/search/paper-search';
import { mergeRankedHits } from './merge-ranked-hits';
import { annotatedIdsFrom, mergedPickRows } from './shared-pick-rows';

const hit = (id: string, score: number): SearchHit => ({
  id,
  title: `Title ${id}`,
  score,
  topics: ['Attention'],
  terms: ['attention'],
  matches: { title: [], abstract: [] },
});

test('two lists without common papers interleave by rank, the workspace first at equal rank, whatever their scores', () => {
  // The shared scores are 100 times the workspace's: only ranks count.
  const merged = mergeRankedHits([hit('a', 1), hit('b', 0.5), hit('c', 0.1)], [hit('x', 90), hit('y', 80)], 10);
  assert.deepEqual(
    merged.map((entry) => `${entry.source}:${entry.hit.id}`),
    ['workspace:a', 'shared:x', 'workspace:b', 'shared:y', 'workspace:c'],
  );
});

test('a paper both libraries find is listed once, as the workspace’s, and ranks above a paper only one finds at its rank', () => {
  const merged = mergeRankedHits([hit('a', 3), hit('both', 2)], [hit('x', 9), hit('both', 8)], 10);
  assert.deepEqual(
    merged.map((entry) => entry.hit.id),
    ['both', 'a', 'x'],
  );
  assert.equal(merged[0].source, 'workspace');
  assert.equal(merged[0].inBoth, true);
  assert.equal(merged.filter((entry) => entry.hit.id === 'both').length, 1);
});

test('the merged list keeps at most `limit` hits, and one empty side leaves the other as it was', () => {
  const local = [hit('a', 3), hit('b', 2), hit('c', 1)];
  assert.equal(mergeRankedHits(local, [hit('x', 1), hit('y', 1)], 2).length, 2);
  assert.deepEqual(
    mergeRankedHits([], local, 10).map((entry) => [entry.source, entry.hit.id]),
    [
      ['shared', 'a'],
      ['shared', 'b'],
      ['shared', 'c'],
    ],
  );
  assert.deepEqual(mergeRankedHits(local, [], 0), []);
});

const paper = (id: string) =>
  ({ id, title: `Title ${id}`, abstract: 'About attention.', authors: ['Ada Lovelace'], topics: ['Attention'], year: 2024 }) as never;

test('palette rows: the shared rows are marked "shared" with the library’s name and only Open Note; the workspace rows as usual', () => {
  const local = { paper: (id: string) => (id === 'a' ? paper('a') : undefined) };
  const response = (results: SearchHit[]) => ({ query: 'attention', total: results.length, totalIsLowerBound: false, results });
  const rows = mergedPickRows(local, 'attention', response([hit('a', 1)]), response([hit('s1', 5)]), {
    limit: 10,
    label: 'lab@db/lectern',
  });
  assert.deepEqual(
    rows.map((row) => [row.paperId, row.description, row.detail]),
    [
      ['a', 'Attention · 2024', 'About attention.'],
      ['s1', 'shared · Attention', 'Shared library lab@db/lectern'],
    ],
  );
  assert.deepEqual(rows[1].buttons, ['openNote']);
  const none = mergedPickRows(local, 'zzz', response([]), response([]), { limit: 10, label: 'x' });
  assert.equal(none.length, 1);
  assert.match(none[0].label, /No papers match "zzz"/);
});

test('tag: and status: filters match the ids the workspace notes give, as the local search does (child tags, loose status)', () => {
  const notes: Record<string, { status?: string; tags?: string[] }> = {
    p1: { status: 'To read', tags: ['#ml/vision'] },
    p2: { status: 'read', tags: ['ml'] },
    p3: {},
  };
  const ids = annotatedIdsFrom(
    () => Object.keys(notes),
    (id) => notes[id],
  );
  assert.deepEqual(ids({ kind: 'tag', value: 'ml', negated: false }), ['p1', 'p2']);
  assert.deepEqual(ids({ kind: 'tag', value: 'vision', negated: false }), []);
  assert.deepEqual(ids({ kind: 'status', value: 'to-read', negated: true }), ['p1']);
  assert.deepEqual(ids({ kind: 'topic', value: 'ml', negated: false }), []);
});
