import type { ParsedQuery } from '../../core/search/parse-query';
import { planQuery, type QueryPlan, type TermSpec } from '../../core/search/query-plan';
import { DEFAULT_PREFIX_MIN_LENGTH } from '../../core/search/search-options';
import type { TermExpansion } from '../../core/search/sql-search';
import type { SqlRunner } from './read-router';

/** Expansion settings, the local index's defaults (`SearchOptions`). */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_PREFIX_EXPANSIONS = 48;
/** Postings (papers per field, summed) past which no more completions are taken, as `maxPrefixPostings`. */
const MAX_PREFIX_POSTINGS = 400_000;
const MAX_FUZZY_EXPANSIONS = 8;
/** Rounds of planning: a compound split asks about its rest only once its prefix is known to be indexed. */
const MAX_PLAN_ROUNDS = 4;

/** Cached entries past which the cache starts again (a few MB at most). */
const MAX_CACHED = 20_000;

/**
 * What a library has already looked up in `lectern_terms`: each term's paper count (or its absence) and each
 * term spec's expansions. Typing re-sends the words before the one being typed at every keystroke, and a
 * library's vocabulary changes only with an import, so the library keeps one cache and starts it again when
 * `lectern_stats.refreshed_at` changes (`startFor`).
 */
export class VocabularyCache {
  readonly papers = new Map<string, TermCounts | null>();
  readonly expansions = new Map<string, TermExpansion[]>();
  private version: string | undefined;

  /** Starts again when the library was refreshed since (`version`: its refresh time); true when it did. */
  startFor(version: string): boolean {
    const changed = this.version !== undefined && this.version !== version;
    if (changed || this.papers.size + this.expansions.size > MAX_CACHED) {
      this.papers.clear();
      this.expansions.clear();
    }
    this.version = version;
    return changed;
  }
}

/** A term's papers in all and per field (title, authors, abstract, meta), as `lectern_terms` holds them. */
interface TermCounts {
  papers: number;
  fields: number[] | undefined;
}

/** A plan whose compound choices saw the shared library's vocabulary, and every query term's expansions. */
export interface ResolvedPlan {
  plan: QueryPlan | undefined;
  expand: (spec: TermSpec) => TermExpansion[];
  /** Every index term the query expanded to (for highlighting). */
  matched: Set<string>;
}

/**
 * Plans a query against the shared library's `lectern_terms` as `PaperSearch` plans it against its index:
 * compounds joined or split where the vocabulary knows them, then each term's exact match, the commonest
 * completions of the word being typed and the closest spellings within the local edit distances (pg_trgm
 * finds candidates, `levenshtein` checks them).
 */
export async function resolvePlan(pool: SqlRunner, parsed: ParsedQuery, cache = new VocabularyCache()): Promise<ResolvedPlan> {
  // A term's paper count, null when the vocabulary lacks it, undefined when not looked up yet.
  const papersOf = (term: string) => cache.papers.get(term);
  let plan: QueryPlan | undefined;
  for (let round = 0; round < MAX_PLAN_ROUNDS; round++) {
    const asked = new Set<string>();
    plan = planQuery(parsed, (term) => {
      asked.add(term);
      return (papersOf(term) ?? null) !== null;
    });
    for (const spec of specsOf(plan)) asked.add(spec.term);
    const missing = [...asked].filter((term) => papersOf(term) === undefined);
    if (missing.length === 0) break;
    const found = await pool.query<TermRow>('SELECT term, papers, fields FROM lectern_terms WHERE term = ANY($1::text[])', [missing]);
    for (const term of missing) cache.papers.set(term, null);
    for (const row of found.rows) cache.papers.set(row.term, { papers: row.papers, fields: row.fields ?? undefined });
  }
  const keyOf = (spec: TermSpec) => `${spec.term}\u0000${spec.prefix}\u0000${spec.fuzzy}`;
  // Each spec's lookups at once (the pool has several connections), each once.
  const wanted = new Map(specsOf(plan).map((spec) => [keyOf(spec), spec]));
  await Promise.all(
    [...wanted]
      .filter(([key]) => !cache.expansions.has(key))
      .map(async ([key, spec]) => cache.expansions.set(key, await expandSpec(pool, spec, papersOf(spec.term) ?? undefined))),
  );
  const expansions = new Map([...wanted.keys()].map((key) => [key, cache.expansions.get(key) ?? []]));
  const expand = (spec: TermSpec) => expansions.get(keyOf(spec)) ?? [];
  const matched = new Set<string>();
  for (const slot of [...(plan?.soft ?? []), ...(plan?.required ?? [])])
    for (const alternative of slot.alternatives)
      for (const spec of alternative) if (spec.highlight !== false) for (const e of expand(spec)) matched.add(e.term);
  return { plan, expand, matched };
}

/** The term specs of every slot of a plan, negated ones included. */
function specsOf(plan: QueryPlan | undefined): TermSpec[] {
  if (!plan) return [];
  const slots = [...plan.soft, ...plan.required, ...plan.excluded, ...plan.excludedPhrases.flatMap((phrase) => phrase.slots)];
  return slots.flatMap((slot) => slot.alternatives.flat());
}

/** A `lectern_terms` row (`fields` is null in no library of schema version 3, but typed as the column allows). */
interface TermRow {
  term: string;
  papers: number;
  fields: number[] | null;
}

/**
 * One term's expansions, as `expandTerm` computes them on the local index (the `apart` weight of a compound's
 * parts and the blended IDF are applied where the score is built, `compileSearchSql`).
 */
async function expandSpec(pool: SqlRunner, spec: TermSpec, exact: TermCounts | undefined): Promise<TermExpansion[]> {
  const out: TermExpansion[] = exact === undefined ? [] : [{ term: spec.term, weight: 1, ...exact }];
  const seen = new Set([spec.term]);
  let completions = 0;
  if (spec.prefix && spec.term.length >= DEFAULT_PREFIX_MIN_LENGTH) {
    const rows = await pool.query<TermRow>(
      `SELECT term, papers, fields FROM lectern_terms WHERE term LIKE $1 AND term <> $2 ORDER BY papers DESC, term LIMIT $3`,
      [`${spec.term.replace(/[\\%_]/g, '\\$&')}%`, spec.term, MAX_PREFIX_EXPANSIONS],
    );
    // As `prefixExpansions`: less the more letters a completion adds, times the square root of its share of the
    // commonest completion's papers, until the completions' postings reach the local index's bound.
    const commonest = rows.rows[0]?.papers ?? 0;
    let postings = 0;
    for (const row of rows.rows) {
      if (postings >= MAX_PREFIX_POSTINGS) break;
      postings += row.fields ? row.fields.reduce((sum, n) => sum + n, 0) : row.papers;
      completions += 1;
      seen.add(row.term);
      const distance = row.term.length - spec.term.length;
      const share = Math.sqrt(row.papers / commonest);
      out.push({
        term: row.term,
        papers: row.papers,
        fields: row.fields ?? undefined,
        weight: (PREFIX_WEIGHT * share * row.term.length) / (row.term.length + 0.3 * distance),
      });
    }
  }
  if (spec.fuzzy && !/\d/.test(spec.term)) {
    const length = spec.term.length;
    // One less for an indexed word, and one less for the start of indexed words, as `expandTerm`.
    const distance = (length <= 3 ? 0 : length <= 7 ? 1 : 2) - (exact === undefined ? 0 : 1) - (completions > 0 ? 1 : 0);
    if (distance > 0) {
      // `length(term) > 0` (every row) lets the trigram index serve this query, and only this one (schema version 6).
      const rows = await pool.query<TermRow & { distance: number }>(
        `SELECT term, papers, fields, levenshtein(term, $1) AS distance FROM lectern_terms
         WHERE term % $1 AND length(term) > 0 AND levenshtein(term, $1) BETWEEN 1 AND $2 ORDER BY distance, papers DESC, term LIMIT $3`,
        [spec.term, distance, MAX_FUZZY_EXPANSIONS + seen.size],
      );
      const near = rows.rows.filter((row) => !seen.has(row.term)).slice(0, MAX_FUZZY_EXPANSIONS);
      for (const row of near)
        out.push({
          term: row.term,
          papers: row.papers,
          fields: row.fields ?? undefined,
          weight: (FUZZY_WEIGHT * row.term.length) / (row.term.length + row.distance),
        });
    }
  }
  return out;
}
