/**
 * The flags of `npm run bench -- …` (see docs/PERFORMANCE.md):
 *
 *   --sizes 100k,300k,1m       harder-corpus sizes (default all three; the sample alone always runs)
 *   --quick                    the harder corpus at 100k only
 *   --engines lectern,fts5     engines of the harder benchmark (default lectern,fts5,flexsearch,minisearch)
 *   --minisearch-up-to 100k    largest harder size MiniSearch runs at (default 0: the sample only)
 *   --baselines-up-to 1m       largest harder size FTS5 and FlexSearch run at (default 300k)
 *   --rounds N                 query-workload rounds (default by size; the easy corpora: 5)
 *   --easy-sizes 1k,10k,100k   the older, easier synthetic corpora with MiniSearch and a linear scan (default none)
 *   --cli-papers N             records of the CLI cache measurement (default 100k; 0 skips it)
 */
import { ENGINE_NAMES, type EngineName } from './harder-engines';

/** What the flags ask for. */
export interface BenchArgs {
  sizes: number[];
  engines: EngineName[];
  miniSearchUpTo: number;
  baselinesUpTo: number;
  rounds?: number;
  easySizes: number[];
  cliPapers: number;
}

/** `100k` → 100000, `1m` → 1000000; NaN when not a count. */
function count(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) return NaN;
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[match[2].toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(match[1]) * scale);
}

function counts(text: string): number[] {
  return text
    .split(',')
    .map(count)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** Reads the flags (`--flag value` or `--flag=value`); unknown flags are ignored. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    sizes: [100_000, 300_000, 1_000_000],
    engines: [...ENGINE_NAMES],
    miniSearchUpTo: 0,
    baselinesUpTo: 300_000,
    easySizes: [],
    cliPapers: 100_000,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--quick') args.sizes = [100_000];
    else if (flag === '--sizes') args.sizes = counts(value());
    else if (flag === '--easy-sizes') args.easySizes = counts(value());
    else if (flag === '--engines')
      args.engines = value()
        .split(',')
        .filter((e): e is EngineName => (ENGINE_NAMES as readonly string[]).includes(e));
    else if (flag === '--minisearch-up-to') args.miniSearchUpTo = count(value()) || 0;
    else if (flag === '--baselines-up-to') args.baselinesUpTo = count(value()) || 0;
    else if (flag === '--rounds') args.rounds = Math.max(1, count(value()) || 1);
    else if (flag === '--cli-papers') args.cliPapers = Math.max(0, count(value()) || 0);
  }
  return args;
}
