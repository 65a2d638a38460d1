import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LibraryLoader } from '../../src/core/library/library-loader';
import { MemoryCorpusSource } from '../../src/core/library/memory-corpus-source';
import type { PaperLibrary } from '../../src/core/library/paper-library';
import { libraryOptionsFor, resolveCorpusSettings } from '../../src/vscode/library/corpus-settings';
import { repoRoot, sharedCorpus } from '../support/shared-corpora';

// The same files must give the same library through the CLI (the shipped bundle, cold and then
// from its cache) and through the extension's path (settings resolved as LibraryService does,
// the loader over a workspace-shaped source): ids, topics and top-10 results for a set of queries.

const shared = sharedCorpus('SOURCES.md');
const corporaDir = dirname(shared.path);
const sampleFolder = join(repoRoot, 'corpus');
const cacheDir = mkdtempSync(join(tmpdir(), 'lectern-parity-cache-'));
const QUERIES = [
  'attention sink',
  'spiking neural networks',
  'halucination',
  'legged robot locomotion',
  'ocean carbon',
  'neuron',
  'year:2015..2020 learning',
  '"reinforcement learning"',
  'optic -robot',
  'court law',
];

interface CliHit {
  id: string;
  score: number;
}

function cli(...args: string[]): string {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.cjs'), ...args, '--corpus', corporaDir, '--sample', '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, LECTERN_CACHE_DIR: cacheDir },
    maxBuffer: 1 << 28,
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

function filesUnder(dir: string, into: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path, into);
    else into[path] = readFileSync(path);
  }
  return into;
}

let extension: PaperLibrary;

before(async () => {
  if (shared.skip) return;
  // dist/cli.cjs is rebuilt from the sources by scripts/run-unit-tests.mjs before any test file runs.
  // The in-memory workspace lists every corpus file under its root, as a `**/*` glob would.
  const settings = resolveCorpusSettings({ corpus: ['**/*'], corpusExclude: [], includeSampleCorpus: true });
  const source = new MemoryCorpusSource({ ...filesUnder(corporaDir), ...filesUnder(sampleFolder) }, [corporaDir]);
  extension = (await new LibraryLoader(source, libraryOptionsFor(settings, sampleFolder)).load()).library;
});

test('CLI and extension paths give the same ids, topics and top-10 results', { skip: shared.skip }, () => {
  // The first call reads every file and writes the cache; topics and searches come from it.
  const cold = cli('list');
  const listed = JSON.parse(cold) as { papers: Array<{ id: string; topics: string[] }> };
  assert.ok(listed.papers.length > 5_000, `${listed.papers.length} papers`);
  assert.deepEqual(
    listed.papers.map((p) => p.id),
    extension.papers.map((p) => p.id),
  );
  assert.deepEqual(
    listed.papers.map((p) => p.topics),
    extension.papers.map((p) => p.topics),
  );
  const topics = JSON.parse(cli('topics')) as { topics: Array<{ name: string; papers: string[]; origin: string }> };
  assert.deepEqual(
    topics.topics,
    extension.corpus.topics.map((t) => ({ name: t.name, count: t.paperIds.length, papers: t.paperIds, origin: t.origin })),
  );
  for (const query of QUERIES) {
    const hits = (JSON.parse(cli('search', query, '--limit', '10')) as { results: CliHit[] }).results;
    const expected = extension.search.search(query, { limit: 10 }).results;
    assert.deepEqual(
      hits.map((h) => h.id),
      expected.map((h) => h.id),
      query,
    );
    assert.deepEqual(
      hits.map((h) => h.score),
      expected.map((h) => Math.round(h.score * 1000) / 1000),
      query,
    );
  }
});
