/**
 * Search benchmark: Lectern's `PaperSearch` against two baselines in the same process —
 * MiniSearch with default options over title+abstract, and a linear scan of lowercase text with
 * `includes` — over the bundled seed and synthetic corpora (1k, 10k, 100k papers by default).
 *
 *   node --expose-gc --import tsx bench/run-bench.ts [--sizes 1000,10000] [--rounds 5] [--cli-papers N]
 *   npm run bench   (the esbuild bundle dist/bench.cjs, same flags after `--`)
 *
 * `cliCache` times the CLI bundle (`dist/cli.cjs`, built by `npm run bench`) on the seed plus
 * `--cli-papers` arXiv-style records (default: the largest size; 0 skips it): a first call
 * with an empty cache and repeated calls on unchanged files (see cli-cache-bench.ts).
 *
 * `importBomb` is the peak RSS while importing the BibTeX macro bombs, with its bound (import-bomb.ts).
 *
 * Prints one JSON object on stdout; progress goes to stderr. Memory is measured as the growth of
 * `heapUsed + arrayBuffers` after `global.gc()` (typed-array postings live outside the JS heap,
 * so heapUsed alone would flatter Lectern).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import type { Paper } from '../src/core/model/paper';
import { importDailyPapers } from '../src/core/import/daily-papers-importer';
import { assignIds } from '../src/core/ids/assign-ids';
import { PaperSearch } from '../src/core/search/paper-search';
import { generateSyntheticPapers, syntheticTopicWords, syntheticVocabulary, SYNTHETIC_TOPICS } from './synthetic-corpus';
import { measureTree } from './tree-bench';
import { parseBenchArgs } from './bench-args';
import { HARDER_CHILD_FLAG, measureHarder } from './harder-bench';
import { runHarder, type HarderRunRequest } from './harder-run';
import { measureCliCache } from './cli-cache-bench';
import { measureImportBomb, measureImportBombInChild } from './import-bomb';

type Category = 'single' | 'multi' | 'prefix3' | 'prefix4' | 'typo' | 'filtered' | 'phrase';

interface BenchQuery {
  category: Category;
  /** Lectern syntax. */
  text: string;
  /** Plain words for the baselines. */
  words: string[];
  yearFrom?: number;
  yearTo?: number;
}

interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  samples: number;
}

interface EngineFigures {
  buildMs: number;
  serializedBytes: number;
  loadMs: number;
  /** Growth of heapUsed + arrayBuffers after GC, in MB (index only: the papers exist before the build). */
  memoryMB: number;
  heapUsedMB: number;
  /** Latency over the mix without phrases; `byCategory` has every category, phrases included. */
  query: Latency & { byCategory: Partial<Record<Category, Latency>> };
  /** Mean number of matches per query (the engines answer different questions; for orientation). */
  meanTotal: number;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const gc = (globalThis as { gc?: () => void }).gc;

function memory(): { heap: number; total: number } {
  if (gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, total: usage.heapUsed + usage.arrayBuffers };
}

const MB = 1024 * 1024;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function percentiles(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return { p50: round(at(0.5), 3), p95: round(at(0.95), 3), p99: round(at(0.99), 3), mean: round(mean, 3), samples: sorted.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// ---------------------------------------------------------------------------------------------
// Query mixes

function typo(word: string, kind: number): string {
  const i = Math.max(1, Math.floor(word.length / 2));
  if (kind % 3 === 0) return word.slice(0, i) + word.slice(i + 1); // deletion
  if (kind % 3 === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // transposition
  return word.slice(0, i) + (word[i] === 'e' ? 'a' : 'e') + word.slice(i + 1); // substitution
}

function query(category: Category, text: string, extra: Partial<BenchQuery> = {}): BenchQuery {
  const words = text
    .replace(/"/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !/^[a-z]+:/i.test(w));
  return { category, text, words, ...extra };
}

function syntheticQueries(): BenchQuery[] {
  const vocab = syntheticVocabulary().filter((w) => /^[a-z]+$/.test(w));
  const topic = (t: number) => syntheticTopicWords(t).filter((w) => /^[a-z]+$/.test(w));
  const long = (words: string[]) => words.filter((w) => w.length >= 7);
  const q: BenchQuery[] = [];
  for (const rank of [3, 40, 250, 1200, 3000]) q.push(query('single', vocab[rank]));
  q.push(query('single', 'hallucination'), query('single', 'spiking'));
  q.push(query('multi', `${topic(0)[0]} ${topic(0)[1]}`));
  q.push(query('multi', `${topic(3)[2]} ${topic(3)[5]} ${topic(3)[9]}`));
  q.push(query('multi', `${vocab[10]} ${vocab[300]}`));
  q.push(query('multi', 'spiking neural networks'));
  q.push(query('multi', 'attention sink vision language'));
  for (const word of [vocab[20], vocab[150], topic(1)[3], 'neural', 'con']) q.push(query('prefix3', word.slice(0, 3)));
  for (const word of [vocab[30], vocab[400], topic(2)[4], 'representation']) q.push(query('prefix4', word.slice(0, 4)));
  q.push(query('prefix3', `${topic(4)[0]} ${topic(4)[1].slice(0, 3)}`));
  q.push(query('prefix4', `spiking neural ${'network'.slice(0, 4)}`));
  const typoSources = [...long(vocab.slice(5, 80)).slice(0, 3), ...long(topic(5)).slice(0, 2), 'hallucination', 'representation'];
  typoSources.forEach((word, k) => q.push(query('typo', typo(word, k))));
  q.push(query('typo', `${typo(long(topic(6))[0], 1)} ${topic(6)[1]}`));
  q.push(query('filtered', `${vocab[40]} year:2015..2020`, { yearFrom: 2015, yearTo: 2020 }));
  q.push(query('filtered', `${topic(7)[0]} ${topic(7)[1]} year:2022..`, { yearFrom: 2022 }));
  q.push(query('filtered', `topic:"${SYNTHETIC_TOPICS[2]}" ${topic(2)[0]}`));
  q.push(query('filtered', `author:hinton ${vocab[60]}`));
  q.push(query('filtered', `year:2021`, { yearFrom: 2021, yearTo: 2021 }));
  q.push(query('filtered', `topic:spiking`));
  q.push(query('phrase', `"${topic(8)[0]} ${topic(8)[1]}"`));
  q.push(query('phrase', `"state of the art"`));
  return q;
}

function seedQueries(): BenchQuery[] {
  return [
    query('single', 'attention'),
    query('single', 'hallucination'),
    query('multi', 'attention sink'),
    query('multi', 'visual cortex captioning'),
    query('multi', 'spiking neural networks'),
    query('prefix3', 'spi'),
    query('prefix3', 'neu'),
    query('prefix4', 'neur'),
    query('prefix4', 'hall'),
    query('typo', 'halucination'),
    query('typo', 'spikng neural'),
    query('typo', 'sycophnacy'),
    query('filtered', 'attention -vision'),
    query('phrase', '"brain decoding"'),
    query('phrase', '"vision-language models"'),
  ];
}

// ---------------------------------------------------------------------------------------------
// Engines

interface Engine {
  name: string;
  build(papers: Paper[]): unknown;
  serialize(index: unknown): string;
  load(serialized: string, papers: Paper[]): unknown;
  run(index: unknown, q: BenchQuery): number;
}

const LIMIT = 50;

const lectern: Engine = {
  name: 'lectern',
  build: (papers) => PaperSearch.build(papers),
  serialize: (index) => (index as PaperSearch).serialize('bench'),
  load: (serialized, papers) => {
    const loaded = PaperSearch.load(serialized, 'bench', papers);
    if (!loaded) throw new Error('Lectern: cache load failed');
    return loaded;
  },
  run: (index, q) => (index as PaperSearch).search(q.text, { limit: LIMIT }).total,
};

function yearFilter(byId: Map<string, number | undefined>, q: BenchQuery) {
  if (q.yearFrom === undefined && q.yearTo === undefined) return undefined;
  return (result: { id: string }) => {
    const year = byId.get(result.id);
    return year !== undefined && (q.yearFrom === undefined || year >= q.yearFrom) && (q.yearTo === undefined || year <= q.yearTo);
  };
}

function miniSearchEngine(): Engine {
  const options = { fields: ['title', 'abstract'] };
  let years = new Map<string, number | undefined>();
  return {
    name: 'minisearch',
    build: (papers) => {
      years = new Map(papers.map((p) => [p.id, p.year]));
      const ms = new MiniSearch(options);
      ms.addAll(papers);
      return ms;
    },
    serialize: (index) => JSON.stringify(index),
    load: (serialized) => MiniSearch.loadJSON(serialized, options),
    run: (index, q) => {
      const ms = index as MiniSearch;
      const text = q.words.join(' ');
      if (!text) return 0; // filter-only queries: MiniSearch needs a wildcard query
      const filter = yearFilter(years, q);
      const searchOptions = {
        ...(q.category === 'prefix3' || q.category === 'prefix4' ? { prefix: true } : {}),
        ...(q.category === 'typo' ? { fuzzy: 0.2 } : {}),
        ...(filter ? { filter } : {}),
      };
      const results = ms.search(text, searchOptions);
      results.slice(0, LIMIT);
      return results.length;
    },
  };
}

function linearEngine(): Engine {
  let papersRef: Paper[] = [];
  return {
    name: 'linearScan',
    build: (papers) => {
      papersRef = papers;
      return papers.map((p) => `${p.title}\n${p.abstract}`.toLowerCase());
    },
    serialize: (index) => JSON.stringify(index),
    load: (serialized) => JSON.parse(serialized) as string[],
    run: (index, q) => {
      const texts = index as string[];
      const words = q.words.map((w) => w.toLowerCase());
      let total = 0;
      const hits: number[] = [];
      for (let i = 0; i < texts.length; i++) {
        if (q.yearFrom !== undefined || q.yearTo !== undefined) {
          const year = papersRef[i].year;
          if (year === undefined || (q.yearFrom !== undefined && year < q.yearFrom) || (q.yearTo !== undefined && year > q.yearTo))
            continue;
        }
        let ok = true;
        for (const w of words) if (!texts[i].includes(w)) ok = false;
        if (ok) {
          total += 1;
          if (hits.length < LIMIT) hits.push(i);
        }
      }
      return total;
    },
  };
}

function measure(engine: Engine, papers: Paper[], queries: BenchQuery[], rounds: number): EngineFigures {
  // Warm up on a slice so one-time costs (compiled code, lazily built tables) are not counted.
  {
    const warm = engine.build(papers.slice(0, Math.min(200, papers.length)));
    for (const q of queries) engine.run(warm, q);
  }
  const before = memory();
  let t = performance.now();
  let index: unknown = engine.build(papers);
  const buildMs = performance.now() - t;
  const after = memory();
  log(`  ${engine.name}: built in ${buildMs.toFixed(0)} ms`);
  let serialized: string | undefined = engine.serialize(index);
  const serializedBytes = Buffer.byteLength(serialized, 'utf8');
  index = undefined;
  memory();
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    index = engine.load(serialized, papers);
    loads.push(performance.now() - t);
    if (i < 2) {
      index = undefined;
      memory();
    }
  }
  serialized = undefined;
  log(`  ${engine.name}: serialized ${(serializedBytes / MB).toFixed(1)} MB, loaded in ${median(loads).toFixed(0)} ms`);
  // Queries on the loaded index (what a user gets after a restart).
  let totals = 0;
  for (const q of queries) totals += engine.run(index, q); // warm-up
  const all: number[] = [];
  const byCategory = new Map<Category, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      engine.run(index, q);
      const ms = performance.now() - start;
      // Phrases are reported on their own: the target mix is words, prefixes, typos and filters.
      if (q.category !== 'phrase') all.push(ms);
      let list = byCategory.get(q.category);
      if (!list) byCategory.set(q.category, (list = []));
      list.push(ms);
    }
  }
  const figures: EngineFigures = {
    buildMs: round(buildMs, 1),
    serializedBytes,
    loadMs: round(median(loads), 1),
    memoryMB: round((after.total - before.total) / MB, 1),
    heapUsedMB: round((after.heap - before.heap) / MB, 1),
    query: { ...percentiles(all), byCategory: Object.fromEntries([...byCategory].map(([c, samples]) => [c, percentiles(samples)])) },
    meanTotal: round(totals / queries.length, 1),
  };
  log(`  ${engine.name}: query p50 ${figures.query.p50} ms, p95 ${figures.query.p95} ms, memory ${figures.memoryMB} MB`);
  index = undefined;
  memory();
  return figures;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? round(a / b, 3) : null;
}

// Run from source (ESM, tsx) or as the CommonJS bundle dist/bench.cjs: both sit one level below the root.
const repoRoot = join(dirname(import.meta.url ? fileURLToPath(import.meta.url) : __filename), '..');

function loadSeed(): Paper[] {
  const text = readFileSync(join(repoRoot, 'corpus', 'daily-papers.txt'), 'utf8');
  return assignIds(importDailyPapers('corpus/daily-papers.txt', text).papers).papers;
}

/** The CLI's first and repeated call over the seed plus `papers` records; skipped at 0. */
function measureCli(papers: number): ReturnType<typeof measureCliCache> | undefined {
  if (papers <= 0) return undefined;
  log(`cli cache: seed + ${papers} arXiv-style records`);
  return measureCliCache(join(repoRoot, 'dist', 'cli.cjs'), papers, { first: 3, repeated: 5 }, log);
}

/** The child run for the `importBomb` entry: a fresh process, so its peak RSS is the bomb's alone. */
const IMPORT_BOMB_FLAG = '--import-bomb-only';

/** The older, easier synthetic corpora (`--easy-sizes`) and the seed, with MiniSearch and a linear scan. */
function measureEasy(sizes: number[], rounds: number) {
  const corpora: Array<{ name: string; papers: () => Paper[]; queries: BenchQuery[] }> = [
    { name: 'seed', papers: loadSeed, queries: seedQueries() },
    ...sizes.map((n) => ({ name: `synthetic-${n}`, papers: () => generateSyntheticPapers(n), queries: syntheticQueries() })),
  ];
  const results: unknown[] = [];
  let largest: { name: string; papers: number; lectern: EngineFigures; tree: ReturnType<typeof measureTree> } | undefined;
  for (const corpus of corpora) {
    log(`${corpus.name}: generating`);
    const papers = corpus.papers();
    const abstractKB = papers.reduce((s, p) => s + p.abstract.length, 0) / Math.max(1, papers.length) / 1024;
    log(
      `${corpus.name}: ${papers.length} papers, mean abstract ${abstractKB.toFixed(2)} KB, ${corpus.queries.length} queries × ${rounds} rounds`,
    );
    const figures = {
      lectern: measure(lectern, papers, corpus.queries, rounds),
      minisearch: measure(miniSearchEngine(), papers, corpus.queries, rounds),
      linearScan: measure(linearEngine(), papers, corpus.queries, rounds),
    };
    const tree = measureTree(papers, rounds);
    const entry = {
      name: corpus.name,
      tree,
      papers: papers.length,
      meanAbstractKB: round(abstractKB, 2),
      queries: corpus.queries.length,
      ...figures,
      ratios: {
        lecternVsMinisearch: {
          build: ratio(figures.lectern.buildMs, figures.minisearch.buildMs),
          serializedBytes: ratio(figures.lectern.serializedBytes, figures.minisearch.serializedBytes),
          load: ratio(figures.lectern.loadMs, figures.minisearch.loadMs),
          memory: ratio(figures.lectern.memoryMB, figures.minisearch.memoryMB),
          queryP50: ratio(figures.lectern.query.p50, figures.minisearch.query.p50),
          queryP95: ratio(figures.lectern.query.p95, figures.minisearch.query.p95),
        },
        lecternVsLinearScan: {
          queryP50: ratio(figures.lectern.query.p50, figures.linearScan.query.p50),
          queryP95: ratio(figures.lectern.query.p95, figures.linearScan.query.p95),
          memory: ratio(figures.lectern.memoryMB, figures.linearScan.memoryMB),
        },
      },
    };
    results.push(entry);
    if (corpus.name !== 'seed' && (!largest || papers.length > largest.papers))
      largest = { name: corpus.name, papers: papers.length, lectern: figures.lectern, tree };
  }
  const targets =
    largest && largest.papers >= 100_000
      ? {
          corpus: largest.name,
          queryP95Ms: { target: 15, actual: largest.lectern.query.p95, met: largest.lectern.query.p95 <= 15 },
          buildMs: { target: 15_000, actual: largest.lectern.buildMs, met: largest.lectern.buildMs <= 15_000 },
          loadMs: { target: 2_000, actual: largest.lectern.loadMs, met: largest.lectern.loadMs <= 2_000 },
          memoryMB: { target: 400, actual: largest.lectern.memoryMB, met: largest.lectern.memoryMB <= 400 },
          treeOpenMs: { target: 1_000, actual: largest.tree.openMs, met: largest.tree.openMs <= 1_000 },
        }
      : undefined;
  return { corpora: results, targets };
}

function main(): void {
  if (process.argv.includes(IMPORT_BOMB_FLAG)) return void process.stdout.write(`${JSON.stringify(measureImportBomb())}\n`);
  const childAt = process.argv.indexOf(HARDER_CHILD_FLAG);
  if (childAt >= 0) {
    const request = JSON.parse(process.argv[childAt + 1]) as HarderRunRequest;
    return void process.stdout.write(`${JSON.stringify(runHarder(request, log))}\n`);
  }
  const args = parseBenchArgs(process.argv.slice(2));
  if (!gc) log('warning: run with --expose-gc for meaningful memory figures');
  const harder = measureHarder({ ...args, repoRoot, log });
  const easyRounds = args.rounds ?? 5;
  const easy = args.easySizes.length > 0 ? measureEasy(args.easySizes, easyRounds) : undefined;
  const cliCache = measureCli(args.cliPapers);
  log('import bomb: peak RSS while importing the macro bombs');
  const importBomb = measureImportBombInChild(IMPORT_BOMB_FLAG);
  const report = {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: os.loadavg().map((n) => round(n, 2)),
    gcExposed: Boolean(gc),
    limit: LIMIT,
    targets: harder.targets,
    harder: { corpus: harder.corpus, sizes: harder.sizes },
    ...(easy ? { easy: { rounds: easyRounds, corpora: easy.corpora }, ...(easy.targets ? { easyTargets: easy.targets } : {}) } : {}),
    ...(cliCache ? { cliCache } : {}),
    ...(importBomb ? { importBomb } : {}),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main();
