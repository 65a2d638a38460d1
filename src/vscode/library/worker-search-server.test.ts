import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { importDailyPapers } from '../../core/import/daily-papers-importer';
import { PaperLibrary } from '../../core/library/paper-library';
import { seedCorpusPath } from '../../../test/support/shared-corpora';
import { WorkerSearchServer } from './worker-search-server';

/** The block table of the kept library's word positions (built by `PaperSearch.warm` or the first phrase). */
function positionBlocks(library: PaperLibrary): Uint32Array | undefined {
  return (library.search as unknown as { index: { state: { positionBlocks?: Uint32Array } } }).index.state.positionBlocks;
}

test('a kept library is prepared for phrases once the request that kept it is answered, and searches as before', async () => {
  const path = 'corpus/daily-papers.txt';
  const library = PaperLibrary.open([{ path, fingerprint: 'seed', ...importDailyPapers(path, readFileSync(seedCorpusPath, 'utf8')) }]);
  const answers: unknown[] = [];
  const server = new WorkerSearchServer((answer) => answers.push(answer));
  server.keep(library);
  assert.equal(positionBlocks(library), undefined, 'not while the request is being answered');
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(positionBlocks(library), 'prepared on the next turn');
  server.handle({ kind: 'search', id: 1, query: '"brain decoding"', limit: 5, fingerprint: library.corpus.fingerprint } as never);
  await new Promise((resolve) => setImmediate(resolve));
  const answer = answers[0] as { id: number; response: { total: number } };
  assert.equal(answer.id, 1);
  assert.equal(answer.response.total, library.search.search('"brain decoding"').total);
  assert.ok(answer.response.total > 0);
});
