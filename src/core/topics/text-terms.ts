/**
 * The terms of a paper for topics and related papers: its title and abstract read into a
 * `WordStream` through the shared text pipeline (`src/core/text`), then weighted counts of the
 * words that are not stop or generic words and of two-word phrases (bigrams).
 */
import type { Lexicon } from './lexicon';
import { NOT_A_TERM } from './lexicon';
import { WordStream } from './word-stream';

/** Reads a title and an abstract into a (reused or new) stream. */
export function wordStream(lexicon: Lexicon, title: string, abstract: string, stream = new WordStream()): WordStream {
  stream.length = 0;
  lexicon.appendWords(withoutUrls(title), stream);
  stream.titleEnd = stream.length;
  lexicon.appendWords(withoutUrls(abstract), stream);
  return stream;
}

/** URLs and e-mail addresses say nothing about a topic ("https", "github", "com" would become keyphrases). */
function withoutUrls(text: string): string {
  return text.includes('://') || text.includes('www.') || text.includes('@')
    ? text.replace(/\b(?:https?|ftp):\/\/\S+|\bwww\.\S+|\S+@\S+\.\w+/gi, ' . ')
    : text;
}

/**
 * Options of `termCounts` (both required: topics and related papers tune them differently).
 *
 * @example { titleWeight: 3, bigrams: true } // a title word counts three abstract words; two-word phrases counted
 */
export interface TermCountOptions {
  /** How much a title occurrence counts relative to one in the abstract; topics and related papers use 3. */
  titleWeight: number;
  /** Whether two adjacent terms with no punctuation between them also count as a two-word phrase ("neural network"). */
  bigrams: boolean;
}

/**
 * The weighted term frequencies of a document: words that are not stop/generic words and
 * bigrams of two such adjacent words with no hard break between them. Returns parallel arrays of
 * term ids and counts, in first-occurrence order.
 */
export function termCounts(lexicon: Lexicon, stream: WordStream, options: TermCountOptions): { terms: number[]; counts: number[] } {
  const terms: number[] = [];
  const counts: number[] = [];
  const slot = lexicon.scratchSlots();
  const add = (id: number, weight: number): void => {
    const at = slot.get(id);
    if (at < 0) {
      slot.set(id, terms.length);
      terms.push(id);
      counts.push(weight);
    } else {
      counts[at] += weight;
    }
  };
  const { ids, breaks, titleEnd, length } = stream;
  const flags = lexicon.flags;
  let previous = -1;
  for (let i = 0; i < length; i += 1) {
    const id = ids[i];
    const weight = i < titleEnd ? options.titleWeight : 1;
    if (i === titleEnd) previous = -1;
    if (flags[id] & NOT_A_TERM) {
      previous = -1;
      continue;
    }
    add(id, weight);
    if (options.bigrams && previous >= 0 && breaks[i] === 0) add(lexicon.bigramId(previous, id), weight);
    previous = id;
  }
  for (const id of terms) slot.set(id, -1);
  return { terms, counts };
}

/** Code-unit order of two strings, for deterministic tie-breaking (not `localeCompare`, which varies by locale). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
