import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { seedCorpusPath, sharedCorpus } from '../../../test/support/shared-corpora';
import { assignIds } from '../ids/assign-ids';
import { importCorpusFile } from '../import/import-corpus-file';
import { importDailyPapers } from '../import/daily-papers-importer';
import type { Paper } from '../model/paper';
import { scanWords } from '../text/tokenize';
import { PaperSearch } from './paper-search';
import { SearchWarmUp, WARM_UP_PHRASES, warmUpQueries } from './search-warm-up';

const sample = assignIds(importDailyPapers('corpus/daily-papers.txt', readFileSync(seedCorpusPath, 'utf8')).papers).papers;

/** A paper with only a title. */
function titled(title: string, i: number): Paper {
  return { id: `p${i}`, title, authors: [], abstract: '', keywords: [], categories: [], topics: [], source: { file: 'x', line: i + 1 } };
}

test('the warm-up queries are the library’s own title words: plain, quoted, with a typo, with an exclusion; the same every time', () => {
  const queries = warmUpQueries(sample);
  assert.equal(queries.length, WARM_UP_PHRASES);
  assert.deepEqual(warmUpQueries(sample), queries, 'the same library gives the same queries');
  // Titles as their words in a row (punctuation aside: a phrase query reads words, not the characters between them).
  const titles = sample
    .map((paper) =>
      scanWords(paper.title)
        .map((word) => paper.title.slice(word.start, word.end).toLowerCase())
        .join(' '),
    )
    .join('\n');
  const quoted = queries.filter((query) => query.startsWith('"'));
  const excluding = queries.filter((query) => / -\S/.test(query));
  assert.ok(quoted.length >= 5, `phrases: ${quoted.join(' | ')}`);
  assert.ok(excluding.length >= 5, `exclusions: ${excluding.join(' | ')}`);
  for (const phrase of quoted) assert.ok(titles.includes(phrase.slice(1, -1)), `${phrase} is a title's words in a row`);
  const typos = queries.filter((query) => !query.startsWith('"') && !titles.includes(query.split(' -')[0]));
  assert.ok(typos.length >= 5, `typos: ${typos.join(' | ')}`);
  for (const typo of typos) {
    const word = typo.split(' ')[0];
    const fixed = word.slice(0, 2) + word[3] + word[2] + word.slice(4);
    assert.ok(titles.includes(fixed), `${typo} is a title word with two letters swapped`);
  }
  // The fuzzy match finds the paper the typo came from: the warm-up reaches the code a user's typo runs.
  const search = PaperSearch.build(sample);
  for (const typo of typos) assert.ok(search.search(typo).total > 0, `${typo} finds papers`);
});

test('a warm-up runs every prefix of its queries as typed, on the target, and stops when done', () => {
  const warmUp = new SearchWarmUp(sample);
  const queries = warmUpQueries(sample);
  assert.equal(
    warmUp.calls.length,
    queries.reduce((sum, query) => sum + query.replace(/ /g, '').length, 0),
    'one call a character typed',
  );
  assert.ok(warmUp.calls.includes(queries[0]) && warmUp.calls.includes(queries[0].slice(0, 2)));
  const seen: Array<{ query: string; limit: number }> = [];
  const target = { search: (query: string, options: { limit: number }) => seen.push({ query, limit: options.limit }) };
  let steps = 0;
  while (warmUp.step(target)) steps++;
  assert.equal(steps, warmUp.calls.length);
  assert.equal(warmUp.ran, warmUp.calls.length);
  assert.deepEqual(
    seen.map((call) => call.query),
    warmUp.calls,
  );
  assert.ok(
    seen.every((call) => call.limit === 50),
    'the palette’s number of results',
  );
  assert.equal(warmUp.step(target), false, 'nothing after the last call');
});

test('a warm-up stops at its time budget', () => {
  const zeroBudget = new SearchWarmUp(sample, WARM_UP_PHRASES, 0);
  assert.equal(zeroBudget.step({ search: () => assert.fail('no search past the budget') }), false);
  const slow = new SearchWarmUp(sample, WARM_UP_PHRASES, 5);
  const target = {
    search: () => {
      const until = performance.now() + 2;
      while (performance.now() < until);
    },
  };
  while (slow.step(target));
  assert.ok(slow.ran >= 1 && slow.ran <= 3, `calls of 2 ms or more within 5 ms: ${slow.ran} of ${slow.calls.length}`);
});

test('libraries without usable titles give no warm-up, and odd titles do not break it', () => {
  assert.deepEqual(warmUpQueries([]), []);
  assert.deepEqual(new SearchWarmUp([]).calls, []);
  const odd = ['', '   ', '42 17', 'Ω', '🦀🦀', 'An of to', '$x^2$ — ∂x/∂t'].map(titled);
  assert.deepEqual(warmUpQueries(odd), [], 'no word of three letters or more');
  const library = [...odd, titled('Überraschung über Ärger: naïve Bayes', 99)];
  const search = PaperSearch.build(library);
  const warmUp = new SearchWarmUp(library);
  assert.ok(warmUp.calls.length > 0);
  while (warmUp.step(search));
  assert.equal(warmUp.ran, warmUp.calls.length);
});

const arxiv = sharedCorpus('arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl');

test('on a real arXiv export the warm-up searches run without error and find papers', { skip: arxiv.skip }, () => {
  const papers = assignIds(importCorpusFile(arxiv.path, readFileSync(arxiv.path)).papers).papers;
  const search = PaperSearch.build(papers);
  const queries = warmUpQueries(papers);
  assert.equal(queries.length, WARM_UP_PHRASES);
  const found = queries.filter((query) => search.search(query).total > 0);
  assert.ok(found.length >= WARM_UP_PHRASES * 0.9, `${found.length} of ${queries.length} find papers`);
  const warmUp = new SearchWarmUp(papers);
  while (warmUp.step(search));
  assert.equal(warmUp.ran, warmUp.calls.length);
});
