/**
 * How a search's statement reads its matches (`matched` in `compileSearchSql`): it needs only the first
 * `EXACT_TOTAL_UP_TO` + 1 in the table's order (the total, and the first `TAIL_CANDIDATES` it ranks; fewer when
 * the caller asks for a total exact to fewer, `BackendSearchOptions.exactTotalUpTo`), but the
 * GIN index gives every match at once: at a million papers, 70–120 ms for words in 15–30% of the papers (the
 * posting lists decoded into a bitmap, the bitmap sorted by page). Testing rows in the table's order costs
 * about 6 µs a row (its `tsvector` fetched and decompressed) and stops at the last match needed, so where the
 * query's words are common enough that those matches come within a few thousand rows, the statement tests the
 * table's first pages and reads the index only for the rest, if they hold too few. Either way the matches come
 * in the table's order, so the total and the ranked matches are the same.
 */
import { EXACT_TOTAL_UP_TO } from './search-options';

/** A row tested in the table's order costs about this many matches read through the GIN index (6 µs / 0.5 µs, measured at a million papers). */
const ROW_TEST_COST_IN_MATCHES = 12;
/** Rows tested before the index takes over, per row the share of matches says is needed: room for a share estimated too high. */
const SCAN_ROOM = 1.5;

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
 * The rows to test in the table's order before reading the index, or undefined when the index reads every
 * match: its cost (the matches, about share × papers) is below that of testing the rows that likely hold the
 * matches needed. The share of a query is its slots' shares multiplied (all words) or the largest (any), times
 * the required slots' shares.
 */
export function scannedRows(input: MatchesScanInput): number | undefined {
  const required = input.requiredShares ?? [];
  if (input.narrowed || input.slotShares.length + required.length === 0) return undefined;
  const product = (shares: number[]) => shares.reduce((all, s) => all * s, 1);
  const soft = input.mode === 'all' || input.slotShares.length === 0 ? product(input.slotShares) : Math.max(...input.slotShares);
  const share = soft * product(required);
  if (!(share > 0)) return undefined;
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
