/**
 * One engine over one size of the harder corpus, measured in its own process (so one engine's
 * garbage and resident pages do not count against another's): generate the corpus, build the
 * index, save and load it as a cache would, run the query and keystroke workloads, and check the
 * sample's ranking cases. `run-bench.ts` starts one child per engine and size (see `harder-bench.ts`).
 */
import { readFileSync } from 'node:fs';
import type { Paper } from '../src/core/model/paper';
import { SAMPLE_RANKING_QUERIES } from '../test/fixtures/sample-ranking-queries';
import { createEngine, type EngineName, type HarderEngine } from './harder-engines';
import { rankingAccuracy, type RankingAccuracy } from './ranking-accuracy';
import { measureTree } from './tree-bench';
import { loadSample, NOISE_ID_PREFIX, ZipfCorpus, type ZipfSources } from './zipf-corpus';

/** What the parent asks a child to measure. */
export interface HarderRunRequest {
  engine: EngineName;
  /** Papers in the corpus; 0 means the sample alone (76 papers). */
  size: number;
  repoRoot: string;
  /** JSON of `ZipfSources` without the sample, read once by the parent. */
  vocabularyFile: string;
  seed: number;
  /** Rounds of the query workload and of the keystroke workload. */
  queryRounds: number;
  keystrokeRounds: number;
  /** Results asked for per call (the search palette's default). */
  limit: number;
}

/** Percentiles of one workload, wall and CPU (user + system) milliseconds per call. */
export interface WorkloadFigures {
  calls: number;
  /** True when the workload stopped at its time budget (`WORKLOAD_BUDGET_MS`) before its last call. */
  truncated: boolean;
  wall: Percentiles;
  cpu: Percentiles;
  /**
   * The same over the rounds after the first (absent with one round): every query has run once, so V8 has compiled
   * the code it takes and decoded its lists. The first round's cost is real (a session's first phrase), so `wall` and
   * `cpu` stay the figures the targets are read against; this says how much of their tail is that first time.
   */
  steady?: { calls: number; wall: Percentiles; cpu: Percentiles };
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** What a child reports. */
export interface HarderRunFigures {
  engine: EngineName;
  papers: number;
  generateMs: number;
  buildMs: number;
  /** CPU time (user + system) of the build: on a shared machine, the figure to read. */
  buildCpuMs: number;
  /** Growth of heapUsed + arrayBuffers after GC over the build, papers excluded (SQLite's pages are native: see rss). */
  indexMemoryMB: number;
  /** Growth of the resident set over the build, papers excluded (for SQLite the only measure of its pages). */
  indexRssMB: number;
  /** Resident set at the end, and its peak, of the whole process (papers included). */
  rssMB: number;
  peakRssMB: number;
  /** Cache size, save and load times; NaN (null in the JSON) when saving or loading failed (see `cacheError`). */
  cacheBytes: number;
  saveMs: number;
  /** Median of the loads (3, or 1 from 300k papers), wall. */
  loadMs: number;
  /** CPU time (user + system) of that load: on a shared machine, the figure to read. */
  loadCpuMs: number;
  /** Why the cache could not be saved or loaded (at 1M, Lectern's cache text outgrew V8's longest string). */
  cacheError?: string;
  /**
   * What the engine did while idle after loading, before the workloads (`HarderEngine.idle`: Lectern's search worker
   * warms its code up), wall and CPU milliseconds and the searches it ran; absent for the baselines.
   */
  idle?: { ms: number; cpuMs: number; searches: number };
  query: WorkloadFigures;
  keystroke: WorkloadFigures;
  /** The slowest calls (wall), for whoever works on the tail. */
  slowest: Array<{ query: string; wallMs: number; cpuMs: number }>;
  accuracy: RankingAccuracy;
  /** Lectern only, up to 300k papers: opening the Papers tree (see `tree-bench.ts`). */
  tree?: ReturnType<typeof measureTree>;
}

/** Wall-clock budget of one workload: a baseline slow at 1M must not hold the run for an hour. */
const WORKLOAD_BUDGET_MS = 240_000;

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

function memory(): { js: number; rss: number } {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { js: usage.heapUsed + usage.arrayBuffers, rss: usage.rss };
}

function percentiles(samples: number[]): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length);
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? 0), mean: round(mean) };
}

/** The distinct queries of the sample's ranking cases, in order. */
export function rankingQueries(): string[] {
  return [...new Set(SAMPLE_RANKING_QUERIES.map(([query]) => query))];
}

/** Every prefix of every query, as typed one character at a time (blank prefixes aside). */
export function keystrokeQueries(): string[] {
  return rankingQueries().flatMap((query) =>
    Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1)).filter((q) => /\S/.test(q)),
  );
}

function timeCalls(
  engine: HarderEngine,
  queries: string[],
  rounds: number,
  limit: number,
  slowest: HarderRunFigures['slowest'],
): WorkloadFigures {
  for (const query of queries.slice(0, 20)) engine.search(query, limit); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  let firstRoundCalls = 0;
  const started = performance.now();
  let truncated = false;
  for (let r = 0; r < rounds && !truncated; r++) {
    for (const query of queries) {
      if (performance.now() - started > WORKLOAD_BUDGET_MS) {
        truncated = true;
        break;
      }
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      engine.search(query, limit);
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      const cpuMs = (used.user + used.system) / 1000;
      wall.push(wallMs);
      cpu.push(cpuMs);
      slowest.push({ query, wallMs: round(wallMs, 1), cpuMs: round(cpuMs, 1) });
    }
    slowest.sort((a, b) => b.wallMs - a.wallMs).splice(8);
    if (r === 0) firstRoundCalls = wall.length;
  }
  const steady =
    wall.length > firstRoundCalls
      ? {
          calls: wall.length - firstRoundCalls,
          wall: percentiles(wall.slice(firstRoundCalls)),
          cpu: percentiles(cpu.slice(firstRoundCalls)),
        }
      : undefined;
  return { calls: wall.length, truncated, wall: percentiles(wall), cpu: percentiles(cpu), ...(steady ? { steady } : {}) };
}

function idleFigures(engine: HarderEngine): HarderRunFigures['idle'] {
  if (!engine.idle) return undefined;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const searches = engine.idle();
  const cpu = process.cpuUsage(cpuStart);
  return { ms: round(performance.now() - started, 0), cpuMs: round((cpu.user + cpu.system) / 1000, 0), searches };
}

function generate(request: HarderRunRequest): Paper[] {
  const sample = loadSample(request.repoRoot);
  if (request.size === 0) return sample;
  const sources = JSON.parse(readFileSync(request.vocabularyFile, 'utf8')) as Omit<ZipfSources, 'sample'>;
  const corpus = new ZipfCorpus({ ...sources, sample }, request.seed);
  const papers = new Array<Paper>(request.size);
  let i = 0;
  for (const paper of corpus.papers(request.size)) papers[i++] = paper;
  return papers;
}

type CacheFigures = Pick<HarderRunFigures, 'cacheBytes' | 'saveMs' | 'loadMs' | 'loadCpuMs' | 'cacheError'>;

/** Saves and loads the index; a failure is reported, and the queries then run on the built index. */
function trySaveAndLoad(engine: HarderEngine, papers: Paper[], size: number, log: (message: string) => void): CacheFigures {
  try {
    return saveAndLoad(engine, papers, size);
  } catch (error) {
    const cacheError = error instanceof Error ? error.message : String(error);
    log(`cache failed: ${cacheError}`);
    return { cacheBytes: NaN, saveMs: NaN, loadMs: NaN, loadCpuMs: NaN, cacheError };
  }
}

function saveAndLoad(engine: HarderEngine, papers: Paper[], size: number): CacheFigures {
  let started = performance.now();
  let snapshot: string | Uint8Array | undefined = engine.save();
  const saveMs = performance.now() - started;
  const cacheBytes = typeof snapshot === 'string' ? Buffer.byteLength(snapshot) : snapshot.byteLength;
  const loads: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < (size >= 300_000 ? 1 : 3); i++) {
    memory();
    started = performance.now();
    const cpuStart = process.cpuUsage();
    engine.load(snapshot, papers);
    const cpu = process.cpuUsage(cpuStart);
    loads.push({ wall: performance.now() - started, cpu: (cpu.user + cpu.system) / 1000 });
  }
  snapshot = undefined;
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    cacheBytes,
    saveMs: round(saveMs, 1),
    loadMs: round(median(loads.map((load) => load.wall)), 1),
    loadCpuMs: round(median(loads.map((load) => load.cpu)), 1),
  };
}

/** Measures one engine at one size (see the module comment). */
export function runHarder(request: HarderRunRequest, log: (message: string) => void): HarderRunFigures {
  const tag = `${request.engine}@${request.size || 'sample'}`;
  const before = memory();
  let started = performance.now();
  let papers: Paper[] = generate(request);
  const generateMs = performance.now() - started;
  const sample = papers.filter((paper) => !paper.id.startsWith(NOISE_ID_PREFIX));
  const withPapers = memory();
  log(`${tag}: ${papers.length} papers generated in ${(generateMs / 1000).toFixed(1)} s`);
  const engine = createEngine(request.engine);
  started = performance.now();
  const buildCpuStart = process.cpuUsage();
  engine.build(papers);
  const buildMs = performance.now() - started;
  const buildCpu = process.cpuUsage(buildCpuStart);
  if (!engine.keepsPapers) papers = [];
  const built = memory();
  const base = engine.keepsPapers ? withPapers : before;
  log(`${tag}: built in ${(buildMs / 1000).toFixed(1)} s (${((buildCpu.user + buildCpu.system) / 1e6).toFixed(1)} s CPU)`);
  const cache = trySaveAndLoad(engine, papers, request.size, (message) => log(`${tag}: ${message}`));
  log(
    `${tag}: cache ${(cache.cacheBytes / MB).toFixed(1)} MB, saved in ${cache.saveMs} ms, loaded in ${cache.loadMs} ms (${cache.loadCpuMs} ms CPU)`,
  );
  const idle = idleFigures(engine);
  if (idle) log(`${tag}: idle after loading: ${idle.searches} warm-up searches in ${idle.ms} ms (${idle.cpuMs} ms CPU)`);
  const slowest: HarderRunFigures['slowest'] = [];
  const query = timeCalls(engine, rankingQueries(), request.queryRounds, request.limit, slowest);
  log(`${tag}: queries cpu p50/p95/p99 ${query.cpu.p50}/${query.cpu.p95}/${query.cpu.p99} ms`);
  const keystroke = timeCalls(engine, keystrokeQueries(), request.keystrokeRounds, request.limit, slowest);
  log(`${tag}: keystrokes cpu p50/p95/p99 ${keystroke.cpu.p50}/${keystroke.cpu.p95}/${keystroke.cpu.p99} ms`);
  const accuracy = rankingAccuracy(sample, (q, limit) => engine.search(q, limit));
  const end = process.memoryUsage().rss;
  engine.close();
  const tree = request.engine === 'lectern' && request.size > 0 && request.size <= 300_000 ? measureTree(papers, 3) : undefined;
  return {
    engine: request.engine,
    papers: request.size || sample.length,
    generateMs: round(generateMs, 0),
    buildMs: round(buildMs, 0),
    buildCpuMs: round((buildCpu.user + buildCpu.system) / 1000, 0),
    indexMemoryMB: round((built.js - base.js) / MB, 1),
    indexRssMB: round((built.rss - base.rss) / MB, 1),
    rssMB: round(end / MB, 0),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024, 0),
    ...cache,
    ...(idle ? { idle } : {}),
    query,
    keystroke,
    slowest,
    accuracy,
    ...(tree ? { tree } : {}),
  };
}
