import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LibraryLoader } from './library-loader';
import { MemoryCorpusSource } from './memory-corpus-source';
import { repoRoot, sharedCorpus } from '../../../test/support/shared-corpora';

// The bundled sample beside whole real libraries (../shared/corpora), apart from sample-corpus.test.ts so the fast
// suite (`npm run test:unit`) stays fast; `npm run test:integration` runs this file.

const bundled = {
  '/ext/corpus/daily-papers.txt': readFileSync(join(repoRoot, 'corpus', 'daily-papers.txt'), 'utf8'),
  '/ext/corpus/topics.json': readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8'),
};
const BUNDLED_TOPICS = (JSON.parse(bundled['/ext/corpus/topics.json']) as { topics: Record<string, unknown> }).topics;
const workspace = (files: Record<string, string>) => new MemoryCorpusSource({ ...bundled, ...files }, ['/w']);

const law = sharedCorpus('csljson_betterbibtex_law_my-library.json');
const chemistry = sharedCorpus('bibtex_zotero_marine-chemistry_my-library.bib');

test(
  'a law and a chemistry library shown with the sample (always) get no bundled topic such as Federated Learning or Speech & Audio',
  { skip: law.skip || chemistry.skip },
  async () => {
    const source = workspace({ '/w/law.json': readFileSync(law.path, 'utf8'), '/w/chemistry.bib': readFileSync(chemistry.path, 'utf8') });
    const { library } = await new LibraryLoader(source, { sampleFolder: '/ext/corpus', sampleWhen: 'always' }).load();
    const own = library.papers.filter((p) => !p.sample);
    assert.ok(own.length > 1_000, `${own.length} papers of the user's own`);
    const ownTopics = new Set(own.flatMap((p) => p.topics));
    for (const name of ['Federated Learning', 'Speech & Audio']) assert.ok(!ownTopics.has(name), name);
    assert.deepEqual(
      [...ownTopics].filter((name) => name in BUNDLED_TOPICS),
      [],
    );
  },
);
