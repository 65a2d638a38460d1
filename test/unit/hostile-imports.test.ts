/**
 * Hostile corpus files, generated here (never stored): macro bombs and cycles, NUL and invalid UTF-8 bytes
 * in every importer, fields, record counts and files over the limits. Each case pins the exact diagnostic
 * (line, column, message start) and the records that must still load.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { importCorpusFile } from '../../src/core/import/import-corpus-file';
import { DEFAULT_IMPORT_LIMITS } from '../../src/core/import/import-limits';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import { lineColumnAt } from '../../src/core/text/line-column';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** `text` as bytes with `insert` placed before character `offset` (the text before it must be ASCII). */
function withBytes(text: string, offset: number, insert: readonly number[]): Uint8Array {
  return new Uint8Array([...utf8(text.slice(0, offset)), ...insert, ...utf8(text.slice(offset))]);
}

/** Line, column and message start of each diagnostic, for one exact comparison. */
function where(diagnostics: Diagnostic[]): Array<[number, number, string]> {
  return diagnostics.map((d) => [d.line, d.column, d.severity]);
}

/** The issue's macro bomb: `@string{d0 = "ab"}`, then `d<i> = d<i-1> # d<i-1>` up to `d<n-1>`, used as a journal. */
function macroBomb(doublings: number): string {
  const lines = ['@string{d0 = "ab"}'];
  for (let i = 1; i < doublings; i++) lines.push(`@string{d${i} = d${i - 1} # d${i - 1}}`);
  lines.push(`@article{bomb, title = {Bomb}, journal = d${doublings - 1}}`);
  lines.push('@article{good, title = {Good paper}, journal = d3}');
  return `${lines.join('\n')}\n`;
}

test('the macro bomb gives a diagnostic at the macro past the limit and at its use, keeps every entry, and stays small', () => {
  const text = macroBomb(28);
  assert.ok(utf8(text).length < 1100, 'a file of about a kilobyte');
  const heapBefore = process.memoryUsage().heapUsed;
  const result = importCorpusFile('bomb.bib', utf8(text));
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey, p.title, p.venue]),
    [
      ['bomb', 'Bomb', 'd27'],
      ['good', 'Good paper', 'ab'.repeat(8)],
    ],
  );
  // d19 expands to 2^20 characters (the limit); d20 is the first over it, on line 21.
  assert.deepEqual(where(result.diagnostics), [
    [21, 1, 'warning'],
    [29, 42, 'warning'],
  ]);
  assert.match(
    result.diagnostics[0].message,
    /^Lectern: `@string` macro `d20` would expand to 2,097,152 characters, over the limit of 1,048,576; it was not expanded/,
  );
  assert.match(
    result.diagnostics[1].message,
    /^Lectern: `@string` macro `d27` was not expanded \(used by entry `bomb`; see the warning on line 21\)/,
  );
  assert.ok(Math.max(...result.papers.map((p) => (p.venue ?? '').length)) <= 16, 'no expanded venue is large');
  assert.ok(heapGrowth < 64 * 1024 * 1024, `heap grew by ${heapGrowth} bytes`);
});

test('a bomb with more doublings than a string can hold is refused the same way (no "Invalid string length")', () => {
  const result = importCorpusFile('bomb.bib', utf8(macroBomb(40)));
  assert.deepEqual(
    result.papers.map((p) => p.citeKey),
    ['bomb', 'good'],
  );
  assert.deepEqual(where(result.diagnostics), [
    [21, 1, 'warning'],
    [41, 42, 'warning'],
  ]);
  assert.ok(result.diagnostics.every((d) => d.message.startsWith('Lectern: `@string` macro')));
});

test('cyclic macros are named with their lines, and fields using them keep the macro name', () => {
  const text =
    '@string{a = b # "x"}\n@string{b = a # "y"}\n@string{self = self # "z"}\n@article{k, title = {T}, journal = a, note = self}\n';
  const result = importCorpusFile('cycle.bib', utf8(text));
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey, p.venue]),
    [['k', 'a']],
  );
  assert.deepEqual(where(result.diagnostics).slice(0, 2), [
    [1, 1, 'warning'],
    [3, 1, 'warning'],
  ]);
  assert.equal(
    result.diagnostics[0].message,
    'Lectern: `@string` macros `a` and `b` are defined in terms of each other (`a` on line 1 → `b` on line 2 → `a`); they were not expanded, and fields that use them keep the macro name. Break the cycle.',
  );
  assert.match(result.diagnostics[1].message, /^Lectern: `@string` macro `self` is defined in terms of itself/);
  // A redefinition in terms of the earlier value is not a cycle.
  const extended = importCorpusFile(
    'ext.bib',
    utf8('@string{j = "Journal"}\n@string{j = j # " of X"}\n@article{k, title = {T}, journal = j}\n'),
  );
  assert.deepEqual(extended.diagnostics, []);
  assert.equal(extended.papers[0].venue, 'Journal of X');
});

test('macros nested deeper than maxMacroDepth are refused at the first one too deep', () => {
  const lines = ['@string{m0 = "x"}'];
  for (let i = 1; i < 40; i++) lines.push(`@string{m${i} = m${i - 1} # "x"}`);
  lines.push('@article{k, title = {T}, journal = m39}', '@article{ok, title = {Fine}, journal = m10}');
  const result = importCorpusFile('deep.bib', utf8(`${lines.join('\n')}\n`));
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey, p.venue]),
    [
      ['k', 'm39'],
      ['ok', 'x'.repeat(11)],
    ],
  );
  assert.equal(result.diagnostics[0].line, DEFAULT_IMPORT_LIMITS.maxMacroDepth + 1);
  assert.match(result.diagnostics[0].message, /^Lectern: `@string` macro `m32` nests 33 macros deep, over the limit of 32/);
});

test('a field over maxFieldChars is dropped with a warning at the field; the entry and the others load', () => {
  const text = `@article{big,\n  title = {Big},\n  abstract = {${'a'.repeat(200)}}\n}\n@article{small, title = {Small}}\n`;
  const result = importCorpusFile('big.bib', utf8(text), { limits: { maxFieldChars: 100 } });
  assert.deepEqual(
    result.papers.map((p) => [p.citeKey, p.abstract]),
    [
      ['big', ''],
      ['small', ''],
    ],
  );
  assert.deepEqual(where(result.diagnostics), [[3, 3, 'warning']]);
  assert.match(
    result.diagnostics[0].message,
    /^Lectern: field `abstract` of entry `big` is 200 characters long, over the limit of 100; the field was dropped/,
  );
  // The default limit: one mebi-character.
  const huge = `@article{huge, title = {Huge}, note = {${'n'.repeat(DEFAULT_IMPORT_LIMITS.maxFieldChars + 1)}}}\n`;
  const defaults = importCorpusFile('huge.bib', utf8(huge));
  assert.equal(defaults.papers.length, 1);
  assert.deepEqual(where(defaults.diagnostics), [[1, 32, 'warning']]);
});

test('records past maxRecords are dropped with one diagnostic at the first of them', () => {
  const text = '@misc{a, title = {A}}\n@misc{b, title = {B}}\n@misc{c, title = {C}}\n';
  const result = importCorpusFile('many.bib', utf8(text), { limits: { maxRecords: 2 } });
  assert.deepEqual(
    result.papers.map((p) => p.citeKey),
    ['a', 'b'],
  );
  assert.deepEqual(where(result.diagnostics), [[3, 1, 'warning']]);
  assert.match(
    result.diagnostics[0].message,
    /^Lectern: many\.bib holds more than 2 papers, the limit for one file; the 1 from line 3 on were not loaded/,
  );
});

test('a file over maxFileBytes is refused with one diagnostic before it is read (default 100 MB)', () => {
  const small = importCorpusFile('refs.bib', utf8('@misc{a, title = {A}}\n'), { limits: { maxFileBytes: 10 } });
  assert.equal(small.papers.length, 0);
  assert.deepEqual(where(small.diagnostics), [[1, 1, 'error']]);
  assert.match(small.diagnostics[0].message, /^Lectern: refs\.bib is 0\.0 MB, over the 0\.0 MB limit for one corpus file; it was not read/);
  const started = Date.now();
  const big = importCorpusFile('dump.bib', new Uint8Array(DEFAULT_IMPORT_LIMITS.maxFileBytes + 1));
  assert.deepEqual(where(big.diagnostics), [[1, 1, 'error']]);
  assert.match(big.diagnostics[0].message, /^Lectern: dump\.bib is 100 MB, over the 100 MB limit for one corpus file/);
  assert.ok(Date.now() - started < 1000, 'refused without decoding');
});

/** One bad byte in one record of each format: only that record is lost, and the diagnostic is at the byte. */
const DAMAGED_CASES: Array<{
  name: string;
  file: string;
  text: string;
  before: string;
  byte: number[];
  expect: string[];
  at: [number, number];
}> = [
  {
    name: 'a NUL inside a BibTeX field',
    file: 'refs.bib',
    text: '@article{one, title = {One}}\n@article{two,\n  title = {Two},\n  journal = {J}\n}\n@article{three, title = {Three}}\n',
    before: 'journal = {',
    byte: [0],
    expect: ['One', 'Three'],
    at: [4, 14],
  },
  {
    name: 'a raw NUL in a Lectern JSON Lines line',
    file: 'papers.jsonl',
    text: '{"title": "One"}\n{"title": "Two", "abstract": "x"}\n{"title": "Three"}\n',
    before: '"abstract": "',
    byte: [0],
    expect: ['One', 'Three'],
    at: [2, 31],
  },
  {
    name: 'an invalid UTF-8 byte in an arXiv JSON Lines line',
    file: 'arxiv.jsonl',
    text: '{"id": "0704.0001", "title": "One", "versions": []}\n{"id": "0704.0002", "title": "Two", "versions": []}\n{"id": "0704.0003", "title": "Three", "versions": []}\n',
    before: '"title": "T',
    byte: [0xff],
    expect: ['One', 'Three'],
    at: [2, 32],
  },
  {
    name: 'an invalid UTF-8 byte in a CSL-JSON array',
    file: 'zotero.json',
    text: '[\n  {"id": "a", "type": "book", "title": "One"},\n  {"id": "b", "type": "book", "title": "Two"},\n  {"id": "c", "type": "book", "title": "Three"}\n]\n',
    before: '"title": "Tw',
    byte: [0xc3, 0x28],
    expect: ['One', 'Three'],
    at: [3, 43],
  },
  {
    name: 'a NUL in a one-line Lectern JSON array',
    file: 'papers.json',
    text: '[{"title": "One"}, {"title": "Two"}, {"title": "Three"}]',
    before: '"title": "Tw',
    byte: [0],
    expect: ['One', 'Three'],
    at: [1, 33],
  },
  {
    name: 'an invalid UTF-8 byte in a daily-papers abstract',
    file: 'daily.txt',
    text: `Daily Papers\n\nFirst title\n${'One abstract sentence with words. '.repeat(8)}\n\nSecond title\n${'Two abstract sentence with words. '.repeat(8)}\n\nThird title\n${'Three abstract sentence with words. '.repeat(8)}\n`,
    before: 'Two abstract',
    byte: [0x80],
    expect: ['First title', 'Third title'],
    at: [7, 13],
  },
];

for (const c of DAMAGED_CASES) {
  test(`${c.name} skips only that record, with the byte's line and column`, () => {
    const offset = c.text.indexOf(c.before) + c.before.length;
    const result = importCorpusFile(c.file, withBytes(c.text, offset, c.byte));
    assert.deepEqual(
      result.papers.map((p) => p.title),
      c.expect,
    );
    assert.deepEqual(where(result.diagnostics), [[...c.at, 'error']]);
    assert.deepEqual(lineColumnAt(c.text, offset), { line: c.at[0], column: c.at[1] }, 'the expected position is the byte’s');
    const named = c.byte[0] === 0 ? 'a NUL byte' : `the invalid UTF-8 byte 0x${c.byte[0].toString(16).toUpperCase()}`;
    assert.ok(
      result.diagnostics[0].message.startsWith(`Lectern: ${c.file} has ${named} at line ${c.at[0]}, column ${c.at[1]}, in `),
      result.diagnostics[0].message,
    );
    assert.match(result.diagnostics[0].message, /; that record was skipped, the others loaded\./);
  });
}

test('CSL-JSON and Lectern JSON diagnostics carry the real column on a one-line file', () => {
  const padding = `{"id": "pad", "type": "book", "title": "${'p'.repeat(5000)}"}, `;
  const text = `[${padding}{"id": "k", "type": "book"}]`;
  const csl = importCorpusFile('one-line.json', utf8(text));
  assert.deepEqual(where(csl.diagnostics), [[1, 2 + padding.length, 'warning']]);
  assert.match(csl.diagnostics[0].message, /^Lectern: item `k` of one-line\.json \(line 1\) has no title/);
  const lectern = importCorpusFile('papers.json', utf8(`[{"title": "A"}, {"name": "no title"}]`));
  assert.deepEqual(where(lectern.diagnostics), [[1, 18, 'warning']]);
});

test('a BibTeX `{` left open at column 15 is reported at column 15', () => {
  const text = '@article{a, title = {A}}\n@article{b,\n  title     = {Broken title,\n  year = 2020\n}\n';
  const result = importCorpusFile('open.bib', utf8(text));
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['A', 'Broken title'],
  );
  assert.deepEqual(where(result.diagnostics), [[3, 15, 'warning']]);
  assert.match(result.diagnostics[0].message, /^Lectern: entry `b`: the `\{` that opens field `title` on line 3 is never closed/);
});

test('an arXiv id with an impossible month is not a date; a valid update_date wins', () => {
  const line = (id: string, extra = ''): string => `{"id": "${id}", "title": "T ${id}", "update_date": "2015-06-01"${extra}}`;
  const text = [
    line('8000.00001'),
    line('0713.0001'),
    line('0704.0001'),
    line('hep-th/9901001'),
    line('8000.00002', ', "versions": [{"created": "Mon, 2 Apr 2007 19:18:42 GMT"}]'),
  ].join('\n');
  const result = importCorpusFile('arxiv.jsonl', utf8(`${text}\n`));
  assert.deepEqual(
    result.papers.map((p) => [p.arxivId, p.year, p.date]),
    [
      ['8000.00001', 2015, '2015-06-01'],
      ['0713.0001', 2015, '2015-06-01'],
      ['0704.0001', 2007, '2007-04'],
      ['hep-th/9901001', 1999, '1999-01'],
      ['8000.00002', 2007, '2007-04-02'],
    ],
  );
});

test('an abstract (or title) that is a JSON array or object is a warning at its value; a titled record loads', () => {
  const arxiv = importCorpusFile(
    'arxiv.jsonl',
    utf8(
      '{"id": "0704.0001", "title": "Kept", "versions": [], "abstract": ["x"]}\n{"id": "0704.0002", "versions": [], "title": {"t": 1}}\n',
    ),
  );
  assert.deepEqual(
    arxiv.papers.map((p) => [p.title, p.abstract]),
    [['Kept', '']],
  );
  assert.deepEqual(where(arxiv.diagnostics), [
    [1, 66, 'warning'],
    [2, 46, 'warning'],
  ]);
  assert.match(
    arxiv.diagnostics[0].message,
    /^Lectern: the "abstract" of "Kept" \(line 1\) is an array, not text; the paper was loaded without an abstract/,
  );
  assert.match(arxiv.diagnostics[1].message, /has no title \(its "title" is an object, not text\); it was skipped/);
  const lectern = importCorpusFile('papers.json', utf8('[\n  {"title": "Kept", "abstract": {"text": "x"}}\n]\n'));
  assert.deepEqual(where(lectern.diagnostics), [[2, 33, 'warning']]);
  assert.equal(lectern.papers[0].title, 'Kept');
  const csl = importCorpusFile('zotero.json', utf8('[\n  {"id": "k", "type": "book", "title": "Kept", "abstract": {"x": 1}}\n]\n'));
  assert.deepEqual(where(csl.diagnostics), [[2, 60, 'warning']]);
  assert.match(csl.diagnostics[0].message, /^Lectern: the "abstract" of item `k` of zotero\.json \(line 2\) is an object, not text/);
});

test('TeX spacing in BibTeX values becomes a space', () => {
  const result = importCorpusFile('tex.bib', utf8('@article{k, title = {Efficiency of 3\\,\\% and 5\\;mm~steps}}\n'));
  assert.equal(result.papers[0].title, 'Efficiency of 3 % and 5 mm steps');
});

/** Generators of valid files whose titles stand at known offsets, for the property below. */
const FORMATS: Record<string, { file: string; build: (titles: string[]) => { text: string; offsets: number[] } }> = {
  bibtex: {
    file: 'p.bib',
    build: (titles) => assemble(titles, (t, i) => [`@article{k${i},\n  title = {`, t, '},\n  year = 2020\n}\n']),
  },
  'lectern-jsonl': { file: 'p.jsonl', build: (titles) => assemble(titles, (t) => ['{"title": "', t, '", "authors": "A B"}\n']) },
  'arxiv-jsonl': {
    file: 'a.jsonl',
    build: (titles) => assemble(titles, (t, i) => [`{"id": "0704.${String(1000 + i)}", "title": "`, t, '", "versions": []}\n']),
  },
  'csl-json': {
    file: 'z.json',
    build: (titles) =>
      assemble(titles, (t, i) => [i === 0 ? '[\n  {"type": "book", "title": "' : ',\n  {"type": "book", "title": "', t, '"}'], ']\n'),
  },
  'csl-json-one-line': {
    file: 'z1.json',
    build: (titles) =>
      assemble(titles, (t, i) => [i === 0 ? '[{"type": "book", "title": "' : ', {"type": "book", "title": "', t, '"}'], ']'),
  },
  'lectern-json': {
    file: 'l.json',
    build: (titles) => assemble(titles, (t, i) => [i === 0 ? '[{"title": "' : ', {"title": "', t, '"}'], ']'),
  },
  tsv: {
    file: 't.tsv',
    build: (titles) => assemble(titles, (t, i) => [`${i === 0 ? 'paper_id\ttitle\tabstract\n' : ''}k${i}\t`, t, '\tAn abstract.\n']),
  },
};

function assemble(
  titles: string[],
  piece: (title: string, index: number) => [string, string, string],
  end = '',
): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  titles.forEach((title, i) => {
    const [head, body, tail] = piece(title, i);
    text += head;
    offsets.push(text.length);
    text += body + tail;
  });
  return { text: text + end, offsets };
}

test('property: one bad byte inserted into one record of a valid file loses exactly that record', () => {
  const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);
  fc.assert(
    fc.property(
      fc.constantFrom(...Object.keys(FORMATS)),
      fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 8 }),
      fc.nat(),
      fc.nat(),
      fc.constantFrom([0], [0xff], [0xfe], [0x80], [0xc3], [0xe2, 0x82], [0xed]),
      (format, words, pick, at, bad) => {
        const titles = words.map((w, i) => `P${i} ${w.join(' ')}`);
        const { file, build } = FORMATS[format];
        const { text, offsets } = build(titles);
        const victim = pick % titles.length;
        const offset = offsets[victim] + (at % (titles[victim].length + 1));
        const result = importCorpusFile(file, withBytes(text, offset, bad));
        assert.deepEqual(
          result.papers.map((p) => p.title),
          titles.filter((_, i) => i !== victim),
        );
        const pos = lineColumnAt(text, offset);
        assert.deepEqual(where(result.diagnostics), [[pos.line, pos.column, 'error']]);
      },
    ),
    { numRuns: 300 },
  );
});

test('a JSON string over maxFieldChars is dropped with a warning at its value in every JSON importer; the record loads', () => {
  const long = 'x'.repeat(20);
  const cases: Array<[string, string, [number, number]]> = [
    [
      'a.jsonl',
      `{"id": "0704.0001", "title": "Kept", "versions": [], "abstract": "${long}"}\n{"id": "0704.0002", "title": "B", "versions": []}\n`,
      [1, 66],
    ],
    ['p.jsonl', `{"title": "Kept", "abstract": "${long}"}\n{"title": "B"}\n`, [1, 31]],
    ['z.json', `[{"type": "book", "title": "Kept", "abstract": "${long}"}, {"type": "book", "title": "B"}]`, [1, 48]],
    ['l.json', `[{"title": "Kept", "abstract": "${long}"}, {"title": "B"}]`, [1, 32]],
  ];
  for (const [file, text, at] of cases) {
    const result = importCorpusFile(file, utf8(text), { limits: { maxFieldChars: 10 } });
    assert.deepEqual(
      result.papers.map((p) => [p.title, p.abstract]),
      [
        ['Kept', ''],
        ['B', ''],
      ],
      file,
    );
    assert.deepEqual(where(result.diagnostics), [[...at, 'warning']], file);
    assert.match(
      result.diagnostics[0].message,
      /^Lectern: "abstract" of .* is 20 characters long, over the limit of 10; the field was dropped/,
    );
    assert.equal(text.split('\n')[at[0] - 1][at[1] - 1], '"', `${file}: the column is the value's opening quote`);
  }
});

test('a daily-papers line over maxFieldChars skips its paper with a warning; the others load', () => {
  const abstract = (n: string): string => `${n} abstract sentence with words. `.repeat(8).trim();
  const text = `Daily Papers\n\nFirst title\n${abstract('One')}\n\nSecond title\n${abstract('Two')}\n\nThird title\n${abstract('Three')}\n`;
  const result = importCorpusFile('daily.txt', utf8(text), { limits: { maxFieldChars: 280 } });
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['First title', 'Second title'],
  );
  assert.deepEqual(where(result.diagnostics), [[10, 1, 'warning']]);
  assert.match(
    result.diagnostics[0].message,
    /^Lectern: line 10 of daily\.txt is 287 characters long, over the limit of 280 for one field; the paper "Third title" was skipped/,
  );
});

test('macros add at most 64 × maxMacroChars characters to one file; past that their names are kept, with one warning', () => {
  const entries = Array.from({ length: 70 }, (_, i) => `@misc{k${i}, title = {T${i}}, journal = m}`);
  const text = `@string{m = "0123456789"}\n${entries.join('\n')}\n`;
  const result = importCorpusFile('budget.bib', utf8(text), { limits: { maxMacroChars: 10 } });
  assert.equal(result.papers.length, 70);
  assert.deepEqual([...new Set(result.papers.map((p) => p.venue))], ['0123456789', 'm']);
  assert.equal(result.papers.filter((p) => p.venue === 'm').length, 6);
  assert.deepEqual(where(result.diagnostics), [[66, 27, 'warning']]);
  assert.match(
    result.diagnostics[0].message,
    /^Lectern: `@string` macros have added more than 640 characters to this file's fields, the limit for one file; from field `journal` of entry `k64` on/,
  );
});

test('an arXiv record whose id is not an arXiv identifier is noted at the id', () => {
  const result = importCorpusFile(
    'arxiv.jsonl',
    utf8('{"title": "T", "versions": [], "id": "weird"}\n{"id": "0704.0001", "title": "U", "versions": []}\n'),
  );
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['T', 'U'],
  );
  assert.deepEqual(where(result.diagnostics), [[1, 38, 'info']]);
});

test('in a one-line JSON array, a bad byte between tokens costs its item, and one between items costs nothing', () => {
  const text = '[{"type": "book", "title": "One"}, {"type": "book", "title": "Two"}, {"type": "book", "title": "Three"}]';
  const inside = text.indexOf('"book", "title": "Two"') + '"book",'.length;
  const result = importCorpusFile('z.json', withBytes(text, inside, [0]));
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['One', 'Three'],
  );
  assert.deepEqual(where(result.diagnostics), [[1, inside + 1, 'error']]);
  const between = text.indexOf(', {"type": "book", "title": "Two"') + 1;
  const stray = importCorpusFile('z.json', withBytes(text, between, [0xff]));
  assert.deepEqual(
    stray.papers.map((p) => p.title),
    ['One', 'Two', 'Three'],
  );
  assert.deepEqual(where(stray.diagnostics), [[1, between + 1, 'warning']]);
  assert.match(
    stray.diagnostics[0].message,
    /^Lectern: z\.json has the invalid UTF-8 byte 0xFF at line 1, column 35, between items; it was ignored/,
  );
});
