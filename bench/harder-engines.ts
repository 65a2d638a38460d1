/**
 * The engines of the harder benchmark behind one interface: Lectern's `PaperSearch` and three
 * baselines over the same papers and queries — SQLite FTS5 (better-sqlite3, in-memory, porter
 * stemming, bm25 with the title weighted 3× the abstract, the last word a `*` prefix), FlexSearch
 * (a Document index over title and abstract, forward tokenization for prefixes) and MiniSearch
 * (title boosted 3×, the last word a prefix, fuzzy 0.2 on words of 4+ letters).
 */
import Database from 'better-sqlite3';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Paper } from '../src/core/model/paper';
import { PaperSearch } from '../src/core/search/paper-search';
import { SearchWarmUp } from '../src/core/search/search-warm-up';

/** The engines' names, as the report and `--engines` spell them. */
export const ENGINE_NAMES = ['lectern', 'fts5', 'flexsearch', 'minisearch'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** One engine's index over one corpus. */
export interface HarderEngine {
  /** Whether the engine keeps the papers (Lectern does; the baselines keep only their index). */
  readonly keepsPapers: boolean;
  build(papers: Paper[]): void;
  /** Ids of the best `limit` results, best first. */
  search(query: string, limit: number): string[];
  /** The index as a cache would store it. */
  save(): string | Uint8Array;
  /** Replaces the index by the one `snapshot` holds. */
  load(snapshot: string | Uint8Array, papers: Paper[]): void;
  /**
   * What the engine does while idle after loading, before anyone types; the number of searches it ran (Lectern's
   * worker warms its search code up: `SearchWarmUp`). Absent for the baselines, which have nothing of the kind.
   */
  idle?(): number;
  close(): void;
}

/** A new, empty engine of that name. */
export function createEngine(name: EngineName): HarderEngine {
  if (name === 'lectern') return new LecternEngine();
  if (name === 'fts5') return new Fts5Engine();
  if (name === 'flexsearch') return new FlexSearchEngine();
  return new MiniSearchEngine();
}

class LecternEngine implements HarderEngine {
  readonly keepsPapers = true;
  private index: PaperSearch | undefined;
  private papers: Paper[] = [];

  build(papers: Paper[]): void {
    this.papers = papers;
    this.index = PaperSearch.build(papers);
  }

  search(query: string, limit: number): string[] {
    return this.index!.search(query, { limit }).results.map((hit) => hit.id);
  }

  /** The bytes the extension's and the CLI's caches store (`PaperSearch.serializeBytes`). */
  save(): Uint8Array {
    return this.index!.serializeBytes('bench');
  }

  load(snapshot: string | Uint8Array, papers: Paper[]): void {
    this.index = undefined;
    this.papers = papers;
    this.index = PaperSearch.load(snapshot, 'bench', papers);
    if (!this.index) throw new Error('Lectern: the bench could not load the index it had just saved');
    // What the extension's worker does once it has loaded (timed with the load).
    this.index.warm();
  }

  /** The search worker's code warm-up, all of it at once (the worker runs a search a turn while none waits). */
  idle(): number {
    const warmUp = new SearchWarmUp(this.papers);
    while (warmUp.step(this.index!));
    return warmUp.ran;
  }

  close(): void {
    this.index = undefined;
    this.papers = [];
  }
}

/** Query words and quoted phrases as the baselines take them (lower-cased letters and digits). */
export function plainQuery(query: string): { words: string[]; phrases: string[][] } {
  const phrases: string[][] = [];
  const rest = query.replace(/"([^"]*)"/g, (_, phrase: string) => {
    const words = wordsOf(phrase);
    if (words.length > 0) phrases.push(words);
    return ' ';
  });
  return { words: wordsOf(rest), phrases };
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** An FTS5 MATCH expression: phrases, then words, the last word (as being typed) a prefix. */
export function fts5Match(query: string): string | undefined {
  const { words, phrases } = plainQuery(query);
  const endsInWord = /[\p{L}\p{N}]$/u.test(query);
  const parts = phrases.map((phrase) => `"${phrase.join(' ')}"`);
  words.forEach((word, i) => parts.push(i === words.length - 1 && endsInWord ? `"${word}"*` : `"${word}"`));
  return parts.length > 0 ? parts.join(' ') : undefined;
}

class Fts5Engine implements HarderEngine {
  readonly keepsPapers = false;
  private db: Database.Database | undefined;
  private statement: Database.Statement<[string, number], { id: string }> | undefined;

  build(papers: Paper[]): void {
    const db = new Database(':memory:');
    db.exec(
      `CREATE VIRTUAL TABLE papers USING fts5(id UNINDEXED, title, abstract, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')`,
    );
    const insert = db.prepare('INSERT INTO papers (id, title, abstract) VALUES (?, ?, ?)');
    const insertAll = db.transaction((batch: Paper[]) => {
      for (const paper of batch) insert.run(paper.id, paper.title, paper.abstract);
    });
    for (let i = 0; i < papers.length; i += 10_000) insertAll(papers.slice(i, i + 10_000));
    db.exec(`INSERT INTO papers (papers) VALUES ('optimize')`);
    this.open(db);
  }

  private open(db: Database.Database): void {
    this.db = db;
    // bm25's weights follow the columns: id (unindexed), title, abstract.
    this.statement = db.prepare('SELECT id FROM papers WHERE papers MATCH ? ORDER BY bm25(papers, 0, 3.0, 1.0) LIMIT ?');
  }

  search(query: string, limit: number): string[] {
    const match = fts5Match(query);
    return match ? this.statement!.all(match, limit).map((row) => row.id) : [];
  }

  save(): Buffer {
    return this.db!.serialize();
  }

  load(snapshot: string | Uint8Array): void {
    this.close();
    this.open(
      new Database(typeof snapshot === 'string' ? snapshot : Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength)),
    );
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}

// Forward (prefix) tokenization of the abstracts took 105 s for 20k papers: titles only.
const flexIndex = () =>
  new Document({
    document: {
      id: 'id',
      index: [
        { field: 'title', tokenize: 'forward' },
        { field: 'abstract', tokenize: 'strict' },
      ],
    },
  });

class FlexSearchEngine implements HarderEngine {
  readonly keepsPapers = false;
  private index = flexIndex();

  build(papers: Paper[]): void {
    this.index = flexIndex();
    for (const paper of papers) this.index.add({ id: paper.id, title: paper.title, abstract: paper.abstract });
  }

  search(query: string, limit: number): string[] {
    const text = plainQuery(query);
    const words = [...text.phrases.flat(), ...text.words].join(' ');
    if (!words) return [];
    return this.index.search(words, { limit, merge: true }).map((hit) => String(hit.id));
  }

  save(): string {
    const parts: Array<[string, string]> = [];
    void this.index.export((key: string, data: string) => void parts.push([key, data]));
    return JSON.stringify(parts);
  }

  load(snapshot: string | Uint8Array): void {
    this.index = flexIndex();
    for (const [key, data] of JSON.parse(String(snapshot)) as Array<[string, string]>) this.index.import(key, data);
  }

  close(): void {
    this.index = flexIndex();
  }
}

const MINISEARCH_OPTIONS = { fields: ['title', 'abstract'], searchOptions: { boost: { title: 3 } } };

class MiniSearchEngine implements HarderEngine {
  readonly keepsPapers = false;
  private index = new MiniSearch<Paper>(MINISEARCH_OPTIONS);

  build(papers: Paper[]): void {
    this.index = new MiniSearch<Paper>(MINISEARCH_OPTIONS);
    this.index.addAll(papers);
  }

  search(query: string, limit: number): string[] {
    const text = plainQuery(query);
    const words = [...text.phrases.flat(), ...text.words];
    if (words.length === 0) return [];
    const results = this.index.search(words.join(' '), {
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
    });
    return results.slice(0, limit).map((result) => String(result.id));
  }

  save(): string {
    return JSON.stringify(this.index);
  }

  load(snapshot: string | Uint8Array): void {
    this.index = MiniSearch.loadJSON<Paper>(String(snapshot), MINISEARCH_OPTIONS);
  }

  close(): void {
    this.index = new MiniSearch<Paper>(MINISEARCH_OPTIONS);
  }
}
