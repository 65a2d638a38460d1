/**
 * The local index's ranking in SQL: BM25+ per field (title, authors, abstract, keywords/categories/topics) with
 * the local field boosts and parameters (`resolveSearchSettings`' defaults), each field's IDF from its own
 * document frequency (`lectern_terms.fields`), blended over a query term's expansions, a query term scoring
 * through its best expansion, a compound's parts summed, a slot's alternatives by the best, slots summed (and,
 * when any word may match, multiplied by the words matched) — as `QueryRun` scores. Pure: SQL text and values.
 *
 * Term frequencies come from each candidate's `tsvector`: the import numbers positions through title, authors,
 * abstract and meta in that order and stores each paper's field lengths (`field_lengths`), so an occurrence's
 * position names its field (positions stop at 16 383: in a paper longer than that, the last ones count as
 * abstract).
 */
import { FIELD_COUNT } from './index-fields';
import type { Slot, TermSpec } from './query-plan';
import { resolveSearchSettings } from './search-options';

const SETTINGS = resolveSearchSettings();

/** One index term a query term stands for in the shared library, with its ranking weight and document frequency. */
export interface TermExpansion {
  /** The index term, e.g. `spiking` for the typed `spik`. */
  term: string;
  /** 1 for the exact term; the prefix or typo weight (below 1) otherwise. */
  weight: number;
  /** How many papers hold it (`lectern_terms.papers`). */
  papers: number;
  /** How many papers hold it per field: title, authors, abstract, meta (`lectern_terms.fields`); else `papers` in each. */
  fields?: readonly number[];
}

/** What the scoring needs of `SqlSearchInput`. */
export interface FieldBm25Input {
  expand: (spec: TermSpec) => TermExpansion[];
  paperCount: number;
  averageFieldLengths: readonly number[];
  mode: 'all' | 'any';
}

/** The query's expansions as parallel arrays (one SQL parameter each), specs and alternatives numbered from 1. */
interface ScoringTables {
  terms: string[];
  /** Per expansion: its term spec's number. */
  specs: number[];
  /** Per field, per expansion: weight × boost × the field's IDF (0: the term is in no paper's field). */
  scales: number[][];
  /** Per spec: its alternative's number. */
  specAlternatives: number[];
  /** Per alternative: its slot's number, and how many specs it needs (a compound's parts all). */
  alternativeSlots: number[];
  alternativeSizes: number[];
}

/**
 * CTEs scoring the rows of a `candidates` CTE (`id`, `search`, `field_lengths`, `tie`: the order of equal
 * scores), the last named `scores` with `(id, tie, score)` for each candidate holding any scored term. `slots`: the soft slots, then the required ones
 * (`softCount` of them soft).
 */
export function fieldBm25Sql(
  slots: Slot[],
  softCount: number,
  input: FieldBm25Input,
  param: (value: unknown, cast?: string) => string,
): string {
  const tables = scoringTables(slots, input);
  const { k, b, d } = SETTINGS.bm25;
  // One field's BM25+ of a term frequency column: MiniSearch's formula, as `postingScore`.
  const field = (column: string, f: number) => {
    const average = input.averageFieldLengths[f] ?? 0;
    const lengthFactor = average > 0 ? (k[f] * b[f]) / average : 0;
    const scale = `x.s${f}`;
    return `CASE WHEN o.${column} > 0 THEN ${scale} * (${param(d[f], '::float8')} + o.${column} * ${param(k[f] + 1, '::float8')} / (o.${column} + ${param(k[f] * (1 - b[f]), '::float8')} + ${param(lengthFactor, '::float8')} * o.lengths[${f + 1}])) ELSE 0 END`;
  };
  const scales = tables.scales.map((column) => param(column, '::float8[]')).join(', ');
  const soft = param(softCount, '::integer');
  const terms = param(tables.terms, '::text[]');
  // Any-word mode ranks by the words matched first, as `unionCounted`.
  const softFactor = input.mode === 'any' ? ` * count(*) FILTER (WHERE slot <= ${soft})` : '';
  // The query's lexemes alone, each with its positions: marked with weight D (which no field has) and kept by it.
  // Much cheaper than unnesting the whole tsvector (every lexeme's positions made into an array) and filtering.
  const queryLexemes = `ts_filter(setweight(c.search, ${param('D')}, ${terms}), ${param(['d'])})`;
  // Positions run through title, authors, abstract and meta in that order: the field lengths' sums bound them.
  const [title, authors, abstract] = [1, 2, 3].map((n) => Array.from({ length: n }, (_, i) => `c.field_lengths[${i + 1}]`).join(' + '));
  return `occurrences AS (
  SELECT c.id, c.tie, u.lexeme, c.field_lengths AS lengths,
    count(*) FILTER (WHERE o.p <= ${title}) AS title,
    count(*) FILTER (WHERE o.p > ${title} AND o.p <= ${authors}) AS authors,
    count(*) FILTER (WHERE o.p > ${authors} AND o.p <= ${abstract}) AS abstract,
    count(*) FILTER (WHERE o.p > ${abstract}) AS meta
  FROM candidates AS c, unnest(${queryLexemes}) AS u, unnest(u.positions) AS o(p)
  GROUP BY c.id, c.tie, u.lexeme, c.field_lengths
), expanded AS (
  SELECT o.id, o.tie, x.spec, ${field('title', 0)} + ${field('authors', 1)} + ${field('abstract', 2)} + ${field('meta', 3)} AS score
  FROM occurrences AS o JOIN unnest(${terms}, ${param(tables.specs, '::integer[]')}, ${scales}) AS x(term, spec, s0, s1, s2, s3)
    ON x.term = o.lexeme
), per_spec AS (
  SELECT id, tie, spec, max(score) AS score FROM expanded GROUP BY id, tie, spec
), per_alternative AS (
  SELECT s.id, s.tie, m.alternative, sum(s.score) AS score, count(*) AS specs
  FROM per_spec AS s JOIN unnest(${param(tables.specAlternatives, '::integer[]')}) WITH ORDINALITY AS m(alternative, spec) ON m.spec = s.spec
  GROUP BY s.id, s.tie, m.alternative
), per_slot AS (
  SELECT a.id, a.tie, n.slot, max(a.score) AS score FROM per_alternative AS a
  JOIN unnest(${param(tables.alternativeSlots, '::integer[]')}, ${param(tables.alternativeSizes, '::integer[]')}) WITH ORDINALITY AS n(slot, size, alternative)
    ON n.alternative = a.alternative AND a.specs = n.size
  GROUP BY a.id, a.tie, n.slot
), scores AS (
  SELECT id, tie, coalesce(sum(score) FILTER (WHERE slot <= ${soft}), 0)${softFactor} + coalesce(sum(score) FILTER (WHERE slot > ${soft}), 0) AS score
  FROM per_slot GROUP BY id, tie
)`;
}

/** The slots' expansions with their per-field scales, as `InvertedIndex.leavesOf` computes them. */
function scoringTables(slots: Slot[], input: FieldBm25Input): ScoringTables {
  const tables: ScoringTables = {
    terms: [],
    specs: [],
    scales: Array.from({ length: FIELD_COUNT }, () => []),
    specAlternatives: [],
    alternativeSlots: [],
    alternativeSizes: [],
  };
  slots.forEach((slot, slotIndex) => {
    for (const alternative of slot.alternatives) {
      const alternativeNumber = tables.alternativeSlots.push(slotIndex + 1);
      tables.alternativeSizes.push(alternative.length);
      for (const spec of alternative) {
        const specNumber = tables.specAlternatives.push(alternativeNumber);
        addExpansions(tables, specNumber, spec, input);
      }
    }
  });
  return tables;
}

function addExpansions(tables: ScoringTables, specNumber: number, spec: TermSpec, input: FieldBm25Input): void {
  const expansions = input.expand(spec);
  const fieldsOf = (e: TermExpansion) => e.fields ?? Array.from({ length: FIELD_COUNT }, () => e.papers);
  // Several expansions take the IDF of the commonest in each field (`Expansion.idfDocs`).
  const blended =
    expansions.length > 1
      ? Array.from({ length: FIELD_COUNT }, (_, f) => Math.max(...expansions.map((e) => fieldsOf(e)[f] ?? 0)))
      : undefined;
  const apart = spec.apart ? SETTINGS.apartWeight : 1;
  for (const e of expansions) {
    tables.terms.push(e.term);
    tables.specs.push(specNumber);
    const fields = fieldsOf(e);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const papers = fields[f] ?? 0;
      const idfPapers = blended ? Math.max(papers, blended[f]) : papers;
      const idf = Math.log(1 + (input.paperCount - idfPapers + 0.5) / (idfPapers + 0.5));
      tables.scales[f].push(papers > 0 ? e.weight * apart * SETTINGS.boosts[f] * idf : 0);
    }
  }
}

/** Papers kept per term in `lectern_term_impacts`: a search reads the head of each list (`compileSearchSql`). */
export const TERM_IMPACT_LIST_LENGTH = 1000;

/**
 * Fills `lectern_term_impacts` (schema version 4): for each term, the papers naming it in their title, authors,
 * keywords or topics (`search_head`), best first by the term's BM25+ contribution to the paper (every field's,
 * the abstract's included, with unit weight and each field's own IDF, as `fieldBm25Sql` scores), the best
 * `TERM_IMPACT_LIST_LENGTH` of each. A paper naming a term in its head outranks, for that term, every paper
 * holding it in its abstract only (the title's boost and IDF), so each list is the head of the term's whole
 * ranking. Reads `lectern_terms.fields` and `lectern_stats.field_lengths`: run after they are refreshed. The
 * statement's numbers are the settings' (no value from outside). `headTerms`: a `SELECT` of `headTermCountsSql`'s rows
 * (by default that statement).
 */
export function termImpactsSql(headTerms = headTermCountsSql()): string {
  const { k, b, d } = SETTINGS.bm25;
  const fields = Array.from({ length: FIELD_COUNT }, (_, f) => f);
  // Constants as float8: a bare `1.1` is numeric, whose arithmetic over every (paper, term) cost more than the rest.
  const float = (n: number) => `${n}::float8`;
  const parts = fields
    .map((f) => {
      const idf = `ln(1 + (s.n - t.fields[${f + 1}] + 0.5::float8) / (t.fields[${f + 1}] + 0.5::float8))`;
      const norm = `${float(k[f] * (1 - b[f]))} + ${float(k[f] * b[f])} * o.lengths[${f + 1}] / s.a${f}`;
      return `CASE WHEN o.t${f} > 0 AND t.fields[${f + 1}] > 0 AND s.a${f} > 0
      THEN ${float(SETTINGS.boosts[f])} * ${idf} * (${float(d[f])} + o.t${f} * ${float(k[f] + 1)} / (o.t${f} + ${norm})) ELSE 0 END`;
    })
    .join('\n    + ');
  const averages = fields.map((f) => `field_lengths[${f + 1}] / greatest(papers, 1) AS a${f}`).join(', ');
  // The averages once (a scalar row, not a subquery per row); the partitions by bytes (the same groups, cheaper
  // to sort than by the database's collation).
  return `INSERT INTO lectern_term_impacts (term, impact, id)
WITH s AS MATERIALIZED (
  SELECT papers::float8 AS n, ${averages} FROM lectern_stats
), occurrences AS (
  ${headTerms}
), scored AS (
  SELECT o.lexeme AS term, o.id,
    ${parts} AS impact
  FROM occurrences AS o JOIN lectern_terms AS t ON t.term = o.lexeme, s
)
SELECT term, impact, id FROM (
  SELECT term, impact, id, row_number() OVER (PARTITION BY term COLLATE "C" ORDER BY impact DESC, id) AS place FROM scored
) AS ranked WHERE place <= ${TERM_IMPACT_LIST_LENGTH}`;
}

/**
 * Each (paper, term of its head)'s occurrences per field, `(id, lexeme, lengths, t0, t1, t2, t3)`: the term's
 * positions in the paper's whole `tsvector` (the abstract's too), counted by field from the paper's field lengths
 * (positions run through title, authors, abstract and meta in that order, as `fieldBm25Sql` reads them), one
 * LATERAL per term (not one grouping of every paper's terms).
 */
export function headTermCountsSql(): string {
  const fields = Array.from({ length: FIELD_COUNT }, (_, f) => f);
  const bound = (f: number) =>
    fields
      .slice(0, f + 1)
      .map((i) => `p.field_lengths[${i + 1}]`)
      .join(' + ');
  const counts = fields
    .map((f) => {
      const above = f > 0 ? `o.p > ${bound(f - 1)}` : '';
      const below = f < FIELD_COUNT - 1 ? `o.p <= ${bound(f)}` : '';
      return `count(*) FILTER (WHERE ${[above, below].filter(Boolean).join(' AND ')}) AS t${f}`;
    })
    .join(',\n      ');
  return `SELECT p.id, u.lexeme, p.field_lengths AS lengths, c.t0, c.t1, c.t2, c.t3
  FROM lectern_papers AS p,
    unnest(ts_filter(setweight(p.search, 'D', tsvector_to_array(p.search_head)), '{d}')) AS u,
    LATERAL (SELECT ${counts}
      FROM unnest(u.positions) AS o(p)) AS c`;
}
