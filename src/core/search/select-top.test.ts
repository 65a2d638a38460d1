import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Paper } from '../model/paper';
import { PaperSearch } from './paper-search';
import { compareText } from './title-rank';

/** Papers identical but for title and id, so every query ties them all. */
function lookAlikes(count: number, from: number, titleOf: (i: number) => string): Paper[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      id: `p${(i * 7919) % 100_003}`,
      title: titleOf(i),
      abstract: 'spiking neurons in the cortex',
      authors: ['Ada Lovelace'],
      year: 2020,
    } as Paper;
  });
}

/** Titles whose order differs from the order of insertion, with case and a shared prefix to test the comparison. */
const scrambled = (i: number) =>
  `${i % 3 === 0 ? 'Spike' : 'spike'} ${((i * 2654435761) >>> 0).toString(36)}${i % 5 === 0 ? '' : ' train'}`;

function expectedTop(papers: Paper[], limit: number): string[] {
  return [...papers]
    .sort((a, b) => compareText(a.title, b.title) || compareText(a.id, b.id))
    .slice(0, limit)
    .map((p) => p.id);
}

test('equal scores are ordered by title then id, however many papers tie, across updates', () => {
  let papers = lookAlikes(3000, 0, scrambled);
  const search = PaperSearch.build(papers);
  const ids = (query: string) => search.search(query, { limit: 25, highlight: false }).results.map((hit) => hit.id);
  assert.deepEqual(ids('spiking'), expectedTop(papers, 25));
  // Later papers sort first, some old ones leave, one is renamed: ranks merge the additions in.
  const added = lookAlikes(500, 3000, (i) => `Spike ${i}`);
  const removed = papers.slice(0, 700).map((p) => p.id);
  const renamed = { ...papers[900], title: 'Spike 0000' };
  search.add(added);
  search.remove(removed);
  search.add([renamed]);
  papers = [...papers.slice(700).filter((p) => p.id !== renamed.id), ...added, renamed];
  assert.equal(search.size, papers.length);
  assert.deepEqual(ids('spiking'), expectedTop(papers, 25));
  assert.deepEqual(ids('lovelace year:2020'), expectedTop(papers, 25));
  search.vacuum();
  assert.deepEqual(ids('cortex'), expectedTop(papers, 25));
});

test('filter-only queries put the newest first, then title order', () => {
  const papers = lookAlikes(1200, 0, scrambled).map((p, i) => ({ ...p, year: 2000 + (i % 3) }));
  const search = PaperSearch.build(papers);
  const got = search.search('year:2000..', { limit: 30, highlight: false }).results.map((hit) => hit.id);
  const newest = papers.filter((p) => p.year === 2002);
  assert.deepEqual(got, expectedTop(newest, 30));
});

test('the best few of thousands of matches, many tied at each score, are the head of the full ranking', () => {
  // Three score levels (one, two or three `spiking`), tied by the hundred within each.
  const papers = Array.from(
    { length: 3000 },
    (_, i) =>
      ({
        id: `q${(i * 7919) % 10_007}`,
        title: scrambled(i),
        abstract: `${'spiking '.repeat(1 + (i % 3))}neurons`,
        authors: ['Ada Lovelace'],
      }) as Paper,
  );
  const search = PaperSearch.build(papers);
  const all = search.search('spiking', { limit: Number.MAX_SAFE_INTEGER, highlight: false }).results.map((hit) => hit.id);
  assert.equal(all.length, 3000);
  for (const limit of [1, 7, 50, 999, 1000, 1001]) {
    assert.deepEqual(
      search.search('spiking', { limit, highlight: false }).results.map((hit) => hit.id),
      all.slice(0, limit),
      `limit ${limit}`,
    );
  }
});
