import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryIndexCacheStore } from './index-cache-store';
import { importCorpusFile } from '../import/import-corpus-file';
import { LibraryLoader, type LibraryOptions } from './library-loader';
import { MemoryCorpusSource } from './memory-corpus-source';
import { PaperLibrary } from './paper-library';
import { PaperSearch } from '../search/paper-search';
import { assignCorpusTopics } from '../corpus/corpus';
import { repoRoot } from '../../../test/support/shared-corpora';

const bundledTopics = readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8');
const dailyPapers = readFileSync(join(repoRoot, 'corpus', 'daily-papers.txt'), 'utf8');

const taxonomy = (topics: Record<string, Record<string, number>>) =>
  JSON.stringify({ version: 1, topics: Object.fromEntries(Object.entries(topics).map(([name, terms]) => [name, { terms }])) });

const bib = (key: string, title: string, abstract: string) =>
  `@article{${key},\n  title = {${title}},\n  year = {2021},\n  abstract = {${abstract}}\n}\n`;

function workspace(extra: Record<string, string> = {}) {
  return new MemoryCorpusSource(
    {
      '/ext/corpus/daily-papers.txt': dailyPapers,
      '/ext/corpus/topics.json': bundledTopics,
      '/w/refs.bib': [
        bib('a', 'Sparse coding in spiking cortex', 'Spiking neurons and sparse codes in cortex.'),
        bib('b', 'Sparse codes for spiking networks', 'Sparse spiking codes, again in cortex.'),
        bib('c', 'Ocean carbon chemistry', 'Dissolved carbon in the ocean and seawater chemistry.'),
      ].join('\n'),
      ...extra,
    },
    ['/w'],
  );
}

test('the sample is part of the library only when asked, with its taxonomy', async () => {
  const withSample = (await new LibraryLoader(workspace(), { sampleFolder: '/ext/corpus' }).load()).library;
  assert.equal(withSample.papers.length, 79);
  assert.ok(withSample.corpus.topics.some((t) => t.name === 'Vision-Language Models & Hallucination' && t.origin === 'taxonomy'));
  const without = await new LibraryLoader(workspace()).load();
  assert.equal(without.library.papers.length, 3);
  assert.deepEqual(without.taxonomy.files, []);
  assert.ok(without.library.corpus.topics.every((t) => t.origin !== 'taxonomy'));
});

test('taxonomy rule: bundled for the sample; each root’s .lectern/topics.json, then an explicit file, for the rest; a later topic replaces one of the same name', async () => {
  const source = workspace({
    '/w/.lectern/topics.json': taxonomy({ 'Brain Decoding from fMRI/MEG': { cortex: 4 }, 'Sparse Spiking': { spiking: 4, sparse: 2 } }),
    '/elsewhere/topics.json': taxonomy({ 'Sparse Spiking': { ocean: 4 }, 'Ocean Chemistry': { carbon: 4 } }),
  });
  const loaded = await new LibraryLoader(source, { sampleFolder: '/ext/corpus', taxonomyFile: '/elsewhere/topics.json' }).load();
  assert.deepEqual(
    loaded.taxonomy.files.map((f) => f.path),
    ['/ext/corpus/topics.json', '/w/.lectern/topics.json', '/elsewhere/topics.json'],
  );
  const names = loaded.taxonomy.taxonomy!.topics.map((t) => t.name);
  assert.deepEqual(names, ['Brain Decoding from fMRI/MEG', 'Sparse Spiking', 'Ocean Chemistry']);
  const sampleNames = loaded.taxonomy.taxonomy!.forSample!.topics.map((t) => t.name);
  assert.ok(sampleNames.includes('Federated Learning') && !sampleNames.includes('Ocean Chemistry'));
  const sparse = loaded.taxonomy.taxonomy!.topics.find((t) => t.name === 'Sparse Spiking')!;
  assert.deepEqual(Object.keys(sparse.terms ?? {}), ['ocean'], 'the explicit file wins');
});

test('bad input becomes located diagnostics, never an exception', async () => {
  const source = workspace({ '/w/.lectern/topics.json': '{ "topics": ', '/w/broken.jsonl': '{"title": "Fine", "abstract": "x"}\n{oops\n' });
  const loaded = await new LibraryLoader(source, { taxonomyFile: '/nowhere/topics.json' }).load();
  const problems = [...loaded.taxonomy.files.flatMap((f) => f.diagnostics), ...loaded.library.corpus.diagnostics];
  assert.ok(problems.some((d) => d.file === '/w/.lectern/topics.json' && d.severity === 'error'));
  assert.ok(problems.some((d) => d.file === '/nowhere/topics.json' && /cannot read the taxonomy file .*ENOENT/.test(d.message)));
  assert.ok(problems.some((d) => d.file === '/w/broken.jsonl' && d.line === 2));
  assert.equal(loaded.library.papers.length, 4);
  const unreadable = await new LibraryLoader(source).readFile('/w/gone.bib');
  assert.match(unreadable.diagnostics[0].message, /^Lectern: cannot read \/w\/gone\.bib \(ENOENT\)/);
});

test('watch events update the library in place like a fresh load', async () => {
  const source = workspace();
  const loader = new LibraryLoader(source);
  const { library } = await loader.load();
  const updates: Array<Promise<unknown>> = [];
  const watching = source.watch((change) => updates.push(loader.applyChange(change)));
  source.write('/w/more.jsonl', `${JSON.stringify({ title: 'Carbon in seawater', abstract: 'Ocean carbon again.' })}\n`);
  source.remove('/w/refs.bib');
  source.remove('/w/never-read.bib');
  const [added, removed, ignored] = await Promise.all(updates);
  watching.dispose();
  assert.equal((added as { change: { added: unknown[] } }).change.added.length, 1);
  assert.equal((removed as { change: { removed: unknown[] } }).change.removed.length, 3);
  assert.equal(ignored, undefined);
  const fresh = (await new LibraryLoader(source).load()).library;
  assert.deepEqual(library.papers, fresh.papers);
  assert.deepEqual(library.search.search('carbon'), fresh.search.search('carbon'));
});

test('a change event for a file whose bytes the library already holds changes nothing; an edit to it still does', async () => {
  const source = workspace();
  const imported: string[] = [];
  const loader = new LibraryLoader(source, {
    importFile: (path, bytes, options) => (imported.push(path), importCorpusFile(path, bytes, options)),
  });
  const { library } = await loader.load();
  imported.length = 0;
  const corpus = library.corpus;
  const updates: Array<Promise<unknown>> = [];
  const watching = source.watch((change) => updates.push(loader.applyChange(change)));
  // The watcher's late event for a write the load read already, or a save without edits: the same bytes again.
  source.write('/w/refs.bib', await source.readFile('/w/refs.bib'));
  const [echo] = await Promise.all(updates);
  assert.equal(echo, undefined);
  assert.deepEqual(imported, [], 'the same bytes are not even imported again');
  assert.equal(library.corpus, corpus, 'the library was not rebuilt');
  source.write('/w/refs.bib', bib('a', 'Sparse coding in spiking cortex', 'Edited.'));
  const [, edit] = await Promise.all(updates);
  watching.dispose();
  assert.equal((edit as { change: { removed: unknown[] } }).change.removed.length, 2);
  assert.notEqual(library.corpus, corpus);
});

for (const step of ['read', 'import', 'topics'] as const) {
  test(`a reload retires the loader: a change in its ${step} step, and any after, leave the old library as it was`, async () => {
    const source = workspace();
    let loaded = false;
    const calls = { reads: 0, imports: 0, topics: 0 };
    let paused: (() => void) | undefined;
    // The step waits until the test lets it go (once), as a large file's read, import or topics in the worker would.
    const pause = () => (loaded && !paused ? new Promise<void>((resolve) => (paused = resolve)) : Promise.resolve());
    const read = source.readFile.bind(source);
    source.readFile = async (path, options) => {
      calls.reads++;
      if (step === 'read') await pause();
      return read(path, options);
    };
    const loader = new LibraryLoader(source, {
      importFile: async (path, bytes, options) => {
        calls.imports++;
        if (step === 'import') await pause();
        return importCorpusFile(path, bytes, options);
      },
      assignTopics: async () => {
        calls.topics++;
        if (step === 'topics') await pause();
        return undefined;
      },
    });
    const { library } = await loader.load();
    loaded = true;
    const corpus = library.corpus;
    source.write('/w/more.jsonl', `${JSON.stringify({ title: 'Carbon in seawater', abstract: 'Ocean carbon again.' })}\n`);
    const inFlight = loader.applyChange({ kind: 'changed', path: '/w/more.jsonl' });
    while (!paused) await new Promise((resolve) => setImmediate(resolve));
    loader.retire();
    const before = { ...calls };
    paused();
    assert.equal(await inFlight, undefined);
    // Nothing more is done for it (no import after its read, no topics after its import), nor for a later change.
    assert.deepEqual(calls, before);
    assert.equal(await loader.applyChange({ kind: 'changed', path: '/w/refs.bib' }), undefined);
    assert.equal(await loader.applyChange({ kind: 'deleted', path: '/w/refs.bib' }), undefined);
    assert.deepEqual(calls, before);
    assert.equal(library.corpus, corpus, 'the retired library was not rebuilt');
  });
}

test('cancellation keeps the files read so far and counts the rest', async () => {
  let asked = 0;
  const loaded = await new LibraryLoader(workspace({ '/w/more.bib': bib('d', 'More', 'More text.') }), {
    sampleFolder: '/ext/corpus',
    isCancelled: () => ++asked > 1,
  }).load();
  assert.equal(loaded.library.corpus.files.length, 1);
  assert.equal(loaded.skipped, 2);
});

test('index cache: a matching entry is loaded, a stale one rebuilt and reported stale', async () => {
  const store = new MemoryIndexCacheStore();
  const cache = { store, key: 'index-cache.json', contents: 'index' as const };
  const first = await new LibraryLoader(workspace(), { sampleFolder: '/ext/corpus', cache }).load();
  assert.equal(first.cacheStale, true);
  assert.equal(first.library.indexFrom, 'build');
  const writer = new LibraryLoader(workspace(), { sampleFolder: '/ext/corpus', cache });
  await writer.load();
  await writer.saveCache();
  const loader = new LibraryLoader(workspace(), { sampleFolder: '/ext/corpus', cache });
  const second = await loader.load();
  assert.equal(second.cacheStale, false);
  assert.equal(second.library.indexFrom, 'cache');
  // What the extension's search worker is handed: the cache entry, read again, only while it is this library's index.
  const fingerprint = second.library.corpus.fingerprint;
  const cached = await loader.cachedIndexOf(fingerprint);
  assert.ok(cached && PaperSearch.load(cached, fingerprint, second.library.papers), 'the cached index of this library');
  assert.equal(await loader.cachedIndexOf('another library'), undefined);
  const changedLoader = new LibraryLoader(workspace({ '/w/new.bib': bib('e', 'New', 'New.') }), { sampleFolder: '/ext/corpus', cache });
  const changed = await changedLoader.load();
  assert.equal(changed.cacheStale, true);
  assert.equal(changed.library.indexFrom, 'build');
  assert.equal(await changedLoader.cachedIndexOf(changed.library.corpus.fingerprint), undefined, 'the cache holds the previous index');
});

test('snapshot cache: an unchanged corpus is restored without importing, equal to a fresh load, and updates exactly', async () => {
  const store = new MemoryIndexCacheStore();
  const cache = { store, key: 'snap', contents: 'snapshot' as const };
  const extra = {
    '/w/ids.json': JSON.stringify([
      { id: 'my-own-id', title: 'Ocean carbon with an id', abstract: 'Ünïcode \\u00e9 and a \\ backslash, 😀 abstract.' },
    ]),
  };
  const first = new LibraryLoader(workspace(extra), { sampleFolder: '/ext/corpus', cache });
  await first.load();
  await first.saveCache();
  assert.deepEqual([...store.entries.keys()].sort(), ['snap', 'snap.abstracts', 'snap.index']);
  let imports = 0;
  const source = workspace(extra);
  const restored = new LibraryLoader(source, {
    sampleFolder: '/ext/corpus',
    cache,
    importFile: () => ((imports += 1), { papers: [], diagnostics: [] }),
  });
  const { library, cacheStale } = await restored.load();
  assert.equal(imports, 0);
  assert.equal(cacheStale, false);
  const cachedIndex = await restored.cachedIndexOf(library.corpus.fingerprint);
  assert.ok(cachedIndex && PaperSearch.load(cachedIndex, library.corpus.fingerprint, library.papers), "the snapshot's index entry");
  const fresh = (await new LibraryLoader(workspace(extra), { sampleFolder: '/ext/corpus' }).load()).library;
  assert.deepEqual(library.papers, fresh.papers);
  assert.deepEqual(library.corpus.topics, fresh.corpus.topics);
  assert.deepEqual(library.corpus.files, fresh.corpus.files, 'imported papers are rebuilt exactly');
  for (const query of ['spiking cortex', 'carbon', 'hallucination', 'unicode'])
    assert.deepEqual(library.search.search(query), fresh.search.search(query), query);
  const edited = bib('a', 'Sparse coding in spiking cortex, revised', 'Spiking neurons.');
  source.write('/w/refs.bib', edited);
  const restoredUpdate = (await new LibraryLoader(source, { sampleFolder: '/ext/corpus' }).load()).library;
  library.updateFile('/w/refs.bib', await new LibraryLoader(source).readFile('/w/refs.bib'));
  assert.deepEqual(library.papers, restoredUpdate.papers);
  const changed = await new LibraryLoader(source, { sampleFolder: '/ext/corpus', cache }).load();
  assert.equal(changed.cacheStale, true, 'an edited file invalidates the snapshot');
  assert.ok(changed.library instanceof PaperLibrary);
});

test('topics carried over a change are cached with the index; an index built elsewhere is built under them', async () => {
  const subjects = ['spiking cortex codes', 'ocean carbon chemistry', 'graph neural message passing', 'protein folding energy'];
  const entries = Array.from({ length: 24 }, (_, i) => {
    const subject = subjects[i % subjects.length];
    return bib(`p${i}`, `On ${subject}, part ${i}`, `We study ${subject} in setting ${i}.`);
  });
  const source = new MemoryCorpusSource({ '/w/refs.bib': entries.join('\n') }, ['/w']);
  const store = new MemoryIndexCacheStore();
  const cache = { store, key: 'k', contents: 'index' as const };
  const loader = new LibraryLoader(source, { cache });
  const { library } = await loader.load();
  source.write('/w/new.bib', bib('n', 'Ocean carbon chemistry of the deep sea', 'Carbon in seawater.'));
  await loader.applyChange({ path: '/w/new.bib', kind: 'changed' });
  assert.equal(library.corpus.topicsDrift, 1, 'carried, not discovered');
  await loader.saveCache();
  assert.ok(library.indexFingerprint.startsWith(`${library.corpus.fingerprint}.carried-`), 'the index is named by its topics');

  // The index entry lost: the worker builds one, under the cached topics (it would discover others).
  store.entries.delete('k');
  // As the extension's worker builds an index: under the topics it is given, here recorded.
  const buildRecording =
    (given: unknown[]): LibraryOptions['buildIndex'] =>
    (files, taxonomy, topics) => {
      given.push(topics);
      return Promise.resolve(PaperLibrary.open(files, { taxonomy, topics }).serializeIndex());
    };
  const given: unknown[] = [];
  const rebuilt = await new LibraryLoader(source, { cache, buildIndexMinPapers: 1, buildIndex: buildRecording(given) }).load();
  assert.equal((given[0] as { drift?: number } | undefined)?.drift, 1);
  assert.deepEqual([rebuilt.topicsFrom, rebuilt.library.indexFrom], ['cache', 'cache']);
  assert.deepEqual(
    rebuilt.library.papers.map((paper) => paper.topics),
    library.papers.map((paper) => paper.topics),
  );

  // A paper exported while the window was closed: its worker carries the topics over (before building the index,
  // which holds them), and the paper joins the topic of its neighbours once the index is there.
  source.write('/w/later.bib', bib('m', 'Ocean carbon chemistry', 'Carbon and coastal seawater.'));
  const asked: unknown[] = [];
  const built: unknown[] = [];
  const started = await new LibraryLoader(source, {
    cache,
    buildIndexMinPapers: 1,
    assignTopics: (files, taxonomy, carryFrom) => {
      asked.push(carryFrom);
      return Promise.resolve(assignCorpusTopics(files, { taxonomy, carryFrom }));
    },
    buildIndex: buildRecording(built),
  }).load();
  assert.ok(asked[0], 'the worker is given the cached topics to carry over');
  assert.equal((built[0] as { drift?: number } | undefined)?.drift, 2, 'the index is built under the carried topics');
  assert.deepEqual([started.topicsFrom, started.library.indexFrom], ['carried', 'cache']);
  const later = started.library.papers.find((paper) => paper.title === 'Ocean carbon chemistry')!;
  const ocean = library.papers.find((paper) => paper.title.startsWith('On ocean carbon chemistry'))!;
  assert.deepEqual(later.topics, ocean.topics);
  for (const paper of library.papers) assert.deepEqual(started.library.paper(paper.id)?.topics, paper.topics, paper.title);
  const filed = started.library.search.search(`topic:"${ocean.topics[0]}" coastal`, { limit: 5 }).results;
  assert.deepEqual(
    filed.map((hit) => hit.id),
    [later.id],
  );

  // Discover Topics Again: discovery's topics replace the carried ones (an unchanged taxonomy alone changes nothing).
  assert.equal(await loader.reloadTaxonomy(), undefined);
  const rediscovered = await loader.reloadTaxonomy(true);
  assert.deepEqual([rediscovered?.library.corpus.topicsDrift, rediscovered?.topicsFrom], [0, 'assigned']);
  assert.deepEqual(
    library.papers.map((paper) => paper.topics),
    PaperLibrary.open(library.corpus.files).papers.map((paper) => paper.topics),
  );
});
