import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildCorpus } from '../corpus/corpus';
import { importBibtex } from '../import/bibtex-importer';
import { contentFingerprint } from '../corpus/content-fingerprint';
import { sharedCorpus } from '../../../test/support/shared-corpora';

// Citekeys over a whole real library (../shared/corpora), apart from cite-key.test.ts so the fast suite
// (`npm run test:unit`) stays fast; `npm run test:integration` runs this file.

const marine = sharedCorpus('bibtex_zotero_marine-chemistry_my-library.bib');
test('a real library exported twice: every key is warned in both files, the first file’s records win', { skip: marine.skip }, () => {
  const text = readFileSync(marine.path, 'utf8');
  const file = (path: string) => ({ path, fingerprint: contentFingerprint(path, text), ...importBibtex(path, text) });
  const corpus = buildCorpus([file('old/my-library.bib'), file('my-library.bib')]);
  const count = corpus.papers.length / 2;
  const keyWarnings = corpus.diagnostics.filter((d) => /citekey/.test(d.message));
  assert.equal(keyWarnings.length, count * 2);
  for (const [key, holder] of corpus.byCiteKey) assert.equal(holder.source.file, 'my-library.bib', key);
});
