import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../../src/core/model/paper';
import { CopyLineBuilders } from '../../src/node/pg/copy-line-builders';
import { paperCopyLines } from '../../src/node/pg/paper-row';

// The import's COPY batches are built on worker threads; a worker that loads nothing or stops must not change
// a line or hang the import (the batch is built on the main thread instead).

function paper(i: number, extra: Partial<Paper> = {}): Paper {
  return {
    id: `p-${i}`,
    title: `Spiking attention sinks ${i}`,
    abstract: `We study O'Brien's \\ law\twith tabs\nand μ-transformers across ${i} pre-trained models.`,
    authors: [`Ada "the first" Lovelace ${i}`],
    keywords: ['neural networks'],
    categories: [],
    topics: ['Spiking networks'],
    year: 2020 + (i % 5),
    ...extra,
  } as Paper;
}

test('batches built on worker threads are the lines built here, in order, with the workers still running', async () => {
  const builders = new CopyLineBuilders(2);
  try {
    assert.equal(builders.parallelism, 2, 'two workers started');
    const batches = [0, 1, 2, 3, 4].map((b) => Array.from({ length: 30 }, (_, i) => paper(b * 30 + i)));
    const built = await Promise.all(batches.map((batch) => builders.build(batch)));
    assert.deepEqual(
      built,
      batches.map((batch) => paperCopyLines(batch)),
    );
    assert.match(built[0], /^p-0\t/);
    assert.equal(builders.parallelism, 2, 'no worker failed (a failure would have built the batch here)');
  } finally {
    await builders.close();
  }
});

test('once the workers are gone, batches are built here and nothing waits forever', async () => {
  const builders = new CopyLineBuilders(2);
  await builders.close();
  // Stopped workers report their exit asynchronously; let it arrive.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const batch = [paper(1), paper(2, { title: 'NUL\u0000inside' })];
  assert.equal(await builders.build(batch), paperCopyLines(batch));
  assert.equal(builders.parallelism, 1);
  assert.ok(!paperCopyLines(batch).includes('\u0000'), 'NUL is dropped');
});
