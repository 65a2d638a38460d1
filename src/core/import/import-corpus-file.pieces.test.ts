import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedCorpus } from '../../../test/support/shared-corpora';
import { importCorpusFile } from './import-corpus-file';

// A JSON Lines file larger than `pieceBytes` is decoded and imported a piece at a time (one string holds at most
// 512 MB of text; the arXiv snapshot is gigabytes). Small pieces here stand in for the 64 MB ones: whatever the
// cuts, a user must see the papers and the located diagnostics a whole-file read gives.

const encoder = new TextEncoder();

function arxivLine(id: string, title: string, abstract: string): string {
  return JSON.stringify({
    id,
    title,
    abstract,
    authors: 'A. Author',
    categories: 'cs.LG',
    versions: [{ created: 'Mon, 2 Apr 2007 19:18:42 GMT' }],
    update_date: '2008-11-13',
  });
}

/** An arXiv snapshot with the damage real files carry, on lines that land in different pieces. */
function hostileArxivBytes(): Uint8Array {
  const lines = [
    arxivLine('0704.0001', 'Prompt diphoton production at the Tevatron', 'A differential calculation of $\\gamma\\gamma$ pairs.'),
    arxivLine('0704.0002', 'Sparsity-certifying graph decompositions', 'We describe a new algorithm — the (k, ℓ)-pebble game.'),
    '{"id": "0704.0003", "title": "Broken line", "abstract": ',
    '',
    arxivLine('0704.0004', 'Évolution des Galaxies', 'Résumé en français, with “quotes” and 数学.'),
    '["not", "an", "object"]',
    arxivLine('0704.0005', '', 'A record without a title.'),
    arxivLine('0704.0006', 'A paper after the damage', 'Its abstract is plain.'),
  ];
  const head = encoder.encode('\uFEFF' + lines.join('\r\n') + '\r\n');
  // A line holding an invalid UTF-8 byte: skipped with a diagnostic at that byte, the others load.
  const bad = encoder.encode(arxivLine('0704.0007', 'A title with a bad byte: X', 'Abstract.') + '\n');
  bad[bad.indexOf(0x58)] = 0xff;
  const tail = encoder.encode([arxivLine('0704.0008', 'The last paper', 'Read after every kind of damage.'), ''].join('\n'));
  const bytes = new Uint8Array(head.length + bad.length + tail.length);
  bytes.set(head, 0);
  bytes.set(bad, head.length);
  bytes.set(tail, head.length + bad.length);
  return bytes;
}

test('an arXiv JSON Lines file read in pieces gives the papers and the located diagnostics of a whole-file read', () => {
  const bytes = hostileArxivBytes();
  const whole = importCorpusFile('arxiv-metadata-oai-snapshot.json', bytes);
  assert.deepEqual(
    whole.papers.map((p) => [p.arxivId, p.source.line]),
    [
      ['0704.0001', 1],
      ['0704.0002', 2],
      ['0704.0004', 5],
      ['0704.0006', 8],
      ['0704.0008', 10],
    ],
  );
  assert.deepEqual(
    whole.diagnostics.map((d) => d.line),
    [3, 6, 7, 9],
    'the broken line, the array, the untitled record and the bad byte, each at its line',
  );
  for (const pieceBytes of [1, 50, 200, 400, 1000]) {
    assert.deepEqual(importCorpusFile('arxiv-metadata-oai-snapshot.json', bytes, { pieceBytes }), whole, `pieces of ${pieceBytes} bytes`);
  }
});

test('Lectern JSON Lines read in pieces, down to one line a piece, give the papers and diagnostics of a whole-file read', () => {
  const lines = [
    JSON.stringify({ title: 'Attention Is All You Need', authors: 'Ashish Vaswani; Noam Shazeer', year: 2017 }),
    JSON.stringify({ title: 'Deep Residual Learning', abstract: 'Residual nets.', keywords: 'vision; residual' }),
    '{"title": "cut short',
    JSON.stringify({ abstract: 'No title here.' }),
    JSON.stringify({ title: 'Spiking Neural Networks', authors: ['Wolfgang Maass'] }),
  ];
  const bytes = encoder.encode(lines.join('\n') + '\n');
  const whole = importCorpusFile('papers.jsonl', bytes);
  assert.deepEqual(
    whole.papers.map((p) => [p.title, p.source.line]),
    [
      ['Attention Is All You Need', 1],
      ['Deep Residual Learning', 2],
      ['Spiking Neural Networks', 5],
    ],
  );
  assert.deepEqual(
    whole.diagnostics.map((d) => d.line),
    [3, 4],
  );
  for (const pieceBytes of [1, 90, 150])
    assert.deepEqual(importCorpusFile('papers.jsonl', bytes, { pieceBytes }), whole, `pieces of ${pieceBytes} bytes`);
});

test('a piece that is not text refuses the file at the line of the file, as a whole-file read does', () => {
  const good = arxivLine('0704.0001', 'A good paper', 'Fine.') + '\n';
  const binary = new Uint8Array(5000); // NUL bytes: more than a damaged text may hold
  const bytes = new Uint8Array([...encoder.encode(good.repeat(6)), ...binary, 0x0a, ...encoder.encode(good)]);
  const whole = importCorpusFile('arxiv.jsonl', bytes);
  assert.equal(whole.papers.length, 0);
  assert.equal(whole.diagnostics.length, 1);
  assert.equal(whole.diagnostics[0].line, 7);
  assert.match(whole.diagnostics[0].message, /not a text file \(it contains NUL bytes, first at line 7\)/);
  assert.deepEqual(importCorpusFile('arxiv.jsonl', bytes, { pieceBytes: 300 }), whole);
});

test('files of other formats are read whole, however large', () => {
  const bib = encoder.encode(
    Array.from({ length: 40 }, (_, i) => `@article{key${i},\n  title = {Paper ${i}},\n  year = {2020}\n}\n`).join('\n'),
  );
  const whole = importCorpusFile('refs.bib', bib);
  assert.equal(whole.papers.length, 40);
  assert.deepEqual(importCorpusFile('refs.bib', bib, { pieceBytes: 100 }), whole);
  // A JSON array is one value: it cannot be cut between lines.
  const array = encoder.encode(
    JSON.stringify(
      Array.from({ length: 30 }, (_, i) => ({ title: `Paper ${i}` })),
      null,
      1,
    ),
  );
  const wholeArray = importCorpusFile('papers.json', array);
  assert.equal(wholeArray.papers.length, 30);
  assert.deepEqual(importCorpusFile('papers.json', array, { pieceBytes: 100 }), wholeArray);
});

const arxiv = sharedCorpus('arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl');

test('the real arXiv snapshot in 100 kB pieces: the same 2,000 papers and diagnostics as whole', { skip: arxiv.skip }, () => {
  const bytes = readFileSync(arxiv.path);
  const whole = importCorpusFile('arxiv.jsonl', bytes);
  assert.equal(whole.papers.length, 2000);
  const pieces = importCorpusFile('arxiv.jsonl', bytes, { pieceBytes: 100_000 });
  assert.deepEqual(pieces, whole);
  assert.equal(pieces.papers[1999].source.line, 2000);
});
