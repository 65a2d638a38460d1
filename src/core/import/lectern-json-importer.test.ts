import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedCorpus } from '../../../test/support/shared-corpora';
import { importLecternJson } from './lectern-json-importer';

const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'import', name), 'utf8');

test('a Lectern JSON array loads paper objects and lenient OpenReview-style records', () => {
  const result = importLecternJson('papers.json', fixture('lectern-papers.json'));
  assert.equal(result.papers.length, 3);
  const [sinks, openreview, commas] = result.papers;
  assert.equal(sinks.title, 'Sparse attention sinks in {Transformers}');
  assert.deepEqual(sinks.authors, ['Ada Lovelace', 'Alan Turing']);
  assert.equal(sinks.year, 2024);
  assert.equal(sinks.date, '2024-03-05');
  assert.equal(sinks.abstract, 'We study attention sinks with $O(n \\log n)$ cost.');
  assert.equal(sinks.arxivId, '2403.01234');
  assert.deepEqual(sinks.keywords, ['attention', 'sparsity']);
  assert.deepEqual(sinks.categories, ['Machine Learning']);
  assert.deepEqual(sinks.topics, [], 'topics are assigned later, never imported');
  assert.equal(sinks.id, undefined, 'ids are assigned later, never imported');
  assert.equal(sinks.venue, 'ICLR');
  assert.deepEqual(sinks.source, { file: 'papers.json', line: 2 });

  assert.deepEqual(openreview.authors, ['Yan Zhang', 'Jonathon Hare', 'Adam Prügel-Bennett']);
  assert.deepEqual(openreview.keywords, ['visual question answering', 'vqa', 'counting']);
  assert.equal(openreview.url, 'https://iclr.cc/virtual/2018/poster/307');
  assert.equal(openreview.year, 2018, 'year from the embedded BibTeX');
  assert.equal(openreview.venue, 'International Conference on Learning Representations');

  assert.deepEqual(commas.authors, ['Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov']);
  assert.deepEqual(commas.keywords, ['compilers', 'verification']);
  assert.equal(commas.doi, '10.1145/abc.123');

  assert.deepEqual(
    result.diagnostics.map((d) => [d.line, d.severity]),
    [
      [29, 'warning'],
      [30, 'warning'],
    ],
  );
  assert.match(result.diagnostics[0].message, /^Lectern: item 4 of papers\.json \(line 29\) has no title/);
});

test('Lectern JSON Lines: one paper per line, a broken line reported on its line', () => {
  const result = importLecternJson('papers.jsonl', fixture('lectern-papers.jsonl'));
  assert.deepEqual(
    result.papers.map((p) => [p.title, p.source.line]),
    [
      ['First JSONL paper', 1],
      ['Second JSONL paper', 2],
      ['Fourth JSONL paper', 4],
    ],
  );
  assert.equal(result.papers[0].year, 1843);
  assert.deepEqual(result.papers[1].authors, ['Alan Turing', 'Alonzo Church']);
  assert.deepEqual(result.papers[1].keywords, ['computability', 'lambda calculus']);
  assert.equal(result.papers[2].arxivId, '2101.00001');
  assert.equal(result.diagnostics.length, 1);
  assert.equal(result.diagnostics[0].line, 3);
  assert.equal(result.diagnostics[0].severity, 'error');
  assert.match(result.diagnostics[0].message, /^Lectern: line 3 of papers\.jsonl \(item "Broken line"\) is not valid JSON/);
});

test('the {"papers": [...]} that `lectern import --json` prints reads back, lines included', () => {
  const text = JSON.stringify(
    { papers: [{ title: 'Round trip', authors: ['A B'], topics: ['x'] }, { title: 'Second' }], diagnostics: [] },
    null,
    2,
  );
  const result = importLecternJson('export.json', text);
  assert.deepEqual(
    result.papers.map((p) => [p.title, p.source.line]),
    [
      ['Round trip', 3],
      ['Second', 12],
    ],
  );
  assert.deepEqual(result.diagnostics, []);
  const single = importLecternJson('one.json', '{"title": "Just one"}');
  assert.deepEqual(
    single.papers.map((p) => p.title),
    ['Just one'],
  );
});

const iclr = sharedCorpus('openreview_iclr2018_paperlists.json');
test('shared corpus: the ICLR 2018 OpenReview dump loads all 995 submissions', { skip: iclr.skip }, () => {
  const result = importLecternJson(iclr.path, readFileSync(iclr.path, 'utf8'));
  assert.equal(result.papers.length, 995);
  assert.deepEqual(result.diagnostics, []);
  assert.ok(result.papers.every((p) => p.abstract.length > 0 && p.authors.length > 0));
  assert.equal(result.papers.filter((p) => p.keywords.length > 0).length, 889);
  assert.ok(result.papers.filter((p) => p.year === 2018).length >= 943);
  const counting = result.papers.find((p) => p.title === 'Learning to Count Objects in Natural Images for Visual Question Answering');
  assert.ok(counting);
  assert.deepEqual(counting.authors, ['Yan Zhang', 'Jonathon Hare', 'Adam Prügel-Bennett']);
  assert.deepEqual(counting.keywords, ['visual question answering', 'vqa', 'counting']);
  assert.equal(counting.url, 'https://iclr.cc/virtual/2018/poster/307');
  assert.equal(counting.source.line, 41);
});
