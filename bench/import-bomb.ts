/**
 * Peak memory while importing hostile BibTeX: the macro bomb (28 doubling `@string` macros, about a
 * kilobyte, 2^28 characters if expanded) and a 40-doubling one, through `importCorpusFile` with default limits.
 *
 *   node --import tsx bench/import-bomb.ts
 *   npm run bench   (the `importBomb` entry, measured in a child process so the other figures do not count)
 *
 * Prints one JSON object: peak RSS (MB) after loading the modules, after the imports, the growth, and the
 * bound on the growth (`import-bomb.test.ts` asserts it). (Before the limits, the 28-doubling file peaked at 2.1 GB.)
 */
import { spawnSync } from 'node:child_process';
import { importCorpusFile } from '../src/core/import/import-corpus-file';

/** The bound on peak-RSS growth while importing the macro bombs (the unbounded import peaked at 2.1 GB). */
export const IMPORT_BOMB_BOUND_MB = 128;

/** The bomb: `@string{d0 = "ab"}`, `d<i> = d<i-1> # d<i-1>`, used as an entry's journal. */
export function macroBombBibtex(doublings: number): string {
  const lines = ['@string{d0 = "ab"}'];
  for (let i = 1; i < doublings; i++) lines.push(`@string{d${i} = d${i - 1} # d${i - 1}}`);
  lines.push(`@article{bomb, title = {Bomb}, journal = d${doublings - 1}}`, '@article{good, title = {Good}}');
  return `${lines.join('\n')}\n`;
}

/** What one measurement found. */
export interface ImportBombFigures {
  /** Papers read from the 28- and the 40-doubling bomb (each has one good entry beside the bomb). */
  papers: number[];
  ms: number;
  baselinePeakRssMB: number;
  peakRssMB: number;
  growthMB: number;
  boundMB: number;
  met: boolean;
}

const megabytes = (kilobytes: number): number => Math.round((kilobytes / 1024) * 10) / 10;

/** Imports both bombs in this process; meaningful only in a fresh one (peak RSS never goes down). */
export function measureImportBomb(): ImportBombFigures {
  const baseline = process.resourceUsage().maxRSS;
  const started = performance.now();
  const papers = [28, 40].map((n) => importCorpusFile(`bomb${n}.bib`, new TextEncoder().encode(macroBombBibtex(n))).papers.length);
  const ms = Math.round(performance.now() - started);
  const peak = process.resourceUsage().maxRSS;
  const growthMB = megabytes(peak - baseline);
  return {
    papers,
    ms,
    baselinePeakRssMB: megabytes(baseline),
    peakRssMB: megabytes(peak),
    growthMB,
    boundMB: IMPORT_BOMB_BOUND_MB,
    met: growthMB < IMPORT_BOMB_BOUND_MB,
  };
}

/**
 * {@link measureImportBomb} in a fresh process: this script (or bundle) run again with `flag`, which must make
 * it print the figures as JSON. Undefined when the child fails.
 */
export function measureImportBombInChild(flag: string): ImportBombFigures | undefined {
  const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1], flag], { encoding: 'utf8', timeout: 120_000 });
  try {
    return run.status === 0 ? (JSON.parse(run.stdout) as ImportBombFigures) : undefined;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && /import-bomb\.ts$/.test(process.argv[1])) process.stdout.write(`${JSON.stringify(measureImportBomb())}\n`);
