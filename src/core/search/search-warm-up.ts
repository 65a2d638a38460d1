/**
 * Searches run once while a search worker is idle after loading, so that V8 has compiled the search code before a
 * user types. Until then every new kind of query (the first phrase, the first typo, the first long prefix) runs
 * interpreted while V8 compiles it on its other thread: over the bench's workloads at 100k papers that compiling was
 * about 1 s of CPU, counted in most of the calls over 5 ms of CPU. The queries come from the library's own titles
 * (a word, two or three in a row, the same quoted, with a typo, with an exclusion), typed one character at a time as
 * the palette sends them; nothing is kept but the compiled code.
 */
import type { Paper } from '../model/paper';
import { seededRandom } from '../random/seeded-random';
import { scanWords } from '../text/tokenize';

/** Title phrases the warm-up types (each as many calls as it has characters but spaces: about 700 calls in all). */
export const WARM_UP_PHRASES = 48;

/** Wall time the warm-up may take in all (a million papers' searches are slower: it stops early there). */
export const WARM_UP_BUDGET_MS = 3000;

/** Results asked for per warm-up call: the palette's default, so the same code runs. */
const WARM_UP_LIMIT = 50;

/** Anything that searches like `PaperSearch`. */
export interface WarmUpTarget {
  search(query: string, options: { limit: number }): unknown;
}

/**
 * The warm-up of one library: `calls` in order, run one by one with `step` (a worker runs one a turn of its event
 * loop, so a user's search waits for one call at most) until they are done or `budgetMs` is spent.
 *
 * @example
 * ```ts
 * const warmUp = new SearchWarmUp(library.papers);
 * while (warmUp.step(library.search)) {} // in a worker: one step a turn, while no search waits
 * ```
 */
export class SearchWarmUp {
  /** The queries, in the order they run: every prefix of each phrase as typed. */
  readonly calls: string[];
  private next = 0;
  private spentMs = 0;

  constructor(
    papers: readonly Paper[],
    phrases = WARM_UP_PHRASES,
    private readonly budgetMs = WARM_UP_BUDGET_MS,
  ) {
    this.calls = warmUpQueries(papers, phrases).flatMap(typedPrefixes);
  }

  /** Calls run so far. */
  get ran(): number {
    return this.next;
  }

  /** Runs the next call on `target`; false when none is left or the budget is spent (nothing ran then). */
  step(target: WarmUpTarget): boolean {
    if (this.next >= this.calls.length || this.spentMs >= this.budgetMs) return false;
    const started = performance.now();
    target.search(this.calls[this.next++], { limit: WARM_UP_LIMIT });
    this.spentMs += performance.now() - started;
    return true;
  }
}

/**
 * `count` queries from the titles of papers drawn across `papers` (the same ones for the same library): one to three
 * title words in a row, lower-cased; of every four, one as typed, one quoted as a phrase (when it has two words or
 * more), one with two letters swapped (a typo the fuzzy match has to find), one with another title word excluded.
 */
export function warmUpQueries(papers: readonly Paper[], count = WARM_UP_PHRASES): string[] {
  const queries: string[] = [];
  if (papers.length === 0) return queries;
  const random = seededRandom(papers.length);
  for (let tries = 0; queries.length < count && tries < count * 4; tries++) {
    const title = papers[Math.floor(random() * papers.length)].title ?? '';
    const words = scanWords(title).map((word) => title.slice(word.start, word.end).toLowerCase());
    // A query starts at a word of three letters or more; a phrase runs on over the words that follow, whatever they are.
    const starts = words.flatMap((word, i) => (word.length >= 3 ? [i] : []));
    if (starts.length === 0) continue;
    const at = starts[Math.floor(random() * starts.length)];
    const picked = words.slice(at, at + 1 + (queries.length % 3));
    const kind = queries.length % 4;
    const excluded = kind === 3 ? words.find((word) => word.length >= 3 && !picked.includes(word)) : undefined;
    if (kind === 1 && picked.length > 1) queries.push(`"${picked.join(' ')}"`);
    else if (kind === 2) queries.push([swapLetters(picked[0]), ...picked.slice(1)].join(' '));
    else if (excluded) queries.push(`${picked.join(' ')} -${excluded}`);
    else queries.push(picked.join(' '));
  }
  return queries;
}

/** `word` with its third and fourth letters swapped (`trnasformer`) when it is a plain word long enough to be searched fuzzily. */
function swapLetters(word: string): string {
  return /^[a-z]{5,}$/.test(word) ? word.slice(0, 2) + word[3] + word[2] + word.slice(4) : word;
}

/** Every prefix of `query` as typed, but those ending in a space (the palette's query is unchanged by it). */
function typedPrefixes(query: string): string[] {
  const prefixes: string[] = [];
  for (let end = 1; end <= query.length; end++) if (query[end - 1] !== ' ') prefixes.push(query.slice(0, end));
  return prefixes;
}
