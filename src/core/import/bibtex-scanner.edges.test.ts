// Three BibTeX import bugs, as a user met them in Zotero and Mendeley exports: a field with no value (`title = ,`)
// was reported as an undefined macro with an empty name; a `@preamble{"abc}` whose string never closes was silent;
// an entry only the BibTeX parser can read turned a month macro outside `month` into "01".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
import { readBibtex } from '../../../test/support/read-bibtex';
import { importCorpusFile } from './import-corpus-file';

const read = readBibtex;

test('a field with no value is named at its line and left out; the entry and the next one load', () => {
  // Mendeley style: one field a line, `journal = ,` where the export had nothing to write.
  const text = [
    '@article{Smith2020,',
    'author = {Smith, John and Doe, Jane},',
    'booktitle = {Proceedings of the Workshop},',
    'journal = ,',
    'title = {{Ocean acidification in coastal waters}},',
    'year = {2020}',
    '}',
    '@article{Lee2019,',
    'title = {Good entry},',
    'year = {2019}',
    '}',
  ].join('\n');
  assert.deepEqual(read(text), {
    papers: [
      ['Smith2020', 'Ocean acidification in coastal waters', 'Proceedings of the Workshop', '2020', 1],
      ['Lee2019', 'Good entry', null, '2019', 8],
    ],
    diagnostics: [
      '4:11 warning Lectern: entry `Smith2020`: field `journal` on line 4 has no value and was left out. Give it a value or remove the field.',
    ],
  });
  // Left out of the citation record too: no empty container title to print.
  const [paper] = importBibtex(
    'refs.bib',
    '@article{Smith2020,\nauthor = {Smith, John},\njournal = ,\ntitle = {Ocean},\nyear = {2020}\n}',
  ).papers;
  assert.deepEqual(paper.csl, {
    type: 'article-journal',
    id: 'Smith2020',
    'citation-key': 'Smith2020',
    issued: { 'date-parts': [[2020]] },
    title: 'Ocean',
    author: [{ given: 'John', family: 'Smith' }],
  });
});

test('an empty title, the last field empty, and an empty value in an entry the parser cannot read either', () => {
  // Zotero style, tab-indented; the empty title is reported, then the entry is skipped for having no title.
  assert.deepEqual(read('@article{doe2018,\n\ttitle = ,\n\tyear = 2018\n}\n@misc{ok, title = {Fine}}'), {
    papers: [['ok', 'Fine', null, null, 5]],
    diagnostics: [
      '2:10 warning Lectern: entry `doe2018`: field `title` on line 2 has no value and was left out. Give it a value or remove the field.',
      '1:1 warning Lectern: entry `doe2018` (line 1) has no title; it was skipped. Add a `title` field so it can be listed.',
    ],
  });
  // Without a key, the entry is named by its title; the empty field is the last one.
  assert.deepEqual(read('@misc{title = {Keyless}, year = 2021, note = }').diagnostics, [
    '1:46 warning Lectern: entry "Keyless": field `note` on line 1 has no value and was left out. Give it a value or remove the field.',
  ]);
  // When the parser cannot read the entry either, the scanner's reason is the one given.
  assert.deepEqual(read('@misc{k, title = {T}, note = , year = {2020}\n@misc{ok, title = {Fine}}'), {
    papers: [['ok', 'Fine', null, null, 2]],
    diagnostics: [
      '1:30 error Lectern: entry `k` (line 1) could not be read: field `note` has no value (found `, year = {2020}`); it was skipped. Fix the entry and reload — the entries after it still load.',
    ],
  });
});

test('a `@preamble` whose string never closes is reported at its line; everything after it loads', () => {
  const good = '@article{lee2019,\n  title = {Good},\n  year = {2019}\n}';
  const broken = (where: string, reason: string) =>
    `${where} error Lectern: an \`@preamble\` (line ${where.split(':')[0]}) could not be read: ${reason}; it was skipped. Fix the entry and reload — the entries after it still load.`;
  assert.deepEqual(read(`@preamble{"abc}\n${good}`), {
    papers: [['lee2019', 'Good', null, '2019', 2]],
    diagnostics: [broken('1:1', 'a `"` is never closed')],
  });
  // On the same line as the entry, and after a good entry.
  assert.deepEqual(read(`@misc{a, title = {A}}\n@preamble{"abc} ${good}`), {
    papers: [
      ['a', 'A', null, null, 1],
      ['lee2019', 'Good', null, '2019', 2],
    ],
    diagnostics: [broken('2:1', 'a `"` is never closed')],
  });
  // Other broken preambles: no value, a word where the value should end, no closing brace.
  assert.deepEqual(read(`@preamble{,}\n${good}`).diagnostics, [broken('1:11', 'the `@preamble` has no value (found `,}`)')]);
  assert.deepEqual(read(`@preamble{"a" "b"}\n${good}`).diagnostics, [broken('1:15', 'expected `}` (found `"b"}`)')]);
  assert.deepEqual(read(`${good}\n@preamble{"a"`).diagnostics, [broken('5:1', 'the entry is not closed with `}`')]);
  assert.deepEqual(read(`${good}\n@preamble{`).diagnostics, [broken('5:1', 'the entry ends where the value of the `@preamble` should be')]);
});

test('valid preambles read silently: a joined string, braces, parentheses, an empty one', () => {
  const text = [
    '@PREAMBLE{ "\\providecommand{\\MaxMin}{{$\\cal MAX$--$\\cal MIN$}} "',
    '           # "\\providecommand{\\rpackage}[1]{{#1}} " }',
    '@preamble{}',
    '@preamble( {\\newcommand{\\noopsort}[1]{}} )',
    '@article{lee2019, title = {Good}}',
  ].join('\n');
  assert.deepEqual(read(text), {
    papers: [['lee2019', 'Good', null, null, 5]],
    diagnostics: [],
  });
});

test('a damaged byte in a broken `@preamble` names the preamble', () => {
  const bytes = new TextEncoder().encode('@preamble{"ab\u0000c}\n@misc{ok, title = {Fine}}\n');
  const result = importCorpusFile('refs.bib', bytes);
  assert.deepEqual(
    result.papers.map((p) => p.citeKey),
    ['ok'],
  );
  assert.deepEqual(
    result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message.split(';')[0]}`),
    ['1:14 Lectern: refs.bib has a NUL byte at line 1, column 14, in an `@preamble` (line 1)'],
  );
});

test('an entry only the parser can read: month macros read as month names outside `month`, and no month is made up', () => {
  // No comma after the key (as some exports write): the scanner gives up, the BibTeX parser reads the entry.
  const report = '@techreport{cern2020\n  title = {Progress Report for } # jan # { } # 2020,\n  institution = {CERN},\n  year = 2020\n}';
  const result = importBibtex('refs.bib', report);
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey, p.title, p.date, p.csl?.issued]),
    [['cern2020', 'Progress Report for January 2020', '2020', { 'date-parts': [[2020]] }]],
  );
  // In `month`, the macro still gives the month; a file's own `@string` overrides a built-in one.
  assert.deepEqual(read('@misc{k1\n  title = {T} # { } # sep,\n  year = 2019,\n  month = sep\n}').papers, [
    ['k1', 'T September', null, '2019-09', 1],
  ]);
  assert.deepEqual(read('@string{sep = {Sept.}}\n@misc{k2\n  title = {T} # { } # sep,\n  year = 2019\n}').papers, [
    ['k2', 'T Sept.', null, '2019', 2],
  ]);
});

/** `text` as bytes with `byte` inserted before each `\u0001` marker, read as a `.bib` file. */
const readDamaged = (text: string, byte = 0) => {
  const bytes = [...new TextEncoder().encode(text)].map((b) => (b === 1 ? byte : b));
  const result = importCorpusFile('refs.bib', new Uint8Array(bytes));
  return {
    papers: result.papers.map((p) => [p.citeKey ?? null, p.title, p.source.line]),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message.split(';')[0]}`),
  };
};

test('damaged bytes: in an entry that does not start its line, right after an entry, and in an entry with an `@` inside', () => {
  // Mendeley writes a header line; an entry after text on the same line is still an entry.
  assert.deepEqual(readDamaged('Exported by Mendeley @misc{a, title = {A\u0001}}\n@misc{b, title = {B}}\n'), {
    papers: [['b', 'B', 2]],
    diagnostics: ['1:41 error Lectern: refs.bib has a NUL byte at line 1, column 41, in entry `a` (line 1)'],
  });
  // A second byte just past the damaged entry's `}` is outside it, and reported as such.
  assert.deepEqual(readDamaged('@misc{a, title = {\u0001A}}\u0001 @misc{b, title = {B}}\n@misc{c, title = {C}}'), {
    papers: [
      ['b', 'B', 1],
      ['c', 'C', 2],
    ],
    diagnostics: [
      '1:19 error Lectern: refs.bib has a NUL byte at line 1, column 19, in entry `a` (line 1)',
      '1:23 warning Lectern: refs.bib has a NUL byte at line 1, column 23, outside any entry',
    ],
  });
  // The whole damaged entry is blanked, the `@` of an e-mail address too; the lines after it keep their numbers.
  const zotero =
    '@article{doe2018,\n\ttitle = {Sea ice\u0001},\n\tnote = {Contact: jdoe@example.org}\n}\n@article{lee2019,\n\ttitle = {Good}\n}\n';
  assert.deepEqual(readDamaged(zotero, 0xff), {
    papers: [['lee2019', 'Good', 5]],
    diagnostics: ['2:18 error Lectern: refs.bib has the invalid UTF-8 byte 0xFF at line 2, column 18, in entry `doe2018` (line 1)'],
  });
});

test('a damaged byte in an item without a type or key, or in a broken `@string`, names it as well as it can', () => {
  assert.deepEqual(readDamaged('@{k, title = {\u0001}}\n@misc{ok, title = {Fine}}').diagnostics, [
    '1:15 error Lectern: refs.bib has a NUL byte at line 1, column 15, in an entry (line 1)',
  ]);
  assert.deepEqual(readDamaged('@string{j = {Jour\u0001nal}\n@misc{ok, title = {Fine}}').diagnostics, [
    '1:18 error Lectern: refs.bib has a NUL byte at line 1, column 18, in an `@string` (line 1)',
  ]);
});

test('`@comment {…}` and `@comment\t{…}` over several lines hide the entries quoted inside them', () => {
  for (const gap of [' ', '\t', ' \t ']) {
    const text = `@comment${gap}{Notes from the export:\n  see @misc{fake, title = {Fake}} for the old one\n}\n@misc{ok, title = {Fine}}`;
    assert.deepEqual(read(text), { papers: [['ok', 'Fine', null, null, 4]], diagnostics: [] }, JSON.stringify(gap));
  }
});

test('what a broken entry was found holding is quoted up to 20 characters, and only to the end of its line', () => {
  assert.deepEqual(read('@article{k, title {A long title that goes on}}\n@misc{ok, title = {Fine}}').diagnostics, [
    '1:19 error Lectern: entry `k` (line 1) could not be read: field `title` has no `=` (found `{A long title that g`); it was skipped. Fix the entry and reload — the entries after it still load.',
  ]);
  assert.deepEqual(read('@article{k, title {A\nlong}}\n@misc{ok, title = {Fine}}').diagnostics, [
    '1:19 error Lectern: entry `k` (line 1) could not be read: field `title` has no `=` (found `{A`); it was skipped. Fix the entry and reload — the entries after it still load.',
  ]);
});

test('damaged bytes: what follows a blanked entry on its line keeps its columns; an entry line inside a `@comment` block', () => {
  // The blanked entry keeps its length, so the entry after it on the same line is reported at its own column.
  assert.deepEqual(readDamaged('@misc{a, title = {A\u0001}} @misc{b, year = 2020}\n@misc{c, title = {C}}'), {
    papers: [['c', 'C', 2]],
    diagnostics: [
      '1:20 error Lectern: refs.bib has a NUL byte at line 1, column 20, in entry `a` (line 1)',
      '1:24 warning Lectern: entry `b` (line 1) has no title',
    ],
  });
  // A line that starts with `@misc{` is charged as an entry even inside a `@comment{…}` block, as BibTeX, which
  // skips only the word `@comment`, would read it.
  assert.deepEqual(readDamaged('@comment{old entries:\n@misc{b, title = {B\u0001}}\n}\n@misc{ok, title = {Fine}}').diagnostics, [
    '2:20 error Lectern: refs.bib has a NUL byte at line 2, column 20, in entry `b` (line 2)',
  ]);
});

test('parser-only entries: two identical entries both load; an undefined macro with a `.` is found at its use', () => {
  // No comma after the key: only the parser reads these; the same text twice must give two papers, not one.
  const twice = '@article{dup\n  title = {Twice},\n  year = 2020\n}\n';
  const result = importBibtex('refs.bib', twice + twice);
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey, p.title, p.source.line]),
    [
      ['dup', 'Twice', 1],
      ['dup', 'Twice', 5],
    ],
  );
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(read('@article{k\n  title = {T},\n  journal = j.geophys.res\n}').diagnostics, [
    '3:13 warning Lectern: `@string` macro `j.geophys.res` is not defined (used by entry `k`); its name was kept as the value. Define it with `@string{j.geophys.res = {…}}` in this file or in another .bib file of its folder.',
  ]);
});

test('a key with several characters BibTeX tools reject names each once', () => {
  assert.deepEqual(read('@article{k?1!?, title = {T}, author = {Doe, Jane}}').diagnostics, [
    '1:10 warning Lectern: citation key `k?1!?` contains characters BibTeX tools reject (`?`, `!`); the entry was loaded, but rename the key so LaTeX can cite it.',
  ]);
});

test('full month names are built-in macros too, and read as the month', () => {
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  names.forEach((name, i) => {
    const month = String(i + 1).padStart(2, '0');
    assert.deepEqual(
      read(`@misc{k, title = {Meeting, } # ${name.toLowerCase()}, year = 2021, month = ${name.toUpperCase()}}`).papers,
      [['k', `Meeting, ${name}`, null, `2021-${month}`, 1]],
      name,
    );
  });
});

test('an entry written `@ article(` that loses its `)` is closed with `)`', () => {
  assert.deepEqual(
    read('@misc{ok, title = {Fine}}\n@ article(k,\n  title = {T},\n  year = 2020\n\n@misc{ok2, title = {Fine}}').diagnostics,
    ['2:1 warning Lectern: entry `k` (line 2) is not closed with `)`; it was loaded as if it ended on line 4. Add the missing `)` there.'],
  );
});
