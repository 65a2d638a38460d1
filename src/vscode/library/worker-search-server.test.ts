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

test('once a library is kept, the search code is warmed up in idle turns, and a search arriving meanwhile goes first', async () => {
  const path = 'corpus/daily-papers.txt';
  const library = PaperLibrary.open([{ path, fingerprint: 'seed', ...importDailyPapers(path, readFileSync(seedCorpusPath, 'utf8')) }]);
  const answers: Array<{ id: number }> = [];
  const server = new WorkerSearchServer((answer) => answers.push(answer));
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  assert.equal(server.warmUpProgress(), undefined, 'nothing before a library is kept');
  server.keep(library);
  await turn();
  await turn();
  const started = server.warmUpProgress()!;
  assert.ok(started.calls > 100, `a few hundred searches planned: ${started.calls}`);
  assert.ok(started.ran >= 1 && started.ran < 5, `one search a turn: ${started.ran}`);
  server.handle({ kind: 'search', id: 7, query: 'spiking', limit: 5, fingerprint: library.corpus.fingerprint } as never);
  const ranBefore = server.warmUpProgress()!.ran;
  await turn();
  assert.deepEqual(
    answers.map((answer) => answer.id),
    [7],
    'the search is answered on the next turn',
  );
  assert.equal(server.warmUpProgress()!.ran, ranBefore, 'no warm-up search ran before it');
  assert.ok(server.warmUpProgress()!.ran < started.calls, 'while the warm-up still has searches to run');
  for (let i = 0; i < 10 * started.calls && server.warmUpProgress()!.ran < started.calls; i++) await turn();
  assert.equal(server.warmUpProgress()!.ran, started.calls, 'every warm-up search ran');
  assert.equal(answers.length, 1, 'warm-up searches are not answered to the host');
  server.keep(PaperLibrary.open([{ path, fingerprint: 'seed', ...importDailyPapers(path, readFileSync(seedCorpusPath, 'utf8')) }]));
  await turn();
  await turn();
  assert.equal(server.warmUpProgress()!.ran, started.calls, 'once per worker: the code stays compiled for the next library');
});
