import * as l10n from '@vscode/l10n';
import pg, { type Pool } from 'pg';
import type { BackendSearchOptions, LibraryBackend, TopicCount } from '../../core/library/library-backend';
import type { Paper } from '../../core/model/paper';
import type { RelatedPaper } from '../../core/related/related-papers';
import { hitFor } from '../../core/search/highlight-terms';
import { isEmptyQuery, parseQuery, type ParsedQuery } from '../../core/search/parse-query';
import { spacedCompounds } from '../../core/search/query-plan';
import type { SearchResponse } from '../../core/search/paper-search';
import { compileSearchSql, exactTotalUpTo, type SearchSqlRow } from '../../core/search/sql-search';
import { checkSchema } from './migrate-database';
import { describeConnection, libraryErrorOf } from './pg-connection-error';
import { resolvePlan, VocabularyCache } from './pg-term-lookup';
import { ReadRouter } from './read-router';
import { withSessionOptions } from './session-options';

/** How `PgLibrary.connect` connects. */
export interface PgLibraryOptions {
  /** Connections kept open. Default 4. */
  maxConnections?: number;
  /** A statement running longer is cancelled (and reported). Default 15 000 ms. */
  statementTimeoutMs?: number;
  /** Giving up on connecting after this long. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /**
   * A read replica's connection string (a streaming standby of `url`): searches and every other read go there,
   * and to the primary while it cannot be reached (no error shown; it is tried again after a backoff).
   * node-postgres reads one host per connection string, so libpq's multi-host
   * `target_session_attrs=prefer-standby` is not available; this is its equivalent. Default: none.
   * @example 'postgresql://alice@replica.lab.example/lectern'
   */
  readUrl?: string;
}

/** Connecting to a replica gives up sooner than to the primary: the primary is there to fall back on. */
const REPLICA_CONNECT_TIMEOUT_MS = 2_000;

/** Related papers are found through this many of the paper's most distinctive terms. */
const RELATED_TERMS = 12;
const DEFAULT_LIMIT = 50;
/**
 * Words, phrases, exclusions and filters a shared-library search reads of one query (each kind apart): every
 * term costs a lookup and a ranking expression, and a pasted page of text must not become a statement of
 * thousands of parameters. Well beyond anything typed into a search box.
 */
const MAX_QUERY_PARTS = 32;

/**
 * A shared Lectern library in PostgreSQL (schema: `migrateDatabase`), answering the same questions as the
 * local index: the search box's language compiled to parameterised SQL (`compileSearchSql`), related papers,
 * topics with counts, papers by id or citekey. Connection and server failures reject with `PgLibraryError`.
 */
export class PgLibrary implements LibraryBackend {
  /** The terms and expansions already looked up (the words before the one being typed come back at every keystroke). */
  private readonly vocabulary = new VocabularyCache();

  private constructor(private readonly pool: ReadRouter) {}

  /** Connects (the password from the URL, `PGPASSWORD` or `PGPASSFILE`) and checks the schema is one this Lectern reads. */
  static async connect(url: string, options: PgLibraryOptions = {}): Promise<PgLibrary> {
    const pool = newPool(url, options, options.connectTimeoutMs ?? 10_000);
    try {
      const client = await pool.connect();
      try {
        await checkSchema(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw libraryErrorOf(error, describeConnection(url));
    }
    const replica = options.readUrl ? newPool(options.readUrl, options, REPLICA_CONNECT_TIMEOUT_MS) : undefined;
    return new PgLibrary(new ReadRouter(pool, replica));
  }

  /** Reads the primary answered because the read replica could not (0 without a replica). */
  get replicaFallbacks(): number {
    return this.pool.fallbacks;
  }

  async search(query: string, options: BackendSearchOptions = {}): Promise<SearchResponse> {
    const text = typeof query === 'string' ? query : '';
    const empty: SearchResponse = { query: text, total: 0, totalIsLowerBound: false, results: [] };
    const parsed = boundedQuery(parseQuery(text));
    if (isEmptyQuery(parsed)) return empty;
    return this.guard(async () => {
      // Not at the same time as the lookups: a read replica that is down is then tried once, not twice.
      let resolved = await resolvePlan(this.pool, parsed, this.vocabulary);
      const { papers: paperCount, refreshedAt, fieldLengths } = await this.stats();
      // An import refreshed the library since the cached lookups: look the terms up again.
      if (this.vocabulary.startFor(refreshedAt)) resolved = await resolvePlan(this.pool, parsed, this.vocabulary);
      const { plan, expand, matched } = resolved;
      if (!plan) return empty;
      const limit = options.limit ?? DEFAULT_LIMIT;
      const upTo = exactTotalUpTo(options.exactTotalUpTo);
      const run = async (mode: 'all' | 'any') => {
        const sql = compileSearchSql({
          plan,
          expand,
          paperCount,
          averageFieldLengths: fieldLengths.map((sum) => (paperCount > 0 ? sum / paperCount : 0)),
          mode,
          limit,
          annotatedIds: storableIds(options.annotatedIds),
          exactTotalUpTo: upTo,
        });
        const rows = (await this.pool.query<SearchSqlRow>(sql.text, sql.values)).rows;
        return { rows, ranked: sql.rank(rows, limit) };
      };
      let found = await run('all');
      if (found.rows.length === 0 && plan.soft.length > 1) found = await run('any');
      const records = await this.records(found.ranked.map((hit) => hit.id));
      const spaced = spacedCompounds(plan);
      // The statement counts one match past upTo, to tell "exactly 1 000" from "over 1 000".
      const counted = found.rows.length > 0 ? Number(found.rows[0].total) : 0;
      return {
        query: text,
        total: Math.min(counted, upTo),
        totalIsLowerBound: counted > upTo,
        results: found.ranked.flatMap((hit) => {
          const record = records.get(hit.id);
          return record ? [hitFor(record, hit.score, matched, plan.phrases, spaced)] : [];
        }),
      };
    });
  }

  async paper(idOrCiteKey: string): Promise<Paper | undefined> {
    if (!storable(idOrCiteKey)) return undefined;
    return this.guard(async () => {
      const result = await this.pool.query<{ record: Paper }>(
        `(SELECT record, 0 AS pass FROM lectern_papers WHERE id = $1)
         UNION ALL (SELECT record, 1 AS pass FROM lectern_papers WHERE citekey = $1 ORDER BY id LIMIT 1)
         ORDER BY pass LIMIT 1`,
        [idOrCiteKey],
      );
      return result.rows[0]?.record;
    });
  }

  /**
   * Papers sharing the most of `id`'s distinctive terms (its terms by TF-IDF, leaving out those in over 2% of the papers, which would make every paper a candidate),
   * ranked by the field-weighted `ts_rank` of those terms, scaled to 0–1: those sharing two terms or more first, then those sharing one.
   */
  async related(id: string, limit = 8): Promise<RelatedPaper[]> {
    if (!storable(id)) return [];
    return this.guard(async () => {
      const paperCount = await this.paperCount();
      const terms = await this.pool.query<{ term: string }>(
        `SELECT t.term FROM lectern_papers AS p, unnest(p.search) AS u JOIN lectern_terms AS t ON t.term = u.lexeme
         WHERE p.id = $1 AND t.papers > 1 AND t.papers <= greatest(2, $2::integer / 50)
         ORDER BY cardinality(u.positions) * ln($2::float8 / t.papers) DESC, t.term LIMIT $3`,
        [id, paperCount, RELATED_TERMS],
      );
      const wanted = terms.rows.map((row) => row.term);
      if (wanted.length === 0) return [];
      const lexemes = wanted.map((term) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`);
      // Papers sharing two of the terms or more first: an OR of twelve terms can match a tenth of a million papers,
      // each ranked by reading its `tsvector` (1-1.4 s at a million papers); those sharing one fill up what is left.
      const rows = lexemes.length > 1 ? await this.relatedRows(pairsTsquery(lexemes), wanted, [id], limit) : [];
      if (rows.length < limit)
        rows.push(...(await this.relatedRows(lexemes.join(' | '), wanted, [id, ...rows.map((row) => row.id)], limit - rows.length)));
      const rank = new Map(wanted.map((term, i) => [term, i]));
      return rows.map((row) => ({
        id: row.id,
        title: row.title,
        score: Number(row.score),
        sharedTerms: [...row.shared].sort((a, b) => rank.get(a)! - rank.get(b)!).slice(0, 5),
      }));
    });
  }

  /** The papers matching `tsquery` (of the `wanted` terms), but not `excluded`, best first by field-weighted `ts_rank`. */
  private async relatedRows(tsquery: string, wanted: string[], excluded: string[], limit: number) {
    const rows = await this.pool.query<{ id: string; title: string; score: number; shared: string[] }>(
      `SELECT id, title, ts_rank('{0, 0.33, 0.58, 1}', search, $1::tsquery, 32) AS score,
         ARRAY(SELECT lexeme FROM unnest(search) WHERE lexeme = ANY($2::text[])) AS shared
       FROM lectern_papers WHERE search @@ $1::tsquery AND id <> ALL($3::text[]) ORDER BY score DESC, id LIMIT $4`,
      [tsquery, wanted, excluded, limit],
    );
    return rows.rows;
  }

  async topics(): Promise<TopicCount[]> {
    return this.guard(async () => {
      const result = await this.pool.query<{ name: string; papers: number; origin: TopicCount['origin'] }>(
        'SELECT name, papers, origin FROM lectern_topics ORDER BY papers DESC, name',
      );
      return result.rows.map((row) => ({ name: row.name, count: row.papers, origin: row.origin }));
    });
  }

  async list(options: { limit: number; offset?: number }): Promise<{ papers: Paper[]; total: number }> {
    return this.guard(async () => {
      const rows = await this.pool.query<{ record: Paper }>('SELECT record FROM lectern_papers ORDER BY id LIMIT $1 OFFSET $2', [
        options.limit,
        options.offset ?? 0,
      ]);
      return { papers: rows.rows.map((row) => row.record), total: await this.paperCount() };
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** The records of papers by id (none for an id an import removed meanwhile). */
  private async records(ids: string[]): Promise<Map<string, Paper>> {
    if (ids.length === 0) return new Map();
    const rows = await this.pool.query<{ id: string; record: Paper }>('SELECT id, record FROM lectern_papers WHERE id = ANY($1::text[])', [
      ids,
    ]);
    return new Map(rows.rows.map((row) => [row.id, row.record]));
  }

  /** Papers in the library as of the last import's refresh (`count(*)` would read a million rows). */
  private async paperCount(): Promise<number> {
    return (await this.stats()).papers;
  }

  /** The paper count and the last refresh's time (as text: it only has to change when an import refreshes). */
  private async stats(): Promise<{ papers: number; refreshedAt: string; fieldLengths: number[] }> {
    const result = await this.pool.query<{ papers: number; refreshed_at: string | null; field_lengths: number[] | null }>(
      'SELECT papers, refreshed_at::text AS refreshed_at, field_lengths FROM lectern_stats',
    );
    const row = result.rows[0];
    return { papers: row?.papers ?? 0, refreshedAt: row?.refreshed_at ?? '', fieldLengths: row?.field_lengths ?? [] };
  }

  /** Runs a request, turning a server or connection failure into a `PgLibraryError` the user can act on. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw libraryErrorOf(error, l10n.t('the shared library'));
    }
  }
}

/** A connection pool to one server; an idle connection the server drops must not crash the process. */
function newPool(url: string, options: PgLibraryOptions, connectTimeoutMs: number): Pool {
  const pool = new pg.Pool({
    ...withSessionOptions(url),
    max: options.maxConnections ?? 4,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'lectern',
  });
  pool.on('error', () => undefined);
  return pool;
}

/** PostgreSQL text holds no NUL character, so no stored id or citekey has one. */
function storable(text: string): boolean {
  return !text.includes('\u0000');
}

/** The notes' ids for a `tag:`/`status:` filter, without those no paper can have. */
function storableIds(annotatedIds: BackendSearchOptions['annotatedIds']): BackendSearchOptions['annotatedIds'] {
  return annotatedIds && ((filter) => annotatedIds(filter).filter(storable));
}

/** A query cut to `MAX_QUERY_PARTS` of each kind. */
function boundedQuery(parsed: ParsedQuery): ParsedQuery {
  const cut = <T>(items: T[]) => items.slice(0, MAX_QUERY_PARTS);
  const words = cut(parsed.words);
  const phrases = cut(parsed.phrases);
  return {
    words,
    phrases,
    excludedWords: cut(parsed.excludedWords),
    excludedPhrases: cut(parsed.excludedPhrases),
    filters: cut(parsed.filters),
    lastWordIsPrefix: parsed.lastWordIsPrefix && words.length === parsed.words.length,
    lastPhraseIsPrefix: parsed.lastPhraseIsPrefix === true && phrases.length === parsed.phrases.length,
  };
}

/** A `tsquery` matching the papers holding two of `lexemes` (quoted, two or more) or more: `(a & b) | (a & c) | (b & c)`. */
function pairsTsquery(lexemes: string[]): string {
  const pairs: string[] = [];
  for (let i = 0; i < lexemes.length; i++) for (let j = i + 1; j < lexemes.length; j++) pairs.push(`(${lexemes[i]} & ${lexemes[j]})`);
  return pairs.join(' | ');
}
