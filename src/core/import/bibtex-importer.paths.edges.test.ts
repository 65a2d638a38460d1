// Items that share a line with others (so they start inside a chunk, not at its beginning), on both the fast
// path (plain names) and the parser's path (TeX names): each keeps its own line, column and diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
import { DamagedBytes, defaultImportContext } from './import-limits';

const read = (text: string) => {
  const result = importBibtex('x.bib', text);
  return {
    papers: result.papers.map((p) => [p.citeKey, p.title, p.authors, p.source.line, p.year, p.venue]),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
};

test('a comment and a preamble beside an entry are not papers, on either path', () => {
  assert.deepEqual(read('@article{a, title = {A}} @comment{title = {X}} @preamble{"p"}'), {
    papers: [['a', 'A', [], 1, undefined, undefined]],
    diagnostics: [],
  });
  assert.deepEqual(read('@article{a, title = {A}, author = {M{\\"u}ller, Jo}} @comment{title = {X}} @string{s = undefmac}'), {
    papers: [['a', 'A', ['Jo Müller'], 1, undefined, undefined]],
    diagnostics: [
      '1:87 warning Lectern: `@string` macro `undefmac` is not defined (used by entry `s`); its name was kept as the value. Define it with `@string{undefmac = {…}}` in this file or in another .bib file of its folder.',
    ],
  });
});

test('an entry only the parser can read, after others, is placed at its own line', () => {
  const { papers } = importBibtex('x.bib', '@article{z, title = {Z}}\n\n@article{k title = {T}, author = {M{\\"u}ller, Jo}}');
  assert.deepEqual(
    papers.map((p) => [p.citeKey, p.source.line, p.authors]),
    [
      ['z', 1, []],
      ['k', 3, ['Jo Müller']],
    ],
  );
});

test('an entry missing its `}` after a comment on its line is repaired at its own column', () => {
  assert.deepEqual(
    read('@article{z, title = {Z}}\n@comment{c} @article{r,\n  title = {R},\n  year = {2020},\n\n@article{next, title = {N}}\n'),
    {
      papers: [
        ['z', 'Z', [], 1, undefined, undefined],
        ['r', 'R', [], 2, 2020, undefined],
        ['next', 'N', [], 6, undefined, undefined],
      ],
      diagnostics: [
        '2:13 warning Lectern: entry `r` (line 2) is not closed with `}`; it was loaded as if it ended on line 4. Add the missing `}` there.',
      ],
    },
  );
  // Without a key, the repaired entry is named by its title.
  assert.deepEqual(
    read('@article{z, title = {Z}}\n@comment{c} @article{,\n  title = {Keyless},\n  year = {2020},\n\n@article{next, title = {N}}\n')
      .diagnostics,
    [
      '2:13 warning Lectern: entry "Keyless" (line 2) is not closed with `}`; it was loaded as if it ended on line 4. Add the missing `}` there.',
    ],
  );
});

test('a keyless entry that cannot be read is named by the start of its unclosed title', () => {
  assert.deepEqual(read('@article{z, title = {Z}}\n@comment{c} @article{,\n  title = {Unclosed title\n  year = 2020\n'), {
    papers: [['z', 'Z', [], 1, undefined, undefined]],
    diagnostics: [
      '3:11 error Lectern: entry "Unclosed title" (starting on line 2) could not be read: the `{` that opens field `title` is never closed; it was skipped. Fix the entry and reload — the entries after it still load.',
    ],
  });
});

test('crossref: a year of the entry`s own is kept; a parent without one gives none', () => {
  const { papers } = read(
    '@inproceedings{c, title = {C}, year = 2001, crossref = {p}}\n@inproceedings{d, title = {D}, crossref = {q}}\n@proceedings{p, title = {P}, year = 1999}\n@proceedings{q, title = {Q}}',
  );
  assert.deepEqual(papers.slice(0, 2), [
    ['c', 'C', [], 1, 2001, 'P'],
    ['d', 'D', [], 2, undefined, 'Q'],
  ]);
});

test('a cyclic macro defined second on a line is reported at its own column', () => {
  assert.deepEqual(read('@string{a = "x"} @string{b = b # a}\n@article{k, title = b}').diagnostics, [
    '1:18 warning Lectern: `@string` macro `b` is defined in terms of itself (`b` on line 1 → `b`); it was not expanded, and fields that use it keep the macro name. Break the cycle.',
    "2:21 warning Lectern: `@string` macro `b` was not expanded (used by entry `k`; see the warning on line 1); its name was kept as the value. Fix the macro's definition.",
  ]);
});

test('an entry holding a byte that is not text is reported and skipped; the others load', () => {
  const text = '@article{a, title = {A}}\n@article{b, title = {B\uFFFD}}\n@article{c, title = {C}}';
  const context = { ...defaultImportContext(), damage: new DamagedBytes([{ offset: text.indexOf('\uFFFD'), byte: 0 }]) };
  const result = importBibtex('x.bib', text, context);
  assert.deepEqual(
    result.papers.map((p) => p.citeKey),
    ['a', 'c'],
  );
  assert.equal(result.diagnostics.length, 1);
  assert.equal(result.diagnostics[0].line, 2);
  assert.match(result.diagnostics[0].message, /^Lectern: .*NUL/);
});

test('something unexpected breaking the import becomes one error, never an exception', () => {
  const result = importBibtex('x.bib', undefined as unknown as string);
  assert.deepEqual(result.papers, []);
  assert.equal(result.diagnostics.length, 1);
  assert.match(
    result.diagnostics[0].message,
    /^Lectern: could not read x\.bib as BibTeX \(.+\); check that the file is a valid BibTeX export/,
  );
});

test('an entry only the parser can read, after a comment on its line, keeps its own line', () => {
  const { papers } = importBibtex('x.bib', '@article{z, title = {Z}}\n@comment{c} @article{k title = {T}, author = {M{\\"u}ller, Jo}}');
  assert.deepEqual(
    papers.map((p) => [p.citeKey, p.source.line]),
    [
      ['z', 1],
      ['k', 2],
    ],
  );
});

test('an unreadable keyless entry is named by its own title, however spaced and braced, not a neighbour`s', () => {
  assert.deepEqual(
    read('@article{z, title = {Z}}\n@comment{title = {Other}} @article{,\n  title  =  {{Unclosed title\n  year = 2020\n').diagnostics,
    [
      '3:13 error Lectern: entry "Unclosed title" (starting on line 2) could not be read: the `{` that opens field `title` is never closed; it was skipped. Fix the entry and reload — the entries after it still load.',
    ],
  );
});
