import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryIndexCacheStore } from './index-cache-store';
import { LibraryLoader } from './library-loader';
import { MemoryCorpusSource } from './memory-corpus-source';
import { repoRoot } from '../../../test/support/shared-corpora';

// The bundled sample stays a sample: its papers are marked, its taxonomy names their topics only,
// and with `sampleWhen: 'auto'` it shows only while the user has no corpus file of their own.

const bundled = {
  '/ext/corpus/daily-papers.txt': readFileSync(join(repoRoot, 'corpus', 'daily-papers.txt'), 'utf8'),
  '/ext/corpus/topics.json': readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8'),
};
const BUNDLED_TOPICS = (JSON.parse(bundled['/ext/corpus/topics.json']) as { topics: Record<string, unknown> }).topics;

const bib = (key: string, title: string, abstract: string) =>
  `@article{${key},\n  title = {${title}},\n  year = {2021},\n  abstract = {${abstract}}\n}\n`;

// Papers of the user's own that the bundled phrases would claim: federated learning, speech.
const OWN = [
  bib('f1', 'Federated learning of court records', 'Federated learning across clients keeps court records private.'),
  bib('f2', 'Federated learning for legal archives', 'Client devices train by federated learning on legal archives.'),
  bib('s1', 'Speech recognition of hearings', 'Automatic speech recognition and audio of courtroom hearings.'),
  bib('s2', 'Speech and audio in tribunals', 'Speech recognition on audio recordings of tribunals.'),
].join('\n');

const workspace = (files: Record<string, string> = { '/w/refs.bib': OWN }) => new MemoryCorpusSource({ ...bundled, ...files }, ['/w']);

test('the sample’s papers are marked sample; the user’s are not', async () => {
  const { library, sampleIncluded } = await new LibraryLoader(workspace(), { sampleFolder: '/ext/corpus' }).load();
  assert.equal(sampleIncluded, true);
  const sample = library.papers.filter((p) => p.sample);
  assert.equal(sample.length, 76);
  assert.ok(sample.every((p) => p.source.file === '/ext/corpus/daily-papers.txt'));
  assert.ok(library.papers.filter((p) => !p.sample).every((p) => p.source.file === '/w/refs.bib' && p.sample === undefined));
});

test('the bundled taxonomy names the sample’s topics only; the workspace’s names the user’s only', async () => {
  const source = workspace({
    '/w/refs.bib': OWN,
    '/w/.lectern/topics.json': JSON.stringify({ topics: { 'Court Technology': { terms: { court: 3, tribunal: 3, hearing: 3 } } } }),
  });
  const { library } = await new LibraryLoader(source, { sampleFolder: '/ext/corpus' }).load();
  const own = library.papers.filter((p) => !p.sample);
  for (const paper of own) {
    assert.ok(!paper.topics.some((t) => t in BUNDLED_TOPICS), `${paper.title}: ${paper.topics.join(', ')}`);
  }
  assert.ok(own.some((p) => p.topics.includes('Court Technology')));
  const sample = library.papers.filter((p) => p.sample);
  assert.ok(sample.some((p) => p.topics.includes('Federated Learning') || p.topics.includes('Vision-Language Models & Hallucination')));
  assert.ok(!sample.some((p) => p.topics.includes('Court Technology')));
  // Without the sample, the same papers get no bundled topic either (and no bundled file is read).
  const alone = await new LibraryLoader(source).load();
  assert.ok(alone.library.papers.every((p) => !p.topics.some((t) => t in BUNDLED_TOPICS)));
});

test('auto: the sample only while the source lists no corpus file of the user’s own (an empty one counts)', async () => {
  const withOwn = await new LibraryLoader(workspace(), { sampleFolder: '/ext/corpus', sampleWhen: 'auto' }).load();
  assert.equal(withOwn.sampleIncluded, false);
  assert.ok(withOwn.library.papers.every((p) => !p.sample && p.source.file === '/w/refs.bib'));
  assert.deepEqual(
    withOwn.taxonomy.files.map((f) => f.path),
    [],
    'the bundled topics.json is not even read',
  );
  const empty = await new LibraryLoader(workspace({ '/w/empty.bib': '' }), { sampleFolder: '/ext/corpus', sampleWhen: 'auto' }).load();
  assert.equal(empty.sampleIncluded, false);
  assert.equal(empty.library.papers.length, 0);
  const none = await new LibraryLoader(workspace({}), { sampleFolder: '/ext/corpus', sampleWhen: 'auto' }).load();
  assert.equal(none.sampleIncluded, true);
  assert.equal(none.library.papers.length, 76);
  assert.ok(none.library.papers.every((p) => p.sample));
});

test('auto: the user’s first corpus file, or the removal of their last, asks for a reload', async () => {
  const source = workspace({});
  const loader = new LibraryLoader(source, { sampleFolder: '/ext/corpus', sampleWhen: 'auto' });
  await loader.load();
  assert.equal(loader.needsReload({ path: '/w/refs.bib', kind: 'changed' }), true);
  assert.equal(loader.needsReload({ path: '/w/unknown.bib', kind: 'deleted' }), false);
  source.write('/w/refs.bib', OWN);
  const reloaded = await loader.load();
  assert.equal(reloaded.sampleIncluded, false);
  assert.equal(loader.needsReload({ path: '/w/more.bib', kind: 'changed' }), false);
  assert.equal(loader.needsReload({ path: '/w/refs.bib', kind: 'changed' }), false);
  assert.equal(loader.needsReload({ path: '/w/refs.bib', kind: 'deleted' }), true);
  // A retired loader's library is being replaced by a reload already: its late changes ask for no second one.
  loader.retire();
  assert.equal(loader.needsReload({ path: '/w/refs.bib', kind: 'deleted' }), false);
  // `always` never needs one: the sample stays whatever the user adds.
  const always = new LibraryLoader(source, { sampleFolder: '/ext/corpus' });
  await always.load();
  assert.equal(always.needsReload({ path: '/w/refs.bib', kind: 'deleted' }), false);
});

test('a snapshot keeps the sample marks, and the sample’s taxonomy is part of the fingerprint', async () => {
  const store = new MemoryIndexCacheStore();
  const cache = { store, key: 'lib', contents: 'snapshot' as const };
  const first = new LibraryLoader(workspace(), { sampleFolder: '/ext/corpus', cache });
  const cold = await first.load();
  await first.saveCache();
  const warm = await new LibraryLoader(workspace(), { sampleFolder: '/ext/corpus', cache }).load();
  assert.equal(warm.cacheStale, false);
  assert.deepEqual(
    warm.library.papers.map((p) => [p.id, p.sample, p.topics]),
    cold.library.papers.map((p) => [p.id, p.sample, p.topics]),
  );
  const changedTopics = workspace({
    '/w/refs.bib': OWN,
    '/ext/corpus/topics.json': JSON.stringify({ topics: { Only: { terms: { x: 3 } } } }),
  });
  const other = await new LibraryLoader(changedTopics, { sampleFolder: '/ext/corpus', cache }).load();
  assert.equal(other.cacheStale, true);
});
