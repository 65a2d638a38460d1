import { STOP_WORDS } from '../src/core/text/stop-words';
import { SAMPLE_RANKING_QUERIES } from '../test/fixtures/sample-ranking-queries';
import { seededRandom } from '../src/core/random/seeded-random';

/** The flags of `npm run bench:pg -- …`. */
export interface PgBenchArgs {
  /** Corpus sizes (default 100k; `--million` adds 1m). */
  sizes: number[];
  /** Concurrent connections of the load test (default 32). */
  clients: number;
  /** Seconds of the load test per size (default 60). */
  seconds: number;
  /** Rounds of each query set (default 3). */
  rounds: number;
  /** Whether to run the load again with a streaming read replica (default true; `--no-replica`). */
  replica: boolean;
}

/** The workload: 2-word queries, keystrokes (the last word a prefix) and misspelt words. */
export interface PgBenchQueries {
  twoWord: string[];
  keystroke: string[];
  typo: string[];
}

/** `100k` → 100000, `1m` → 1000000. */
function count(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`Lectern: "${text}" is not a count (e.g. 100k or 1m).`);
  return Math.round(Number(match[1]) * { '': 1, k: 1_000, m: 1_000_000 }[match[2].toLowerCase() as '' | 'k' | 'm']);
}

export function parsePgBenchArgs(argv: string[]): PgBenchArgs {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const sizes = (value('--sizes') ?? '100k').split(',').map(count);
  if (argv.includes('--million') && !sizes.includes(1_000_000)) sizes.push(1_000_000);
  return {
    sizes,
    clients: count(value('--clients') ?? '32'),
    seconds: count(value('--seconds') ?? '60'),
    rounds: count(value('--rounds') ?? '3'),
    replica: !argv.includes('--no-replica'),
  };
}

/** Plain two-word queries of the seed's ranking cases, and the words of all of them. */
const plainQueries = SAMPLE_RANKING_QUERIES.map(([query]) => query).filter((query) => /^[a-z]+ [a-z]+$/i.test(query));
const words = [...new Set(SAMPLE_RANKING_QUERIES.flatMap(([query]) => query.toLowerCase().match(/[a-z]{4,}/g) ?? []))].filter(
  (word) => !STOP_WORDS.has(word),
);

/** Every prefix of 2+ letters of a query's last word, as typed: `attention s`, `attention si`, … */
function keystrokes(query: string): string[] {
  const space = query.lastIndexOf(' ');
  const head = query.slice(0, space + 1);
  const last = query.slice(space + 1);
  return Array.from({ length: Math.max(0, last.length - 1) }, (_, i) => `${head}${last.slice(0, i + 2)}`);
}

/** One edit a hurried typist makes: two neighbouring letters swapped, one dropped or one doubled. */
function misspell(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return `${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}`;
  if (kind === 1) return `${word.slice(0, at)}${word.slice(at + 1)}`;
  return `${word.slice(0, at)}${word[at]}${word.slice(at)}`;
}

const random = seededRandom(11);

/** The same queries at every size and for both backends. */
export const PG_BENCH_QUERIES: PgBenchQueries = {
  twoWord: plainQueries,
  keystroke: plainQueries.slice(0, 8).flatMap(keystrokes),
  typo: words.filter((word) => word.length >= 6).map((word) => misspell(word, random)),
};
