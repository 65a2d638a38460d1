import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusChangeQueue } from './corpus-change-queue';

const settled = () => Promise.resolve();
const unexpected = (error: unknown) => assert.fail(String(error));

/** A promise the test resolves by hand, so a change can be held mid-apply while others queue behind it. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

test('changes are applied one at a time, in the order the watch reported them', async () => {
  const applied: string[] = [];
  const hold = deferred();
  const queue = new CorpusChangeQueue<string>(
    async (change) => {
      applied.push(`start ${change}`);
      if (change === 'a.bib') await hold.promise;
      applied.push(`end ${change}`);
    },
    () => assert.fail('no change fails here'),
  );
  const report = queue.begin();
  report('a.bib');
  report('b.bib');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(applied, ['start a.bib'], 'b.bib waits for a.bib');
  hold.resolve();
  await queue.run(settled, unexpected);
  assert.deepEqual(applied, ['start a.bib', 'end a.bib', 'start b.bib', 'end b.bib']);
});

test('a reload drops what the previous watch queued and applies what the new watch reports', async () => {
  const applied: string[] = [];
  const hold = deferred();
  const queue = new CorpusChangeQueue<string>(
    async (change) => {
      if (change === 'old/big.bib') await hold.promise; // a large file still importing when the settings change
      applied.push(change);
    },
    () => assert.fail('no change fails here'),
  );
  const oldWatch = queue.begin();
  oldWatch('old/big.bib');
  oldWatch('old/zotero.bib'); // queued behind it: it belongs to the old corpus settings
  await new Promise((resolve) => setImmediate(resolve)); // big.bib is being imported now
  const newWatch = queue.begin(); // the reload for the new settings read every file as it is
  newWatch('only-bib/my-refs.bib');
  oldWatch('old/late.bib'); // a straggler the old watch reports after the reload
  hold.resolve();
  await queue.run(settled, unexpected);
  assert.deepEqual(applied, ['old/big.bib', 'only-bib/my-refs.bib']);
});

test('a change that fails is reported and the queue goes on; a task keeps its place among changes', async () => {
  const order: string[] = [];
  const failures: string[] = [];
  const queue = new CorpusChangeQueue<string>(
    (change) => {
      if (change === 'broken.bib') return Promise.reject(new Error('unreadable'));
      order.push(change);
      return Promise.resolve();
    },
    (change, error) => failures.push(`${change}: ${(error as Error).message}`),
  );
  const report = queue.begin();
  report('broken.bib');
  void queue.run(() => {
    order.push('topics.json');
    return Promise.resolve();
  }, unexpected);
  report('next.bib');
  await queue.run(settled, unexpected);
  assert.deepEqual(order, ['topics.json', 'next.bib']);
  assert.deepEqual(failures, ['broken.bib: unreadable']);
});
