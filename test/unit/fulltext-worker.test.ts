import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfSource } from '../../src/node/pdf-text-library';
import { nodeCorpusWorker } from '../../src/vscode/platform/node-corpus-worker';
import { CorpusImporter } from '../../src/vscode/library/corpus-importer';
import type { FullTextAnswer } from '../../src/vscode/library/worker-fulltext-server';
import { bundleImportWorker } from '../support/import-worker-bundle';
import { damagedPdf, textPdf } from '../support/pdf-fixtures';
import { layoutPdf, linesAt } from '../support/pdf-fixtures-text';

// The corpus worker as shipped (bundled by esbuild, pdf.js inside it) reads, caches, indexes and searches PDFs.
let bundleDir: string;
let importer: CorpusImporter;
const folder = mkdtempSync(join(tmpdir(), 'lectern-fulltext-worker-'));

before(async () => {
  bundleDir = await bundleImportWorker('lectern-fulltext-worker-bundle-');
  importer = new CorpusImporter(nodeCorpusWorker(bundleDir));
  writeFileSync(join(folder, 'a.pdf'), await layoutPdf([linesAt(['Introduction.']), linesAt(['Neuromodulators tune cortical gain.'])]));
  writeFileSync(join(folder, 'b.pdf'), await textPdf(2));
  writeFileSync(join(folder, 'broken.pdf'), damagedPdf());
});

after(() => {
  importer.dispose();
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

const paper = (id: string) => ({ id, title: `Paper ${id}`, authors: [], topics: [] });
const sources: PdfSource[] = [
  { paper: paper('a'), paths: [join(folder, 'a.pdf')] },
  { paper: paper('b'), paths: [join(folder, 'missing.pdf'), join(folder, 'b.pdf')] },
  { paper: paper('broken'), paths: [join(folder, 'broken.pdf')] },
];

async function build(cacheFolder: string) {
  await importer.ask({ id: 0, kind: 'fulltext-stage', first: true, sources: sources.slice(0, 2) }, { answered: false });
  await importer.ask({ id: 0, kind: 'fulltext-stage', first: false, sources: sources.slice(2) }, { answered: false });
  const answer = await importer.ask<FullTextAnswer>({ id: 0, kind: 'fulltext-build', cacheFolder, maxBytes: 1e8 });
  assert.ok(answer && 'built' in answer, JSON.stringify(answer));
  return answer.built;
}

test('the worker reads the PDFs once, caches them by content hash, and searches their pages', async () => {
  const cacheFolder = join(folder, 'cache');
  const first = await build(cacheFolder);
  assert.deepEqual([first.papers, first.pages, first.extracted, first.extractedPages], [2, 4, 3, 4]);
  assert.deepEqual(
    first.diagnostics.map((d) => d.file),
    [join(folder, 'broken.pdf')],
  );
  assert.match(first.diagnostics[0].message, /^Lectern: the PDF of “Paper broken” \(.*broken\.pdf\) is damaged/);
  assert.equal(readdirSync(cacheFolder).filter((name) => /^fulltext-[0-9a-f]{64}\.json$/.test(name)).length, 3);

  const answer = await importer.ask<FullTextAnswer>({ id: 0, kind: 'fulltext-search', query: 'neuromodulators', limit: 10 });
  assert.ok(answer && 'hits' in answer);
  assert.deepEqual(answer.hits, [
    {
      id: 'a',
      title: 'Paper a',
      topics: [],
      score: answer.hits[0].score,
      pages: [{ page: 2, snippet: 'Neuromodulators tune cortical gain.' }],
    },
  ]);

  const second = await build(cacheFolder);
  assert.deepEqual([second.papers, second.pages, second.extracted], [2, 4, 0], 'a second build parses no PDF');
  assert.equal(second.diagnostics.length, 1, 'the damaged PDF is still named');
});
