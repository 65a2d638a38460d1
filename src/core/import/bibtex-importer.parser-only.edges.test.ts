// What a user sees from entries the scanner gives up on but the BibTeX parser reads (a field with no value, no comma
// after the key): the fields before the break are kept, a macro bomb on the entry's line stays bounded (its use
// reported as refused), an over-long field is dropped, an undefined macro is placed in the file, a rejected key is
// kept as written with the scanner path's warning; and a crossref parent's empty venue is not copied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
import { defaultImportContext } from './import-limits';

const read = (text: string, limits: Partial<ReturnType<typeof defaultImportContext>['limits']> = {}) => {
  const context = defaultImportContext();
  context.limits = { ...context.limits, ...limits };
  const result = importBibtex('x.bib', text, context);
  return {
    papers: result.papers.map((p) => ({ key: p.citeKey, title: p.title, venue: p.venue, authors: p.authors, keywords: p.keywords })),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
};

const noValue = (line: number, column: number, key: string, field: string) =>
  `${line}:${column} warning Lectern: entry \`${key}\`: field \`${field}\` on line ${line} has no value and was left out. Give it a value or remove the field.`;

test('an entry with a field without value keeps the fields read before it, with the parser`s TeX names after it', () => {
  assert.deepEqual(
    read('@article{k, journal = {Journal of Things}, keywords = {x, y}, title = {T}, note = , author = {M{\\"u}ller, Jo}}'),
    {
      papers: [{ key: 'k', title: 'T', venue: 'Journal of Things', authors: ['Jo Müller'], keywords: ['x', 'y'] }],
      diagnostics: [noValue(1, 83, 'k', 'note')],
    },
  );
});

test('a macro over the size limit, defined on the line of an entry only the parser can read, is not expanded there', () => {
  const text = '@string{a = {Journal of Things}} @string{b = a # a} @article{k title = {T}, journal = b}';
  const result = read(text, { maxMacroChars: 20 });
  assert.deepEqual(result.papers, [{ key: 'k', title: 'T', venue: 'b', authors: [], keywords: [] }]);
  assert.deepEqual(result.diagnostics, [
    '1:34 warning Lectern: `@string` macro `b` would expand to 34 characters, over the limit of 20; it was not expanded (nor any macro that uses it), and fields that use it keep the macro name. Check its definition — macros that repeat each other grow exponentially.',
    "1:87 warning Lectern: `@string` macro `b` was not expanded (used by entry `k`; see the warning on line 1); its name was kept as the value. Fix the macro's definition.",
  ]);
});

test('an undefined macro in an entry only the parser can read, after other entries, is reported at its own line and column', () => {
  assert.deepEqual(read('@article{a, title = {A}}\n@article{k title = {T}, journal = jt}'), {
    papers: [
      { key: 'a', title: 'A', venue: undefined, authors: [], keywords: [] },
      { key: 'k', title: 'T', venue: 'jt', authors: [], keywords: [] },
    ],
    diagnostics: [
      '2:35 warning Lectern: `@string` macro `jt` is not defined (used by entry `k`); its name was kept as the value. Define it with `@string{jt = {…}}` in this file or in another .bib file of its folder.',
    ],
  });
});

test('a key BibTeX tools reject, in an entry only the parser can read, is kept as written and named in a warning', () => {
  const renamed =
    '1:10 warning Lectern: citation key `k?` contains characters BibTeX tools reject (`?`); the entry was loaded, but rename the key so LaTeX can cite it.';
  assert.deepEqual(read('@article{k? title = {T}, author = {M{\\"u}ller, Jo}}'), {
    papers: [{ key: 'k?', title: 'T', venue: undefined, authors: ['Jo Müller'], keywords: [] }],
    diagnostics: [renamed],
  });
  assert.deepEqual(read('@article{k?, title = {T}, note = , author = {M{\\"u}ller, Jo}}'), {
    papers: [{ key: 'k?', title: 'T', venue: undefined, authors: ['Jo Müller'], keywords: [] }],
    diagnostics: [renamed, noValue(1, 34, 'k?', 'note')],
  });
});

test('a crossref to a parent with an empty booktitle gives the child no venue, but the parent`s year', () => {
  const result = importBibtex(
    'x.bib',
    '@inproceedings{p, title = {Proc}, booktitle = {}, year = 2020}\n@inproceedings{c, title = {C}, crossref = {p}}',
  );
  const child = result.papers.find((p) => p.citeKey === 'c');
  assert.ok(child);
  assert.equal('venue' in child, false);
  assert.deepEqual([child.year, child.date], [2020, '2020']);
  assert.deepEqual(result.diagnostics, []);
});

test('a field over the length limit, after the point only the parser can read, is dropped with a warning at its line', () => {
  const tooLong = (at: string, field: string, length: number) =>
    `${at} warning Lectern: field \`${field}\` of entry \`k\` is ${length} characters long, over the limit of 20; the field was dropped and the rest of the entry loaded. Shorten the field.`;
  assert.deepEqual(
    read('@article{a, title = {A}}\n@article{k title = {T}, journal = {A very long journal name here}}', { maxFieldChars: 20 }),
    {
      papers: [
        { key: 'a', title: 'A', venue: undefined, authors: [], keywords: [] },
        { key: 'k', title: 'T', venue: undefined, authors: [], keywords: [] },
      ],
      diagnostics: [tooLong('2:25', 'journal', 29)],
    },
  );
  const text = '@article{k, journal = {A very long journal name here}, title = {T}, year = , note = {Another long value, over twenty}}';
  assert.deepEqual(read(text, { maxFieldChars: 20 }), {
    papers: [{ key: 'k', title: 'T', venue: undefined, authors: [], keywords: [] }],
    diagnostics: [tooLong('1:13', 'journal', 29), tooLong('1:78', 'note', 31), noValue(1, 76, 'k', 'year')],
  });
});
