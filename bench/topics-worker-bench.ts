/**
 * Topics in the corpus worker, measured as the extension host meets them (`npm run bench:topics`):
 *
 * - `hostLag`: the extension host's event-loop delay (`monitorEventLoopDelay`, 10 ms resolution) while a library of
 *   `--papers` (default 100 000) synthetic arXiv records without categories (so topics are discovered, the costly
 *   path) loads through `LibraryLoader` with the corpus worker importing and indexing, once with topics assigned
 *   on the host (as before: `assignTopics` unset) and once in the worker. Max, p99 and mean delay in ms, and wall time.
 * - `workerTopics`: wall time of `CorpusImporter.assignTopics` (staging the files and discovery in the worker) for
 *   `--sizes` papers (default 3000,100000), medians of `--rounds` (default 3; 1 at 100 000).
 *
 *   node --import tsx bench/topics-worker-bench.ts [--papers 100000] [--sizes 3000,100000] [--rounds 3]
 *
 * Prints one JSON object on stdout; progress goes to stderr. The worker is bundled from source (as the unit tests do).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { LibraryLoader } from '../src/core/library/library-loader';
import { MemoryCorpusSource } from '../src/core/library/memory-corpus-source';
import { nodeCorpusWorker } from '../src/vscode/platform/node-corpus-worker';
import { CorpusImporter } from '../src/vscode/library/corpus-importer';
import { bundleImportWorker } from '../test/support/import-worker-bundle';
import { arxivJsonLines } from './cli-cache-bench';
import { generateSyntheticPapers } from './synthetic-corpus';

const PAPERS_PER_FILE = 25_000;
const log = (message: string) => process.stderr.write(`[bench:topics] ${message}\n`);

/** A workspace of `count` synthetic arXiv records without categories, in files of 25 000. */
function workspace(count: number): MemoryCorpusSource {
  const papers = generateSyntheticPapers(count, 1);
  const files: Record<string, string> = {};
  for (let start = 0; start < count; start += PAPERS_PER_FILE) {
    const name = `/w/papers/synthetic-${String(start / PAPERS_PER_FILE + 1).padStart(2, '0')}.jsonl`;
    files[name] = arxivJsonLines(papers.slice(start, start + PAPERS_PER_FILE), start, '');
  }
  return new MemoryCorpusSource(files, ['/w']);
}

interface LagFigures {
  topicsIn: 'host' | 'worker';
  papers: number;
  topics: number;
  loadMs: number;
  lagMs: { max: number; p99: number; mean: number };
}

/** One load of the library with the worker importing and indexing; topics in the host or the worker. */
async function measureLoad(source: MemoryCorpusSource, importer: CorpusImporter, topicsIn: 'host' | 'worker'): Promise<LagFigures> {
  const loader = new LibraryLoader(source, {
    importFile: (path, bytes, options) => importer.import(path, bytes, options),
    buildIndex: (files, taxonomy) => importer.buildIndex(files, taxonomy),
    assignTopics: topicsIn === 'worker' ? (files, taxonomy) => importer.assignTopics(files, taxonomy) : undefined,
  });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  const { library } = await loader.load();
  const loadMs = performance.now() - started;
  // The delay of a stall is recorded when the timer fires after it: give it that turn before stopping.
  await new Promise((resolve) => setTimeout(resolve, 50));
  histogram.disable();
  const ms = (ns: number) => Math.round(ns / 1e6);
  return {
    topicsIn,
    papers: library.papers.length,
    topics: library.corpus.topics.length,
    loadMs: Math.round(loadMs),
    lagMs: { max: ms(histogram.max), p99: ms(histogram.percentile(99)), mean: ms(histogram.mean) },
  };
}

/** Median wall time of topics assigned in the worker for a library of `size` papers. */
async function measureWorkerTopics(importer: CorpusImporter, size: number, rounds: number): Promise<object> {
  const loader = new LibraryLoader(workspace(size));
  const files = (await loader.load()).library.corpus.files;
  const samples: number[] = [];
  let topics = 0;
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    const assigned = await importer.assignTopics(files, undefined);
    samples.push(Math.round(performance.now() - started));
    topics = assigned?.topics.length ?? 0;
  }
  samples.sort((a, b) => a - b);
  return { papers: size, topics, medianMs: samples[Math.floor(samples.length / 2)], samples };
}

async function main(argv: string[]): Promise<void> {
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const papers = Number(flag('--papers') ?? 100_000);
  const sizes = (flag('--sizes') ?? '3000,100000').split(',').map(Number);
  const rounds = Number(flag('--rounds') ?? 3);
  const bundleDir = await bundleImportWorker('lectern-bench-topics-');
  const importer = new CorpusImporter(nodeCorpusWorker(bundleDir));
  try {
    const source = workspace(papers);
    const hostLag: LagFigures[] = [];
    for (const topicsIn of ['host', 'worker'] as const) {
      log(`loading ${papers} papers, topics in the ${topicsIn}`);
      hostLag.push(await measureLoad(source, importer, topicsIn));
    }
    const workerTopics = [];
    for (const size of sizes) {
      log(`topics of ${size} papers in the worker`);
      workerTopics.push(await measureWorkerTopics(importer, size, size >= 50_000 ? 1 : rounds));
    }
    const result = { node: process.version, cpus: os.cpus().length, hostLag, workerTopics };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    importer.dispose();
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

void main(process.argv.slice(2));
