// What the BibTeX importer keeps of each entry beyond the simple fields: the CSL record (citation-js's mapping,
// crossref included), the names, the venue a reader looks for, and the entry's own text byte for byte — and what
// happens to each when an entry is damaged, repaired, or read only by the parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
import { cslRecordsOf } from './bibtex-csl';

const read = (text: string) => importBibtex('x.bib', text);

test('the entry text is the file`s from `@` to the closing delimiter, whatever surrounds it', () => {
  const a = '@article{a,\n  title = {A},\n  author = {Doe, Jane}\n}';
  const b = '@book(b, title = "B {x}", publisher = {P})';
  const c = '@inproceedings{c, title = {C}, author = {M{\\"u}ller, Jo and {ACME}}}';
  const text = `% leading comment\n${a}  trailing words\n\n@comment{skip me}\n${b}\n${c}\n@string{s = "x"}\n`;
  const { papers, diagnostics } = read(text);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    papers.map((p) => p.bibtexEntry),
    [a, b, c],
  );
  assert.deepEqual(
    papers.map((p) => p.citeKey),
    ['a', 'b', 'c'],
  );
});

test('a repaired entry, or one only the parser could read, keeps no entry text (the file`s is not valid BibTeX)', () => {
  const repaired = read('@article{r,\n  title = {R},\n  year = {2020},\n\n@article{next, title = {N}}\n');
  assert.deepEqual(
    repaired.papers.map((p) => [p.citeKey, p.bibtexEntry]),
    [
      ['r', undefined],
      ['next', '@article{next, title = {N}}'],
    ],
  );
  assert.equal(repaired.papers[0].csl?.issued?.['date-parts']?.[0][0], 2020, 'its record is kept all the same');
  const parserOnly = read('@article{k title = {T}, author = {M{\\"u}ller, Jo}}');
  assert.equal(parserOnly.papers.length, 1);
  assert.equal(parserOnly.papers[0].bibtexEntry, undefined);
  assert.deepEqual(parserOnly.papers[0].csl?.author, [{ family: 'Müller', given: 'Jo' }], 'names from the parser');
});

test('types, fields and names as CSL; the citekey is the id', () => {
  const { papers } = read(
    [
      '@incollection{ch, title = {Ch}, booktitle = {The {Book}}, editor = {van Gogh, Vincent and {WHO}}, author = {Smith, Jr., John},',
      '  publisher = {Springer}, address = {Berlin}, pages = {10--20}, volume = 3, number = 2, year = 2020, month = mar,',
      '  isbn = {978-3}, edition = {2}, note = {A note}, url = {http://x.org/a}, doi = {10.1/X}, abstract = {Not here.},',
      '  keywords = {a, b}, file = {x.pdf}}',
      '@phdthesis{th, title = {Th}, school = {MIT}, author = {Doe, Jane}, year = {2001}}',
      '@techreport{tr, title = {Tr}, institution = {NOAA}, number = {TR-1}, author = {{National Oceanic and Atmospheric Administration}}}',
      '@article{ar, title = {Ar}, journal = {J. {X}}, volume = {7}, number = {1}, pages = {52--63}, publisher = {Elsevier}}',
      '@misc{, title = {No key}}',
    ].join('\n'),
  );
  const [chapter, thesis, report, article, noKey] = papers;
  assert.deepEqual(chapter.csl, {
    id: 'ch',
    'citation-key': 'ch',
    type: 'chapter',
    title: 'Ch',
    'container-title': 'The Book',
    author: [{ family: 'Smith', given: 'John', suffix: 'Jr.' }],
    editor: [{ family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' }, { literal: 'WHO' }],
    publisher: 'Springer',
    'publisher-place': 'Berlin',
    page: '10-20',
    volume: '3',
    'collection-number': '2',
    issued: { 'date-parts': [[2020, 3]] },
    ISBN: '978-3',
    edition: '2',
    note: 'A note',
    URL: 'http://x.org/a',
    DOI: '10.1/X',
  });
  assert.deepEqual(chapter.authors, ['John Smith Jr.']);
  assert.equal(chapter.venue, 'The Book');
  assert.equal(chapter.abstract, 'Not here.');
  assert.deepEqual(chapter.keywords, ['a', 'b']);
  assert.deepEqual([thesis.csl?.type, thesis.csl?.genre, thesis.csl?.publisher, thesis.venue], ['thesis', 'PhD thesis', 'MIT', 'MIT']);
  assert.deepEqual(
    [report.csl?.type, report.csl?.number, report.csl?.publisher, report.venue, report.authors],
    ['report', 'TR-1', 'NOAA', 'NOAA', ['National Oceanic and Atmospheric Administration']],
  );
  assert.deepEqual(report.csl?.author, [{ literal: 'National Oceanic and Atmospheric Administration' }]);
  assert.deepEqual(
    [article.csl?.issue, article.csl?.page, article.venue],
    ['1', '52-63', 'J. X'],
    'an article shows its journal, not its publisher',
  );
  assert.equal(noKey.csl?.id, '');
  assert.equal('citation-key' in noKey.csl, false);
  assert.equal(noKey.citeKey, undefined);
  assert.equal(noKey.venue, undefined);
});

test('crossref: the record inherits the parent`s container, date and publisher', () => {
  const { papers } = read(
    '@inproceedings{c, title = {C}, author = {Doe, J.}, crossref = {p}}\n@proceedings{p, title = {Proc of {X}}, year = 1999, publisher = {ACM}}',
  );
  const [paper] = papers;
  assert.equal(paper.csl?.['container-title'], 'Proc of X');
  assert.equal(paper.csl?.publisher, 'ACM');
  assert.deepEqual(paper.csl?.issued, { 'date-parts': [[1999]] });
  assert.deepEqual([paper.venue, paper.year], ['Proc of X', 1999]);
});

test('a name that cannot be split is kept whole and reported on the entry`s line; the others are split', () => {
  const { papers, diagnostics } = read('\n\n  @article{k, title = {T}, author = {Last, Jr, First, Extra and Doe, Jane}}');
  assert.deepEqual(papers[0].authors, ['Last, Jr, First, Extra', 'Jane Doe']);
  assert.deepEqual(papers[0].csl?.author, [{ literal: 'Last, Jr, First, Extra' }, { family: 'Doe', given: 'Jane' }]);
  assert.deepEqual(
    diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
    [
      '3:3 warning Lectern: entry `k` (line 3) has a name that cannot be split into family and given names: "Last, Jr, First, Extra"; it was kept whole, as written. Write it as `Family, Given` (or in braces for an organisation).',
    ],
  );
});

test('a field the mapping cannot read is left out of the record; the entry and the others keep theirs', () => {
  const { papers } = read('@article{a, title = {A $b}, volume = {3}}\n@article{b, title = {B}, pages = {1--2}}');
  assert.deepEqual(papers[0].csl, { id: 'a', 'citation-key': 'a', type: 'article-journal', title: 'A $b', volume: '3' });
  assert.equal(papers[1].csl?.page, '1-2');
  assert.deepEqual(cslRecordsOf([]), []);
});
