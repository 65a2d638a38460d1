/**
 * The CLI's library cache, measured as a user meets it: the bundled `dist/cli.cjs` run as a
 * process, `lectern search QUERY --corpus DIR --sample --json` over the seed plus N arXiv-style
 * records (JSON Lines files of 25,000 records written from the synthetic generator). "First call" starts with an
 * empty cache folder (import, ids, topics, index, then the cache write); "repeated call" runs on
 * unchanged files and answers from the cache. Wall-clock milliseconds, medians of the rounds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticPapers } from './synthetic-corpus';

export interface CliCacheFigures {
  papers: number;
  corpusMB: number;
  query: string;
  firstCallMs: { median: number; samples: number[] };
  repeatedCallMs: { median: number; samples: number[] };
  /** repeated ÷ first. */
  ratio: number;
  target: { repeatedCallMs: number; met: boolean };
}

const TARGET_REPEATED_MS = 1_500;

/** Records per file: 25 000 arXiv-style records are ~36 MB, under the default 100 MB limit per corpus file. */
const PAPERS_PER_FILE = 25_000;

/**
 * Writes `count` synthetic papers as arXiv metadata JSON Lines, in files of `PAPERS_PER_FILE`
 * (one file of them all would be refused by the per-file size limit); returns the bytes written.
 */
function writeArxivJsonl(dir: string, count: number): number {
  let bytes = 0;
  const papers = generateSyntheticPapers(count);
  for (let start = 0; start < count; start += PAPERS_PER_FILE) {
    const name = `synthetic-${String(start / PAPERS_PER_FILE + 1).padStart(2, '0')}.jsonl`;
    bytes += writeArxivLines(join(dir, name), papers.slice(start, start + PAPERS_PER_FILE), start);
  }
  return bytes;
}

/** Writes papers as arXiv metadata JSON Lines; `first`: the index of the first paper (ids stay unique). */
function writeArxivLines(path: string, papers: ReturnType<typeof generateSyntheticPapers>, first: number): number {
  const text = arxivJsonLines(papers, first);
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

/** Papers as arXiv metadata JSON Lines; `first`: the index of the first paper (ids stay unique); `categories`: every record's. */
export function arxivJsonLines(papers: ReturnType<typeof generateSyntheticPapers>, first: number, categories = 'cs.LG cs.CV'): string {
  const lines = papers.map((paper, k) => {
    const i = first + k;
    return JSON.stringify({
      // Valid new-style arXiv ids (YYMM.NNNNN), unique: 24 years × 12 months × up to 100 000 numbers.
      id: `${String(2001 + (i % 24)).slice(2)}${String(1 + (Math.floor(i / 24) % 12)).padStart(2, '0')}.${String(Math.floor(i / 288)).padStart(5, '0')}`,
      title: paper.title,
      authors: paper.authors.join(', '),
      abstract: paper.abstract,
      categories,
      update_date: `${paper.year ?? 2020}-01-15`,
    });
  });
  return `${lines.join('\n')}\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs the CLI once and returns its wall time; throws if it fails (a benchmark of a failure means nothing). */
function timeCli(cli: string, corpusDir: string, cacheDir: string, query: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, 'search', query, '--corpus', corpusDir, '--sample', '--json'], {
    encoding: 'utf8',
    env: { ...process.env, LECTERN_CACHE_DIR: cacheDir },
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - started;
  // A refused or unreadable file would make the figure meaningless: the CLI says so on stderr.
  if (result.status !== 0 || result.stderr)
    throw new Error(`Lectern: the CLI failed or did not read every file in the benchmark (${result.status}): ${result.stderr}`);
  return ms;
}

export function measureCliCache(
  cli: string,
  papers: number,
  rounds: { first: number; repeated: number },
  log: (m: string) => void,
): CliCacheFigures {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-bench-'));
  const query = 'spiking neural networks';
  try {
    const corpusDir = join(dir, 'corpus');
    const cacheDir = join(dir, 'cache');
    mkdirSync(corpusDir);
    const bytes = writeArxivJsonl(corpusDir, papers);
    const first: number[] = [];
    for (let r = 0; r < rounds.first; r++) {
      rmSync(cacheDir, { recursive: true, force: true });
      first.push(timeCli(cli, corpusDir, cacheDir, query));
      log(`  cli first call: ${first.at(-1)!.toFixed(0)} ms`);
    }
    const repeated: number[] = [];
    for (let r = 0; r < rounds.repeated; r++) {
      repeated.push(timeCli(cli, corpusDir, cacheDir, query));
      log(`  cli repeated call: ${repeated.at(-1)!.toFixed(0)} ms`);
    }
    const round = (n: number) => Math.round(n);
    const repeatedMedian = median(repeated);
    return {
      papers,
      corpusMB: Number((bytes / 1024 / 1024).toFixed(1)),
      query,
      firstCallMs: { median: round(median(first)), samples: first.map(round) },
      repeatedCallMs: { median: round(repeatedMedian), samples: repeated.map(round) },
      ratio: Number((repeatedMedian / median(first)).toFixed(3)),
      target: { repeatedCallMs: TARGET_REPEATED_MS, met: repeatedMedian <= TARGET_REPEATED_MS },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
