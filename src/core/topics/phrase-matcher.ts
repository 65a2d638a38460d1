import type { Lexicon } from './lexicon';
import type { WordStream } from './word-stream';

interface TrieNode {
  next?: Map<number, TrieNode>;
  /** Indexes into `PhraseMatcher.terms` of the phrases ending here. */
  terms?: number[];
}

interface MatcherTerm {
  topic: number;
  weight: number;
  exclude: boolean;
}

/** A topic's score in one paper. */
export interface TopicScore {
  /** The caller's topic number, as given to `addTopic`. */
  topic: number;
  /** Σ weight × (1 + ln count) over the topic's phrases in the paper; at least the topic's `minScore`. */
  score: number;
}

/**
 * Scores papers against weighted phrases, one trie walk per word. Phrases are folded like the
 * text ("Vision-Language Models" matches "vision language model"), never cross a sentence or
 * clause break, and a title occurrence counts `titleWeight` times. A topic scores
 * Σ weight × (1 + ln count) over its matched phrases, and nothing if an `exclude` phrase occurs.
 */
export class PhraseMatcher {
  private readonly root = new Map<number, TrieNode>();
  private readonly terms: MatcherTerm[] = [];
  private readonly minScores: number[] = [];
  private counts = new Float64Array(0);

  /**
   * @param lexicon the lexicon the streams to score were read with (phrases are interned in it).
   * @param titleWeight how many abstract mentions a title mention counts for. Default 3.
   */
  constructor(
    private readonly lexicon: Lexicon,
    private readonly titleWeight = 3,
  ) {}

  /** Whether no phrase was added (scoring would find nothing). */
  get isEmpty(): boolean {
    return this.terms.length === 0;
  }

  /** Adds a topic's phrases; `topic` is the caller's topic number. */
  addTopic(topic: number, terms: Record<string, number>, exclude: readonly string[], minScore: number): void {
    this.minScores[topic] = minScore;
    for (const [phrase, weight] of Object.entries(terms)) this.addPhrase(phrase, { topic, weight, exclude: false });
    for (const phrase of exclude) this.addPhrase(phrase, { topic, weight: 0, exclude: true });
    if (this.counts.length < this.terms.length) this.counts = new Float64Array(this.terms.length * 2);
  }

  private addPhrase(phrase: string, term: MatcherTerm): void {
    const ids = this.lexicon.phraseIds(phrase);
    if (ids.length === 0) return;
    let level = this.root;
    let node: TrieNode | undefined;
    for (let i = 0; i < ids.length; i += 1) {
      node = level.get(ids[i]);
      if (!node) level.set(ids[i], (node = {}));
      if (i < ids.length - 1) level = node.next ??= new Map<number, TrieNode>();
    }
    (node!.terms ??= []).push(this.terms.length);
    this.terms.push(term);
  }

  /** The topics whose score reaches their minimum, in no particular order. */
  score(stream: WordStream): TopicScore[] {
    if (this.terms.length === 0) return [];
    const { ids, breaks, titleEnd, length } = stream;
    const counts = this.counts;
    const touched: number[] = [];
    for (let i = 0; i < length; i += 1) {
      let node = this.root.get(ids[i]);
      let j = i;
      const add = i < titleEnd ? this.titleWeight : 1;
      while (node) {
        if (node.terms) {
          for (const t of node.terms) {
            if (counts[t] === 0) touched.push(t);
            counts[t] += add;
          }
        }
        j += 1;
        if (j >= length || j === titleEnd || breaks[j] === 1 || !node.next) break;
        node = node.next.get(ids[j]);
      }
    }
    if (touched.length === 0) return [];
    const scores = new Map<number, number>();
    const excluded = new Set<number>();
    for (const t of touched) {
      const term = this.terms[t];
      if (term.exclude) excluded.add(term.topic);
      else scores.set(term.topic, (scores.get(term.topic) ?? 0) + term.weight * (1 + Math.log(counts[t])));
      counts[t] = 0;
    }
    const result: TopicScore[] = [];
    for (const [topic, score] of scores) {
      if (!excluded.has(topic) && score >= this.minScores[topic]) result.push({ topic, score });
    }
    return result;
  }
}
