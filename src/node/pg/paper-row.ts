import type { Paper } from '../../core/model/paper';
import { foldedWords } from '../../core/search/filter-match';
import { FIELD_COUNT } from '../../core/search/index-fields';
import { PaperTermReader } from '../../core/search/paper-term-reader';
import { paperPhraseText } from '../../core/search/sql-phrase-text';
import { CopyBinaryWriter } from './copy-binary-writer';

/** The `lectern_papers` columns the importer sends, in the order of `PaperCopyEncoder`'s fields. */
export const PAPER_COPY_COLUMNS = [
  'id',
  'citekey',
  'title',
  'authors',
  'year',
  'venue',
  'abstract',
  'keywords',
  'topics',
  'authors_folded',
  'topics_folded',
  'phrase_text',
  'search',
  'field_lengths',
  'record',
] as const;

/** tsvector positions stop at 16 383 and keep at most 256 per lexeme; a lexeme has at most 2 047 bytes. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TERM = 256;
const MAX_LEXEME_BYTES = 2047;
/** The tsvector weight of each of `PaperTermReader`'s fields (A 3, B 2, C 1): title A, authors B, abstract C, keywords/categories/topics B. */
const FIELD_WEIGHTS = [3, 2, 1, 2];
/** Slots a paper's sort key can number (`sortedSlots`); past that, strings are compared. */
const KEYED_SLOTS = 1 << 13;

/**
 * Turns papers into the data of `COPY lectern_papers (PAPER_COPY_COLUMNS) FROM STDIN (FORMAT binary)`: each
 * paper's record, its searchable columns, its phrase text, and its index terms as a weighted `tsvector` (the
 * local index's terms exactly, so both backends match the same words; one position per term occurrence, counted
 * over title, authors, abstract and keywords/categories/topics). Binary, so the server parses no tsvector text
 * (once half of its share of an import). Each distinct word is tokenized once per encoder, through the local
 * index's `PaperTermReader`, and each distinct term encoded once: one encoder per thread, kept for a whole import.
 * A term longer than a lexeme may be (2 047 bytes: a run of characters with no break) is left out of the
 * `tsvector` rather than failing the batch.
 */
export class PaperCopyEncoder {
  private readonly termIds = new Map<string, number>();
  /** Per term id: the term. */
  private readonly terms: string[] = [];
  /**
   * Term id i's lexeme as sent (UTF-8 and a NUL; empty when it is too long to be one) is
   * `lexemeBytes[lexemeStart[i] … lexemeStart[i + 1])`: one pool, not an object per term (a large library has
   * millions of distinct terms).
   */
  private lexemeBytes = new Uint8Array(1 << 16);
  private lexemeStart = new Int32Array(1025);
  /** Per term id: its lexeme's first five bytes as a number (`sortedSlots`), -1 without a lexeme. */
  private sortKeys = new Float64Array(1024);
  private keys = new Float64Array(256);
  private readonly reader = new PaperTermReader((term) => this.termId(term));
  /** Per term id, its slot in the paper being encoded, else -1. */
  private slotOf = new Int32Array(1024).fill(-1);
  /** Per slot (a distinct term of the paper): its term id, positions kept, last position, first in `grouped`. */
  private slotIds = new Int32Array(256);
  private slotCounts = new Int32Array(256);
  private slotLast = new Int32Array(256);
  private slotStart = new Int32Array(257);
  /** Each kept occurrence in order: its slot and its position with the weight in the top two bits. */
  private occurrenceSlots = new Int32Array(1024);
  private occurrencePositions = new Uint16Array(1024);
  /** The occurrences grouped by slot (`slotStart`). */
  private grouped = new Uint16Array(1024);

  /** The paper being encoded's index terms per field (title, authors, abstract, meta), as the local index counts them. */
  private readonly fieldLengths = new Int32Array(FIELD_COUNT);

  /** Distinct terms met so far (the size of the caches). */
  get termCount(): number {
    return this.terms.length;
  }

  /** A batch as binary COPY data, in its order. */
  encode(papers: readonly Paper[]): Buffer {
    const copy = new CopyBinaryWriter(papers.length * 6 * 1024);
    for (const paper of papers) this.write(copy, paper);
    return copy.finish();
  }

  private write(copy: CopyBinaryWriter, paper: Paper): void {
    copy.row(PAPER_COPY_COLUMNS.length);
    copy.text(paper.id);
    copy.optionalText(paper.citeKey);
    copy.text(paper.title);
    copy.textArray(paper.authors);
    if (paper.year === undefined) copy.null();
    else copy.int4(paper.year);
    copy.optionalText(paper.venue);
    copy.text(paper.abstract);
    copy.textArray(paper.keywords);
    copy.textArray(paper.topics);
    copy.textArray(paper.authors.map(foldedWords));
    copy.textArray(paper.topics.map(foldedWords));
    copy.text(paperPhraseText(paper));
    this.writeTsvector(copy, paper);
    copy.int4Array(this.fieldLengths);
    copy.jsonb(recordJson(paper));
  }

  /** The paper's index terms as a binary `tsvector`: lexemes in byte order, each with its positions in order. */
  private writeTsvector(copy: CopyBinaryWriter, paper: Paper): void {
    const slots = this.collectOccurrences(paper);
    const { slotIds, slotCounts, slotStart, grouped } = this;
    let kept = 0;
    let bytes = 4;
    for (let slot = 0; slot < slots; slot++) {
      slotStart[slot] = kept;
      kept += slotCounts[slot];
      const lexeme = this.lexemeLength(slotIds[slot]);
      if (lexeme > 0) bytes += lexeme + 2 + 2 * slotCounts[slot];
    }
    slotStart[slots] = kept;
    if (grouped.length < kept) this.grouped = new Uint16Array(kept * 2);
    this.groupBySlot(slots, kept);
    const order = this.sortedSlots(slots);
    const field = copy.startField();
    copy.reserve(bytes);
    copy.int32(order.length);
    for (const slot of order) {
      const id = slotIds[slot];
      copy.bytes(this.lexemeBytes, this.lexemeStart[id], this.lexemeStart[id + 1]);
      copy.int16(slotCounts[slot]);
      copy.int16s(this.grouped, slotStart[slot], slotStart[slot + 1]);
    }
    copy.endField(field);
    for (let slot = 0; slot < slots; slot++) this.slotOf[slotIds[slot]] = -1;
  }

  /**
   * The slots with a lexeme, in their lexemes' byte order (the order a tsvector keeps; the server would sort them
   * otherwise, on its one thread): by a number made of the lexeme's first five bytes and the slot (53 bits), sorted as
   * numbers, then runs sharing those bytes by the whole term.
   */
  private sortedSlots(slots: number): number[] {
    const { slotIds, terms } = this;
    const byTerm = (a: number, b: number) => (terms[slotIds[a]] < terms[slotIds[b]] ? -1 : 1);
    const order: number[] = [];
    if (slots >= KEYED_SLOTS) {
      for (let slot = 0; slot < slots; slot++) if (this.lexemeLength(slotIds[slot]) > 0) order.push(slot);
      return order.sort(byTerm);
    }
    if (this.keys.length < slots) this.keys = new Float64Array(slots * 2);
    let n = 0;
    for (let slot = 0; slot < slots; slot++) {
      const key = this.sortKeys[slotIds[slot]];
      if (key >= 0) this.keys[n++] = key * KEYED_SLOTS + slot;
    }
    const keys = this.keys.subarray(0, n).sort();
    for (let i = 0; i < n; i++) order.push(keys[i] % KEYED_SLOTS);
    // Terms sharing their first five bytes (rare) are ordered by the whole term.
    for (let start = 0; start < n;) {
      let end = start + 1;
      while (end < n && keys[end] - order[end] === keys[start] - order[start]) end++;
      if (end - start > 1) {
        const run = order.slice(start, end).sort(byTerm);
        for (let i = 0; i < run.length; i++) order[start + i] = run[i];
      }
      start = end;
    }
    return order;
  }

  /**
   * Reads the paper's terms into slots (its distinct terms, in first-occurrence order) and occurrences (at most
   * 256 a term, one a position: past 16 383 every term stands at 16 383); returns the number of slots.
   */
  private collectOccurrences(paper: Paper): number {
    const runs = this.reader.read(paper);
    let slots = 0;
    let occurrences = 0;
    let position = 0;
    for (let field = 0; field < FIELD_COUNT; field++) {
      const { ids, length } = runs[field];
      this.fieldLengths[field] = length;
      const weight = FIELD_WEIGHTS[field] << 14;
      if (this.occurrenceSlots.length < occurrences + length) this.growOccurrences(occurrences + length);
      if (this.slotIds.length < slots + length) this.growSlots(slots + length);
      for (let i = 0; i < length; i++) {
        const id = ids[i];
        if (position < MAX_POSITION) position++;
        let slot = this.slotOf[id];
        if (slot < 0) {
          slot = slots++;
          this.slotOf[id] = slot;
          this.slotIds[slot] = id;
          this.slotCounts[slot] = 0;
          this.slotLast[slot] = 0;
        }
        if (this.slotCounts[slot] === MAX_POSITIONS_PER_TERM || this.slotLast[slot] === position) continue;
        this.slotCounts[slot]++;
        this.slotLast[slot] = position;
        this.occurrenceSlots[occurrences] = slot;
        this.occurrencePositions[occurrences++] = weight | position;
      }
    }
    return slots;
  }

  /** Scatters the `kept` occurrences of `slots` slots into `grouped` by slot (`slotStart`), each slot's in order. */
  private groupBySlot(slots: number, kept: number): void {
    const cursor = this.slotLast;
    for (let slot = 0; slot < slots; slot++) cursor[slot] = this.slotStart[slot];
    for (let i = 0; i < kept; i++) this.grouped[cursor[this.occurrenceSlots[i]]++] = this.occurrencePositions[i];
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id !== undefined) return id;
    id = this.terms.length;
    this.termIds.set(term, id);
    this.terms.push(term);
    const utf8 = Buffer.from(`${term.replaceAll('\u0000', '')}\u0000`, 'utf8');
    const lexeme = utf8.length - 1 > MAX_LEXEME_BYTES || utf8.length === 1 ? utf8.subarray(0, 0) : utf8;
    if (id + 2 > this.lexemeStart.length) this.lexemeStart = grownInt32(this.lexemeStart, (id + 2) * 2);
    const start = this.lexemeStart[id];
    if (start + lexeme.length > this.lexemeBytes.length) {
      const grown = new Uint8Array((start + lexeme.length) * 2);
      grown.set(this.lexemeBytes);
      this.lexemeBytes = grown;
    }
    this.lexemeBytes.set(lexeme, start);
    this.lexemeStart[id + 1] = start + lexeme.length;
    if (id >= this.sortKeys.length) {
      const grown = new Float64Array(this.sortKeys.length * 2);
      grown.set(this.sortKeys);
      this.sortKeys = grown;
    }
    // The NUL after a lexeme sorts it before its longer neighbours, as PostgreSQL orders lexemes.
    let key = 0;
    for (let i = 0; i < 5; i++) key = key * 256 + (lexeme[i] ?? 0);
    this.sortKeys[id] = lexeme.length === 0 ? -1 : key;
    if (id >= this.slotOf.length) {
      const grown = new Int32Array(this.slotOf.length * 2).fill(-1);
      grown.set(this.slotOf);
      this.slotOf = grown;
    }
    return id;
  }

  /** Bytes of term id `id`'s lexeme (its NUL included); 0 without one. */
  private lexemeLength(id: number): number {
    return this.lexemeStart[id + 1] - this.lexemeStart[id];
  }

  private growOccurrences(size: number): void {
    const slots = new Int32Array(size * 2);
    slots.set(this.occurrenceSlots);
    this.occurrenceSlots = slots;
    const positions = new Uint16Array(size * 2);
    positions.set(this.occurrencePositions);
    this.occurrencePositions = positions;
  }

  private growSlots(size: number): void {
    const grow = (array: Int32Array, extra = 0) => {
      const grown = new Int32Array(size * 2 + extra);
      grown.set(array);
      return grown;
    };
    this.slotIds = grow(this.slotIds);
    this.slotCounts = grow(this.slotCounts);
    this.slotLast = grow(this.slotLast);
    this.slotStart = grow(this.slotStart, 1);
  }
}

/**
 * A batch as binary COPY data, in its order. One encoder per thread: its word and term caches serve every batch
 * after, until they hold `MAX_CACHED_TERMS` terms (a vast or unusual vocabulary), when it starts afresh (the data
 * does not depend on the caches).
 */
export function paperCopyBatch(papers: readonly Paper[]): Buffer {
  if (threadEncoder.termCount > MAX_CACHED_TERMS) threadEncoder = new PaperCopyEncoder();
  return threadEncoder.encode(papers);
}

const MAX_CACHED_TERMS = 4_000_000;
let threadEncoder = new PaperCopyEncoder();

function grownInt32(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}

/** The record as JSON; jsonb cannot hold U+0000 either, so it is dropped from every string there too. */
function recordJson(paper: Paper): string {
  const json = JSON.stringify(paper);
  if (!json.includes('\\u0000')) return json;
  return JSON.stringify(paper, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value));
}
