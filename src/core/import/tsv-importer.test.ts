import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importCorpusFile, detectCorpusFormat } from './import-corpus-file';
import { importTsv } from './tsv-importer';
import { sharedCorpus } from '../../../test/support/shared-corpora';

const iclr = sharedCorpus('openreview_iclr2021_paperlist.tsv');
const encode = (text: string) => new TextEncoder().encode(text);
const HEADER = 'paper_id\ttitle\tlink\tkeywords\tabstract';

test(
  'the OpenReview ICLR 2021 list: all 2,966 rows load with title, link, keywords and abstract, without a diagnostic',
  { skip: iclr.skip },
  () => {
    const bytes = readFileSync(iclr.path);
    const lines = bytes.toString('utf8').split('\n').filter(Boolean);
    const { papers, diagnostics } = importCorpusFile(iclr.path, bytes);
    assert.deepEqual(diagnostics, []);
    assert.equal(papers.length, 2966);
    assert.equal(papers.length, lines.length - 1, 'one paper per row after the header');
    const first = papers[0];
    assert.equal(first.title, 'Towards Faster and Stabilized GAN Training for High-fidelity Few-shot Image Synthesis');
    assert.equal(first.url, 'https://openreview.net/forum?id=1Fqg133qRaI');
    assert.deepEqual(first.keywords.slice(0, 3), ['deep learning', 'generative model', 'image synthesis']);
    assert.match(first.abstract, /^Training Generative Adversarial Networks \(GAN\) on high-fidelity images/);
    assert.deepEqual(first.source, { file: iclr.path, line: 2 });
    assert.equal(papers.filter((p) => p.abstract).length, 2966, 'every row has an abstract');
    assert.equal(papers.filter((p) => p.keywords.length > 0).length, 2613, 'SOURCES.md: 2,613 rows with keywords');
    // Values that begin with a quote are kept as written (the list is written without quoting).
    const ode = papers.find((p) => p.title.includes('Faster ODE Adjoints'));
    assert.equal(ode?.title, `"Hey, that's not an ODE'": Faster ODE Adjoints with 12 Lines of Code`);
    assert.equal(ode?.source.line, 2328);
    assert.match(papers[6].abstract, /^"“Nonstationarity" is a fundamental problem/);
    // TeX in abstracts stays for the reader's math.
    assert.ok(papers.some((p) => /\$[^$]+\$/.test(p.abstract)));
  },
);

test('a .tsv is read as a TSV list; a .txt or other file is recognised by a tab-separated header with a title column', () => {
  assert.equal(detectCorpusFormat('list.tsv', 'anything'), 'tsv');
  assert.equal(detectCorpusFormat('list.dat', `${HEADER}\nx\tA\t\t\tB\n`), 'tsv');
  assert.equal(detectCorpusFormat('list.txt', `${HEADER}\nx\tA\t\t\tB\n`), 'tsv', 'a list saved as .txt');
  assert.equal(detectCorpusFormat('page.txt', 'Daily Papers\tMar 11\nA Title\n'), 'daily-papers');
  assert.equal(detectCorpusFormat('list.dat', 'id\tname\n1\tx\n'), undefined, 'tabs without a title column are not a paper list');
});

test('hostile TSV: BOM, CRLF, quotes, ragged rows, an embedded line break, a tab in a value, a huge cell, a NUL byte', () => {
  const rows = [
    '\uFEFFpaper_id\tTitle\tlink\tkeywords\tabstract',
    'a1\tPlain Paper\thttps://openreview.net/forum?id=a1\tgraphs, learning\tAn abstract.',
    'a2\t"Spreadsheet ""Quoted"" Title"\t\t\tQuoted values are unwrapped.',
    'a3\t"Starts with a quote" and goes on\t\t\tKept as written.',
    'a4\tShort Row\thttps://x.org/a4',
    'a5\tBroken Abstract\t\t\tThe first half of the abstract',
    'and its second half after a line break.',
    'a6\tTab Inside\t\t\tAn abstract\twith a tab.',
    `a7\tHuge Cell\t\t\t${'x'.repeat(2000)}`,
    'a8\t\t\t\tNo title here.',
    'a9\tDamaged \u0000 Title\t\t\tA NUL byte.',
    'a10\tLast Paper\t\t\tStill read.',
  ];
  const text = `${rows.join('\r\n')}\r\n`;
  const result = importCorpusFile('hostile.tsv', encode(text), { limits: { maxFieldChars: 1000 } });
  assert.deepEqual(
    result.papers.map((p) => [p.title, p.source.line]),
    [
      ['Plain Paper', 2],
      ['Spreadsheet "Quoted" Title', 3],
      ['"Starts with a quote" and goes on', 4],
      ['Short Row', 5],
      ['Broken Abstract', 6],
      ['Tab Inside', 8],
      ['Huge Cell', 9],
      ['Last Paper', 12],
    ],
  );
  const paper = (title: string) => result.papers.find((p) => p.title === title)!;
  assert.deepEqual(paper('Plain Paper').keywords, ['graphs', 'learning'], 'the BOM does not hide the header');
  assert.equal(paper('Huge Cell').abstract, '', 'the oversized value is dropped, the paper kept');
  assert.equal(paper('Tab Inside').abstract, 'An abstract');
  const found = result.diagnostics.map((d) => [d.line, d.column, d.severity, d.message.replace(/^Lectern: /, '').slice(0, 60)]);
  assert.deepEqual(found, [
    [5, 30, 'warning', 'row 5 of hostile.tsv has 3 values, but the header names 5 co'],
    [7, 1, 'warning', 'row 7 of hostile.tsv has 1 value, but the header names 5 col'],
    [8, 29, 'warning', 'row 8 of hostile.tsv has 6 values, but the header names 5 co'],
    [9, 16, 'warning', '"abstract" of row 9 of hostile.tsv is 2,000 characters long,'],
    [10, 4, 'warning', 'row 10 of hostile.tsv has no title (column "title" is empty)'],
    [11, 12, 'error', 'hostile.tsv has a NUL byte at line 11, column 12, in row 11;'],
  ]);
  for (const d of result.diagnostics) assert.equal(d.file, 'hostile.tsv');
  assert.match(result.diagnostics[1].message, /A line break inside a value splits its row/);
  assert.match(result.diagnostics[2].message, /the values after the 5th were ignored/);
});

test('a TSV without a title column is one error on its header, naming the columns it has', () => {
  const { papers, diagnostics } = importTsv('people.tsv', 'id\tname\temail\n1\tAda\ta@x.org\n');
  assert.equal(papers.length, 0);
  assert.equal(diagnostics.length, 1);
  assert.deepEqual([diagnostics[0].line, diagnostics[0].column, diagnostics[0].severity], [1, 1, 'error']);
  assert.match(
    diagnostics[0].message,
    /^Lectern: the header row of people\.tsv \(line 1\) has no "title" column \(it names "id", "name", "email"\)/,
  );
});

test('a TSV of a header only, or of blank lines, reports that it holds no papers', () => {
  const headerOnly = importCorpusFile('empty.tsv', encode(`${HEADER}\n\n`));
  assert.equal(headerOnly.papers.length, 0);
  assert.match(headerOnly.diagnostics[0].message, /no papers found in empty\.tsv \(read as a tab-separated paper list\)/);
  assert.match(importCorpusFile('blank.tsv', encode('\n\n')).diagnostics[0].message, /blank\.tsv is empty/);
});

test('many columns and a million-character row stay linear: a 20,000-row list loads every row', () => {
  const row = (i: number) => `p${i}\tPaper number ${i}\thttps://x.org/${i}\tk${i % 7}\t${'word '.repeat(40)}`;
  const text = [HEADER, ...Array.from({ length: 20_000 }, (_, i) => row(i)), `big\t${'t'.repeat(1_000_000)}`].join('\n');
  const { papers, diagnostics } = importTsv('big.tsv', text);
  assert.equal(papers.length, 20_001);
  assert.equal(diagnostics.length, 1, 'the last row is short (2 of 5 values)');
  assert.equal(diagnostics[0].line, 20_002);
});
