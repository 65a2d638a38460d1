/**
 * How a search's statement reads its matches (`matched` in `compileSearchSql`): it needs only the first
 * `EXACT_TOTAL_UP_TO` + 1 in the table's order (the total, and the tail of matches it ranks, `TAIL_CANDIDATES`;
 * fewer when the caller asks for a total exact to fewer, `BackendSearchOptions.exactTotalUpTo`), but the
 * GIN index gives every match at once: at a million papers, 70–120 ms for words in 15–30% of the papers (the
 * posting lists decoded into a bitmap, the bitmap sorted by page). Testing rows in the table's order costs
 * about 6 µs a row (its `tsvector` fetched and decompressed) and stops at the last match needed, so where the
 * query's words are common enough that those matches come within a few thousand rows, the statement tests the
 * table's first pages and reads the index only for the rest, if they hold too few. Either way the matches come
 * in the table's order, so the total and the ranked matches are the same.
 */
import type { QueryPlan, Slot, TermSpec } from './query-plan';
import { EXACT_TOTAL_UP_TO } from './search-options';
import type { TermExpansion } from './sql-field-bm25';

/** A row tested in the table's order costs about this many matches read through the GIN index (6 µs / 0.5 µs, measured at a million papers). */
const ROW_TEST_COST_IN_MATCHES = 12;
/** Rows tested before the index takes over, per row the share of matches says is needed: room for a share estimated too high. */
const SCAN_ROOM = 1.5;
/**
 * Matches found first (in the table's order) that a search ranks too, for those with the query words in their
 * abstracts only: `TAIL_CANDIDATES`, so that a search with few matches ranks them all, but `TAIL_SAMPLE` where
 * the matches are estimated past `TAIL_SAMPLE_FROM` and those naming a query word in their head at twice the
 * results asked for. There the tail is a sample either way (200 of 40 000 matches, or 50) that seldom reaches
 * the first results, behind the head's, and its size is what it costs: at a million papers, 200 matches of words
 * in 4 % of the papers took a read of every match through the index (25–40 ms), where 50 are found by testing
 * the table's first 1 500 rows (about 8 ms). Where the head is thin (words in many abstracts and few titles)
 * the tail is what ranks, and stays whole.
 */
const TAIL_CANDIDATES = 200;
const TAIL_SAMPLE = 50;
const TAIL_SAMPLE_FROM = 2_000;
/** A term's fields that make a paper's head, in `TermExpansion.fields`' order: title, authors, meta. */
const HEAD_FIELDS = [0, 1, 3];

/** What `planMatchesRead` needs of a search: its plan, the expansions, the library's size and what is asked. */
export interface MatchesReadInput {
  plan: QueryPlan;
  expand: (spec: TermSpec) => TermExpansion[];
  paperCount: number;
  mode: 'all' | 'any';
  /** Results asked for: the tail never ranks fewer. */
  limit: number;
  /** Matches the total counts (`exactTotalUpTo` + 1; Infinity for all). */
  countUpTo: number;
}

/**
 * How a search's statement reads its matches: `tail`, how many of them in the table's order it ranks (see
 * `TAIL_CANDIDATES`), and `scan`, the rows it tests in the table's order before reading the index for the rest
 * (`scannedRows`; undefined: the index reads them all), for the tail and the count.
 */
export function planMatchesRead(input: MatchesReadInput): { tail: number; scan: number | undefined } {
  const { plan } = input;
  const shares = {
    slotShares: plan.soft.map((slot) => slotShare(slot, input)),
    requiredShares: plan.required.map((slot) => slotShare(slot, input)),
    mode: input.mode,
    narrowed: plan.phrases.length + plan.excluded.length + plan.excludedPhrases.length + plan.filters.length > 0,
  };
  const share = estimatedMatchShare(shares);
  const anywhere = [...shares.slotShares, ...shares.requiredShares];
  const sample = share !== undefined && share * input.paperCount > TAIL_SAMPLE_FROM && headMatches(input, anywhere) >= 2 * input.limit;
  const tail = Math.max(sample ? TAIL_SAMPLE : TAIL_CANDIDATES, input.limit);
  return { tail, scan: scannedRows({ ...shares, paperCount: input.paperCount, needed: Math.max(input.countUpTo, tail) }) };
}

/**
 * About how many matches name a query word in their head (title, authors, keywords or topics): with every word
 * needed, each slot in the head and the others anywhere (`anywhere`: the scored slots' shares, soft then
 * required), summed over the slots; with any word, the slots in the head summed.
 */
function headMatches(input: MatchesReadInput, anywhere: readonly number[]): number {
  const scored = [...input.plan.soft, ...input.plan.required];
  const every = input.mode === 'all' || input.plan.soft.length === 0;
  const shares = scored.map((slot, i) => {
    const inHead = slotShare(slot, input, 'head');
    return every ? anywhere.reduce((all, share, j) => (j === i ? all : all * share), inHead) : inHead;
  });
  return shares.reduce((sum, share) => sum + share, 0) * input.paperCount;
}

/**
 * About which share of the papers a slot matches (`anywhere`; in their head; or in their head by the words as
 * typed, expansions of weight 1 only: how the statement reads its matches and its head candidates depends on
 * them): its likeliest alternative's rarest term, each term matching any of its expansions (taken as
 * independent: a paper lacks them all with the product of their shares missing). The commonest expansion alone
 * undercounts a word being typed: `ben` is in 33 % of a million papers, its commonest completion in 15 %.
 * Without per-field counts, a term's papers count as naming it in their head.
 */
export function slotShare(
  slot: Slot,
  input: Pick<MatchesReadInput, 'expand' | 'paperCount'>,
  where: 'anywhere' | 'head' | 'head as typed' = 'anywhere',
): number {
  const papers = Math.max(1, input.paperCount);
  const holding = (e: TermExpansion) =>
    where !== 'anywhere' && e.fields ? HEAD_FIELDS.reduce((sum, field) => sum + (e.fields?.[field] ?? 0), 0) : e.papers;
  const counted = (e: TermExpansion) => where !== 'head as typed' || e.weight === 1;
  const specShare = (spec: TermSpec) =>
    1 - input.expand(spec).reduce((none, e) => (counted(e) ? none * (1 - Math.min(1, holding(e) / papers)) : none), 1);
  return Math.max(...slot.alternatives.map((alternative) => Math.min(...alternative.map(specShare))));
}

/** What the choice needs: each scored slot's share of the papers (about), the mode, and whether other conditions narrow the matches. */
export interface MatchesScanInput {
  /** The free words' slots (all or any of them match, by `mode`). */
  slotShares: number[];
  /** Slots every match holds whatever the mode (`+word`). */
  requiredShares?: number[];
  mode: 'all' | 'any';
  paperCount: number;
  /** Phrases, exclusions or filters: their share is unknown, so the index reads the matches. */
  narrowed: boolean;
  /** Matches the statement reads in the table's order (the count's and the ranked tail's). Default `EXACT_TOTAL_UP_TO` + 1. */
  needed?: number;
}

/**
 * About which share of the papers match, or undefined when unknown (phrases, exclusions or filters narrow them)
 * or none: the slots' shares multiplied (all words) or the largest (any), times the required slots' shares.
 */
function estimatedMatchShare(input: Omit<MatchesScanInput, 'paperCount' | 'needed'>): number | undefined {
  const required = input.requiredShares ?? [];
  if (input.narrowed || input.slotShares.length + required.length === 0) return undefined;
  const product = (shares: number[]) => shares.reduce((all, s) => all * s, 1);
  const soft = input.mode === 'all' || input.slotShares.length === 0 ? product(input.slotShares) : Math.max(...input.slotShares);
  const share = soft * product(required);
  return share > 0 ? share : undefined;
}

/**
 * The rows to test in the table's order before reading the index, or undefined when the index reads every
 * match: its cost (the matches, about `estimatedMatchShare` × papers) is below that of testing the rows that
 * likely hold the matches needed.
 */
export function scannedRows(input: MatchesScanInput): number | undefined {
  const share = estimatedMatchShare(input);
  if (share === undefined) return undefined;
  const needed = (input.needed ?? EXACT_TOTAL_UP_TO + 1) / share;
  return share * input.paperCount > ROW_TEST_COST_IN_MATCHES * needed ? Math.ceil(needed * SCAN_ROOM) : undefined;
}

/**
 * The `matched` CTE's query for `rows` tested in the table's order: the matches on the pages that likely hold
 * `rows` rows (from `pg_class`: none before the table's first ANALYZE), then the index's matches after them. The
 * test is hidden from the index (`IS TRUE`), and the page bound from a range scan in the second part, so that
 * each part is read the way chosen. `matches`: the conditions of a match; values through `param`.
 */
export function scannedMatchesSql(matches: string, rows: number, param: (value: unknown, cast?: string) => string): string {
  const pages = `CASE WHEN reltuples > 0 THEN least(relpages, ceil(relpages * ${param(rows, '::float8')} / reltuples)) ELSE 0 END`;
  const bound = `(SELECT format(${param('(%s,0)')}, ${pages})::tid FROM pg_class WHERE oid = ${param('lectern_papers')}::regclass)`;
  return `(SELECT id FROM lectern_papers WHERE ctid < ${bound} AND (${matches}) IS TRUE)
  UNION ALL (SELECT id FROM lectern_papers WHERE (ctid >= ${bound}) IS TRUE AND ${matches})`;
}
