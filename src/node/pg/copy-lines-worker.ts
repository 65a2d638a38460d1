/**
 * A worker thread of `db import` (`CopyLineBuilders`): turns a batch of papers into COPY text lines (Lectern's
 * tokenizer over every title and abstract, the costly part of an import), so that batches are built on other
 * cores while the main thread sends the previous one. Bundled as `dist/pg-copy-worker.cjs`.
 */
import { parentPort } from 'node:worker_threads';
import type { Paper } from '../../core/model/paper';
import { paperCopyLines } from './paper-row';

parentPort?.on('message', ({ id, papers }: { id: number; papers: Paper[] }) => {
  parentPort?.postMessage({ id, lines: paperCopyLines(papers) });
});
