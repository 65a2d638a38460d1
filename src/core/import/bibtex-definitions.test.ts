import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importCorpusFile } from './import-corpus-file';
import { joinBibtexDefinitions, readBibtexDefinitions } from './bibtex-definitions';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const undefinedMacro = (message: string): string | undefined => /^Lectern: `@string` macro `([^`]+)` is not defined/.exec(message)?.[1];

// As IRIDIA's hand-kept library splits it (../shared/corpora/bibtex_iridia_cc0): macros in files of their own.
const abbrev = bytes(
  '@preamble{ "\\providecommand{\\proglang}[1]{{#1}} " }\n@string{and = " and "}\n@string{ieee = "IEEE"}\n@string{loop = loop # "x"}\n',
);
const journals = bytes('@string{tec = ieee # " Transactions on Evolutionary Computation"}\n@string{jair = "Journal of AI Research"}\n');
const authors = bytes('@string{Lopez_M = "L{\\\'o}pez-Ib{\\\'a}{\\~n}ez, Manuel"}\n@string{Stutzle_T = "St{\\"u}tzle, Thomas"}\n');
const articles = [
  '@string{jair = "J. Artif. Intell. Res."}',
  '@article{LopStu2012tec,',
  '  author = Lopez_M #and# Stutzle_T,',
  '  journal = tec,',
  '  title = {Tuning in \\proglang{R}},',
  '  year = 2012',
  '}',
  '@article{own2020, author = Stutzle_T, journal = jair, title = {Own journal macro}, year = 2020}',
  '@article{gone2021, author = Nobody_X, journal = loop, title = {Undefined}, year = 2021}',
].join('\n');

test("a BibTeX file reads the macros and preamble its folder's other files define; its own definitions win", () => {
  const definitions = joinBibtexDefinitions(
    [abbrev, journals, authors].map((file, i) => readBibtexDefinitions(`/lib/${['abbrev', 'journals', 'authors'][i]}.bib`, file)),
  );
  assert.deepEqual(
    definitions.strings.map((s) => s.name),
    ['and', 'ieee', 'loop', 'tec', 'jair', 'Lopez_M', 'Stutzle_T'],
  );
  const { papers, diagnostics } = importCorpusFile('/lib/articles.bib', bytes(articles), { bibtex: definitions });
  assert.deepEqual(
    papers.map((p) => [p.authors, p.venue, p.title]),
    [
      [['Manuel López-Ibáñez', 'Thomas Stützle'], 'IEEE Transactions on Evolutionary Computation', 'Tuning in R'],
      [['Thomas Stützle'], 'J. Artif. Intell. Res.', 'Own journal macro'],
      [['Nobody_X'], 'loop', 'Undefined'],
    ],
  );
  // What is still undefined is reported here; the cycle in abbrev.bib is abbrev.bib's to report, its macro undefined here.
  assert.deepEqual(
    diagnostics.map((d) => `${d.line}:${d.column} ${undefinedMacro(d.message)}`),
    ['9:29 Nobody_X', '9:49 loop'],
  );
  assert.match(
    diagnostics[0].message,
    /Define it with `@string\{Nobody_X = \{…\}\}` in this file or in another \.bib file of its folder\.$/,
  );
  // Alone, the same file keeps the macro names and says so.
  const alone = importCorpusFile('/lib/articles.bib', bytes(articles));
  assert.deepEqual(alone.papers[0].authors, ['Lopez_MandStutzle_T']);
  assert.ok(alone.diagnostics.length >= 4);
});

test('a file of definitions only is no empty library; one without papers or definitions is', () => {
  assert.deepEqual(
    importCorpusFile('/lib/abbrev.bib', abbrev).diagnostics.map((d) => d.message),
    [
      'Lectern: `@string` macro `loop` is defined in terms of itself (`loop` on line 4 → `loop`); it was not expanded, and fields that use it keep the macro name. Break the cycle.',
    ],
  );
  // journals.bib alone does not know abbrev.bib's `ieee`: said, but no "no papers found".
  assert.deepEqual(
    importCorpusFile('/lib/journals.bib', journals).diagnostics.map((d) => undefinedMacro(d.message)),
    ['ieee'],
  );
  assert.deepEqual(importCorpusFile('/lib/authors.bib', authors).diagnostics, [], 'a clean file of macros says nothing');
  // A directive only in a comment defines nothing (fast-check found `%@string{` said nothing at all).
  for (const text of ['% only a comment\n', '%@string{', '@comment{@string{a = "b"}}'])
    assert.match(
      importCorpusFile('/lib/notes.bib', bytes(text)).diagnostics[0]?.message ?? '',
      /^Lectern: no papers found in \/lib\/notes\.bib/,
      text,
    );
  assert.match(
    importCorpusFile('/lib/notes.bib', bytes('% only a comment\n')).diagnostics[0].message,
    /^Lectern: no papers found in \/lib\/notes\.bib/,
  );
  assert.deepEqual(readBibtexDefinitions('/lib/binary.bib', new Uint8Array([0xff, 0x00, 0xfe])), { strings: [], preambles: [] });
});
