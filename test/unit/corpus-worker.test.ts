import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { contentFingerprint } from '../../src/core/corpus/content-fingerprint';
import { assignCorpusTopics, type CorpusTopics } from '../../src/core/corpus/corpus';
import { importCorpusFile } from '../../src/core/import/import-corpus-file';
import { LibraryLoader } from '../../src/core/library/library-loader';
import { PaperLibrary } from '../../src/core/library/paper-library';
import { NodeCorpusSource } from '../../src/node/node-corpus-source';
import { nodeCorpusWorker } from '../../src/vscode/platform/node-corpus-worker';
import { CorpusImporter } from '../../src/vscode/library/corpus-importer';
import { bundleImportWorker } from '../support/import-worker-bundle';
import { seedCorpusPath } from '../support/shared-corpora';

// The extension host's corpus worker, run as shipped: the worker entry bundled by esbuild.
let bundleDir: string;
let importer: CorpusImporter;

before(async () => {
  bundleDir = await bundleImportWorker('lectern-worker-');
  importer = new CorpusImporter(nodeCorpusWorker(bundleDir));
});

after(() => {
  importer.dispose();
  rmSync(bundleDir, { recursive: true, force: true });
});

function bigBibtex(entries: number): Uint8Array {
  const text = Array.from(
    { length: entries },
    (_, i) =>
      `@article{paper${i},\n  title = {Spiking networks and sparse codes, part ${i}},\n  author = {M{\\"u}ller, Jonas and Lee, Ada},\n  year = {${2000 + (i % 25)}},\n  abstract = {${'We study sparse codes in spiking neural networks. '.repeat(4)}}\n}\n`,
  ).join('\n');
  return new TextEncoder().encode(text);
}

test('a large file imported in the worker gives exactly what an inline import gives', async () => {
  const bytes = bigBibtex(1_500);
  assert.ok(bytes.byteLength > 256 * 1024, 'large enough to go to the worker');
  const inWorker = await importer.import('big.bib', bytes);
  assert.deepEqual(inWorker, importCorpusFile('big.bib', bytes));
  assert.equal(inWorker.papers.length, 1_500);
  assert.equal(inWorker.papers[0].authors[0], 'Jonas Müller');
});

test('an index built in the worker loads in the host and answers like one built there', async () => {
  const bytes = bigBibtex(600);
  const files = [
    await new LibraryLoader(await NodeCorpusSource.create([])).readFile(seedCorpusPath),
    { path: 'big.bib', fingerprint: contentFingerprint(bytes), ...importCorpusFile('big.bib', bytes) },
  ];
  const index = await importer.buildIndex(files, undefined);
  assert.ok(index instanceof Uint8Array, 'the worker hands over the cache bytes');
  const fromWorker = PaperLibrary.open(files, { cachedIndex: index });
  assert.equal(fromWorker.indexFrom, 'cache');
  const local = PaperLibrary.open(files);
  assert.equal(local.indexFrom, 'build');
  for (const query of ['attention sink', 'spiking sparse', 'halucination', 'year:2010..2012 codes']) {
    assert.deepEqual(fromWorker.search.search(query, { limit: 20 }), local.search.search(query, { limit: 20 }), query);
  }
});

test("an index built in the worker under the host's cached topics holds those topics, not discovered ones", async () => {
  const files = [await new LibraryLoader(await NodeCorpusSource.create([])).readFile(seedCorpusPath)];
  const discovered = assignCorpusTopics(files);
  // Topics as a carried change leaves them: every paper filed under one name discovery would not give.
  const given: CorpusTopics = {
    ...discovered,
    paperTopics: discovered.paperTopics.map(() => ['Kept By Hand']),
    topics: [{ name: 'Kept By Hand', paperIds: PaperLibrary.open(files).papers.map((paper) => paper.id), origin: 'curated' }],
    drift: 1,
  };
  const index = await importer.buildIndex(files, undefined, given);
  const library = PaperLibrary.open(files, { cachedIndex: index, topics: given });
  assert.equal(library.indexFrom, 'cache', 'the index is of these topics');
  assert.equal(library.search.search('topic:"Kept By Hand"', { limit: 100 }).total, files[0].papers.length);
});

test('without a worker bundle, imports run inline and no index is offered', async () => {
  const missing = new CorpusImporter(nodeCorpusWorker(join(bundleDir, 'no-such-folder')));
  try {
    const bytes = bigBibtex(1_500);
    assert.equal((await missing.import('big.bib', bytes)).papers.length, 1_500);
    assert.equal(await missing.buildIndex([], undefined), undefined);
  } finally {
    missing.dispose();
  }
});
