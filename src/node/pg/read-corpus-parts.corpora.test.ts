import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibraryLoader } from '../../core/library/library-loader';
import type { Diagnostic } from '../../core/model/diagnostic';
import type { Paper } from '../../core/model/paper';
import { NodeCorpusSource } from '../node-corpus-source';
import { seedCorpusPath, sharedCorpus } from '../../../test/support/shared-corpora';
import { readCorpusFiles, readCorpusParts, type ReadCorpus } from './read-corpus-files';

// `lectern db import` reads a library of millions in parts, JSON Lines from disk a piece at a time: the real arXiv
// snapshot in small pieces and parts must give the papers, lines and diagnostics of reading it at once.

const folder = mkdtempSync(join(tmpdir(), 'lectern-parts-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const arxiv = sharedCorpus('arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl');

async function allParts(paths: string[], options: Parameters<typeof readCorpusParts>[1]): Promise<ReadCorpus[]> {
  const parts: ReadCorpus[] = [];
  for await (const part of readCorpusParts(paths, options)) parts.push(part);
  return parts;
}

/** What a database keeps of a paper's reading: id, where it came from, its text and metadata. */
const essentials = (paper: Paper) => [
  paper.id,
  paper.source.file,
  paper.source.line,
  paper.title,
  paper.abstract,
  paper.authors,
  paper.categories,
];

/** The parts, read one after another, hold the papers and diagnostics of the whole read, in order. */
function assertPartsHold(parts: ReadCorpus[], whole: ReadCorpus): void {
  assert.deepEqual(
    parts.flatMap((part) => part.corpus.papers.map(essentials)),
    whole.corpus.papers.map(essentials),
  );
  assert.deepEqual(
    parts.flatMap((part) => part.diagnostics),
    whole.diagnostics,
  );
}

test(
  'the arXiv snapshot read in 100 kB pieces and parts of 700 papers: every paper once, at its line, as read at once',
  { skip: arxiv.skip },
  async () => {
    const path = join(folder, 'arxiv-metadata-oai-snapshot.json');
    copyFileSync(arxiv.path, path);
    const whole = await readCorpusFiles([path]);
    const parts = await allParts([path], { pieceBytes: 100_000, partPapers: 700 });
    assert.ok(parts.length >= 3, `${parts.length} parts`);
    for (const part of parts.slice(0, -1))
      assert.ok(part.corpus.papers.length >= 700 && part.corpus.papers.length < 900, `${part.corpus.papers.length} papers in a part`);
    for (const part of parts)
      assert.deepEqual(
        part.corpus.files.map((file) => file.path),
        [path],
        'a file cut into fragments is one file of each part',
      );
    assertPartsHold(parts, whole);
    // Categories are metadata: every part names its papers' topics from them, as the whole library does.
    for (const part of parts) assert.ok(part.corpus.papers.every((paper) => (paper.topics ?? []).length > 0));
  },
);

test('a broken line and a record without a title are reported at their lines of the file, in whichever part they fall', async () => {
  const line = (i: number) =>
    JSON.stringify({ id: `2101.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, abstract: 'Text.', categories: 'cs.LG', versions: [] });
  const lines = Array.from({ length: 300 }, (_, i) => line(i + 1));
  lines[149] = '{"id": "2101.00150", "title": "cut short';
  lines[249] = JSON.stringify({ id: '2101.00250', abstract: 'No title.', categories: 'cs.LG', versions: [] });
  const path = join(folder, 'broken.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  const whole = await readCorpusFiles([path]);
  assert.deepEqual(
    whole.diagnostics.map((d) => d.line),
    [150, 250],
  );
  const parts = await allParts([path], { pieceBytes: 2000, partPapers: 50 });
  assert.ok(parts.length >= 5);
  assertPartsHold(parts, whole);
  // A cap on records drops the same papers, with the same one warning, as a whole-file read.
  const limits = { maxRecords: 120 };
  const capped = await readCorpusFiles([path], { limits });
  assert.equal(capped.corpus.papers.length, 120);
  assert.match(capped.diagnostics.at(-1)!.message, /holds more than 120 papers.*the 178 from line 121 on were not loaded/);
  const cappedParts = await allParts([path], { limits, pieceBytes: 2000, partPapers: 50 });
  assertPartsHold(cappedParts, capped);
});

test("a library smaller than a part is one part, the corpus the local library loads, with the folder's other files", async () => {
  const library = join(folder, 'library');
  mkdirSync(library);
  copyFileSync(seedCorpusPath, join(library, 'daily-papers.txt'));
  writeFileSync(join(library, 'refs.bib'), '@article{smith2020, title = {A Bib Paper}, year = {2020}}\n@article{broken, title = {Cut\n');
  const paths = [library, join(folder, 'missing.bib')];
  const local = await new LibraryLoader(await NodeCorpusSource.create(paths)).load();
  const parts = await allParts(paths, {});
  assert.equal(parts.length, 1);
  assert.deepEqual(parts[0].corpus.papers, local.library.corpus.papers);
  assert.deepEqual(parts[0].corpus.topics, local.library.corpus.topics);
  const located = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.message}`;
  const localDiagnostics = [
    ...local.taxonomy.files.flatMap((file) => file.diagnostics),
    ...local.listingDiagnostics,
    ...local.library.corpus.diagnostics,
  ];
  assert.deepEqual(parts[0].diagnostics.map(located).sort(), localDiagnostics.map(located).sort());
  assert.ok(
    parts[0].diagnostics.some((d) => d.file.endsWith('refs.bib')) && parts[0].diagnostics.some((d) => d.file.endsWith('missing.bib')),
  );
  // Files of other formats larger than a piece are read whole, as before.
  const smallPieces = await allParts(paths, { pieceBytes: 1000 });
  assert.deepEqual(smallPieces[0].corpus.papers, parts[0].corpus.papers);
  assert.deepEqual(smallPieces[0].diagnostics, parts[0].diagnostics);
});
