// The record of a Lectern JSON / OpenReview paper: a `csl` object the file carries is kept (but for its
// abstract); otherwise one is built from the fields read, typed by what the source is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importLecternJson } from './lectern-json-importer';
import { importDailyPapers } from './daily-papers-importer';

test('a record built from the fields: journal article, conference paper (OpenReview), or article', () => {
  const { papers } = importLecternJson(
    'papers.json',
    JSON.stringify([
      { title: 'J', authors: ['Vincent van Gogh', 'WHO'], journal: 'Nature', year: 2020, doi: '10.1038/X', citeKey: 'gogh2020' },
      { title: 'C', author: 'Mo Yu;Xiaoxiao Guo', venue: 'ICLR 2018', site: 'https://openreview.net/forum?id=B1' },
      { title: 'P', date: '2021-03-04' },
    ]),
  );
  assert.deepEqual(
    papers.map((p) => p.csl),
    [
      {
        id: 'gogh2020',
        type: 'article-journal',
        title: 'J',
        author: [{ family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' }, { literal: 'WHO' }],
        issued: { 'date-parts': [[2020]] },
        'container-title': 'Nature',
        DOI: '10.1038/x',
        'citation-key': 'gogh2020',
      },
      {
        id: '',
        type: 'paper-conference',
        title: 'C',
        author: [
          { family: 'Yu', given: 'Mo' },
          { family: 'Guo', given: 'Xiaoxiao' },
        ],
        'container-title': 'ICLR 2018',
        URL: 'https://openreview.net/forum?id=B1',
      },
      { id: '', type: 'article', title: 'P', issued: { 'date-parts': [[2021, 3, 4]] } },
    ],
  );
});

test('a `csl` object the file carries is the record, all its variables kept but the abstract', () => {
  const csl = { id: 'k', type: 'legal_case', title: 'A v. B', authority: '8th Cir.', 'x-unknown': [1], abstract: 'Held once.' };
  const [paper] = importLecternJson('papers.json', JSON.stringify([{ title: 'A v. B', abstract: 'Held once.', csl }])).papers;
  const { abstract: _abstract, ...kept } = csl;
  assert.deepEqual(paper.csl, kept);
  assert.equal(paper.abstract, 'Held once.');
});

test('a daily-papers page gives each paper an article record with its title', () => {
  const abstract = 'We study a thing in depth. '.repeat(8).trim();
  const [paper] = importDailyPapers('page.txt', ['Header', '', 'Mar 11', '', 'A {\\mu} title', abstract].join('\n')).papers;
  assert.deepEqual(paper.csl, { id: '', type: 'article', title: 'A μ title' });
});
