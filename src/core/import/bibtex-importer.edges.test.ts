// What a user sees for the cases mutation testing showed untested: a repeated field, `and others` among TeX names,
// a non-arXiv `eprint`, an `@article{` line inside a value, and how each BibTeX field maps to a paper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportResult } from '../model/diagnostic';
import { importBibtex } from './bibtex-importer';

const only = (text: string) => {
  const result = importBibtex('e.bib', text);
  assert.deepEqual(result.diagnostics, [], 'no diagnostics');
  assert.equal(result.papers.length, 1, 'one paper');
  return result.papers[0];
};
const messages = (result: ImportResult) => result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);

test('a repeated field: the first occurrence wins, as in BibTeX, with plain and with TeX names', () => {
  const plain = only('@article{k, title = {First}, year = 2001, title = {Second}, year = 2002, author = {Doe, Jane}}');
  assert.equal(plain.title, 'First');
  assert.equal(plain.year, 2001);
  const tex = only('@article{k, title = {First}, author = {M{\\"u}ller, Jo}, title = {Second}, journal = {J1}, journal = {J2}}');
  assert.equal(tex.title, 'First');
  assert.equal(tex.venue, 'J1');
  assert.deepEqual(tex.authors, ['Jo Müller']);
});

test('`and others` is dropped among TeX names, plain names and braced or capitalised forms', () => {
  assert.deepEqual(only('@article{k, title = {T}, author = {M{\\"u}ller, Jo and Sch{\\"o}n, Anna and others}}').authors, [
    'Jo Müller',
    'Anna Schön',
  ]);
  assert.deepEqual(only('@article{k, title = {T}, author = {M{\\"u}ller, Jo and Others}}').authors, ['Jo Müller']);
  assert.deepEqual(only('@article{k, title = {T}, author = {Doe, Jane and {others}}}').authors, ['Jane Doe']);
  assert.deepEqual(only('@article{k, title = {T}, author = {Jane Doe and  OTHERS}}').authors, ['Jane Doe']);
  // A name that only contains "others" stays.
  assert.deepEqual(only('@article{k, title = {T}, author = {Brothers, Ann and M{\\"u}ller, Jo}}').authors, ['Ann Brothers', 'Jo Müller']);
  assert.deepEqual(only('@article{k, title = {T}, author = {Brothers, Ann and Othersen, Bo}}').authors, ['Ann Brothers', 'Bo Othersen']);
});

test('names split the simple way: "Last, First", "von Last, Jr, First", a brace-protected `and`, an escaped brace', () => {
  assert.deepEqual(only('@article{k, title = {T}, author = {van der Berg, Jr., Jan and Plain Name}}').authors, [
    'Jan van der Berg Jr.',
    'Plain Name',
  ]);
  assert.deepEqual(only('@article{k, title = {T}, author = {{Barnes and Noble}, Inc. and Doe, Jane}}').authors, [
    'Inc. Barnes and Noble',
    'Jane Doe',
  ]);
  assert.deepEqual(only('@article{k, title = {T}, author = {Doe,, Jane and Roe, }}').authors, ['Jane Doe', 'Roe']);
  assert.deepEqual(only('@article{k, title = {T}, author = {Sandand, Ann and Band,Bo}}').authors, ['Ann Sandand', 'Bo Band']);
});

test('editors stand in for authors only when there are none', () => {
  assert.deepEqual(only('@book{k, title = {T}, editor = {Roe, Ed}}').authors, ['Ed Roe']);
  assert.deepEqual(only('@book{k, title = {T}, author = {Doe, Jane}, editor = {Roe, Ed}}').authors, ['Jane Doe']);
  assert.deepEqual(only('@book{k, title = {T}, editor = {R{\\"o}e, Ed}}').authors, ['Ed Röe']);
  assert.deepEqual(only('@book{k, title = {T}}').authors, []);
});

test('an `eprint` is an arXiv id only when the archive prefix or eprint type says arXiv, or says nothing', () => {
  assert.equal(only('@article{k, title = {T}, eprint = {2101.00001}}').arxivId, '2101.00001');
  assert.equal(only('@article{k, title = {T}, eprint = {2101.00001}, archiveprefix = {arXiv}}').arxivId, '2101.00001');
  assert.equal(only('@article{k, title = {T}, eprint = {2101.00001}, eprinttype = {ARXIV}}').arxivId, '2101.00001');
  assert.equal(only('@article{k, title = {T}, eprint = {2101.00001}, eprinttype = {pubmed}}').arxivId, undefined);
  assert.equal(only('@article{k, title = {T}, eprint = {2101.00001}, archiveprefix = {HAL}}').arxivId, undefined);
  assert.equal(
    only('@article{k, title = {T}, eprint = {2101.00001}, archiveprefix = {arXiv}, eprinttype = {pubmed}}').arxivId,
    '2101.00001',
  );
  assert.equal(only('@article{k, title = {T}, arxivid = {2102.00002}, eprint = {2101.00001}}').arxivId, '2102.00002');
});

test('arXiv ids and DOIs from URLs, and a DOI that is an arXiv DOI', () => {
  const fromUrls = only('@misc{k, title = {T}, url = {https://example.org/x https://arxiv.org/abs/2103.00003v2}}');
  assert.equal(fromUrls.arxivId, '2103.00003');
  assert.equal(fromUrls.url, 'https://example.org/x');
  assert.equal(only('@misc{k, title = {T}, url = {https://example.org/2103.00003}}').arxivId, undefined);
  assert.equal(only('@misc{k, title = {T}, url = {https://example.org/x 2103.00003}}').arxivId, undefined, 'only arxiv.org URLs');
  const doiUrl = only('@misc{k, title = {T}, url = {https://doi.org/10.1000/a\\_b}}');
  assert.equal(doiUrl.doi, '10.1000/a_b');
  assert.equal(only('@misc{k, title = {T}, url = {https://doi.org/10.1000/a{\\_}b}}').doi, '10.1000/a_b');
  assert.equal(only('@misc{k, title = {T}, url = {https://example.org/10.1000/x}}').doi, undefined);
  assert.equal(only('@misc{k, title = {T}, doi = {10.1000/direct}, url = {https://doi.org/10.1000/fromurl}}').doi, '10.1000/direct');
  const arxivDoi = only('@misc{k, title = {T}, doi = {10.48550/arXiv.2104.00004}}');
  assert.equal(arxivDoi.arxivId, '2104.00004');
});

test('a URL from `howpublished` when there is no `url`', () => {
  assert.equal(only('@misc{k, title = {T}, howpublished = {\\url{https://example.org/h}}}').url, 'https://example.org/h');
  assert.equal(only('@misc{k, title = {T}, howpublished = { https://example.org/bare }}').url, 'https://example.org/bare');
  assert.equal(only('@misc{k, title = {T}, howpublished = {Online at https://example.org/bare}}').url, undefined);
  assert.equal(only('@misc{k, title = {T}, howpublished = {http://example.org/plain}}').url, 'http://example.org/plain');
  assert.equal(only('@misc{k, title = {T}, howpublished = {https://example.org/a and more}}').url, undefined);
  assert.equal(
    only('@misc{k, title = {T}, howpublished = {\\url{https://example.org/h}}, url = {https://example.org/u}}').url,
    'https://example.org/u',
  );
});

test('dates: `date` wins over year/month/day unless it has no year; a day must be a number', () => {
  const full = only('@misc{k, title = {T}, year = 2020, month = mar, day = {7}}');
  assert.equal(full.year, 2020);
  assert.equal(full.date, '2020-03-07');
  assert.equal(only('@misc{k, title = {T}, year = 2020, month = mar, day = {seventh}}').date, '2020-03');
  assert.equal(only('@misc{k, title = {T}, year = 2020, month = mar, day = { 9 }}').date, '2020-03-09');
  assert.equal(only('@misc{k, title = {T}, year = 2020, month = mar, day = {123}}').date, '2020-03');
  assert.equal(only('@misc{k, title = {T}, year = 2020, month = mar, day = {12}}').date, '2020-03-12');
  assert.equal(only('@misc{k, title = {T}, year = 2020, month = mar, day = {1e1}}').date, '2020-03', 'not the number 10');
  const dated = only('@misc{k, title = {T}, date = {2019-05-04}, year = 2020}');
  assert.equal(dated.year, 2019);
  assert.equal(dated.date, '2019-05-04');
  const badDate = only('@misc{k, title = {T}, date = {someday}, year = 2020}');
  assert.equal(badDate.year, 2020);
  assert.equal(badDate.date, '2020');
  const none = only('@misc{k, title = {T}, year = {n.d.}}');
  assert.equal(none.year, undefined);
  assert.equal(none.date, undefined);
  assert.deepEqual(none.keywords, []);
  assert.deepEqual(none.categories, []);
  assert.deepEqual(none.topics, []);
  assert.ok(!('year' in none) && !('date' in none) && !('url' in none) && !('doi' in none) && !('arxivId' in none) && !('venue' in none));
});

test('venue from journal, journaltitle or booktitle, in that order; keywords split on `,` and `;` without repeats', () => {
  assert.equal(only('@article{k, title = {T}, journaltitle = {JT}, booktitle = {BT}}').venue, 'JT');
  assert.equal(only('@inproceedings{k, title = {T}, booktitle = {{Proc. of X}}}').venue, 'Proc. of X');
  assert.equal(only('@article{k, title = {T}, journal = {J}, journaltitle = {JT}}').venue, 'J');
  assert.deepEqual(only('@article{k, title = {T}, keywords = {a; b, {C}, a,, }}').keywords, ['a', 'b', 'C']);
  assert.deepEqual(only('@article{k, title = {T}, author = {M{\\"u}ller, Jo}, keywords = {x, y}}').keywords, ['x', 'y']);
});

test('outer braces go from titles and abstracts, but not braces that close inside', () => {
  assert.equal(only('@article{k, title = {{{Graph} networks}}}').title, 'Graph networks');
  assert.equal(only('@article{k, title = {{A} and {B}}}').title, 'A and B');
  assert.equal(only('@article{k, title = {{A \\} b}}}').title, 'A } b');
  assert.equal(only('@article{k, title = { {Padded} }}').title, 'Padded');
  assert.equal(only('@article{k, title = {T}, abstract = {{Wrapped \\{x\\} text}}}').abstract, 'Wrapped {x} text');
});

test('an `@article{` line inside an abstract does not split the entry', () => {
  const text = [
    '@article{outer,',
    '  title = {Outer},',
    '  abstract = {We cite',
    '@article{inner, title = {Not an entry}}',
    '  and go on.},',
    '  year = {2020}',
    '}',
    '@article{after, title = {After}}',
  ].join('\n');
  const result = importBibtex('s.bib', text);
  assert.deepEqual(messages(result), []);
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey, p.title, p.source.line]),
    [
      ['outer', 'Outer', 1],
      ['after', 'After', 8],
    ],
  );
  assert.equal(result.papers[0].abstract, 'We cite @articleinner, title = Not an entry and go on.', 'braces in a value are TeX groups');
  assert.equal(result.papers[0].year, 2020);
});

test('an abstract cut by several `@` lines is glued back; one that never closes costs only its entry', () => {
  const inner = Array.from({ length: 3 }, (_, i) => `@misc{x${i}, title = {X${i}}}`);
  const glued = importBibtex(
    'g.bib',
    ['@article{a, title = {A}, abstract = {one', ...inner, 'two}}', '@article{b, title = {B}}'].join('\n'),
  );
  assert.deepEqual(messages(glued), []);
  assert.deepEqual(
    glued.papers.map((p) => p.citeKey),
    ['a', 'b'],
  );
  const never = importBibtex(
    'n.bib',
    ['@article{a, title = {A}, abstract = {never closed', '@article{b, title = {B}}', '@article{c, title = {C}}'].join('\n'),
  );
  assert.deepEqual(
    never.papers.map((p) => p.citeKey),
    ['b', 'c'],
  );
  assert.equal(never.diagnostics.length, 1);
  assert.equal(never.diagnostics[0].severity, 'error');
  assert.equal(never.diagnostics[0].line, 1);
});

test('crossref: venue from the parent`s booktitle, title or journal; year and date when missing; keys in any case', () => {
  const text = [
    '@proceedings{Conf, title = {Conference Title}, booktitle = {Conference Book}, year = 2020, month = may}',
    '@inproceedings{child, title = {Child}, crossref = { conf }}',
    '@inproceedings{own, title = {Own}, crossref = {Conf}, booktitle = {Own Venue}, year = 2019}',
    '@inproceedings{lost, title = {Lost}, crossref = {nowhere}}',
    '@proceedings{T, title = {Only a Title}}',
    '@inproceedings{t, title = {Duplicate key, not the parent}}',
    '@inproceedings{child2, title = {Child 2}, crossref = {t}}',
  ].join('\n');
  const result = importBibtex('c.bib', text);
  const byKey = (key: string) => result.papers.find((p) => p.citeKey === key);
  assert.equal(byKey('child')?.venue, 'Conference Book');
  assert.equal(byKey('child')?.year, 2020);
  assert.equal(byKey('child')?.date, '2020-05');
  assert.equal(byKey('own')?.venue, 'Own Venue');
  assert.equal(byKey('own')?.year, 2019);
  assert.equal(byKey('own')?.date, '2019');
  assert.equal(byKey('lost')?.venue, undefined);
  assert.equal(byKey('child2')?.venue, 'Only a Title', 'the first entry with a key wins');
  assert.equal(byKey('child2')?.year, undefined);
});

test('entries without a key or title are named by title, type or position in their diagnostics', () => {
  const result = importBibtex('l.bib', '@article{, year = 2020}\n@misc{,\n  author = {Doe, Jane}\n}\n');
  assert.deepEqual(messages(result), [
    '1:1 warning Lectern: an `@article` entry without a citation key (line 1) has no title; it was skipped. Add a `title` field so it can be listed.',
    '2:1 warning Lectern: an `@misc` entry without a citation key (line 2) has no title; it was skipped. Add a `title` field so it can be listed.',
  ]);
});

test('a value is glued across at most 7 `@` lines; with 8 the entry is reported and the lines read as entries', () => {
  const cut = (n: number) =>
    importBibtex(
      'c.bib',
      [
        '@article{a, title = {A}, abstract = {one',
        ...Array.from({ length: n }, (_, i) => `@misc{x${i}, title = {X${i}}}`),
        'two}}',
        '@article{b, title = {B}}',
      ].join('\n'),
    );
  const seven = cut(7);
  assert.deepEqual(messages(seven), []);
  assert.deepEqual(
    seven.papers.map((p) => [p.citeKey, p.source.line]),
    [
      ['a', 1],
      ['b', 10],
    ],
  );
  const eight = cut(8);
  assert.deepEqual(
    eight.papers.map((p) => p.citeKey),
    ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'b'],
  );
  assert.deepEqual(
    eight.diagnostics.map((d) => [d.line, d.column, d.severity]),
    [[1, 37, 'error']],
  );
});

test('an entry after text on the first line loads; a value that closes without its entry is not glued further', () => {
  assert.deepEqual(
    importBibtex('p.bib', 'Exported: @article{a, title = {A}}\n@article{b, title={B}}').papers.map((p) => [p.citeKey, p.source.line]),
    [
      ['a', 1],
      ['b', 2],
    ],
  );
  const result = importBibtex('u.bib', '@article{a, title = {A}, abstract = {x\n@misc{m, title = {M}} junk}\n@article{b, title={B}}');
  assert.deepEqual(
    result.papers.map((p) => p.citeKey),
    ['m', 'b'],
  );
  assert.deepEqual(
    result.diagnostics.map((d) => [d.line, d.column, d.severity]),
    [[1, 37, 'error']],
  );
});

test('text fields the parser need not read (a lone `$`, a `%`) beside TeX names load as typed, without a warning', () => {
  const paper = only('@article{k, title = {T}, author = {M{\\"u}ller, Jo}, abstract = "It costs $5", note = {50% off}, keywords = {a; b}}');
  assert.equal(paper.abstract, 'It costs $5');
  assert.deepEqual(paper.authors, ['Jo Müller']);
  assert.deepEqual(paper.keywords, ['a', 'b']);
  const braced = only('@article{k, title = {T}, author = {M{\\"u}ller, Jo}, abstract = {Costs $5 or $6 or $7}}');
  assert.equal(braced.abstract, 'Costs $5 or $6 or $7');
});
