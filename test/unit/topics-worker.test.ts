import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { buildCorpus, type CorpusFile, type CorpusTopics } from '../../src/core/corpus/corpus';
import { LibraryLoader } from '../../src/core/library/library-loader';
import { MemoryCorpusSource } from '../../src/core/library/memory-corpus-source';
import { addCurationEntry } from '../../src/core/topics/edit-curation';
import { nodeCorpusWorker } from '../../src/vscode/platform/node-corpus-worker';
import { CorpusImporter } from '../../src/vscode/library/corpus-importer';
import { bundleImportWorker } from '../support/import-worker-bundle';
import { seedCorpusPath, sharedCorpus } from '../support/shared-corpora';

// Topics in the corpus worker: the host's thread never runs discovery for a library of some size, and what
// the worker sends is exactly what the host would have assigned.
let bundleDir: string;
let importer: CorpusImporter;

before(async () => {
  bundleDir = await bundleImportWorker('lectern-topics-worker-');
  importer = new CorpusImporter(nodeCorpusWorker(bundleDir));
});

after(() => {
  importer.dispose();
  rmSync(bundleDir, { recursive: true, force: true });
});

const arxiv = sharedCorpus('arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl');
const TOPICS = '/w/.lectern/topics.json';

/** A workspace with the seed and 2,000 arXiv records (a library large enough for the worker). */
function workspace(): MemoryCorpusSource {
  return new MemoryCorpusSource(
    {
      '/w/papers/daily-papers.txt': readFileSync(seedCorpusPath, 'utf8'),
      '/w/papers/arxiv.jsonl': readFileSync(arxiv.path, 'utf8'),
    },
    ['/w'],
  );
}

/** A loader whose topics come from the worker, counting the worker's answers. */
function workerLoader(source: MemoryCorpusSource): { loader: LibraryLoader; answers: CorpusTopics[] } {
  const answers: CorpusTopics[] = [];
  const loader = new LibraryLoader(source, {
    assignTopics: async (files, taxonomy) => {
      const topics = await importer.assignTopics(files, taxonomy);
      if (topics) answers.push(topics);
      return topics;
    },
  });
  return { loader, answers };
}

test(
  'topics assigned in the worker are the ones the host assigns, curation and its diagnostics included',
  { skip: arxiv.skip },
  async () => {
    const source = workspace();
    const [first] = (await new LibraryLoader(source).load()).library.corpus.topics;
    const rename = addCurationEntry(undefined, { rename: first.name, to: 'Renamed In The File' });
    assert.ok(!('error' in rename));
    const pinned = addCurationEntry(rename.text, { pin: 'no-such-paper', to: 'Renamed In The File' });
    assert.ok(!('error' in pinned));
    source.write(TOPICS, pinned.text);

    const { loader, answers } = workerLoader(source);
    const fromWorker = (await loader.load()).library.corpus;
    assert.equal(answers.length, 1, 'the worker assigned the topics');
    assert.equal(answers[0].fingerprint, fromWorker.fingerprint);
    const here = (await new LibraryLoader(source).load()).library.corpus;
    assert.deepEqual(fromWorker.topics, here.topics);
    assert.deepEqual(fromWorker.papers, here.papers);
    assert.deepEqual(fromWorker.diagnostics, here.diagnostics);
    assert.deepEqual(fromWorker.topics.find((t) => t.name === 'Renamed In The File')?.paperIds, first.paperIds);
    assert.ok(fromWorker.diagnostics.some((d) => d.file === TOPICS && d.message.includes('no-such-paper')));
  },
);

test('a changed topics file and a changed corpus file get their topics from the worker too', { skip: arxiv.skip }, async () => {
  const source = workspace();
  const { loader, answers } = workerLoader(source);
  const { library } = await loader.load();
  const [first] = library.corpus.topics;
  const rename = addCurationEntry(undefined, { rename: first.name, to: 'Curated In The Worker' });
  assert.ok(!('error' in rename));
  source.write(TOPICS, rename.text);
  await loader.reloadTaxonomy();
  assert.equal(answers.length, 2);
  assert.deepEqual(library.corpus.topics.find((t) => t.name === 'Curated In The Worker')?.paperIds, first.paperIds);
  const hits = library.search.search('topic:"Curated In The Worker"', { limit: 5000 }).results.map((hit) => hit.id);
  assert.deepEqual(new Set(hits), new Set(first.paperIds), 'the index knows the name the worker sent');

  // A few papers fewer: the topics are carried over (`carryTopics`), on the host and without discovery.
  source.write('/w/papers/daily-papers.txt', readFileSync(seedCorpusPath, 'utf8').split('\n').slice(0, 40).join('\n'));
  await loader.applyChange({ kind: 'changed', path: '/w/papers/daily-papers.txt' });
  assert.equal(answers.length, 2);
  assert.ok(library.corpus.topicsDrift! > 0, 'carried');
  // A third of the arXiv records gone is more than a change: discovery runs again, in the worker.
  source.write('/w/papers/arxiv.jsonl', readFileSync(arxiv.path, 'utf8').split('\n').slice(700).join('\n'));
  await loader.applyChange({ kind: 'changed', path: '/w/papers/arxiv.jsonl' });
  assert.equal(answers.length, 3);
  assert.equal(library.corpus.topicsDrift, 0);
  assert.equal(answers[2].fingerprint, library.corpus.fingerprint);
  assert.deepEqual(library.corpus.topics, buildCorpus(library.corpus.files, { taxonomy: loader.loaded?.taxonomy.taxonomy }).topics);
});

test(
  'topics that belong to other files are ignored, and a failing worker leaves the host to assign them',
  { skip: arxiv.skip },
  async () => {
    const source = workspace();
    const here = (await new LibraryLoader(source).load()).library.corpus;
    const files: CorpusFile[] = here.files;
    const stale: CorpusTopics = {
      fingerprint: 'another corpus',
      paperTopics: here.papers.map(() => ['Stale']),
      topics: [],
      diagnostics: [],
    };
    assert.deepEqual(buildCorpus(files, { topics: stale }).topics, here.topics, 'a fingerprint mismatch assigns afresh');

    const failing = new LibraryLoader(source, { assignTopics: () => Promise.reject(new Error('worker died')) });
    assert.deepEqual((await failing.load()).library.corpus.topics, here.topics);

    const small = await importer.assignTopics(
      files.filter((file) => file.path.endsWith('daily-papers.txt')),
      undefined,
    );
    assert.equal(small, undefined, 'a small library is assigned in the host: the worker would cost more');
  },
);
