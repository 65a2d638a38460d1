// What the BibTeX scanner tells a user about a broken entry (where, and what is wrong), and what it skips as
// comments; and where a damaged byte is reported (in which entry or directive, or outside any). Each case is a
// hand-broken entry followed or preceded by a good one, which must still load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { importBibtex } from './bibtex-importer';
import { translateParserError } from './bibtex-parser-errors';
import { BIBTEX_PARSER_OPTIONS } from './bibtex-parser-settings';
import { importCorpusFile } from './import-corpus-file';

const read = (text: string) => {
  const result = importBibtex('x.bib', text);
  return {
    keys: result.papers.map((p) => p.citeKey ?? null),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
};
const skipped = (where: string, what: string) =>
  `${where} error Lectern: ${what}; it was skipped. Fix the entry and reload — the entries after it still load.`;
const GOOD = '@misc{ok, title = {Fine}}';

test('a broken entry is skipped with what is wrong and where; the good entry loads', () => {
  const cases: Array<[string, string]> = [
    [
      `@article k, title = {T}}\n${GOOD}`,
      skipped('1:10', 'entry "T" (line 1) could not be read: expected `{` after `@article` (found `k, title = {T}}`)'),
    ],
    [`@article{k, title {T}}\n${GOOD}`, skipped('1:19', 'entry `k` (line 1) could not be read: field `title` has no `=` (found `{T}}`)')],
    [`${GOOD}\n@article{k, title`, skipped('2:18', 'entry `k` (line 2) could not be read: the entry ends after field name `title`')],
    [
      `${GOOD}\n@article{k, title =`,
      skipped('2:20', 'entry `k` (line 2) could not be read: the entry ends where the value of field `title` should be'),
    ],
    [
      `@article{k, title = {T} year = 2020}\n${GOOD}`,
      skipped('1:25', 'entry `k` (line 1) could not be read: expected `,` or `}` after field `title` (found `year = 2020}`)'),
    ],
    [
      `${GOOD}\n@article{k, title = "T}`,
      skipped('2:21', 'entry `k` (line 2) could not be read: the `"` that opens field `title` is never closed'),
    ],
    [
      `@misc{= {T}}\n${GOOD}`,
      skipped(
        '1:7',
        'an `@misc` entry without a citation key (line 1) could not be read: expected a citation key or field name after `@misc{`',
      ),
    ],
    [`${GOOD}\n@string{x = {abc}`, skipped('2:1', 'an `@string` (line 2) could not be read: the entry is not closed with `}`')],
    [
      `${GOOD}\n@article`,
      skipped(
        '2:9',
        'an `@article` entry without a citation key (line 2) could not be read: expected `{` after `@article` (found the end of the entry)',
      ),
    ],
    [
      `${GOOD}\n@`,
      skipped(
        '2:2',
        'an entry without a citation key (line 2) could not be read: `@` is not followed by an entry type (found the end of the entry)',
      ),
    ],
  ];
  for (const [text, diagnostic] of cases) {
    assert.deepEqual(read(text), { keys: ['ok'], diagnostics: [diagnostic] }, text);
  }
});

test('comments: `@comment{…}` with nested braces, `@comment` to the end of its line, `%` lines; none hides the next entry', () => {
  for (const comment of [
    '@comment{a {nested @article{fake, title = {F}}} b}',
    '@comment this line @article{fake, title = {F}}',
    '@COMMENT\t{jabref-meta: databaseType:bibtex;}',
    '% @article{fake, title = {F}}',
  ]) {
    assert.deepEqual(read(`${comment}\n${GOOD}`), { keys: ['ok'], diagnostics: [] }, comment);
  }
  // `%` comments between fields and after values.
  const result = importBibtex(
    'x.bib',
    '@misc{k,\n  title = {T} # " and " # {U}, % a comment, with = signs\n  year = 2020 % { unbalanced\n}',
  );
  assert.deepEqual(
    result.papers.map((p) => [p.title, p.year]),
    [['T and U', 2020]],
  );
  assert.deepEqual(result.diagnostics, []);
});

test('entries in parentheses, empty field slots, a trailing comma, no key or an empty key all load', () => {
  const result = importBibtex(
    'x.bib',
    [
      '@article(k1, title = {In parentheses}, year = 2020)',
      '@article{k2, title = {Empty slot}, , year = 2021,}',
      '@misc{title = {No key}, year = 2022}',
      '@misc{, title = {Empty key}}',
      '@string{}',
      '@misc{k3, title = "A {"}quoted{"} title"}',
      '@Article{K4, Title = {Upper-case names}, YEAR = 2001}',
    ].join('\n'),
  );
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey ?? null, p.title, p.year ?? null, p.source.line]),
    [
      ['k1', 'In parentheses', 2020, 1],
      ['k2', 'Empty slot', 2021, 2],
      [null, 'No key', 2022, 3],
      [null, 'Empty key', null, 4],
      ['k3', 'A "quoted" title', null, 6],
      ['K4', 'Upper-case names', 2001, 7],
    ],
  );
  assert.deepEqual(result.diagnostics, []);
});

test('a damaged byte is reported in the entry or directive that holds it, or as outside any entry', () => {
  const text =
    'Exported by JabRef\n\n@misc{a, title = {A}}\n@string{j = {Journal}}\n@article{b, title = {B}, journal = j}\n@misc{, title = {C}}\n@comment{x}\n';
  const withByte = (before: string, byte: number, nth = 0) => {
    let offset = text.indexOf(before);
    for (let i = 0; i < nth; i++) offset = text.indexOf(before, offset + 1);
    const bytes = new TextEncoder().encode(text);
    const at = new TextEncoder().encode(text.slice(0, offset)).length;
    const result = importCorpusFile('refs.bib', new Uint8Array([...bytes.subarray(0, at), byte, ...bytes.subarray(at)]));
    return {
      keys: result.papers.map((p) => p.citeKey ?? null),
      diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
    };
  };
  const inRecord = (where: string, what: string, byte = 'a NUL byte', fix = 'Remove the byte and reload.') =>
    `${where} error Lectern: refs.bib has ${byte} at line ${where.replace(':', ', column ')}, in ${what}; that record was skipped, the others loaded. ${fix}`;
  const outside = (where: string) =>
    `${where} warning Lectern: refs.bib has a NUL byte at line ${where.replace(':', ', column ')}, outside any entry; it was ignored. Remove it.`;
  assert.deepEqual(withByte('orted', 0), { keys: ['a', 'b', null], diagnostics: [outside('1:4')] });
  assert.deepEqual(withByte('@article', 0), { keys: ['a', 'b', null], diagnostics: [outside('5:1')] });
  assert.deepEqual(withByte('\n', 0, 7), { keys: ['a', 'b', null], diagnostics: [outside('7:12')] });
  assert.deepEqual(withByte('{A}', 0), { keys: ['b', null], diagnostics: [inRecord('3:18', 'entry `a` (line 3)')] });
  assert.deepEqual(withByte('{C}', 0), { keys: ['a', 'b'], diagnostics: [inRecord('6:17', 'an `@misc` entry (line 6)')] });
  assert.deepEqual(withByte('{x}', 0), { keys: ['a', 'b', null], diagnostics: [inRecord('7:9', 'an `@comment` (line 7)')] });
  assert.deepEqual(withByte('Journal', 0xe9), {
    keys: ['a', 'b', null],
    diagnostics: [
      inRecord(
        '4:14',
        'an `@string` (line 4)',
        'the invalid UTF-8 byte 0xE9',
        'Re-save the file as UTF-8 (or fix that character) and reload.',
      ),
      '5:36 warning Lectern: `@string` macro `j` is not defined (used by entry `b`); its name was kept as the value. Define it with `@string{j = {…}}` in this file or in another .bib file of its folder.',
    ],
  });
});

test("the parser's own errors, as the parser words them, are rephrased for the warning about an entry it cannot read", () => {
  const firstError = (text: string) => {
    const errors = parseBibtex(text, BIBTEX_PARSER_OPTIONS).errors;
    assert.ok(errors.length > 0, text);
    return translateParserError(errors[0].error.split('\n')[0]);
  };
  assert.equal(firstError('@article{k, author = {Doe'), 'a `{` is never closed');
  assert.equal(firstError('@article{k, author = "Doe'), 'a `"` is never closed');
  assert.equal(firstError('@article{k, author = {$x}}'), 'a `$` math section is never closed');
  assert.equal(firstError('@article{k, auth'), 'the entry ends in the middle of a name');
  assert.equal(firstError('@article{k, author {Doe}}'), 'field `author` has no `=`');
  assert.equal(firstError('@article{k, author = {Doe} title = {T}}'), 'expected "}" but found "title = {T}}"');
  // Anything else is kept, without the parser's position (Lectern gives its own line and column).
  assert.equal(translateParserError('Something new at line 3, column 4 in "article"'), 'Something new');
});

test('CRLF line breaks, tabs, indented entries, keys with `*`, `[ ]` or `"`, escaped braces and no spaces all read', () => {
  const crlf = importBibtex(
    'x.bib',
    '@misc{k1,\r\n\ttitle = {CRLF file},\r\n\tyear = 2020\r\n}\r\n@misc{k2,\r\n  title = {Second}\r\n}\r\n',
  );
  assert.deepEqual(
    crlf.papers.map((p) => [p.citeKey, p.title, p.year ?? null, p.source.line]),
    [
      ['k1', 'CRLF file', 2020, 1],
      ['k2', 'Second', null, 5],
    ],
  );
  assert.deepEqual(crlf.diagnostics, []);
  const keys = importBibtex(
    'x.bib',
    '  @article{Smith*2020, title = {T1}}\n\t@article{a[b], title = {T2}}\n@article{q"k, title = {T3}}\n@article{k?1, title = {T4}, author = {Doe, J.}}',
  );
  assert.deepEqual(
    keys.papers.map((p) => [p.citeKey, p.title, p.source.line]),
    [
      ['Smith*2020', 'T1', 1],
      ['a[b]', 'T2', 2],
      ['q"k', 'T3', 3],
      ['k?1', 'T4', 4],
    ],
  );
  // Only the key LaTeX tools reject is warned about.
  assert.deepEqual(
    keys.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
    [
      '4:10 Lectern: citation key `k?1` contains characters BibTeX tools reject (`?`); the entry was loaded, but rename the key so LaTeX can cite it.',
    ],
  );
  assert.deepEqual(
    importBibtex('x.bib', '@misc{k, title = {50\\% of \\{braces\\} and \\}}, note = "a \\" b"}').papers.map((p) => p.title),
    ['50% of {braces} and }'],
  );
  assert.deepEqual(
    importBibtex('x.bib', '@misc{k,title={T},year=2020}@misc{k2,title={U} }').papers.map((p) => [p.citeKey, p.title, p.year ?? null]),
    [
      ['k', 'T', 2020],
      ['k2', 'U', null],
    ],
  );
});

test('several damaged bytes: one error per entry that holds any, the other entries load', () => {
  const text = '@misc{a, title = {A}}\n@misc{b, title = {B}}\n@misc{c, title = {C}}\n';
  const withNuls = (...before: string[]) => {
    const bytes = [...new TextEncoder().encode(text)];
    const offsets = before.map((needle) => text.indexOf(needle)).sort((x, y) => y - x);
    for (const offset of offsets) bytes.splice(offset, 0, 0);
    const result = importCorpusFile('refs.bib', new Uint8Array(bytes));
    return {
      keys: result.papers.map((p) => p.citeKey),
      at: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message.split(';')[0]}`),
    };
  };
  assert.deepEqual(withNuls('{A}', 'title = {A}'), {
    keys: ['b', 'c'],
    at: ['1:10 Lectern: refs.bib has a NUL byte at line 1, column 10, in entry `a` (line 1)'],
  });
  assert.deepEqual(withNuls('{C}', '{A}'), {
    keys: ['b'],
    at: [
      '1:18 Lectern: refs.bib has a NUL byte at line 1, column 18, in entry `a` (line 1)',
      '3:18 Lectern: refs.bib has a NUL byte at line 3, column 18, in entry `c` (line 3)',
    ],
  });
  assert.deepEqual(withNuls('{B}'), {
    keys: ['a', 'c'],
    at: ['2:18 Lectern: refs.bib has a NUL byte at line 2, column 18, in entry `b` (line 2)'],
  });
});

test("only a message that starts with one of the parser's phrases is rephrased; positions with several digits are cut", () => {
  assert.equal(translateParserError('Unterminated brace-value "abc" at line 12, column 345 in "article"'), 'a `{` is never closed');
  assert.equal(translateParserError('Something new at line 12, column 345 in "article"'), 'Something new');
  for (const phrase of [
    'Unterminated brace-value',
    'Unterminated quote-value',
    'Unclosed math section',
    'Runaway key',
    'x = value expected, equals sign missing',
    'Token mismatch, expected "}", found "y"',
  ]) {
    assert.equal(translateParserError(`Something new: ${phrase}`), `Something new: ${phrase}`);
  }
});
