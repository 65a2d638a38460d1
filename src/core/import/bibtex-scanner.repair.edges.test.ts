// The shapes of broken line a repair accepts, as reference managers write them (JabRef's aligned `=`, BibDesk's
// hyphenated field names, Windows line ends, Zotero's double braces), and the breakages it must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
import { repairBibtexEntry } from './bibtex-repair';

const read = (text: string) => {
  const result = importBibtex('x.bib', text);
  return {
    papers: result.papers.map((p) => [p.citeKey ?? null, p.title, p.venue ?? null, p.year ?? null, p.source.line]),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
};
const openField = (where: string, field: string) =>
  `${where} warning Lectern: entry \`k\`: the \`{\` that opens field \`${field}\` on line ${where.split(':')[0]} is never closed; the entry was loaded as if the field ended at the end of that line. Add the missing \`}\`.`;
const OK = '@misc{ok, title = {Fine}}';

test('open field lines in JabRef, BibDesk, Windows and Zotero shapes are closed at the end of their line', () => {
  // JabRef aligns the `=`; a capitalised name.
  assert.deepEqual(read(`@Article{k,\n  Title                    = {Deep Nets,\n  Year                     = {2020}\n}\n${OK}`), {
    papers: [
      ['k', 'Deep Nets', null, 2020, 1],
      ['ok', 'Fine', null, null, 5],
    ],
    diagnostics: [openField('2:30', 'Title')],
  });
  // BibDesk: hyphenated names with digits, no indentation; the open field is the first after the key.
  assert.deepEqual(read(`@article{k,\nbdsk-url-1 = {https://example.org/paper,\ntitle = {T},\nyear = 2019}\n${OK}`), {
    papers: [
      ['k', 'T', null, 2019, 1],
      ['ok', 'Fine', null, null, 5],
    ],
    diagnostics: [openField('2:14', 'bdsk-url-1')],
  });
  // CRLF line ends: the `}` goes before the comma and the `\r`.
  assert.deepEqual(read(`@article{k,\r\n  title = {Deep Nets,\r\n  year = 2020\r\n}\r\n${OK}`), {
    papers: [
      ['k', 'Deep Nets', null, 2020, 1],
      ['ok', 'Fine', null, null, 5],
    ],
    diagnostics: [openField('2:11', 'title')],
  });
  // Zotero's protective double braces, both lost: closed two levels deep; the complete lines before it are left alone.
  assert.deepEqual(read(`@article{k,\n\tjournal = {Marine Chemistry},\n\ttitle = {{Ocean acidification,\n\tyear = {2021}\n}\n${OK}`), {
    papers: [
      ['k', 'Ocean acidification', 'Marine Chemistry', 2021, 1],
      ['ok', 'Fine', null, null, 6],
    ],
    diagnostics: [openField('3:10', 'title')],
  });
  // A lone escaped `\{` opens nothing: one `}` closes the field, and the fields after it are read.
  assert.deepEqual(read(`@article{k,\n  title = {Left \\{ brace,\n  year = 2018\n}\n${OK}`).papers[0], [
    'k',
    'Left { brace',
    null,
    2018,
    1,
  ]);
});

test('an entry in parentheses with a space before `(` is closed with `)`', () => {
  assert.deepEqual(read(`@article (k,\n  title = {T},\n  year = 2020\n\n${OK}`).diagnostics, [
    '1:1 warning Lectern: entry `k` (line 1) is not closed with `)`; it was loaded as if it ended on line 3. Add the missing `)` there.',
  ]);
});

test('what the open-field repair leaves alone: a syntax error, a field followed by a line that is not a field', () => {
  const skipped = (where: string, what: string) =>
    `${where} error Lectern: entry \`k\` (starting on line 1) could not be read: ${what}; it was skipped. Fix the entry and reload — the entries after it still load.`;
  // The title's line leaves a `{` open, but the entry breaks on a word after its `}`: a syntax error, not a lost `}`.
  assert.deepEqual(read(`@article{k,\n  title = {Foo {bar},\n  year = 2020\n} junk}\n${OK}`), {
    papers: [['ok', 'Fine', null, null, 5]],
    diagnostics: [skipped('4:3', 'expected `,` or `}` after field `title` (found `junk}`)')],
  });
  // A value that goes on over a line that is not a field's (though it has an `=`): the entry's `}` is what is missing.
  const prose = read(`@article{k,\n  title = {T},\n  abstract = {We show that,\n  for all x = 1\n}\n${OK}`);
  assert.deepEqual(prose.diagnostics, [
    '1:1 warning Lectern: entry `k` (line 1) is not closed with `}`; it was loaded as if it ended on line 5. Add the missing `}` there.',
  ]);
  assert.equal(
    importBibtex('x.bib', `@article{k,\n  title = {T},\n  abstract = {We show that,\n  for all x = 1\n}\n`).papers[0].abstract,
    'We show that, for all x = 1',
  );
});

test('repairBibtexEntry leaves an item without an error, or with a syntax error, alone', () => {
  const text = '@article{k,\n  title = {T,\n  year = 2020\n}';
  assert.equal(repairBibtexEntry(text, undefined, 1), undefined);
  assert.equal(repairBibtexEntry(text, { offset: 0, reason: 'x', kind: 'syntax' }, 1), undefined);
  assert.equal(repairBibtexEntry(text, { offset: 20, reason: 'x', kind: 'unterminated', field: 'title' }, 7)?.line, 8);
});

test('a warning inside a repaired entry points at the line of the file it is on', () => {
  // Mendeley can break a long value onto the next line; the repaired text keeps the file's line breaks.
  const result = importBibtex('x.bib', '@article{k,\n  title = {Deep Nets,\n  journal =\njgr,\n  year = 2020\n}\n');
  assert.deepEqual(
    result.papers.map((p) => [p.title, p.venue]),
    [['Deep Nets', 'jgr']],
  );
  // Only the line is checked: offsets after a `}` the repair adds are one character late (a known limit).
  assert.deepEqual(
    result.diagnostics.map((d) => [d.line, d.message.split(' (')[0]]),
    [
      [
        2,
        'Lectern: entry `k`: the `{` that opens field `title` on line 2 is never closed; the entry was loaded as if the field ended at the end of that line. Add the missing `}`.',
      ],
      [4, 'Lectern: `@string` macro `jgr` is not defined'],
    ],
  );
});
