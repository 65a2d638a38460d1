/**
 * A worker thread of `db import` (`CopyLineBuilders`): turns a batch of papers into binary COPY data (Lectern's
 * tokenizer over every title and abstract, the costly part of an import), so that batches are built on other
 * cores while the main thread sends the previous one. Bundled as `dist/pg-copy-worker.cjs`.
 */
import { parentPort } from 'node:worker_threads';
import type { Paper } from '../../core/model/paper';
import { paperCopyBatch } from './paper-row';

parentPort?.on('message', ({ id, papers }: { id: number; papers: Paper[] }) => {
  // The data's buffer is its own (never pooled: `CopyBinaryWriter`), so it is handed over rather than copied.
  const data = paperCopyBatch(papers);
  parentPort?.postMessage({ id, buffer: data.buffer, offset: data.byteOffset, length: data.length }, [data.buffer as ArrayBuffer]);
});
