import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { generateSyntheticPapers } from '../../bench/synthetic-corpus';
import { assignCorpusTopics, type CorpusFile } from '../../src/core/corpus/corpus';
import { PaperLibrary } from '../../src/core/library/paper-library';
import { nodeCorpusWorker } from '../../src/vscode/platform/node-corpus-worker';
import { CorpusImporter, type CancelSignal } from '../../src/vscode/library/corpus-importer';
import { LibrarySearch } from '../../src/vscode/library/library-search';
import { bundleImportWorker } from '../support/import-worker-bundle';

// Searches served by the extension host's corpus worker, run as shipped: the worker entry bundled by esbuild.
let bundleDir: string;
let importer: CorpusImporter;
let stops: string[] = [];
let searcher: LibrarySearch;
let library: PaperLibrary;
const WORKER_MIN_PAPERS = 2_000;
const logged: string[] = [];

/** A cancellation token like VS Code's, for requests sent without the `vscode` module. */
class TokenSource {
  private listeners: Array<() => void> = [];
  readonly token: CancelSignal & { isCancellationRequested: boolean } = {
    isCancellationRequested: false,
    onCancellationRequested: (listener) => {
      this.listeners.push(listener);
      return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
    },
  };
  cancel(): void {
    this.token.isCancellationRequested = true;
    for (const listener of this.listeners) listener();
  }
}

function file(path: string, count: number, seed: number): CorpusFile {
  return { path, fingerprint: `${path}-${count}-${seed}`, papers: generateSyntheticPapers(count, seed), diagnostics: [] };
}

before(async () => {
  bundleDir = await bundleImportWorker('lectern-search-worker-');
  importer = new CorpusImporter(nodeCorpusWorker(bundleDir), (reason) => {
    stops.push(reason);
    searcher.workerStopped(reason);
  });
  // A tenth of the shipped threshold: the same paths, each rebuild (host and worker) ten times quicker.
  searcher = new LibrarySearch(importer, { info: (m) => logged.push(m), warn: (m) => logged.push(m) }, WORKER_MIN_PAPERS);
  library = PaperLibrary.open([file('a.bib', WORKER_MIN_PAPERS, 1), file('b.bib', 500, 2)]);
});

after(() => {
  importer.dispose();
  rmSync(bundleDir, { recursive: true, force: true });
});

const until = async (what: string, check: () => boolean, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

test('a large library is searched in the worker, with the answers the host index gives', async () => {
  searcher.attach(library, undefined);
  // Until the worker holds the library, the host answers.
  assert.ok((await searcher.search(library, 'spiking', { limit: 5 }))!.results.length > 0);
  await until('the worker to hold the library', () => importer.servedFingerprint === library.indexFingerprint);
  assert.ok(
    logged.some((message) => message.startsWith("The search worker holds 2500 papers (loaded the host's index,")),
    `the worker loads the host's index rather than indexing again:\n${logged.join('\n')}`,
  );
  for (const query of ['spiking neural', 'halucination', 'vision transf', 'year:2019..2021 attention', '"neural networks" -fmri']) {
    const inWorker = await searcher.search(library, query, { limit: 20 });
    assert.equal(searcher.lastPlace, 'worker', query);
    assert.deepEqual(inWorker, library.search.search(query, { limit: 20 }), query);
  }
});

test('tag: and status: filter on the notes the host sends with the query', async () => {
  const [first, second] = library.papers;
  const notes = new Map([
    [first.id, { status: 'reading', tags: ['#vision'] }],
    [second.id, { status: 'done', tags: [] }],
  ]);
  const annotations = (id: string) => notes.get(id);
  const reading = await searcher.search(library, 'status:reading', { limit: 10, annotations });
  assert.equal(searcher.lastPlace, 'worker');
  assert.deepEqual(
    reading!.results.map((hit) => hit.id),
    [first.id],
  );
  const tagged = await searcher.search(library, 'tag:#vision', { limit: 10, annotations });
  assert.deepEqual(
    tagged!.results.map((hit) => hit.id),
    [first.id],
  );
});

test('typing cancels the stale query: only the newest answers, the cancelled ones never resolve into the UI', async () => {
  const typed = ['n', 'ne', 'neu', 'neur', 'neura', 'neural', 'neural s', 'neural sp', 'neural spik'];
  const answers: Array<Promise<unknown>> = [];
  let previous: TokenSource | undefined;
  for (const query of typed) {
    previous?.cancel(); // what the palette does on each keystroke
    previous = new TokenSource();
    answers.push(searcher.search(library, query, { limit: 50 }, previous.token));
  }
  const settled = await Promise.all(answers);
  assert.deepEqual(
    settled.slice(0, -1).map((answer) => answer),
    typed.slice(0, -1).map(() => undefined),
  );
  assert.deepEqual(settled.at(-1), library.search.search('neural spik', { limit: 50 }));
  assert.equal(searcher.lastPlace, 'worker');
});

test('in the worker, a newer query on the same channel supersedes one still waiting, unasked', async () => {
  // The worker is busy applying a file change (it rebuilds the corpus), so the three queries wait together.
  library.updateFile('b.bib', file('b.bib', 700, 4));
  const updated = importer.update(
    'b.bib',
    library.corpus.files.find((candidate) => candidate.path === 'b.bib'),
  );
  const fingerprint = library.corpus.fingerprint;
  const queries = ['attention', 'attention sink', 'attention sinks in vision'];
  const answers = await Promise.all(queries.map((query) => importer.search({ fingerprint, query, limit: 5, channel: 'palette' })));
  assert.equal(await updated, fingerprint);
  assert.deepEqual(answers.slice(0, -1), ['superseded', 'superseded']);
  assert.deepEqual(answers.at(-1), library.search.search('attention sinks in vision', { limit: 5 }));
  // A query for another library is not answered from the wrong one.
  assert.equal(await importer.search({ fingerprint: 'other', query: 'attention', limit: 5 }), undefined);
});

test('palette queries superseded in the worker answer nothing: they are not run again on the host', async () => {
  await until('the worker to hold the library', () => importer.servedFingerprint === library.indexFingerprint);
  // The worker re-applies an unchanged file (a corpus rebuilt, the same library), so the queries wait together.
  const same = importer.update(
    'b.bib',
    library.corpus.files.find((candidate) => candidate.path === 'b.bib'),
  );
  const queries = ['diffusion', 'diffusion mod', 'diffusion models'];
  const answers = await Promise.all(queries.map((query) => searcher.search(library, query, { limit: 5 })));
  await same;
  assert.deepEqual(answers.slice(0, -1), [undefined, undefined]);
  assert.deepEqual(answers.at(-1), library.search.search('diffusion models', { limit: 5 }));
  assert.equal(searcher.lastPlace, 'worker');
});

test('a corpus file change reaches the worker, which then answers for the updated library', async () => {
  const changed = file('b.bib', 800, 3);
  library.updateFile('b.bib', changed);
  searcher.fileChanged(library, 'b.bib');
  await until('the worker to follow the change', () => importer.servedFingerprint === library.indexFingerprint);
  const query = 'diffusion models';
  assert.deepEqual(await searcher.search(library, query, { limit: 10 }), library.search.search(query, { limit: 10 }));
  assert.equal(searcher.lastPlace, 'worker');
});

test('a worker that dies is restarted with the library, with a message; searches meanwhile run in the host', async () => {
  const worker = (importer as unknown as { worker: { terminate(): Promise<number> } }).worker;
  stops = [];
  await worker.terminate();
  await until('the stop to be reported', () => stops.length === 1);
  assert.ok(
    logged.some((message) => /^Lectern: the search worker stopped \(exit code 1\); restarting it/.test(message)),
    logged.join('\n'),
  );
  const meanwhile = await searcher.search(library, 'spiking', { limit: 5 });
  assert.deepEqual(meanwhile, library.search.search('spiking', { limit: 5 }));
  await until('the restarted worker to hold the library', () => importer.servedFingerprint === library.indexFingerprint);
  await searcher.search(library, 'spiking', { limit: 5 });
  assert.equal(searcher.lastPlace, 'worker');
});

test("the worker files papers under the host's topics, hand-filed ones included, not under topics it discovers itself", async () => {
  const files = [file('c.bib', WORKER_MIN_PAPERS, 5)];
  // Topics as the user's curation of the tree may leave them: one paper pinned to a topic discovery never makes.
  const discovered = assignCorpusTopics(files);
  const pinned = 'Papers To Read Aloud';
  const paperTopics = discovered.paperTopics.map((topics, i) => (i === 7 ? [pinned, ...topics] : topics));
  const curated = PaperLibrary.open(files, { topics: { ...discovered, paperTopics } });
  const id = curated.papers[7].id;
  assert.deepEqual(
    curated.search.search(`topic:"${pinned}"`).results.map((hit) => hit.id),
    [id],
    'the host finds it by its topic',
  );
  searcher.attach(curated, undefined);
  await until('the worker to hold the curated library', () => importer.servedFingerprint === curated.indexFingerprint);
  const queries = [`topic:"${pinned}"`, `topic:"${pinned}" ${curated.papers[7].title.split(' ')[0]}`, 'spiking'];
  for (const query of queries) {
    assert.deepEqual(await searcher.search(curated, query, { limit: 20 }), curated.search.search(query, { limit: 20 }), query);
    assert.equal(searcher.lastPlace, 'worker', query);
  }
  // A file of two papers more: the host carries its topics over (`carryTopics`), and the worker takes them.
  const added = file('e.bib', 2, 9);
  assert.ok(curated.updateFileKeepingTopics('e.bib', added));
  assert.equal(curated.corpus.topicsDrift, 2, 'carried, not discovered again');
  searcher.fileChanged(curated, 'e.bib');
  await until('the worker to follow the change', () => importer.servedFingerprint === curated.indexFingerprint);
  for (const query of queries) {
    assert.deepEqual(await searcher.search(curated, query, { limit: 20 }), curated.search.search(query, { limit: 20 }), query);
    assert.equal(searcher.lastPlace, 'worker', query);
  }
});

test("the same files under other topics are another library to the worker: it is handed the host's", async () => {
  // As a start that carried the cache's topics over: the worker built the index before the host placed new papers.
  const files = [file('f.bib', WORKER_MIN_PAPERS, 11)];
  const built = PaperLibrary.open(files);
  searcher.attach(built, undefined);
  await until('the worker to hold the library as built', () => importer.servedFingerprint === built.indexFingerprint);
  const discovered = assignCorpusTopics(files);
  const placed = 'Placed After The Build';
  const topics = { ...discovered, paperTopics: discovered.paperTopics.map((one, i) => (i === 3 ? [placed] : one)), drift: 1 };
  const host = PaperLibrary.open(files, { topics });
  assert.equal(host.corpus.fingerprint, built.corpus.fingerprint, 'the same files');
  searcher.attach(host, undefined);
  await until("the worker to hold the host's topics", () => importer.servedFingerprint === host.indexFingerprint);
  const query = `topic:"${placed}"`;
  assert.deepEqual(await searcher.search(host, query, { limit: 5 }), host.search.search(query, { limit: 5 }));
  assert.equal(searcher.lastPlace, 'worker');
});

test("with the library's index in its cache, the worker is handed those bytes and the host writes nothing", async () => {
  const files = [file('d.bib', WORKER_MIN_PAPERS, 6)];
  const serialized = PaperLibrary.open(files).serializeIndex();
  const loaded = PaperLibrary.open(files, { cachedIndex: serialized.slice() });
  assert.equal(loaded.indexFrom, 'cache');
  loaded.serializeIndex = () => assert.fail('the host writes the index anew');
  // The cache file as a read may hand it over: a view into a larger buffer, which must be copied, not moved.
  const padded = new Uint8Array(serialized.length + 16);
  padded.set(serialized, 8);
  const asked: string[] = [];
  const before = logged.length;
  searcher.attach(loaded, undefined, (fingerprint) => {
    asked.push(fingerprint);
    return Promise.resolve(padded.subarray(8, 8 + serialized.length));
  });
  await until('the worker to hold the loaded library', () => importer.servedFingerprint === loaded.indexFingerprint);
  assert.deepEqual(asked, [loaded.corpus.fingerprint]);
  assert.match(logged.slice(before).join('\n'), /The search worker holds 2000 papers \(loaded the host's index,/);
  assert.equal(padded.byteLength, serialized.length + 16, 'the larger buffer stays here');
  for (const query of ['spiking neural', 'vision transf', '"neural networks"']) {
    assert.deepEqual(await searcher.search(loaded, query, { limit: 20 }), loaded.search.search(query, { limit: 20 }), query);
    assert.equal(searcher.lastPlace, 'worker', query);
  }
});
