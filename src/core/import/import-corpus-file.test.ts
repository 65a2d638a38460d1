import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { repoRoot, seedCorpusPath, sharedCorpus } from '../../../test/support/shared-corpora';
import type { ImportResult } from '../model/diagnostic';
import { CORPUS_FILE_EXTENSIONS, detectCorpusFormat, importCorpusFile } from './import-corpus-file';

const fixtureBytes = (name: string): Uint8Array => readFileSync(join(repoRoot, 'test', 'fixtures', 'import', name));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Everything a caller may rely on, whatever the input. */
function assertWellFormed(result: ImportResult, file: string): void {
  assert.ok(Array.isArray(result.papers), 'papers is an array');
  assert.ok(Array.isArray(result.diagnostics), 'diagnostics is an array');
  for (const d of result.diagnostics) {
    assert.equal(d.file, file);
    assert.ok(Number.isInteger(d.line) && d.line >= 1, `line ${d.line}`);
    assert.ok(Number.isInteger(d.column) && d.column >= 1, `column ${d.column}`);
    assert.ok(['error', 'warning', 'info'].includes(d.severity));
    assert.match(d.message, /^Lectern: /);
  }
  for (const p of result.papers) {
    assert.ok(typeof p.title === 'string' && p.title.trim().length > 0, 'a paper has a title');
    assert.ok(Array.isArray(p.authors) && p.authors.every((a) => typeof a === 'string'));
    assert.equal(typeof p.abstract, 'string');
    assert.deepEqual(p.topics, []);
    assert.equal(p.id, undefined);
    assert.equal(p.source.file, file);
    assert.ok(Number.isInteger(p.source.line) && p.source.line >= 1);
    if (p.year !== undefined) assert.ok(Number.isInteger(p.year));
    if (p.date !== undefined) assert.match(p.date, /^\d{4}(-\d{2}(-\d{2})?)?$/);
  }
}

test('the extension picks the format and the content confirms it', () => {
  assert.equal(detectCorpusFormat('a/lib.bib', '@article{x, title={T}}'), 'bibtex');
  assert.equal(detectCorpusFormat('lib.BIB', ''), 'bibtex');
  assert.equal(
    detectCorpusFormat('items.json', '[{"id": "k", "type": "book", "title": "T", "issued": {"date-parts": [[2020]]}}]'),
    'csl-json',
  );
  assert.equal(detectCorpusFormat('items.json', '[{"title": "T", "author": [{"family": "F", "given": "G"}]}]'), 'csl-json');
  assert.equal(detectCorpusFormat('papers.json', '[{"title": "T", "authors": ["A B"], "abstract": "x"}]'), 'lectern-json');
  assert.equal(
    detectCorpusFormat('openreview.json', '[{"id": "B1x", "title": "T", "author": "A;B", "keywords": "a;b", "site": "https://x"}]'),
    'lectern-json',
  );
  assert.equal(detectCorpusFormat('export.json', '{"papers": [{"title": "T"}], "diagnostics": []}'), 'lectern-json');
  const arxivLine = '{"id": "0704.0001", "title": "T", "categories": "hep-ph", "versions": [], "authors_parsed": []}';
  assert.equal(
    detectCorpusFormat('arxiv-metadata-oai-snapshot.json', `${arxivLine}\n${arxivLine}\n`),
    'arxiv-jsonl',
    'the Kaggle file is JSON Lines named .json',
  );
  assert.equal(detectCorpusFormat('a.jsonl', `${arxivLine}\n`), 'arxiv-jsonl');
  assert.equal(detectCorpusFormat('a.ndjson', '{"title": "T", "authors": ["A"]}\n'), 'lectern-json');
  assert.equal(
    detectCorpusFormat('a.jsonl', '{"id": "0704.0001", "authors_parsed": [[\n'),
    'arxiv-jsonl',
    'a broken first line still says arXiv',
  );
  assert.equal(detectCorpusFormat('daily.txt', 'new\nSome title\nAn abstract.'), 'daily-papers');
  assert.equal(detectCorpusFormat('saved.txt', '@article{x,\n title = {T}\n}\n'), 'bibtex');
  assert.equal(detectCorpusFormat('refs', '% exported\n@book{x, title={T}}'), 'bibtex');
  assert.equal(detectCorpusFormat('refs', '[{"title": "T"}]'), 'lectern-json');
  assert.equal(detectCorpusFormat('notes.md', 'just some prose'), undefined);
  assert.deepEqual([...CORPUS_FILE_EXTENSIONS].sort(), ['.bib', '.bibtex', '.json', '.jsonl', '.ndjson', '.tsv', '.txt']);
});

test('fixtures load through the one entry point', () => {
  const counts: Record<string, number> = {
    'zotero-style.bib': 5,
    'csl-items.json': 3,
    'arxiv-sample.jsonl': 3,
    'lectern-papers.json': 3,
    'lectern-papers.jsonl': 3,
  };
  for (const [name, count] of Object.entries(counts)) {
    const result = importCorpusFile(name, fixtureBytes(name));
    assertWellFormed(result, name);
    assert.equal(result.papers.length, count, name);
  }
  const seed = importCorpusFile(seedCorpusPath, readFileSync(seedCorpusPath));
  assertWellFormed(seed, seedCorpusPath);
  assert.ok(seed.papers.length > 50, 'the bundled daily-papers page is dispatched to its importer');
});

test('an empty file is a warning that names it', () => {
  for (const [name, bytes] of [
    ['empty.bib', fixtureBytes('empty.bib')],
    ['blank.json', utf8('  \n\t\n')],
    ['bom.jsonl', new Uint8Array([0xef, 0xbb, 0xbf])],
  ] as const) {
    const result = importCorpusFile(name, bytes);
    assert.deepEqual(result.papers, []);
    assert.equal(result.diagnostics.length, 1);
    assert.equal(result.diagnostics[0].severity, 'warning');
    assert.match(result.diagnostics[0].message, new RegExp(`^Lectern: ${name.replace('.', '\\.')} is empty`));
  }
});

test('a binary file is an error that names it and the formats Lectern reads', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const result = importCorpusFile('figure.bib', png);
  assert.deepEqual(result.papers, []);
  assert.equal(result.diagnostics.length, 1);
  assert.equal(result.diagnostics[0].severity, 'error');
  assert.match(result.diagnostics[0].message, /^Lectern: figure\.bib is not a text file .*BibTeX \(\.bib\).*CSL-JSON.*\.jsonl/);

  // One invalid byte costs only the entry that holds it (see test/unit/hostile-imports.test.ts for every format).
  const latin1 = new Uint8Array([...utf8('@article{k,\n title = {Caf'), 0xe9, ...utf8('}\n}\n@article{ok,\n title = {Fine}\n}\n')]);
  const bad = importCorpusFile('latin1.bib', latin1);
  assert.deepEqual(
    bad.papers.map((p) => p.citeKey),
    ['ok'],
  );
  assert.equal(bad.diagnostics.length, 1);
  assert.equal(bad.diagnostics[0].severity, 'error');
  assert.deepEqual([bad.diagnostics[0].line, bad.diagnostics[0].column], [2, 14]);
  assert.match(
    bad.diagnostics[0].message,
    /^Lectern: latin1\.bib has the invalid UTF-8 byte 0xE9 at line 2, column 14, in entry `k` \(line 1\); that record was skipped, the others loaded\. Re-save the file as UTF-8/,
  );
  // A file that is mostly not UTF-8 is refused as a whole, as before.
  const allLatin1 = new Uint8Array([...utf8('@article{k,\n title = {Caf'), 0xe9, 0xe9, 0xe9, ...utf8('}\n}\n')]);
  const refused = importCorpusFile('latin1.bib', allLatin1);
  assert.equal(refused.papers.length, 0);
  assert.equal(refused.diagnostics.length, 1);
  assert.match(
    refused.diagnostics[0].message,
    /^Lectern: latin1\.bib is not valid UTF-8 text \(first bad byte at line 2, column 14, 3 in all\).*Re-save it as UTF-8/,
  );
});

test('a UTF-8 BOM is stripped, CRLF and lone CR end lines, UTF-16 with a BOM is read', () => {
  const bib = '@article{first,\n title = {First}\n}\n\n@article{second,\n title = {Second}\n}\n';
  const expected = [
    ['first', 1],
    ['second', 5],
  ];
  const withBom = importCorpusFile('bom.bib', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(bib)]));
  assert.deepEqual(
    withBom.papers.map((p) => [p.citeKey, p.source.line]),
    expected,
  );
  const crlf = importCorpusFile('crlf.bib', utf8(bib.replace(/\n/g, '\r\n')));
  assert.deepEqual(
    crlf.papers.map((p) => [p.citeKey, p.source.line]),
    expected,
  );
  assert.equal(crlf.papers[0].title, 'First');
  // A lone CR is a line end for editors (and for the Problems panel), so it counts here too.
  // (The Mendeley export has one inside an `isbn` value.)
  const loneCr = importCorpusFile('cr.bib', utf8(bib.replace('{First}', '{Fi\rrst}')));
  assert.deepEqual(
    loneCr.papers.map((p) => [p.citeKey, p.source.line]),
    [
      ['first', 1],
      ['second', 6],
    ],
  );
  const utf16 = new Uint8Array(2 + bib.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < bib.length; i++) utf16[2 + 2 * i] = bib.charCodeAt(i);
  assert.deepEqual(
    importCorpusFile('utf16.bib', utf16).papers.map((p) => [p.citeKey, p.source.line]),
    expected,
  );
});

test('a file in a format Lectern cannot recognise, or with nothing in it, says so', () => {
  const unknown = importCorpusFile('notes.md', utf8('# Notes\nnothing here'));
  assert.equal(unknown.diagnostics[0].severity, 'error');
  assert.match(unknown.diagnostics[0].message, /^Lectern: cannot tell which corpus format notes\.md is in/);
  const noEntries = importCorpusFile('prose.bib', utf8('This file has prose but no entries.'));
  assert.match(noEntries.diagnostics[0].message, /^Lectern: no papers found in prose\.bib \(read as BibTeX\)/);
  const emptyArray = importCorpusFile('none.json', utf8('[]'));
  assert.equal(emptyArray.diagnostics.length, 1);
});

const extensions = [...CORPUS_FILE_EXTENSIONS, '.xyz', ''];
/** Characters that matter to the formats, so random text hits the interesting paths. */
const tokens = fc.constantFrom(
  '@article{',
  '@string{',
  '@comment{',
  'title',
  'author',
  ' = ',
  '{',
  '}',
  '"',
  ',',
  '#',
  '%',
  '\\',
  '$',
  '[',
  ']',
  ':',
  'null',
  '{"title": "',
  '"authors_parsed": [',
  '\n',
  '\r\n',
  ' ',
  'x',
  'é',
  '\u0000',
  '\uFEFF',
  'and ',
  '0704.0001',
);

test('property: random bytes never make importCorpusFile throw, with any extension', () => {
  fc.assert(
    fc.property(fc.constantFrom(...extensions), fc.uint8Array({ maxLength: 600 }), (ext, bytes) => {
      const file = `random${ext}`;
      const result = importCorpusFile(file, bytes);
      assertWellFormed(result, file);
      assert.ok(result.papers.length + result.diagnostics.length > 0, 'something is said about every file');
    }),
    { numRuns: 300 },
  );
});

test('property: random format-like text never throws and always yields papers or diagnostics', () => {
  fc.assert(
    fc.property(fc.constantFrom(...extensions), fc.string({ unit: tokens, maxLength: 80 }), (ext, text) => {
      const file = `random${ext}`;
      const result = importCorpusFile(file, utf8(text));
      assertWellFormed(result, file);
      assert.ok(result.papers.length + result.diagnostics.length > 0, 'something is said about every file');
    }),
    { numRuns: 400 },
  );
});

test('property: random Unicode strings never throw', () => {
  fc.assert(
    fc.property(fc.constantFrom(...extensions), fc.string({ unit: 'grapheme', maxLength: 200 }), (ext, text) => {
      const file = `unicode${ext}`;
      const result = importCorpusFile(file, utf8(text));
      assertWellFormed(result, file);
      if (text.trim()) assert.ok(result.papers.length + result.diagnostics.length > 0);
    }),
    { numRuns: 300 },
  );
});

test('shared corpora: every file is recognised as its format', (t) => {
  const expected: Array<[string, string]> = [
    ['arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl', 'arxiv-jsonl'],
    ['arxiv_snapshot_head200_exact.jsonl', 'arxiv-jsonl'],
    ['bibtex_mendeley_neuroscience_library.bib', 'bibtex'],
    ['bibtex_zotero_marine-chemistry_my-library.bib', 'bibtex'],
    ['csljson_betterbibtex_optics-robotics_my-library.json', 'csl-json'],
    ['csljson_betterbibtex_legged-robotics_my-library.json', 'csl-json'],
    ['csljson_betterbibtex_law_my-library.json', 'csl-json'],
    ['openreview_iclr2018_paperlists.json', 'lectern-json'],
  ];
  let checked = 0;
  for (const [name, format] of expected) {
    const corpus = sharedCorpus(name);
    if (corpus.skip) continue;
    assert.equal(detectCorpusFormat(corpus.path, readFileSync(corpus.path, 'utf8')), format, name);
    checked++;
  }
  if (checked === 0) t.skip('shared corpora absent');
});

const CLEAN_BIB = `% a small, valid library
@string{jmlr = {Journal of Machine Learning Research}}
@comment{jabref-meta: databaseType:bibtex;}

@article{alpha2020,
  title = {Alpha: {A} study of {\\"o}ptimal things},
  author = {M{\\"u}ller, Jan and Smith, Ann},
  journal = jmlr,
  year = {2020},
}

@inproceedings{beta2021,
  title = "Beta results",
  author = {Lee, Kim},
  booktitle = {Proceedings of Things},
  year = 2021,
  month = jun,
}

@article{gamma2019,
  title = {Gamma rays and $\\gamma$ math},
  author = {Ng, Andrew and Dvo{\\v{r}}{\\'a}k, Anton{\\'\\i}n},
  abstract = {An abstract with 50\\% more {braces} and $x_{i}$.},
  doi = {10.1000/GAMMA},
}

@misc{delta2018,
  title = {Delta},
  url = {https://example.org/a https://example.org/b},
}
`;

const CLEAN_CSL = JSON.stringify(
  [
    {
      id: 'a2020',
      type: 'article-journal',
      title: 'Alpha',
      author: [{ family: 'Müller', given: 'Jan' }],
      issued: { 'date-parts': [['2020', 3]] },
    },
    { id: 'b2021', type: 'paper-conference', title: 'Beta <i>results</i>', author: [{ literal: 'The Team' }], abstract: '<p>Text</p>' },
    { id: 'c2019', type: 'book', title: 'Gamma', issued: { literal: '2019' }, keyword: 'x, y' },
    { id: 'd2018', type: 'webpage', title: 'Delta', URL: 'https://example.org' },
  ],
  null,
  2,
);

const CLEAN_JSONL = [
  '{"id":"0704.0001","title":"One","authors":"A. B","categories":"hep-ph","versions":[{"created":"Mon, 2 Apr 2007 19:18:42 GMT"}],"authors_parsed":[["B","A.",""]]}',
  '{"id":"0704.0002","title":"Two","authors":"C. D and E. F","categories":"cs.CV","authors_parsed":[["D","C.",""],["F","E.",""]]}',
  '{"id":"0704.0003","title":"Three","authors":"G. H","categories":"math.AG","authors_parsed":["H G."]}',
  '{"id":"0704.0004","title":"Four","authors":"I. J","categories":"quant-ph","authors_parsed":[["J","I.",""]]}',
].join('\n');

for (const [file, text, base] of [
  ['clean.bib', CLEAN_BIB, 4],
  ['clean.json', CLEAN_CSL, 4],
  ['clean.jsonl', CLEAN_JSONL, 4],
] as const) {
  test(`property: deleting any one character of ${file} loses at most the record it was in`, () => {
    assert.equal(importCorpusFile(file, utf8(text)).papers.length, base, 'the clean file loads fully');
    fc.assert(
      fc.property(fc.nat(text.length - 1), (at) => {
        const mutated = text.slice(0, at) + text.slice(at + 1);
        const result = importCorpusFile(file, utf8(mutated));
        assertWellFormed(result, file);
        // Deleting a line break of JSON Lines joins two records into one bad line.
        const allowed = text[at] === '\n' && file.endsWith('.jsonl') ? 2 : 1;
        assert.ok(
          result.papers.length >= base - allowed,
          `deleting ${JSON.stringify(text[at])} at ${at} left ${result.papers.length} papers`,
        );
      }),
      { numRuns: 250 },
    );
  });
}

test('property: random edits of valid files never throw and never go unreported', () => {
  const files = [
    ['edit.bib', CLEAN_BIB],
    ['edit.json', CLEAN_CSL],
    ['edit.jsonl', CLEAN_JSONL],
  ] as const;
  const edit = fc.record({ at: fc.nat(), cut: fc.nat(12), insert: fc.string({ unit: tokens, maxLength: 3 }) });
  fc.assert(
    fc.property(fc.constantFrom(...files), fc.array(edit, { minLength: 1, maxLength: 4 }), ([file, text], edits) => {
      let mutated: string = text;
      for (const e of edits) {
        const at = e.at % (mutated.length + 1);
        mutated = mutated.slice(0, at) + e.insert + mutated.slice(at + e.cut);
      }
      const result = importCorpusFile(file, utf8(mutated));
      assertWellFormed(result, file);
      if (mutated.trim()) assert.ok(result.papers.length + result.diagnostics.length > 0);
    }),
    { numRuns: 300 },
  );
});
