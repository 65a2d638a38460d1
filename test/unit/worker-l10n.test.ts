import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { importCorpusFile } from '../../src/core/import/import-corpus-file';
import { useMessageBundle } from '../../src/core/l10n/message-bundle';
import { CorpusImporter } from '../../src/vscode/library/corpus-importer';
import { nodeCorpusWorker } from '../../src/vscode/platform/node-corpus-worker';
import { bundleImportWorker } from '../support/import-worker-bundle';
import { fromPseudo, pseudoBundle } from '../support/pseudo-locale';

// The corpus worker is a thread of its own, with its own copy of @vscode/l10n: it speaks the host's language only
// because the host hands its bundle over when it starts the worker (workerData). The worker runs as shipped (bundled).
let bundleDir: string;

before(async () => {
  bundleDir = await bundleImportWorker('lectern-worker-l10n-');
});
after(() => rmSync(bundleDir, { recursive: true, force: true }));
afterEach(() => useMessageBundle(undefined));

/** A BibTeX file large enough to go to the worker, with an entry lacking its title and one missing its `}`. */
function brokenLargeBibtex(): Uint8Array {
  const good = Array.from(
    { length: 1_500 },
    (_, i) =>
      `@article{paper${i},\n  title = {Sparse codes, part ${i}},\n  author = {Lee, Ada},\n  year = {2001},\n  abstract = {${'Spiking networks. '.repeat(12)}}\n}\n`,
  ).join('\n');
  return new TextEncoder().encode(
    `@article{notitle,\n  year = {2020}\n}\n\n${good}\n@article{open,\n  title = {Unclosed},\n  year = {2021}\n`,
  );
}

async function importInWorker(bytes: Uint8Array) {
  const importer = new CorpusImporter(nodeCorpusWorker(bundleDir));
  try {
    return await importer.import('refs/large.bib', bytes);
  } finally {
    importer.dispose();
  }
}

test("the worker's diagnostics are in the host's language when the host has a bundle, with lines unchanged", async () => {
  const bytes = brokenLargeBibtex();
  assert.ok(bytes.byteLength > 256 * 1024, 'large enough to go to the worker');
  const english = importCorpusFile('refs/large.bib', bytes).diagnostics;
  assert.ok(english.length >= 2);
  useMessageBundle(pseudoBundle());
  const translated = (await importInWorker(bytes)).diagnostics;
  assert.deepEqual(translated, importCorpusFile('refs/large.bib', bytes).diagnostics, 'the worker says what the host says');
  assert.equal(translated.length, english.length);
  translated.forEach((diagnostic, i) => {
    assert.deepEqual({ ...diagnostic, message: '' }, { ...english[i], message: '' }, 'file, line, column and severity');
    assert.match(diagnostic.message, /^⟪LECTERN: /);
    assert.equal(fromPseudo(diagnostic.message), english[i].message.toUpperCase());
  });
});

test('a worker started while the host has no bundle speaks English', async () => {
  const bytes = brokenLargeBibtex();
  assert.deepEqual((await importInWorker(bytes)).diagnostics, importCorpusFile('refs/large.bib', bytes).diagnostics);
  assert.match((await importInWorker(bytes)).diagnostics[0].message, /^Lectern: entry `notitle` \(line 1\) has no title/);
});
