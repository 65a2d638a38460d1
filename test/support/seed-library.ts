import { readFileSync } from 'node:fs';
import { contentFingerprint } from '../../src/core/corpus/content-fingerprint';
import { importDailyPapers } from '../../src/core/import/daily-papers-importer';
import { PaperLibrary } from '../../src/core/library/paper-library';
import { seedCorpusPath } from './shared-corpora';

let cached: PaperLibrary | undefined;

/** The bundled seed corpus (`corpus/daily-papers.txt`) as a library with ids, topics and its index; built once per test file. */
export function seedLibrary(): PaperLibrary {
  if (cached) return cached;
  const text = readFileSync(seedCorpusPath, 'utf8');
  const imported = importDailyPapers('corpus/daily-papers.txt', text);
  cached = PaperLibrary.open([
    { path: 'corpus/daily-papers.txt', fingerprint: contentFingerprint(text), papers: imported.papers, diagnostics: imported.diagnostics },
  ]);
  return cached;
}
