// Rare but valid BibTeX layouts the scanner must read as BibTeX does, and the exact ends and offsets it reports for
// what it cannot read: blanks inside `@preamble{ }` and after `@string{`, `%` lines inside an entry and at the very
// end of a file, a comma before `}`, an empty slot, a blank before an entry's `{`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
import { readBibtex } from '../../../test/support/read-bibtex';
import { bibtexItemStarts, scanBibtex } from './bibtex-scanner';

const read = readBibtex;

test('blanks inside `@preamble{ }` and after `@string{` are allowed, and the macro is used', () => {
  const text = [
    '@preamble{ }',
    '@String{ jgr = "Journal of Geophysical Research" }',
    '@article{Kim2018,',
    '  title = {Sea ice},',
    '  journal = jgr,',
    '  year = 2018',
    '}',
  ].join('\n');
  assert.deepEqual(read(text), { papers: [['Kim2018', 'Sea ice', 'Journal of Geophysical Research', '2018', 3]], diagnostics: [] });
});

test('`%` lines inside an entry are comments, and a file may end in one without a newline', () => {
  const entry = ['@article{Kim2018,', '  % checked against the PDF', '  title = {Sea ice},', '  year = 2018', '}'].join('\n');
  const text = `${entry}\n% end of export`;
  assert.deepEqual(read(text), { papers: [['Kim2018', 'Sea ice', null, '2018', 1]], diagnostics: [] });
  // Read by the scanner, not only by the parser: the entry's own text is kept, as typed.
  assert.deepEqual(
    importBibtex('refs.bib', text).papers.map((p) => p.bibtexEntry),
    [entry],
  );
});

test('a comma before the closing `}` and an empty slot between fields are tolerated', () => {
  const text = '@article{a, title = {T}, , journal = {J}, year = 2020,}\n@article{b, title = {U},\n}\n';
  assert.deepEqual(read(text), {
    papers: [
      ['a', 'T', 'J', '2020', 1],
      ['b', 'U', null, null, 2],
    ],
    diagnostics: [],
  });
  // Read by the scanner, not only by the parser: each entry's own text is kept, as typed.
  assert.deepEqual(
    importBibtex('refs.bib', text).papers.map((p) => p.bibtexEntry),
    ['@article{a, title = {T}, , journal = {J}, year = 2020,}', '@article{b, title = {U},\n}'],
  );
});

test('an `@preamble` whose `{` never closes is named, and the entries before it load', () => {
  assert.deepEqual(read('@article{a, title = {T}}\n@preamble{{\\newcommand{\\noop}[1]{#1}'), {
    papers: [['a', 'T', null, null, 1]],
    diagnostics: [
      '2:1 error Lectern: an `@preamble` (line 2) could not be read: a `{` is never closed; it was skipped. Fix the entry and reload — the entries after it still load.',
    ],
  });
});

test('the scanner ends an item just past it, and reports a missing `}` at the end of the text', () => {
  // `end` is documented as the offset just past the item: exactly the text's length here.
  for (const text of ['@comment no braces, to the end', '@preamble{}', '@preamble( )']) {
    assert.deepEqual(
      scanBibtex(text).map((item) => [item.kind, item.start, item.end]),
      [[text.startsWith('@comment') ? 'comment' : 'preamble', 0, text.length]],
      text,
    );
  }
  const [lonely] = scanBibtex('@misc{lonely');
  assert.deepEqual([lonely.kind, lonely.key, lonely.error?.kind, lonely.error?.offset], ['broken', 'lonely', 'unclosed', 12]);
});

test('an item starts at `@type {` with blanks before the brace, not at other `@` words', () => {
  const text = '@article {a,\n  title = {T}\n}\n@Comment on the entries below\n  @misc\t(b, title = {U})\n';
  assert.deepEqual(bibtexItemStarts(text), [0, text.indexOf('  @misc')]);
});

test('two identical parser-only entries on one line both load', () => {
  // No comma after the key: only the parser reads these; one line is one chunk, so both are in one parse.
  const once = '@misc{dup title = {Twice}, year = 2020}';
  const result = importBibtex('refs.bib', `${once} ${once}\n`);
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey, p.title, p.source.line]),
    [
      ['dup', 'Twice', 1],
      ['dup', 'Twice', 1],
    ],
  );
  assert.deepEqual(result.diagnostics, []);
});

test('a repair leaves a line that closes a nested brace and goes on inside its field', () => {
  // `abstract`'s inner `{cats` closes on the next line, which goes on: not a field's end. `title` lost its `}`.
  const text = ['@article{k,', '  abstract = {We study {cats', '  } and dogs},', '  title = {Cats,', '  year = {2020}', '}'].join('\n');
  const result = read(text);
  assert.deepEqual(result.papers, [['k', 'Cats', null, '2020', 1]]);
  assert.match(result.diagnostics.join('\n'), /the `\{` that opens field `title` on line 4 is never closed/);
});

test("blanks around an entry's `{` are read by the scanner, which keeps the entry as typed", () => {
  const entry = '@article { Lee2019,\n  title = {Reefs},\n  year = 2019\n}';
  const result = importBibtex('refs.bib', `${entry}\n`);
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey, p.title, p.bibtexEntry]),
    [['Lee2019', 'Reefs', entry]],
  );
  assert.deepEqual(result.diagnostics, []);
});

test('each value part is told braced or quoted, and ends just past its delimiter', () => {
  const text = '@misc{k, title = {Deep} # " Learning"}';
  assert.deepEqual(
    scanBibtex(text)[0].fields[0].parts.map((p) => [p.kind, p.text, text.slice(p.start, p.end)]),
    [
      ['braced', 'Deep', '{Deep}'],
      ['quoted', ' Learning', '" Learning"'],
    ],
  );
});

test('an entry that loses its `}` before blank lines is said to end on its last written line', () => {
  const result = read('@article{a,\n  title = {T},\n  year = 2020\n\n\n\n@misc{ok, title = {Fine}}\n');
  assert.deepEqual(result.diagnostics, [
    '1:1 warning Lectern: entry `a` (line 1) is not closed with `}`; it was loaded as if it ended on line 3. Add the missing `}` there.',
  ]);
});
