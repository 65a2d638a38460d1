/**
 * The search box's language compiled to one parameterised SQL query over a shared library's `lectern_papers`
 * (schema: src/node/pg/migrations). Pure: no database here. The query text is built only from this file's own
 * fragments and `$n` placeholders; everything the user typed travels in `values` — as a `tsquery` literal made
 * of Lectern's own index terms, phrase needles, LIKE-free folded names and id lists — so no input can change
 * the statement. Ranking is the local index's: BM25+ per field with its boosts and IDFs, prefix, typo and compound
 * expansions weighted as locally (`sql-field-bm25.ts`), over a bounded set of candidates.
 */
import { foldedWords } from './filter-match';
import type { QueryFilter, TextFilter } from './parse-query';
import type { QueryPlan, Slot, TermSpec } from './query-plan';
import { fieldBm25, TERM_IMPACT_LIST_LENGTH, type CandidateTerms, type TermExpansion } from './sql-field-bm25';
import { phraseSqlKey } from './sql-phrase-text';
import { planMatchesRead, scannedMatchesSql, slotShare } from './sql-matches-scan';
import { EXACT_TOTAL_UP_TO } from './search-options';

export type { TermExpansion } from './sql-field-bm25';

/** What `compileSearchSql` needs besides the plan: resolved expansions, corpus size and the notes' id sets. */
export interface SqlSearchInput {
  plan: QueryPlan;
  /** The expansions of each query term, looked up beforehand (`lectern_terms`); an unknown term gives []. */
  expand: (spec: TermSpec) => TermExpansion[];
  /** Papers in the library, for IDF. */
  paperCount: number;
  /**
   * The library's average field lengths in index terms (title, authors, abstract, meta), for BM25+'s length
   * normalisation (`lectern_stats.field_lengths` over the paper count).
   */
  averageFieldLengths: readonly number[];
  /** `all`: every free word must match; `any`: one is enough (the fallback when `all` finds nothing). */
  mode: 'all' | 'any';
  limit: number;
  /** The ids a `tag:` or `status:` filter matches, from the user's own notes; without it such a filter matches none. */
  annotatedIds?: (filter: TextFilter) => readonly string[];
  /** Matches counted exactly up to this many (`BackendSearchOptions.exactTotalUpTo`). Default `EXACT_TOTAL_UP_TO`. */
  exactTotalUpTo?: number;
}

/** A statement and its parameters, for `client.query(text, values)`. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** One row of a search's statement: a paper, its place among equal scores, the matches counted, and what ranks it. */
export interface SearchSqlRow extends Partial<CandidateTerms> {
  id: string;
  /** A filter-only query's order (newest first); else the order of equal scores (titles, then ids). */
  tie: number | string;
  /** The matches counted up to `exactTotalUpTo` + 1 (a bigint, which the driver gives as a string). */
  total: number | string;
}

/**
 * A search's statement, and `rank`, which keeps the best `limit` of its rows with their scores: by the BM25+ of
 * each candidate's terms (0 for every row of a filter-only query, which comes newest first), equal scores by `tie`.
 */
export interface SqlSearch extends SqlQuery {
  rank: (rows: readonly SearchSqlRow[], limit: number) => { id: string; score: number }[];
}

/**
 * Field weights of `ts_rank` in its order {D, C, B, A}: abstract (C) 1, authors and meta (B) 1.75, title (A) 3.
 * Only to choose which head matches are ranked (a cheap score on `search_head`); the ranking is BM25+.
 */
const RANK_WEIGHTS = [0, 1 / 3, 1.75 / 3, 1];
/**
 * Completions from which a word being typed matches as a tsquery prefix rather than as an OR of them. A prefix
 * makes the server test each row the index gives (a recheck that decompresses its `tsvector`), which costs more
 * than the OR of a few completions saves (`benchm`, 4); from about two dozen the OR costs more (measured at
 * 100k papers: keystroke p95 −22%, summed time −7%, against p95 −31% but p50 +67% with a prefix for every
 * typed word).
 */
const PREFIX_MATCH_FROM = 24;
/** Expansions ranked one by one per query term; the rest of a long prefix expansion counts as one group. */
const RANKED_EXPANSIONS = 8;

/**
 * Matches naming a query word in their title, authors, keywords or topics (`search_head`, schema version 2)
 * that a search reads, and of those the best by the score computed on `search_head` alone that it ranks
 * exactly: such matches are few (a word in most abstracts is in few titles) and they rank first. Those naming
 * every query word there are read first (up to `HEAD_MATCHES_READ`), then those naming any (up to
 * `HEAD_ANY_MATCHES_READ`): at a million papers a word like `neural` is in 140 000 titles, and reading them all
 * would cost more than the rest of the search.
 */
const HEAD_MATCHES_READ = 20_000;
const HEAD_ANY_MATCHES_READ = 5_000;
const HEAD_CANDIDATES = 400;
/**
 * When every scored word is in at least this share of the papers, the papers naming some query words in their
 * head but not all come from the words' impact lists (`lectern_term_impacts`, schema version 4: a term's papers
 * naming it in their head, best BM25+ contribution first): `IMPACT_ROWS_READ` of each list (all it keeps), of
 * those the best `IMPACT_ROWS_TESTED` by their weighted contributions summed, tested against the query best
 * first until `HEAD_CANDIDATES` match (each test decompresses a row's `tsvector`). That costs what the top of
 * each list costs, where reading the head index for every paper naming any query word, and the search index
 * again to test them, cost as much as those papers (at 100k papers, `attention si` read 62 000 postings twice).
 * With a rarer word the head index stays: its matches are few, and a common word's best papers seldom hold the
 * rare one (`federated pr`: the lists found few of the papers the head index finds). Reading 300 of each list
 * and testing 600 lost some of the head index's best papers at a million (`microscopy benchmark`); all 1 000 and
 * up to 2 000 tests found them. The lists serve too where the query words as typed are in the heads of more
 * than `IMPACT_FROM_HEAD_ROWS` papers together, whatever their shares: a topic's name is in the head of each of
 * its papers (at a million, `motion` in 194 000 through a topic), and the head index then reads them all (31 ms)
 * and ranks thousands of rows (about 3 µs each), where the lists cost at most their 2 000 tests. Words as
 * typed, not their completions or spellings: a word being typed whose completions fill many heads keeps the
 * head index, as their lists hold few of its best papers (`federated pr` at 100k kept 2 of the local index's
 * first ten with them, all ten without). On the benchmark's 122 queries at a million papers the first ten
 * results agree with the local index's more often (recall 0.613 → 0.620, the 2-word queries 0.76 → 0.81, the
 * others alike; December 2026): from 5 000 papers `tensor brain` (7 500) finds all ten, from 10 000 eight.
 */
const IMPACT_FROM_SHARE = 0.1;
const IMPACT_FROM_HEAD_ROWS = 5_000;
const IMPACT_ROWS_READ = TERM_IMPACT_LIST_LENGTH;
const IMPACT_ROWS_TESTED = 2000;

/**
 * The SQL of one search: rows `(id, tie, total)` and, unless the query is filters only, each candidate's query
 * terms (`terms`, `lengths`), which `rank` scores; `total` counts the matches up to `exactTotalUpTo` + 1
 * (past it a lower bound; by default `EXACT_TOTAL_UP_TO`, the local index's threshold). The papers' records are read apart,
 * for the ranked few only. Ranking every match costs as much as the matches (a word in most abstracts matches
 * most papers), so a search ranks a bounded set of candidates: the best matches naming a query word in
 * `search_head`, and some matches with the words in their abstracts only; those are scored by BM25+ per field
 * as locally. On the seed's 60 ranking
 * cases hidden among 20k synthetic papers this ranks as the local index does (59 of 60, the same miss; December
 * 2026). A query of filters only ranks by year, newest first (score 0), as locally.
 */
export function compileSearchSql(input: SqlSearchInput): SqlSearch {
  const values: unknown[] = [];
  const param = (value: unknown, cast = '') => {
    values.push(value);
    return `$${values.length}${cast}`;
  };
  const { plan } = input;
  const scored = [...plan.soft, ...plan.required];
  const matchQuery = matchTsquery(input);
  const matches = matchConditions(input, matchQuery, param);
  // `matched` is a CTE so that it is planned for all its rows (a GIN bitmap scan unless most papers match)
  // although it is read only as far as needed: planned under a LIMIT it could read every paper to find a rare word.
  // One match past the exact range, to tell "exactly 1 000" from "over 1 000"; every match (LIMIT NULL) for an
  // exact total always.
  const countUpTo = exactTotalUpTo(input.exactTotalUpTo) + 1;
  const countLimit = param(Number.isFinite(countUpTo) ? countUpTo : null, '::bigint');
  const total = `(SELECT count(*) FROM (SELECT 1 FROM matched LIMIT ${countLimit}) AS counted) AS total`;
  if (scored.length === 0 || !matchQuery) {
    // Filters only: newest first. The CTE keeps the planner from walking the primary key in id order.
    const text = `WITH matched AS MATERIALIZED (SELECT id FROM lectern_papers WHERE ${matches}), hits AS MATERIALIZED (
  SELECT id, year FROM lectern_papers WHERE id IN (SELECT id FROM matched) ORDER BY year DESC NULLS LAST, id LIMIT ${param(input.limit, '::integer')}
)
SELECT id, row_number() OVER (ORDER BY year DESC NULLS LAST, id) AS tie, ${total} FROM hits`;
    return { text, values, rank: (rows, limit) => bestFirst(rows, () => 0, limit) };
  }
  const head = headCandidatesSql(input, scored, matches, param);
  const bm25 = fieldBm25(scored, plan.soft.length, input, param);
  const { tail, scan } = planMatchesRead({
    plan,
    expand: input.expand,
    paperCount: input.paperCount,
    mode: input.mode,
    limit: input.limit,
    countUpTo,
  });
  const matchedSql = scan === undefined ? `SELECT id FROM lectern_papers WHERE ${matches}` : scannedMatchesSql(matches, scan, param);
  const text = `WITH matched AS MATERIALIZED (${matchedSql}), ${head}, tail AS MATERIALIZED (
  SELECT id FROM matched LIMIT ${param(tail, '::integer')}
), candidates AS MATERIALIZED (
  SELECT id, search, field_lengths, row_number() OVER (ORDER BY lower(title) COLLATE ucs_basic, id COLLATE ucs_basic) AS tie
  FROM lectern_papers WHERE id IN (SELECT id FROM head UNION SELECT id FROM tail)
)
SELECT c.id, c.tie, c.field_lengths AS lengths, ${bm25.termsSql} AS terms, ${total} FROM candidates AS c`;
  return {
    text,
    values,
    rank: (rows, limit) => bestFirst(rows, (row) => bm25.score({ terms: row.terms ?? '', lengths: row.lengths ?? null }), limit),
  };
}

/**
 * `BackendSearchOptions.exactTotalUpTo` as a count: a whole number of 0 or more, `Infinity` (every match counted),
 * or `EXACT_TOTAL_UP_TO` when absent or not a number.
 */
export function exactTotalUpTo(asked: number | undefined): number {
  if (asked === undefined || Number.isNaN(asked)) return EXACT_TOTAL_UP_TO;
  return asked === Infinity ? Infinity : Math.max(0, Math.floor(asked));
}

/** The best `limit` rows by `score`, equal scores by `tie`. */
function bestFirst(rows: readonly SearchSqlRow[], score: (row: SearchSqlRow) => number, limit: number): { id: string; score: number }[] {
  return rows
    .map((row) => ({ id: row.id, score: score(row), tie: Number(row.tie) }))
    .sort((a, b) => b.score - a.score || a.tie - b.tie)
    .slice(0, limit)
    .map(({ id, score }) => ({ id, score }));
}

/**
 * The `head` CTE (with those it reads): the matches naming query words in their head that a search ranks, at
 * most `HEAD_CANDIDATES`. `matches`: the conditions of a match, as `matchConditions` wrote them.
 */
function headCandidatesSql(
  input: SqlSearchInput,
  scored: Slot[],
  matches: string,
  param: (value: unknown, cast?: string) => string,
): string {
  const { plan } = input;
  // One parameter for the field weights, referenced by every ts_rank (made on first use: an unused one has no type).
  let weightsParam: string | undefined;
  const weights = () => (weightsParam ??= param(RANK_WEIGHTS, '::float4[]'));
  // Head matches naming every scored word are chosen by a cheaper score on the head's terms alone (IDF ×
  // field-weighted `ts_rank`); the candidates are then ranked by BM25+ per field, as locally.
  const headScore = () => scored.map((slot) => slotScoreSql(slot, input, weights, param)).join(' + ');
  const every = scored.length > 1 ? param(everySlotTsquery(scored, input.expand), '::tsquery') : undefined;
  // Where naming the query words in the head implies the words' match (each word one term, its head terms some of
  // its expansions), the head papers are not tested against the search index again: one GIN read less.
  let rest: string | undefined;
  const implied = (whenHeadMatches: boolean) =>
    whenHeadMatches && scored.every((slot) => slot.alternatives.every((alternative) => alternative.length === 1))
      ? (rest ??= matchConditions(input, undefined, param))
      : matches;
  const anyImplies = scored.length === 1 || (input.mode === 'any' && plan.required.length === 0);
  const headCap = param(Math.max(HEAD_CANDIDATES, input.limit), '::integer');
  const everyNamed = (cap: number) =>
    `(SELECT id, search_head FROM lectern_papers WHERE search_head @@ ${every} AND ${implied(true)} LIMIT ${cap})`;
  const anyHead = () => param(anyTermTsquery(scored, input.expand), '::tsquery');
  let head: string;
  const headRows = scored.reduce((sum, slot) => sum + slotShare(slot, input, 'head as typed'), 0) * input.paperCount;
  if (scored.every((slot) => slotPapers(slot, input.expand) >= IMPACT_FROM_SHARE * input.paperCount) || headRows > IMPACT_FROM_HEAD_ROWS) {
    // Papers naming every scored word in their head (few unless every word is common in heads), ranked by the
    // cheap head score, then the best papers of the words' impact lists that match.
    const named = every ? `named AS MATERIALIZED ${everyNamed(HEAD_MATCHES_READ)}, ` : '';
    const firstPass = every
      ? `(SELECT id, 0 AS pass, (${headScore()}) AS rank FROM named ORDER BY 3 DESC, id LIMIT ${headCap})\n    UNION ALL `
      : '';
    // When the papers naming every word fill the head candidates, the lists' candidates would all come after
    // them: none is read or tested (a LIMIT of 0 reads nothing, so `listed` is never computed).
    const listedCap = every
      ? `CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM named LIMIT ${headCap}) AS enough) >= ${headCap} THEN 0 ELSE ${headCap} END`
      : headCap;
    head = `${named}${impactCandidates(scored, input.expand, implied(anyImplies), listedCap, param)}, head AS MATERIALIZED (
  SELECT id FROM (
    ${firstPass}(SELECT id, 1 AS pass, estimate AS rank FROM listed_matches)
  ) AS h GROUP BY id ORDER BY min(pass), max(rank) DESC, id LIMIT ${headCap}
)`;
  } else {
    // Papers naming every scored word in their head first, then those naming any: one read of each (a UNION ALL,
    // the second leaving out the first's), so no head paper is read twice.
    const named = every
      ? `${everyNamed(HEAD_MATCHES_READ)}
  UNION ALL (SELECT id, search_head FROM lectern_papers WHERE search_head @@ ${anyHead()} AND NOT (search_head @@ ${every}) AND ${implied(anyImplies)} LIMIT ${HEAD_ANY_MATCHES_READ})`
      : `SELECT id, search_head FROM lectern_papers WHERE search_head @@ ${anyHead()} AND ${implied(anyImplies)} LIMIT ${HEAD_MATCHES_READ}`;
    head = `named AS MATERIALIZED (
  ${named}
), head AS MATERIALIZED (
  SELECT id FROM named ORDER BY (${headScore()}) DESC, id LIMIT ${headCap}
)`;
  }
  return head;
}

/** What every match satisfies, as SQL conditions joined by AND (`true` for none); values go through `param`. */
function matchConditions(input: SqlSearchInput, matchQuery: string | undefined, param: (value: unknown, cast?: string) => string): string {
  const { plan } = input;
  const where: string[] = [];
  if (matchQuery) where.push(`search @@ ${param(matchQuery, '::tsquery')}`);
  for (const phrase of plan.phrases) where.push(`strpos(phrase_text, ${param(phraseSqlKey(phrase.text, phrase.typed !== undefined))}) > 0`);
  for (const slot of plan.excluded) where.push(`NOT (search @@ ${param(slotTsquery(slot, input.expand, true), '::tsquery')})`);
  for (const phrase of plan.excludedPhrases) where.push(`strpos(phrase_text, ${param(phraseSqlKey(phrase.text))}) = 0`);
  for (const filter of plan.filters) where.push(filterSql(filter, param, input.annotatedIds));
  return where.length > 0 ? where.join(' AND ') : 'true';
}

/**
 * The terms that put a paper among the head candidates: each scored term's expansions ranked one by one (the
 * best `RANKED_EXPANSIONS`, as `slotScoreSql` orders them), any of them. A word being typed (`pr` → 48
 * completions) would otherwise bring in every title with any completion, most of them ranking low.
 */
function anyTermTsquery(slots: Slot[], expand: SqlSearchInput['expand']): string {
  const terms = new Set<string>();
  for (const slot of slots)
    for (const alternative of slot.alternatives)
      for (const spec of alternative) {
        terms.add(spec.term);
        for (const e of bestExpansions(expand(spec)).slice(0, RANKED_EXPANSIONS)) terms.add(e.term);
      }
  return group([...terms].map(lexeme), '|');
}

/** The impact lists a search reads: the terms `anyTermTsquery` reads, each with its spec's number and its weight. */
function impactLists(slots: Slot[], expand: SqlSearchInput['expand']): { terms: string[]; specs: number[]; factors: number[] } {
  const lists = { terms: [] as string[], specs: [] as number[], factors: [] as number[] };
  let spec = 0;
  for (const slot of slots)
    for (const alternative of slot.alternatives)
      for (const termSpec of alternative) {
        spec += 1;
        for (const e of bestExpansions(expand(termSpec)).slice(0, RANKED_EXPANSIONS)) {
          lists.terms.push(e.term);
          lists.specs.push(spec);
          lists.factors.push(e.weight);
        }
      }
  return lists;
}

/**
 * The `listed` CTE (the best `IMPACT_ROWS_TESTED` papers of the scored terms' impact lists by their summed
 * contributions, each term's best `IMPACT_ROWS_READ`) and `listed_matches` (the first `cap` of those, best
 * first, satisfying `conditions`: each test decompresses a row's `tsvector`, so they stop once enough match).
 */
function impactCandidates(
  slots: Slot[],
  expand: SqlSearchInput['expand'],
  conditions: string,
  cap: string,
  param: (value: unknown, cast?: string) => string,
): string {
  const lists = impactLists(slots, expand);
  // The ordered subquery is not flattened, so the tests run in its order and the LIMIT stops them.
  return `listed AS MATERIALIZED (
  SELECT id, sum(best) AS estimate FROM (
    SELECT i.id, x.spec, max(i.impact * x.factor) AS best
    FROM unnest(${param(lists.terms, '::text[]')}, ${param(lists.specs, '::integer[]')}, ${param(lists.factors, '::float8[]')}) AS x(term, spec, factor)
    CROSS JOIN LATERAL (SELECT id, impact FROM lectern_term_impacts WHERE term = x.term ORDER BY impact DESC LIMIT ${IMPACT_ROWS_READ}) AS i
    GROUP BY i.id, x.spec
  ) AS best GROUP BY id ORDER BY estimate DESC, id LIMIT ${IMPACT_ROWS_TESTED}
), listed_matches AS MATERIALIZED (
  SELECT id, estimate FROM (SELECT id, estimate FROM listed ORDER BY estimate DESC, id) AS l
  WHERE EXISTS (SELECT 1 FROM lectern_papers WHERE lectern_papers.id = l.id AND ${conditions}) LIMIT ${cap}
)`;
}

/** About how many papers a slot matches: its likeliest alternative's rarest term, by its commonest expansion. */
function slotPapers(slot: Slot, expand: SqlSearchInput['expand']): number {
  return Math.max(
    ...slot.alternatives.map((alternative) => Math.min(...alternative.map((spec) => Math.max(0, ...expand(spec).map((e) => e.papers))))),
  );
}

/** Every scored slot named (each by any of its terms `anyTermTsquery` reads): the papers most likely to rank first. */
function everySlotTsquery(slots: Slot[], expand: SqlSearchInput['expand']): string {
  return group(
    slots.map((slot) => anyTermTsquery([slot], expand)),
    '&',
  );
}

/** Expansions best first: by weight (exact, then closer completions and spellings), then by papers. */
function bestExpansions(expansions: TermExpansion[]): TermExpansion[] {
  return [...expansions].sort((a, b) => b.weight - a.weight || b.papers - a.papers);
}

/** The tsquery every match satisfies: the free words (all or any) and the phrases' words; undefined for filters only. */
function matchTsquery(input: SqlSearchInput): string | undefined {
  const soft = input.plan.soft.map((slot) => slotTsquery(slot, input.expand, false));
  const required = input.plan.required.map((slot) => slotTsquery(slot, input.expand, false));
  const parts = [...(soft.length > 0 ? [group(soft, input.mode === 'all' ? '&' : '|')] : []), ...required];
  return parts.length > 0 ? group(parts, '&') : undefined;
}

/** A slot as a tsquery: any alternative, each needing all its terms, each term any of its expansions. */
function slotTsquery(slot: Slot, expand: SqlSearchInput['expand'], exactOnly: boolean): string {
  const alternatives = slot.alternatives.map((alternative) =>
    group(
      alternative.map((spec) => (exactOnly ? lexeme(spec.term) : specTsquery(spec, expand(spec)))),
      '&',
    ),
  );
  return group(alternatives, '|');
}

/**
 * A term and its expansions as a tsquery. A word being typed with many completions matches as a tsquery prefix
 * (`'si':*`): the GIN index reads every term under the prefix into one bitmap, 2.5–3.5× faster than an OR of
 * its 39–48 commonest completions (each a posting list merged with the others). It matches every term the
 * prefix starts, as the OR of all of them would; only past the 48 commonest completions (`pr` has 94 at 100k)
 * does it match more.
 */
function specTsquery(spec: TermSpec, expansions: TermExpansion[]): string {
  const completions = expansions.filter((e) => e.term !== spec.term && e.term.startsWith(spec.term)).length;
  const completed = spec.prefix && completions >= PREFIX_MATCH_FROM;
  const terms = new Set([spec.term, ...expansions.map((e) => e.term)].filter((term) => !(completed && term.startsWith(spec.term))));
  return group([...(completed ? [`${lexeme(spec.term)}:*`] : []), ...[...terms].map(lexeme)], '|');
}

/**
 * A slot's share of the score: for each expansion of each term (the commonest `RANKED_EXPANSIONS`), its
 * weight × IDF × the field-weighted `ts_rank` of the paper for that term; a slot's alternatives take the best.
 */
function slotScoreSql(slot: Slot, input: SqlSearchInput, weights: () => string, param: (value: unknown, cast?: string) => string): string {
  const alternatives = slot.alternatives.map((alternative) => {
    const terms = alternative.map((spec) => {
      const expansions = bestExpansions(input.expand(spec));
      const ranked = expansions
        .slice(0, RANKED_EXPANSIONS)
        .map((e) => rankSql(e.weight * idf(e.papers, input.paperCount), [e.term], weights, param));
      const rest = expansions.slice(RANKED_EXPANSIONS);
      if (rest.length > 0) {
        const weight = Math.min(...rest.map((e) => e.weight)) * idf(Math.max(...rest.map((e) => e.papers)), input.paperCount);
        ranked.push(
          rankSql(
            weight,
            rest.map((e) => e.term),
            weights,
            param,
          ),
        );
      }
      // A typed zero: a bare `0` in ORDER BY would name the first column.
      return ranked.length > 0 ? ranked.join(' + ') : '0::float8';
    });
    return terms.length === 1 ? terms[0] : `(${terms.join(' + ')})`;
  });
  return alternatives.length === 1 ? alternatives[0] : `greatest(${alternatives.join(', ')})`;
}

function rankSql(weight: number, terms: string[], weights: () => string, param: (value: unknown, cast?: string) => string): string {
  return `${param(weight, '::float8')} * ts_rank(${weights()}, search_head, ${param(group(terms.map(lexeme), '|'), '::tsquery')})`;
}

/** BM25's IDF, never below a small positive floor so a term in every paper still counts a little. */
function idf(papers: number, paperCount: number): number {
  return Math.max(0.05, Math.log(1 + (paperCount - papers + 0.5) / (papers + 0.5)));
}

function filterSql(
  filter: QueryFilter,
  param: (value: unknown, cast?: string) => string,
  annotatedIds: SqlSearchInput['annotatedIds'],
): string {
  let test: string;
  switch (filter.kind) {
    case 'year':
      test = [
        'year IS NOT NULL',
        ...(filter.from !== undefined ? [`year >= ${param(filter.from, '::integer')}`] : []),
        ...(filter.to !== undefined ? [`year <= ${param(filter.to, '::integer')}`] : []),
      ].join(' AND ');
      break;
    case 'topic':
    case 'author': {
      // `matchesAtWordStart`: the folded value starts the folded name or one of its words.
      const value = foldedWords(filter.value);
      const column = filter.kind === 'topic' ? 'topics_folded' : 'authors_folded';
      test = value
        ? `EXISTS (SELECT 1 FROM unnest(${column}) AS name WHERE starts_with(name, ${param(value)}) OR strpos(name, ${param(` ${value}`)}) > 0)`
        : 'false';
      break;
    }
    default:
      test = `id = ANY(${param([...(annotatedIds?.(filter) ?? [])], '::text[]')})`;
  }
  return filter.negated ? `NOT (${test})` : `(${test})`;
}

/** A term as a quoted tsquery lexeme (quotes doubled, backslashes escaped, as the tsquery input syntax reads them). */
function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function group(parts: string[], operator: '&' | '|'): string {
  return parts.length === 1 ? parts[0] : `(${parts.join(` ${operator} `)})`;
}
