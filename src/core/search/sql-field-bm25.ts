/**
 * The local index's ranking for the shared library: BM25+ per field (title, authors, abstract, keywords/categories/topics) with
 * the local field boosts and parameters (`resolveSearchSettings`' defaults), each field's IDF from its own
 * document frequency (`lectern_terms.fields`), blended over a query term's expansions, a query term scoring
 * through its best expansion, a compound's parts summed, a slot's alternatives by the best, slots summed (and,
 * when any word may match, multiplied by the words matched) — as `QueryRun` scores. Pure: SQL text and values,
 * and the scores of the candidates a statement returns.
 *
 * Term frequencies come from each candidate's `tsvector` (its query lexemes, sent as text): the import numbers positions through title, authors,
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

/** A candidate as `compileSearchSql`'s statement gives it: its query terms with their positions, and its field lengths. */
export interface CandidateTerms {
  /** The query's lexemes in the paper, as `tsvector` text with their positions (`'spiking':3,57 'neural':58`). */
  terms: string;
  /** The paper's field lengths in index terms (title, authors, abstract, meta); null in no library of schema 3+. */
  lengths: number[] | null;
}

/** What `fieldBm25` gives a statement: the SQL of a candidate's query lexemes, and the score of a candidate. */
export interface FieldBm25 {
  /** An expression over `c.search` (a candidate's `tsvector`): `CandidateTerms.terms`. */
  termsSql: string;
  /** A candidate's BM25+ per field; 0 when it holds no scored term. */
  score: (candidate: CandidateTerms) => number;
}

/**
 * The scoring of a search's candidates: the server takes each candidate's query lexemes out of its `tsvector`
 * (marked with weight D, which no field has, by `setweight`, and kept by `ts_filter`), and this process scores
 * them. Scoring in SQL (each occurrence a row, four groupings over them) was half of a two-word search's
 * statement at 100k papers; the lexemes' text costs the server little. `slots`: the soft slots, then the
 * required ones (`softCount` of them soft).
 */
export function fieldBm25(
  slots: Slot[],
  softCount: number,
  input: FieldBm25Input,
  param: (value: unknown, cast?: string) => string,
): FieldBm25 {
  const tables = scoringTables(slots, input);
  const termsSql = `ts_filter(setweight(c.search, ${param('D')}, ${param(tables.terms, '::text[]')}), ${param(['d'])})::text`;
  // Each term's expansions (one term may stand in several specs), and each field's constants of MiniSearch's formula.
  const expansionsOf = new Map<string, number[]>();
  tables.terms.forEach((term, e) => expansionsOf.set(term, [...(expansionsOf.get(term) ?? []), e]));
  const { k, b, d } = SETTINGS.bm25;
  const fields = Array.from({ length: FIELD_COUNT }, (_, f) => {
    const average = input.averageFieldLengths[f] ?? 0;
    return { d: d[f], k1: k[f] + 1, kConst: k[f] * (1 - b[f]), kLen: average > 0 ? (k[f] * b[f]) / average : 0 };
  });
  const score = (candidate: CandidateTerms) => {
    const specBest = new Float64Array(tables.specAlternatives.length).fill(-Infinity);
    const lengths = candidate.lengths ?? [];
    for (const [lexeme, tf] of fieldCounts(candidate, expansionsOf))
      for (const e of expansionsOf.get(lexeme)!) {
        let sum = 0;
        for (let f = 0; f < FIELD_COUNT; f++) {
          if (tf[f] === 0) continue;
          const c = fields[f];
          sum += tables.scales[f][e] * (c.d + (tf[f] * c.k1) / (tf[f] + c.kConst + c.kLen * (lengths[f] ?? 0)));
        }
        const spec = tables.specs[e] - 1;
        if (sum > specBest[spec]) specBest[spec] = sum;
      }
    return candidateScore(tables, softCount, input.mode, specBest);
  };
  return { termsSql, score };
}

/**
 * A candidate's score from its specs' (each its best expansion's; -Infinity for a spec it lacks), as `QueryRun`
 * scores: an alternative by its specs summed (all present), a slot by its best alternative, slots summed (the
 * soft ones times the soft slots matched when any may match).
 */
function candidateScore(tables: ScoringTables, softCount: number, mode: FieldBm25Input['mode'], specBest: Float64Array): number {
  const alternatives = tables.alternativeSlots.length;
  const sums = new Float64Array(alternatives);
  const present = new Int32Array(alternatives);
  specBest.forEach((score, spec) => {
    if (score === -Infinity) return;
    const alternative = tables.specAlternatives[spec] - 1;
    sums[alternative] += score;
    present[alternative] += 1;
  });
  const slotBest = new Map<number, number>();
  for (let a = 0; a < alternatives; a++) {
    if (present[a] === 0 || present[a] !== tables.alternativeSizes[a]) continue;
    const slot = tables.alternativeSlots[a];
    slotBest.set(slot, Math.max(slotBest.get(slot) ?? -Infinity, sums[a]));
  }
  let soft = 0;
  let softMatched = 0;
  let required = 0;
  for (const [slot, score] of slotBest) {
    if (slot <= softCount) {
      soft += score;
      softMatched += 1;
    } else required += score;
  }
  return (mode === 'any' ? soft * softMatched : soft) + required;
}

/**
 * Each scored lexeme's occurrences per field (title, authors, abstract, meta) in a candidate: positions run
 * through the fields in that order, so the field lengths' sums bound them. A lexeme without positions counts
 * nowhere (a paper's field lengths missing: everywhere zero).
 */
function fieldCounts(candidate: CandidateTerms, scored: ReadonlyMap<string, unknown>): Map<string, number[]> {
  const counts = new Map<string, number[]>();
  const bounds: number[] = [];
  const lengths = candidate.lengths;
  if (lengths) for (let f = 0, sum = 0; f < FIELD_COUNT - 1; f++) bounds.push((sum += lengths[f] ?? 0));
  const text = candidate.terms;
  // tsvector text: each lexeme quoted (a quote doubled, a backslash escaped), then `:` and its positions (each
  // maybe with a weight letter), entries apart by spaces. Read by hand: a regular expression took twice as long.
  let at = 0;
  while (at < text.length) {
    let lexeme = '';
    let from = at + 1;
    for (at = from; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c === 92 /* \ */) {
        lexeme += text.slice(from, at);
        from = ++at;
      } else if (c === 39 /* ' */) {
        lexeme += text.slice(from, at);
        if (text.charCodeAt(at + 1) !== 39) break;
        from = ++at;
      }
    }
    at += 1;
    if (text.charCodeAt(at) === 58 /* : */) {
      const tf = scored.has(lexeme) ? (counts.get(lexeme) ?? new Array<number>(FIELD_COUNT).fill(0)) : undefined;
      if (tf) counts.set(lexeme, tf);
      // Positions up to the next space (or the end).
      let p = 0;
      for (at += 1; at <= text.length; at++) {
        const c = at < text.length ? text.charCodeAt(at) : 32;
        if (c >= 48 && c <= 57) p = p * 10 + c - 48;
        else if (c === 44 /* , */ || c === 32 /* space */) {
          if (tf && lengths) {
            let f = 0;
            while (f < bounds.length && p > bounds[f]) f++;
            tf[f] += 1;
          }
          p = 0;
          if (c === 32) break;
        }
      }
    }
    at += 1;
  }
  return counts;
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
