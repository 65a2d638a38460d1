import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../test/support/shared-corpora';
import { addCurationEntry } from '../topics/edit-curation';
import { LibraryLoader } from './library-loader';
import { MemoryCorpusSource } from './memory-corpus-source';

const dailyPapers = readFileSync(join(repoRoot, 'corpus', 'daily-papers.txt'), 'utf8');
const TOPICS = '/w/.lectern/topics.json';

test('a changed .lectern/topics.json re-assigns topics without re-reading corpus files; search and diagnostics follow', async () => {
  const source = new MemoryCorpusSource({ '/w/papers/daily-papers.txt': dailyPapers }, ['/w']);
  let reads = 0;
  const readFile = source.readFile.bind(source);
  source.readFile = (path, options) => {
    if (!path.endsWith('topics.json')) reads += 1;
    return readFile(path, options);
  };
  const loader = new LibraryLoader(source);
  const { library } = await loader.load();
  const readsAfterLoad = reads;
  assert.equal(await loader.reloadTaxonomy(), undefined, 'no topics file, nothing changed');
  const [first] = library.corpus.topics;
  const written = addCurationEntry(undefined, { rename: first.name, to: 'Curated Name' });
  assert.ok(!('error' in written));
  source.write(TOPICS, written.text);
  const reloaded = await loader.reloadTaxonomy();
  assert.ok(reloaded);
  assert.equal(reads, readsAfterLoad, 'no corpus file read again');
  assert.deepEqual(library.corpus.topics.find((t) => t.name === 'Curated Name')?.paperIds, first.paperIds);
  const hits = library.search.search('topic:"Curated Name"', { limit: 1000 }).results.map((hit) => hit.id);
  assert.deepEqual(new Set(hits), new Set(first.paperIds), 'the index knows the new name');
  // A step pinning an unknown paper: a diagnostic at its line, in the corpus's diagnostics (the Problems panel).
  const pinned = addCurationEntry(written.text, { pin: 'no-such-paper', to: 'Curated Name' });
  assert.ok(!('error' in pinned));
  source.write(TOPICS, pinned.text);
  await loader.reloadTaxonomy();
  const [problem] = library.corpus.diagnostics.filter((d) => d.file === TOPICS);
  assert.equal(problem.line, pinned.text.split('\n').findIndex((line) => line.includes('no-such-paper')) + 1);
  assert.equal(problem.severity, 'warning');
  assert.ok(
    library.corpus.topics.some((t) => t.name === 'Curated Name'),
    'the rest of the file still applies',
  );
});
