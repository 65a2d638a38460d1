import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentFingerprint } from '../corpus/content-fingerprint';
import { corpusTopicsOf } from '../corpus/corpus';
import { LibraryLoader } from '../library/library-loader';
import { MemoryCorpusSource } from '../library/memory-corpus-source';
import { repoRoot } from '../../../test/support/shared-corpora';
import { TOPICS_VERSION } from './assign-topics';

/**
 * What topic assignment gives (topics, members, paper ids), as digests, for the version that gives it. Caches keep topics under the corpus
 * fingerprint, which holds `TOPICS_VERSION`: when assignment changes and the version does not, a user's window would
 * start on topics an earlier Lectern made (and an index holding them). A digest that changed: bump `TOPICS_VERSION`,
 * then record the new digests here with it.
 */
const RECORDED = {
  version: 3,
  digests: {
    'the sample under its taxonomy': '98100f02a5b55a643e0b9d51d12da7cf',
    'the sample discovered': '2c8949f8e44fb651ca8fe78eaaeede27',
    'the import fixtures': '98dc88a140bb4cfcc0137681326f5652',
  },
};

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const importFixtures = Object.fromEntries(
  readdirSync(join(repoRoot, 'test/fixtures/import')).map((name) => [`/w/${name}`, read(`test/fixtures/import/${name}`)]),
);

async function topicsDigest(files: Record<string, string>, sampleFolder?: string): Promise<string> {
  const { library } = await new LibraryLoader(new MemoryCorpusSource(files, ['/w']), { sampleFolder }).load();
  const { fingerprint: _, ...topics } = corpusTopicsOf(library.corpus);
  return contentFingerprint(JSON.stringify(topics));
}

test('topic assignment gives what the recorded TOPICS_VERSION gave (else bump it)', async () => {
  const digests = {
    'the sample under its taxonomy': await topicsDigest(
      { '/ext/corpus/daily-papers.txt': read('corpus/daily-papers.txt'), '/ext/corpus/topics.json': read('corpus/topics.json') },
      '/ext/corpus',
    ),
    'the sample discovered': await topicsDigest({ '/w/daily-papers.txt': read('corpus/daily-papers.txt') }),
    'the import fixtures': await topicsDigest(importFixtures),
  };
  assert.deepEqual(
    { version: TOPICS_VERSION, digests },
    RECORDED,
    'topic assignment (or paper ids) changed: bump TOPICS_VERSION (src/core/topics/assign-topics.ts), record these digests with it',
  );
});
