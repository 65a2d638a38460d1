/**
 * The harder search benchmark (issue 11): Lectern, SQLite FTS5, FlexSearch and MiniSearch over
 * the sample alone and over the Zipfian corpus (`zipf-corpus.ts`) at each size, one child process
 * per engine and size (`harder-run.ts`), then the ratios Lectern ÷ baseline per percentile and the
 * issue's targets with pass/fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { EngineName } from './harder-engines';
import type { HarderRunFigures, HarderRunRequest, Percentiles, WorkloadFigures } from './harder-run';
import { readZipfSources } from './zipf-corpus';

/** The flag that makes the bench script measure one request (its JSON follows) and print the figures. */
export const HARDER_CHILD_FLAG = '--harder-child';

/** What `npm run bench` asks of the harder benchmark. */
export interface HarderOptions {
  /** Corpus sizes (the sample alone is always measured first). */
  sizes: number[];
  engines: EngineName[];
  /** Largest size MiniSearch runs at (it needs minutes per workload beyond the sample). */
  miniSearchUpTo: number;
  /** Largest size FTS5 and FlexSearch run at (their builds take many minutes at 1M; the 1M targets name no baseline). */
  baselinesUpTo: number;
  /** Query-workload rounds; undefined: by size (20 on the sample, 5 at 100k, 3 at 300k, 2 beyond). */
  rounds?: number;
  repoRoot: string;
  log: (message: string) => void;
}

/** One size's figures: per engine, and Lectern ÷ each baseline. */
interface SizeReport {
  papers: number;
  engines: Partial<Record<EngineName, HarderRunFigures | { error: string }>>;
  ratios: Record<string, unknown>;
}

function queryRounds(size: number, rounds: number | undefined): number {
  if (rounds !== undefined) return rounds;
  return size === 0 ? 20 : size <= 100_000 ? 5 : size <= 300_000 ? 3 : 2;
}

function runChild(request: HarderRunRequest, log: (message: string) => void): HarderRunFigures | { error: string } {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], HARDER_CHILD_FLAG, JSON.stringify(request)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 30 * 60_000,
  });
  if (child.status !== 0) {
    const error = `child exited with ${child.status ?? child.signal}`;
    log(`${request.engine}@${request.size}: ${error}`);
    return { error };
  }
  try {
    return JSON.parse(child.stdout) as HarderRunFigures;
  } catch {
    return { error: 'child printed no JSON' };
  }
}

const ratio = (a: number, b: number) => (b > 0 ? Number((a / b).toFixed(3)) : null);

function percentileRatios(a: Percentiles, b: Percentiles) {
  return { p50: ratio(a.p50, b.p50), p95: ratio(a.p95, b.p95), p99: ratio(a.p99, b.p99) };
}

/** Lectern ÷ baseline per workload and percentile, CPU and wall. */
function ratiosOf(engines: SizeReport['engines']): Record<string, unknown> {
  const lectern = engines.lectern;
  if (!lectern || 'error' in lectern) return {};
  const ratios: Record<string, unknown> = {};
  for (const [name, figures] of Object.entries(engines)) {
    if (name === 'lectern' || !figures || 'error' in figures) continue;
    const of = (w: 'query' | 'keystroke') => {
      const mine = lectern[w].steady;
      const theirs = figures[w].steady;
      return {
        cpu: percentileRatios(lectern[w].cpu, figures[w].cpu),
        wall: percentileRatios(lectern[w].wall, figures[w].wall),
        ...(mine && theirs
          ? { steadyCpu: percentileRatios(mine.cpu, theirs.cpu), steadyWall: percentileRatios(mine.wall, theirs.wall) }
          : {}),
      };
    };
    ratios[`lecternVs${name[0].toUpperCase()}${name.slice(1)}`] = {
      query: of('query'),
      keystroke: of('keystroke'),
      build: ratio(lectern.buildMs, figures.buildMs),
      load: ratio(lectern.loadMs, figures.loadMs),
      indexRss: ratio(lectern.indexRssMB, figures.indexRssMB),
    };
  }
  return ratios;
}

/** Runs every engine at every size; progress on stderr. */
export function measureHarder(options: HarderOptions): { corpus: unknown; sizes: SizeReport[]; targets: unknown } {
  const dir = mkdtempSync(join(os.tmpdir(), 'lectern-bench-'));
  try {
    options.log('harder corpus: reading the vocabulary');
    const sources = readZipfSources({ repoRoot: options.repoRoot, log: options.log });
    const vocabularyFile = join(dir, 'vocabulary.json');
    writeFileSync(
      vocabularyFile,
      JSON.stringify({
        vocabulary: sources.vocabulary,
        sources: sources.sources,
        authors: sources.authors,
        titleBarredRanks: sources.titleBarredRanks,
      }),
    );
    const sizes: SizeReport[] = [];
    for (const size of [0, ...options.sizes]) {
      const engines: SizeReport['engines'] = {};
      for (const engine of options.engines) {
        if (engine === 'minisearch' && size > options.miniSearchUpTo) continue;
        if (engine !== 'lectern' && size > options.baselinesUpTo) continue;
        const rounds = queryRounds(size, options.rounds);
        const keystrokeRounds = size === 0 ? 3 : 1;
        const request: HarderRunRequest = {
          engine,
          size,
          repoRoot: options.repoRoot,
          vocabularyFile,
          seed: 1,
          queryRounds: rounds,
          keystrokeRounds,
          limit: 50,
        };
        engines[engine] = runChild(request, options.log);
      }
      const papers = Object.values(engines).find((f) => f && !('error' in f)) as HarderRunFigures | undefined;
      sizes.push({ papers: papers?.papers ?? size, engines, ratios: ratiosOf(engines) });
    }
    const corpus = {
      sources: sources.sources,
      vocabulary: sources.vocabulary.length,
      zipfExponent: 1,
      sampleHidden: sources.sample.length,
    };
    return { corpus, sizes, targets: harderTargets(sizes) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Target = { target: number | string; actual: number | string | null; met: boolean | null };

function target(goal: number, actual: number | undefined, atMost = true): Target {
  if (actual === undefined) return { target: goal, actual: null, met: null };
  return { target: goal, actual, met: atMost ? actual <= goal : actual >= goal };
}

function figuresAt(sizes: SizeReport[], papers: number, engine: EngineName): HarderRunFigures | undefined {
  const figures = sizes.find((s) => s.papers === papers)?.engines[engine];
  return figures && !('error' in figures) ? figures : undefined;
}

/** Lectern at or below every baseline at every percentile, per workload (CPU). */
function atOrBelow(lectern: HarderRunFigures | undefined, baseline: HarderRunFigures | undefined): Target {
  if (!lectern || !baseline) return { target: 'Lectern ≤ baseline at p50, p95, p99', actual: null, met: null };
  const worse: string[] = [];
  for (const w of ['query', 'keystroke'] as const)
    for (const p of ['p50', 'p95', 'p99'] as const) if (lectern[w].cpu[p] > baseline[w].cpu[p]) worse.push(`${w} ${p}`);
  return {
    target: 'Lectern ≤ baseline at p50, p95, p99',
    actual: worse.length ? `slower at ${worse.join(', ')}` : 'never slower',
    met: worse.length === 0,
  };
}

/** The targets (CPU milliseconds per call; `met: null` when the size was not run). */
function harderTargets(sizes: SizeReport[]): Record<string, Target> {
  const sample = figuresAt(sizes, 76, 'lectern');
  const at100k = figuresAt(sizes, 100_000, 'lectern');
  const at1m = figuresAt(sizes, 1_000_000, 'lectern');
  const miniSearch = figuresAt(sizes, 76, 'minisearch');
  const worst = (f: HarderRunFigures | undefined, p: keyof WorkloadFigures['cpu']) =>
    f ? Math.max(f.query.cpu[p], f.keystroke.cpu[p]) : undefined;
  const all = (f: HarderRunFigures | undefined) => (f ? f.accuracy.topKHits : undefined);
  return {
    sampleQueryP95VsMiniSearch: miniSearch
      ? target(miniSearch.query.cpu.p95, sample?.query.cpu.p95)
      : { target: 'MiniSearch p95', actual: null, met: null },
    at100kQueryAndKeystrokeP95Ms: target(5, worst(at100k, 'p95')),
    at100kQueryAndKeystrokeP99Ms: target(10, worst(at100k, 'p99')),
    at100kVsFts5: atOrBelow(at100k, figuresAt(sizes, 100_000, 'fts5')),
    at100kVsFlexSearch: atOrBelow(at100k, figuresAt(sizes, 100_000, 'flexsearch')),
    at100kLoadMs: at100k?.cacheError ? { target: 300, actual: at100k.cacheError, met: false } : target(300, at100k?.loadMs),
    at1mQueryAndKeystrokeP95Ms: target(25, worst(at1m, 'p95')),
    at1mBuildMs: target(60_000, at1m?.buildMs),
    at1mIndexMemoryMB: target(1024, at1m ? Math.max(at1m.indexRssMB, at1m.indexMemoryMB) : undefined),
    at1mLoadMs: at1m?.cacheError ? { target: 5_000, actual: at1m.cacheError, met: false } : target(5_000, at1m?.loadMs),
    accuracySample: target(60, all(sample), false),
    accuracy100k: target(60, all(at100k), false),
    accuracy1m: target(60, all(at1m), false),
  };
}
