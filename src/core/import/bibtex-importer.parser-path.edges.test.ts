// What a user sees where the importer hands entries to the BibTeX parser (TeX names, a field with no value, no comma
// after the key), and from entries without a citation key: which field a parser failure names, which error an entry
// gets when several are reported, what a field read before the scanner's break keeps, list fields read after it, and
// the labels and places of warnings about keyless, repaired and broken entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
import { defaultImportContext } from './import-limits';

const read = (text: string, maxFieldChars?: number) => {
  const context = defaultImportContext();
  if (maxFieldChars !== undefined) context.limits = { ...context.limits, maxFieldChars };
  const result = importBibtex('x.bib', text, context);
  return {
    papers: result.papers.map((p) => ({ key: p.citeKey, title: p.title, venue: p.venue, authors: p.authors })),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
};

const notFullyRead = (at: string, key: string, names: string) =>
  `${at} warning Lectern: entry \`${key}\` could not be fully read by the BibTeX parser (a \`$\` math section is never closed); it was loaded with its names split the simple way — check its ${names} field.`;
const keptWhole = (at: string, key: string, name: string) =>
  `${at} warning Lectern: entry \`${key}\` (line 1) has a name that cannot be split into family and given names: "${name}"; it was kept whole, as written. Write it as \`Family, Given\` (or in braces for an organisation).`;
const noValue = (at: string, label: string, field: string) =>
  `${at} warning Lectern: ${label}: field \`${field}\` on line 1 has no value and was left out. Give it a value or remove the field.`;
const tooLong = (at: string, field: string, label: string, length: number) =>
  `${at} warning Lectern: field \`${field}\` of ${label} is ${length} characters long, over the limit of 20; the field was dropped and the rest of the entry loaded. Shorten the field.`;
const undefinedMacro = (at: string, name: string, usedBy: string) =>
  `${at} warning Lectern: \`@string\` macro \`${name}\` is not defined (used by ${usedBy}); its name was kept as the value. Define it with \`@string{${name} = {…}}\` in this file or in another .bib file of its folder.`;

test('a parser failure in an editor list names the `editor` field; with both lists, both are named', () => {
  assert.deepEqual(read('@book{k, title = {T}, editor = {M{\\"u}ller, $Jo}}'), {
    papers: [{ key: 'k', title: 'T', venue: undefined, authors: ['Müller, $Jo'] }],
    diagnostics: [notFullyRead('1:1', 'k', '`editor`'), keptWhole('1:1', 'k', 'Müller, $Jo')],
  });
  // The parser also reports the 4-part author (after the math error): the warning gives the error that stopped it.
  assert.deepEqual(read('@misc{k, title = {T}, author = {A, B, C, D}, editor = {M{\\"u}ller, $Jo}}').diagnostics, [
    notFullyRead('1:1', 'k', '`author` or `editor`'),
    keptWhole('1:1', 'k', 'A, B, C, D'),
    keptWhole('1:1', 'k', 'Müller, $Jo'),
  ]);
});

test('two identical entries the parser cannot read each get its error; so does one right after a readable entry', () => {
  const entry = '@misc{k, title = {T}, author = {M{\\"u}ller, $Jo}}';
  assert.deepEqual(read(`${entry} ${entry}`).diagnostics, [
    notFullyRead('1:1', 'k', '`author`'),
    keptWhole('1:1', 'k', 'Müller, $Jo'),
    notFullyRead('1:51', 'k', '`author`'),
    keptWhole('1:51', 'k', 'Müller, $Jo'),
  ]);
  assert.deepEqual(read(`@misc{a, title = {A}, author = {M{\\"u}ller, Jo}}${entry}`), {
    papers: [
      { key: 'a', title: 'A', venue: undefined, authors: ['Jo Müller'] },
      { key: 'k', title: 'T', venue: undefined, authors: ['Müller, $Jo'] },
    ],
    diagnostics: [notFullyRead('1:49', 'k', '`author`'), keptWhole('1:49', 'k', 'Müller, $Jo')],
  });
});

test('an undefined macro in the second of two parser-only entries on a line is pinned on that entry alone', () => {
  assert.deepEqual(read('@article{a title = {A}} @article{k title = {T}, journal = jt}'), {
    papers: [
      { key: 'a', title: 'A', venue: undefined, authors: [] },
      { key: 'k', title: 'T', venue: 'jt', authors: [] },
    ],
    diagnostics: [undefinedMacro('1:59', 'jt', 'entry `k`')],
  });
});

test('entries without a citation key: an undefined macro is used by "an entry", on both paths', () => {
  assert.deepEqual(read('@misc{title = {T}, journal = jt}').diagnostics, [undefinedMacro('1:30', 'jt', 'an entry')]);
  assert.deepEqual(read('@misc{title = {T}, note = , journal = jt}'), {
    papers: [{ key: undefined, title: 'T', venue: 'jt', authors: [] }],
    diagnostics: [noValue('1:27', 'entry "T"', 'note'), undefinedMacro('1:39', 'jt', 'an entry')],
  });
});

test('entries without a citation key are named by their title (repaired, broken) or type (no title)', () => {
  assert.deepEqual(read('@misc{note = {N}, title = {T}, year = 2020\n'), {
    papers: [{ key: undefined, title: 'T', venue: undefined, authors: [] }],
    diagnostics: [
      '1:1 warning Lectern: entry "T" (line 1) is not closed with `}`; it was loaded as if it ended on line 1. Add the missing `}` there.',
    ],
  });
  assert.deepEqual(read('@misc{note = {N}, title = "A" # "B", year = 2020 x}').diagnostics, [
    '1:50 error Lectern: entry "AB" (line 1) could not be read: expected `,` or `}` after field `year` (found `x}`); it was skipped. Fix the entry and reload — the entries after it still load.',
  ]);
  assert.deepEqual(read('@ {\n@misc{b, title = {B}}'), {
    papers: [{ key: 'b', title: 'B', venue: undefined, authors: [] }],
    diagnostics: [
      '1:3 error Lectern: an entry without a citation key (line 1) could not be read: `@` is not followed by an entry type (found `{`); it was skipped. Fix the entry and reload — the entries after it still load.',
    ],
  });
});

test('an entry that is not closed and cannot be repaired is reported at its start, not at the end of the file', () => {
  // The `@` in the URL ends the entry's text for the repair (as in BibTeX, an `@` starts an item), so it is skipped.
  assert.deepEqual(read('@article{k,\n  title = {T},\n  url = {https://example.org/@me}\n').diagnostics, [
    '1:1 error Lectern: entry `k` (line 1) could not be read: the entry is not closed with `}`; it was skipped. Fix the entry and reload — the entries after it still load.',
    '3:33 error Lectern: an `@me` entry without a citation key (line 3) could not be read: expected `{` after `@me` (found `}`); it was skipped. Fix the entry and reload — the entries after it still load.',
  ]);
});

test('over-long fields: dropped before the break (names too) and after it, at the entry`s own field, named by label', () => {
  assert.deepEqual(read('@article{k, author = {A very long author name, Jo}, title = {T}, note = }', 20), {
    papers: [{ key: 'k', title: 'T', venue: undefined, authors: [] }],
    diagnostics: [tooLong('1:13', 'author', 'entry `k`', 27), noValue('1:73', 'entry `k`', 'note')],
  });
  const keyless = 'an `@misc` entry without a citation key';
  assert.deepEqual(read('@misc{title = {T}, note = {A very long note here, over twenty}}', 20).diagnostics, [
    tooLong('1:20', 'note', keyless, 34),
  ]);
  assert.deepEqual(read('@misc{title = {T} note = {A very long note here, over twenty}}', 20).diagnostics, [
    tooLong('1:19', 'note', keyless, 34),
  ]);
  const journal = 'journal = {A very long journal name here}';
  assert.deepEqual(read(`@article{a, journal = {J}, title = {A}} @article{k title = {T}, ${journal}}`, 20).diagnostics, [
    tooLong('1:65', 'journal', 'entry `k`', 29),
  ]);
  assert.deepEqual(read(`@article{k title = {T}, ${journal.toUpperCase()}}`, 20).diagnostics, [
    tooLong('1:25', 'journal', 'entry `k`', 29),
  ]);
  // Exactly at the limit, after the break: kept.
  assert.deepEqual(read('@article{k title = {T}, journal = {Twenty characters ok}}', 20), {
    papers: [{ key: 'k', title: 'T', venue: 'Twenty characters ok', authors: [] }],
    diagnostics: [],
  });
});

test('a parser-only entry keeps the fields read before the break as written: a \\url, keywords in their order', () => {
  const result = importBibtex(
    'x.bib',
    '@misc{k, title = {T}, howpublished = "\\url{https://a.org/x}" # "", keywords = "b" # ", {\\"u}ber, a", note = }',
  );
  assert.deepEqual(
    result.papers.map((p) => [p.url, p.keywords, p.csl?.URL, p.csl?.publisher]),
    [['https://a.org/x', ['b', 'über', 'a'], 'https://a.org/x', undefined]],
  );
  // The parser's reading of the `\url` (a 45-character HTML link) is not the field's value: no length warning.
  const context = defaultImportContext();
  context.limits = { ...context.limits, maxFieldChars: 40 };
  assert.deepEqual(
    importBibtex('x.bib', '@misc{k, title = {T}, howpublished = "\\url{https://a.org/x}" # "", note = }', context).diagnostics.map(
      (d) => `${d.line}:${d.column} ${d.severity} ${d.message}`,
    ),
    [noValue('1:75', 'entry `k`', 'note')],
  );
});

// The publisher list comes out as on the scanner's path (citation-js's reading of `A and B`).
test('a parser-only entry keeps list fields read after the break (publisher, location), its keywords and TeX names', () => {
  const [paper] = importBibtex(
    'x.bib',
    '@book{k title = {T}, publisher = {Springer and Teubner}, location = {Berlin}, keywords = {b; a}, author = {M{\\"u}ller, Jo}}',
  ).papers;
  assert.deepEqual(
    [paper.csl?.publisher, paper.csl?.['publisher-place'], paper.keywords, paper.authors],
    [['Springer', 'Teubner'], 'Berlin', ['a', 'b'], ['Jo Müller']],
  );
});

test('more places and labels: a keyless entry`s over-long field, a renamed key before another entry, a repair indented', () => {
  assert.deepEqual(read('@misc{note = {A very long note here, over twenty}, title = {T}, year = }', 20).diagnostics, [
    tooLong('1:7', 'note', 'an `@misc` entry without a citation key', 34),
    noValue('1:72', 'entry "T"', 'year'),
  ]);
  // The parser sees the rejected key underscored (same length): the entry after it on the line is still found.
  assert.deepEqual(read('@article{k?, title = {A}, author = {M{\\"u}ller, Jo}} @article{b, title = {B}, author = {M{\\"u}ller, Jo}}'), {
    papers: [
      { key: 'k?', title: 'A', venue: undefined, authors: ['Jo Müller'] },
      { key: 'b', title: 'B', venue: undefined, authors: ['Jo Müller'] },
    ],
    diagnostics: [
      '1:10 warning Lectern: citation key `k?` contains characters BibTeX tools reject (`?`); the entry was loaded, but rename the key so LaTeX can cite it.',
    ],
  });
  // A field repaired on a later line than the entry's `@` counts its column from that line's start.
  assert.deepEqual(read('  @article{k,\n  title = {T,\n  year = 2020\n}').diagnostics, [
    '2:11 warning Lectern: entry `k`: the `{` that opens field `title` on line 2 is never closed; the entry was loaded as if the field ended at the end of that line. Add the missing `}`.',
  ]);
  assert.deepEqual(read('@comment{never closed\n@article{b, title = {B}}').diagnostics, [
    '1:1 error Lectern: an `@comment` (line 1) could not be read: a `{` is never closed; it was skipped. Fix the entry and reload — the entries after it still load.',
  ]);
});
