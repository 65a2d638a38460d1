import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedCorpus } from '../../../test/support/shared-corpora';
import { ARXIV_CATEGORIES, arxivCategoryName, arxivCategoryNames } from './arxiv-categories';
import { importArxivJsonl, splitAuthorString } from './arxiv-jsonl-importer';

const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'import', name), 'utf8');

test('arXiv lines load with both authors_parsed shapes; a broken line is reported and the rest load', () => {
  const result = importArxivJsonl('arxiv.jsonl', fixture('arxiv-sample.jsonl'));
  assert.deepEqual(
    result.papers.map((p) => p.source.line),
    [1, 2, 4],
  );
  const [first, second, old] = result.papers;
  assert.equal(first.title, 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies');
  assert.deepEqual(first.authors, ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan']);
  assert.equal(
    first.abstract,
    'A fully differential calculation in perturbative quantum chromodynamics is presented for the production of massive photon pairs with $\\Lambda_{\\alpha} \\ge 1$.',
  );
  assert.equal(first.arxivId, '0704.0001');
  assert.equal(first.url, 'https://arxiv.org/abs/0704.0001');
  assert.equal(first.doi, '10.1103/physrevd.76.013009');
  assert.equal(first.date, '2007-04-02', 'first version date');
  assert.equal(first.year, 2007);
  assert.equal(first.venue, undefined, 'the journal reference describes a later publication: never the venue');
  assert.deepEqual(first.csl, {
    id: '',
    type: 'article',
    title: first.title,
    author: [
      { family: 'Balázs', given: 'C.' },
      { family: 'Berger', given: 'E. L.' },
      { family: 'Nadolsky', given: 'P. M.' },
      { family: 'Yuan', given: 'C.-P.' },
    ],
    issued: { 'date-parts': [[2007, 4, 2]] },
    publisher: 'arXiv',
    number: 'arXiv:0704.0001',
    DOI: '10.1103/physrevd.76.013009',
    URL: 'https://arxiv.org/abs/0704.0001',
    'journal-ref': 'Phys.Rev.D76:013009,2007',
  });
  assert.deepEqual(first.categories, ['High Energy Physics - Phenomenology']);
  assert.deepEqual(first.topics, []);
  assert.equal(first.id, undefined);

  assert.deepEqual(second.authors, ['Neal J. Evans II', 'A. Author', 'B. Author'], 'affiliations in parentheses dropped');
  assert.deepEqual(second.categories, ['Computer Vision and Pattern Recognition', 'Machine Learning'], 'cs.LG and stat.ML share a name');

  assert.equal(old.arxivId, 'math/0701001', 'old-style id without version');
  assert.equal(old.date, '2007-01', 'date from the id when versions are missing');
  assert.equal(old.authors[0], 'C.-P. Yuan', 'flattened "Last F." names are turned around');
  assert.deepEqual(old.categories, ['Algebraic Geometry', 'unknown.XX'], 'retired archives named, unknown codes kept');
  assert.equal(old.csl?.DOI, '10.48550/arXiv.math/0701001', "without a DOI of its own: arXiv's DataCite DOI");
  assert.equal(old.csl?.number, 'arXiv:math/0701001');
  assert.deepEqual(old.csl?.author?.[0], { family: 'Yuan', given: 'C.-P.' });
  assert.equal(old.csl?.abstract, undefined, 'the abstract is held once, by the paper');

  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => d.line),
    [3, 7],
  );
  assert.match(
    errors[0].message,
    /^Lectern: line 3 of arxiv\.jsonl \(item `0704\.0002`\) is not valid JSON \(a string is never closed\); it was skipped/,
  );
  assert.equal(errors[0].column, fixture('arxiv-sample.jsonl').split('\n')[2].indexOf('"and does') + 1);
  const noTitle = result.diagnostics.find((d) => d.line === 6);
  assert.ok(noTitle);
  assert.match(noTitle.message, /on line 6 \(arXiv 0704\.0003\) has no title/);
});

test('the category table covers the whole taxonomy and unknown codes stay as they are', () => {
  assert.equal(arxivCategoryName('cs.CV'), 'Computer Vision and Pattern Recognition');
  assert.equal(arxivCategoryName('q-fin.TR'), 'Trading and Market Microstructure');
  assert.equal(arxivCategoryName('cond-mat.str-el'), 'Strongly Correlated Electrons');
  assert.equal(arxivCategoryName('eess.IV'), 'Image and Video Processing');
  assert.equal(arxivCategoryName('xx.YY'), 'xx.YY');
  const count = (prefix: string) => Object.keys(ARXIV_CATEGORIES).filter((k) => k.startsWith(prefix)).length;
  assert.equal(count('cs.'), 40);
  assert.equal(count('math.'), 32);
  assert.equal(count('physics.'), 22);
  assert.equal(count('q-bio.'), 10);
  assert.equal(count('q-fin.'), 9);
  assert.equal(count('stat.'), 6);
  assert.equal(count('astro-ph.'), 6);
  assert.equal(count('cond-mat.'), 9);
  assert.equal(count('nlin.'), 5);
  assert.equal(count('eess.'), 4);
  assert.equal(count('econ.'), 3);
  for (const code of ['gr-qc', 'quant-ph', 'hep-th', 'hep-ph', 'hep-ex', 'hep-lat', 'nucl-th', 'nucl-ex', 'math-ph'])
    assert.ok(ARXIV_CATEGORIES[code], code);
  assert.deepEqual(arxivCategoryNames(' cs.IT  math.IT '), ['Information Theory']);
});

test('author strings: collaborations, suffixes after commas, et al.', () => {
  assert.deepEqual(splitAuthorString('CLEO Collaboration: T. K. Pedlar, et al'), ['CLEO Collaboration', 'T. K. Pedlar']);
  assert.deepEqual(splitAuthorString('Caleb K. Lo, Robert W. Heath, Jr. and Sriram Vishwanath'), [
    'Caleb K. Lo',
    'Robert W. Heath Jr.',
    'Sriram Vishwanath',
  ]);
  assert.deepEqual(splitAuthorString("T.\n  Yoshi\\'e and D. Dvo\\v{r}\\'ak"), ['T. Yoshié', 'D. Dvořák']);
});

test('lines that are not objects, empty lines and CRLF line ends', () => {
  const text = '{"id":"2101.00001","title":"A"}\r\n\r\n"just a string"\r\n{"id":"2101.00002v2","title":"B","categories":"cs.AI"}\r\n';
  const result = importArxivJsonl('crlf.jsonl', text);
  assert.deepEqual(
    result.papers.map((p) => [p.title, p.source.line, p.arxivId]),
    [
      ['A', 1, '2101.00001'],
      ['B', 4, '2101.00002'],
    ],
  );
  assert.equal(result.papers[1].date, '2021-01');
  assert.deepEqual(
    result.diagnostics.map((d) => d.line),
    [3],
  );
});

const flattened = sharedCorpus('arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl');
const exact = sharedCorpus('arxiv_snapshot_head200_exact.jsonl');
test('shared corpus: the 2000-record snapshot loads every line with readable categories', { skip: flattened.skip }, () => {
  const result = importArxivJsonl(flattened.path, readFileSync(flattened.path, 'utf8'));
  assert.equal(result.papers.length, 2000);
  assert.deepEqual(result.diagnostics, []);
  assert.equal(result.papers[1999].arxivId, '0704.2000');
  assert.equal(result.papers[1999].source.line, 2000);
  assert.ok(
    result.papers.every((p) => p.categories.length > 0 && p.categories.every((c) => !/^[a-z-]+(\.[A-Za-z-]+)?$/.test(c))),
    'every code has a name',
  );
  assert.ok(
    result.papers.every((p) => p.date?.startsWith('2007-0')),
    'submitted in 2007',
  );
  assert.ok(
    result.papers.every((p) => !/\n|^\s|\s$/.test(p.title)),
    'hard line breaks collapsed',
  );
  assert.ok(!result.papers.some((p) => p.authors.some((a) => /[\\{}()]/.test(a))), 'no TeX or parenthesised affiliations in names');
  assert.equal(result.papers.filter((p) => p.doi).length, 1316);
});

test('shared corpus: the exact Kaggle lines give the same papers as the flattened copy', { skip: exact.skip || flattened.skip }, () => {
  const a = importArxivJsonl(exact.path, readFileSync(exact.path, 'utf8'));
  const b = importArxivJsonl(flattened.path, readFileSync(flattened.path, 'utf8'));
  assert.equal(a.papers.length, 200);
  assert.deepEqual(a.diagnostics, []);
  // The same papers; only the CSL names may differ, as the exact copy's authors_parsed splits them better.
  const withoutNames = (p: (typeof a.papers)[number]) => ({ ...p, source: undefined, csl: { ...p.csl, author: undefined } });
  for (let i = 0; i < 200; i++) {
    assert.deepEqual(withoutNames(a.papers[i]), withoutNames(b.papers[i]), `record ${i + 1}`);
    assert.equal(a.papers[i].csl?.author?.length, a.papers[i].authors.length, `record ${i + 1}: a CSL name per author`);
  }
  // Family names of several words and particles come from authors_parsed, not from splitting the display string.
  const names = a.papers.flatMap((p) => p.csl?.author ?? []);
  assert.ok(names.some((n) => n.family === 'Tak' && n['non-dropping-particle'] === 'van der' && n.given === 'Floris'));
  assert.ok(
    names.some((n) => n.family === 'De Raedt' && n.given === 'Hans'),
    'a capitalised "De" is part of the family name',
  );
  assert.ok(
    names.some((n) => n.literal === 'The BABAR Collaboration'),
    'a collaboration is a literal',
  );
});
