// What a user sees from items the importer reads around its entries: a preamble beside an entry on the parser's
// path, an entry with no citation key named in its field warnings, an entry after exporter text on the same line, and
// macros used after the point where only the parser can read an entry, and what a crossref to a year-less parent gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
import { defaultImportContext } from './import-limits';

const read = (text: string, maxFieldChars?: number) => {
  const context = defaultImportContext();
  if (maxFieldChars !== undefined) context.limits = { ...context.limits, maxFieldChars };
  const result = importBibtex('x.bib', text, context);
  return {
    papers: result.papers.map((p) => [p.citeKey, p.title, p.authors]),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
};

test('a preamble on the same line as an entry with TeX names is neither a paper nor an error', () => {
  assert.deepEqual(read('@article{a, title = {A}, author = {M{\\"u}ller, Jo}} @preamble{"\\newcommand{\\noop}[1]{}"}'), {
    papers: [['a', 'A', ['Jo Müller']]],
    diagnostics: [],
  });
});

test('an over-long field of an entry without a citation key names the entry by its type, on both paths', () => {
  const warning = (column: number, field: string, length: number) =>
    `1:${column} warning Lectern: field \`${field}\` of an \`@article\` entry without a citation key is ${length} characters long, over the limit of 10; the field was dropped and the rest of the entry loaded. Shorten the field.`;
  assert.deepEqual(read('@article{, title = {A}, note = {a very long note indeed}}', 10), {
    papers: [[undefined, 'A', []]],
    diagnostics: [warning(25, 'note', 23)],
  });
  assert.deepEqual(read('@article{, title = {A}, author = {M{\\"u}ller, Jo}, note = {a very long note indeed}}', 10), {
    papers: [[undefined, 'A', []]],
    diagnostics: [warning(25, 'author', 14), warning(52, 'note', 23)],
  });
});

test('an entry after exporter text on the same first line is read', () => {
  assert.deepEqual(read('Exported by X. @article{k, title = {T}, year = 2020}'), { papers: [['k', 'T', []]], diagnostics: [] });
});

test('an entry only the parser can read gets the file`s @string values for the fields after its break', () => {
  assert.deepEqual(
    importBibtex('x.bib', '@string{j = {Journal of Things}}\n@article{k title = {T}, journal = j}').papers.map((p) => [p.citeKey, p.venue]),
    [['k', 'Journal of Things']],
  );
  assert.deepEqual(importBibtex('x.bib', '@string{j = {Journal of Things}}\n@article{k title = {T}, journal = j}').diagnostics, []);
});

test('an entry only the parser can read, on the line of a plain entry, is read too', () => {
  assert.deepEqual(read('@article{a, title = {A}, author = {Smith, Jo}} @article{b title = {B}}'), {
    papers: [
      ['a', 'A', ['Jo Smith']],
      ['b', 'B', []],
    ],
    diagnostics: [],
  });
});

test('a crossref to a parent without a year gives the child neither a year nor a date', () => {
  const [child] = importBibtex(
    'x.bib',
    '@inproceedings{c, title = {C}, crossref = {p}}\n@proceedings{p, title = {Proceedings of P}}',
  ).papers;
  assert.equal(child.venue, 'Proceedings of P');
  assert.equal(Object.hasOwn(child, 'year'), false);
  assert.equal(Object.hasOwn(child, 'date'), false);
});
