import type { Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import { discoverTopics, TermRows } from './discover-topics';
import { PhraseMatcher, type TopicScore } from './phrase-matcher';
import { normalizeToken } from '../text/normalize-token';
import { endsLikeANoun } from './generic-words';
import { Lexicon } from './lexicon';
import { compareStrings, termCounts, wordStream } from './text-terms';
import { phraseName, titleCase } from './topic-names';
import { WordStream } from './word-stream';

/** One topic of a taxonomy file: phrases that signal it, with weights. */
export interface TaxonomyTopic {
  /** The name readers see, e.g. "Spiking Neural Networks". */
  name: string;
  /** Phrase → weight. Phrases are matched case-, hyphen- and plural-insensitively. */
  terms: Record<string, number>;
  /** Phrases that veto the topic for a paper (e.g. "spiking data" for spiking neural networks). */
  exclude?: string[];
  /** Score a paper needs to join; defaults to the taxonomy's `minScore`. */
  minScore?: number;
}

/** A keyword taxonomy (see `corpus/topics.json` and `parseTaxonomy`). */
export interface TopicTaxonomy {
  /** Default score a paper needs to join a topic (default 3: one mention of a weight-3 phrase). */
  minScore?: number;
  topics: TaxonomyTopic[];
}

export interface AssignTopicsOptions {
  taxonomy?: TopicTaxonomy;
  /** Most top-level topics besides "Other" (default 35). */
  maxTopics?: number;
}

/** The bucket for papers that match no topic. Always listed last. */
export const OTHER_TOPIC = 'Other';

const DEFAULT_MAX_TOPICS = 35;
const MAX_TOPICS_PER_PAPER = 3;
const DEFAULT_MIN_SCORE = 3;
/** A secondary topic must score at least this fraction of the paper's best topic. */
const RELATIVE_SCORE = 0.4;
const TITLE_WEIGHT = 3;
/** Metadata topic names matched in the text of papers without usable metadata. */
const METADATA_PHRASE_WEIGHT = 1.5;
const METADATA_PHRASE_MIN_SCORE = 2.5;
/** Words too vague to name a topic on their own. */
const GENERIC_TOPIC_NAMES = new Set([
  'system',
  'systems',
  'model',
  'models',
  'data',
  'analysis',
  'network',
  'networks',
  'learning',
  'method',
  'methods',
  'application',
  'applications',
  'design',
  'performance',
  'measurement',
  'measurements',
  'review',
  'survey',
  'theory',
]);
/** Papers read to spell a discovered topic's name. */
const NAMING_SAMPLE = 150;

interface Candidate {
  topic: number;
  score: number;
}

interface TopicDraft {
  name: string;
  origin: Topic['origin'];
}

/** Topics by case-insensitive name, so that sources naming the same topic share it. */
class TopicRegistry {
  readonly drafts: TopicDraft[] = [];
  private readonly byKey = new Map<string, number>();

  get(name: string, origin: Topic['origin']): number {
    const key = name.toLowerCase();
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.drafts.length;
      this.byKey.set(key, index);
      this.drafts.push({ name, origin });
    }
    return index;
  }
}

/**
 * Groups papers into topics for the sidebar tree. Each paper gets 1–3 topics, from:
 *
 * 1. its metadata — author keywords and subject categories — when it has some that at least
 *    `minSize` papers share (case, hyphen, plural and acronym variants merged — "GANs" joins
 *    "Generative Adversarial Networks" — most common spelling shown; MeSH check tags such as
 *    "Humans" ignored);
 * 2. otherwise its title and abstract: the names of the corpus's metadata topics, then the
 *    weighted phrases of the taxonomy (`corpus/topics.json`, see `parseTaxonomy`); secondary
 *    topics must score 40 % of the best one;
 * 3. otherwise automatic discovery among the papers nothing matched (`discoverTopics`): TF-IDF
 *    keyphrases, two-word phrases preferred, seed groups that k-means refines, each named by its
 *    best phrase in Title Case as the papers spell it ("Spiking Neural Networks");
 * 4. otherwise "Other".
 *
 * At most `maxTopics` topics survive (the largest); topics smaller than `minSize` (2, or one per
 * thousand papers) dissolve, and their papers keep their other topics, or — if their metadata
 * topics all dissolved — get a second chance from their text, or go to "Other".
 * Deterministic: the same papers in any order give the same topics and members. Topics are
 * ordered by size, then name, with "Other" last; a topic's `paperIds` follow corpus order.
 */
export function assignTopics(papers: Paper[], options: AssignTopicsOptions = {}): { papers: Paper[]; topics: Topic[] } {
  const count = papers.length;
  const maxTopics = Math.max(1, options.maxTopics ?? DEFAULT_MAX_TOPICS);
  const minSize = Math.max(2, Math.round(count / 1000));
  const registry = new TopicRegistry();
  const candidates: Candidate[][] = papers.map(() => []);

  // 1. Metadata.
  const metadataTopics = metadataCandidates(papers, registry, candidates, minSize, maxTopics);
  const fromMetadata = candidates.map((list) => list.length > 0);

  // 2. Text: metadata topic names, then the taxonomy.
  const lexicon = new Lexicon();
  const matcher = new PhraseMatcher(lexicon, TITLE_WEIGHT);
  for (const topic of metadataTopics) {
    matcher.addTopic(topic, { [registry.drafts[topic].name]: METADATA_PHRASE_WEIGHT }, [], METADATA_PHRASE_MIN_SCORE);
  }
  const defaultMinScore = options.taxonomy?.minScore ?? DEFAULT_MIN_SCORE;
  for (const topic of options.taxonomy?.topics ?? []) {
    if (!topic.name.trim() || topic.name.trim().toLowerCase() === OTHER_TOPIC.toLowerCase()) continue;
    const index = registry.get(topic.name.trim(), 'taxonomy');
    matcher.addTopic(index, topic.terms, topic.exclude ?? [], topic.minScore ?? defaultMinScore);
  }

  const stream = new WordStream();
  const df = new DocumentFrequencies();
  const residual: number[] = [];
  const residualTerms = new TermRows();
  let textPapers = 0;
  for (let p = 0; p < count; p += 1) {
    if (candidates[p].length > 0) continue;
    const paper = papers[p];
    wordStream(lexicon, paper.title, paper.abstract, stream);
    textPapers += 1;
    const terms = termCounts(lexicon, stream, { titleWeight: TITLE_WEIGHT, bigrams: true });
    df.add(terms.terms);
    const scores = matcher.isEmpty ? [] : matcher.score(stream);
    if (scores.length > 0) {
      candidates[p] = rankScores(scores, registry);
    } else {
      residual.push(p);
      residualTerms.append(terms.terms, terms.counts);
    }
  }

  // 3. Discovery among the papers nothing matched.
  if (residual.length >= 2) {
    const discovered = discoverTopics(lexicon, residualTerms, df, textPapers, { minSize, maxTopics });
    for (const topic of discovered) {
      // Name from the members closest to the group (enough to see how they spell the phrase).
      const texts = topic.members
        .map((m) => ({ paper: papers[residual[m.doc]], score: m.score }))
        .sort((a, b) => b.score - a.score || compareStrings(a.paper.id, b.paper.id))
        .slice(0, NAMING_SAMPLE)
        .map(({ paper }) => `${paper.title}. ${paper.abstract}`);
      let name = '';
      for (const term of topic.terms) {
        const candidate = phraseName(lexicon, texts, term);
        if (!name) name = candidate;
        if (endsLikeANoun(candidate) && !GENERIC_TOPIC_NAMES.has(candidate.toLowerCase())) {
          name = candidate;
          break;
        }
      }
      if (name.toLowerCase() === OTHER_TOPIC.toLowerCase()) continue;
      const index = registry.get(name, 'discovered');
      for (const member of topic.members) candidates[residual[member.doc]].push({ topic: index, score: member.score });
    }
    for (const p of residual) candidates[p] = rankCandidates(candidates[p], registry);
  }

  // 4. Keep the topics that are big enough, at most maxTopics; the rest dissolve.
  let assignment = selectTopics(candidates, registry.drafts.length, minSize, maxTopics, registry);

  // Papers whose metadata topics all dissolved get a second chance from their text.
  let rescued = false;
  for (let p = 0; p < count; p += 1) {
    if (assignment[p].length > 0 || !fromMetadata[p] || matcher.isEmpty) continue;
    const scores = matcher.score(wordStream(lexicon, papers[p].title, papers[p].abstract, stream));
    if (scores.length === 0) continue;
    candidates[p] = rankScores(scores, registry);
    rescued = true;
  }
  if (rescued) assignment = selectTopics(candidates, registry.drafts.length, minSize, maxTopics, registry);

  const members = registry.drafts.map(() => [] as string[]);
  const other: string[] = [];
  const result = papers.map((paper, p) => {
    const names = assignment[p].map((topic) => registry.drafts[topic].name);
    for (const topic of assignment[p]) members[topic].push(paper.id);
    if (names.length === 0) {
      other.push(paper.id);
      names.push(OTHER_TOPIC);
    }
    return { ...paper, topics: names };
  });
  const topics: Topic[] = registry.drafts
    .map((draft, index) => ({ name: draft.name, paperIds: members[index], origin: draft.origin }))
    .filter((topic) => topic.paperIds.length > 0)
    .sort((a, b) => b.paperIds.length - a.paperIds.length || compareStrings(a.name, b.name));
  if (other.length > 0) topics.push({ name: OTHER_TOPIC, paperIds: other, origin: 'other' });
  return { papers: result, topics };
}

/** Sorts a paper's scores best first (ties by name) and keeps those close enough to the best. */
function rankScores(scores: TopicScore[], registry: TopicRegistry): Candidate[] {
  return rankCandidates(
    scores.map((s) => ({ topic: s.topic, score: s.score })),
    registry,
  );
}

function rankCandidates(list: Candidate[], registry: TopicRegistry): Candidate[] {
  const merged = new Map<number, number>();
  for (const c of list) merged.set(c.topic, Math.max(merged.get(c.topic) ?? 0, c.score));
  const sorted = [...merged]
    .map(([topic, score]) => ({ topic, score }))
    .sort((a, b) => b.score - a.score || compareStrings(registry.drafts[a.topic].name, registry.drafts[b.topic].name));
  const best = sorted[0]?.score ?? 0;
  return sorted.filter((c) => c.score >= best * RELATIVE_SCORE).slice(0, MAX_TOPICS_PER_PAPER + 2);
}

/**
 * Keywords and categories as topics. A key is the lower-cased, plural-folded, hyphen-insensitive
 * form; it is kept when `minSize` papers share it, and the `maxTopics` most shared keys become
 * topics. A paper's candidates are its kept keys in the order the source lists them (keywords,
 * then categories: an arXiv paper's primary category comes first). Returns the topic numbers.
 */
function metadataCandidates(
  papers: Paper[],
  registry: TopicRegistry,
  candidates: Candidate[][],
  minSize: number,
  maxTopics: number,
): number[] {
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  const surfaces: Array<Map<string, number>> = [];
  const frequency: number[] = [];
  const paperKeys: number[][] = [];
  let any = false;
  for (const paper of papers) {
    const own: number[] = [];
    for (const raw of [...paper.keywords.flatMap((k) => k.split(';')), ...paper.categories]) {
      const folded = metadataKey(raw);
      if (!folded) continue;
      let index = keyIndex.get(folded.key);
      if (index === undefined) {
        index = keys.length;
        keyIndex.set(folded.key, index);
        keys.push(folded.key);
        surfaces.push(new Map());
        frequency.push(0);
      }
      if (own.includes(index)) continue;
      own.push(index);
      frequency[index] += 1;
      surfaces[index].set(folded.surface, (surfaces[index].get(folded.surface) ?? 0) + 1);
      any = true;
    }
    paperKeys.push(own);
  }
  if (!any) return [];

  // An acronym keyword joins its spelled-out form: "GANs" → "Generative Adversarial Networks".
  const canonical = acronymExpansions(keys, surfaces, frequency);
  if (canonical.some((c, k) => c !== k)) {
    frequency.fill(0);
    for (let p = 0; p < paperKeys.length; p += 1) {
      const own = [...new Set(paperKeys[p].map((k) => canonical[k]))];
      paperKeys[p] = own;
      for (const k of own) frequency[k] += 1;
    }
  }

  const kept = keys
    .map((key, index) => ({ key, index }))
    .filter(({ index }) => frequency[index] >= minSize)
    .sort((a, b) => frequency[b.index] - frequency[a.index] || compareStrings(a.key, b.key))
    .slice(0, maxTopics);
  const topicOfKey = new Map<number, number>();
  for (const { index } of kept) topicOfKey.set(index, registry.get(displayName(surfaces[index]), 'metadata'));

  for (let p = 0; p < papers.length; p += 1) {
    const own = paperKeys[p].filter((k) => topicOfKey.has(k));
    // Earlier keys rank higher; a steady score spacing keeps every one above the relative cut-off.
    candidates[p] = own.slice(0, MAX_TOPICS_PER_PAPER + 2).map((k, rank) => ({ topic: topicOfKey.get(k)!, score: 10 - rank }));
  }
  return [...new Set(topicOfKey.values())];
}

/**
 * For each key, the key it merges into: an acronym ("GAN", "RNNs", "NLP": one word, 2–6 letters,
 * written in capitals) merges into the most used multi-word key with those initials
 * ("generative adversarial network"); every other key maps to itself.
 */
function acronymExpansions(keys: string[], surfaces: Array<Map<string, number>>, frequency: number[]): number[] {
  const canonical = keys.map((_, index) => index);
  const byInitials = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const words = key.split(' ');
    if (words.length < 2 || words.length > 6) return;
    const initials = words.map((w) => w[0]).join('');
    const list = byInitials.get(initials);
    if (list) list.push(index);
    else byInitials.set(initials, [index]);
  });
  keys.forEach((key, index) => {
    if (key.includes(' ') || key.length < 2 || key.length > 6 || !/^[a-z]+$/.test(key)) return;
    const written = [...surfaces[index].keys()];
    if (!written.some((form) => /^[A-Z]{2,6}s?$/.test(form))) return;
    const expansions = byInitials.get(key);
    if (!expansions) return;
    canonical[index] = [...expansions].sort((a, b) => frequency[b] - frequency[a] || compareStrings(keys[a], keys[b]))[0];
  });
  return canonical;
}

/**
 * Keywords that describe the study rather than its subject (MeSH "check tags" that medical
 * databases add to nearly every record): never topics.
 */
const NON_TOPIC_KEYWORDS = new Set([
  'human',
  'animal',
  'male',
  'female',
  'adult',
  'aged',
  'middle aged',
  'aged 80 and over',
  '80 and over',
  'young adult',
  'child',
  'child preschool',
  'adolescent',
  'infant',
  'infant newborn',
  'mice',
  'mouse',
  'rat',
  'rats',
  'pregnancy',
  'article',
  'journal article',
  'review',
  'research support',
  'controlled study',
  'priority journal',
  'nonhuman',
  'model',
  'algorithm',
  'method',
]);

/** Normalises one keyword or category; undefined when nothing readable is left. */
function metadataKey(raw: string): { key: string; surface: string } | undefined {
  const surface = raw
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“”‘’.,;:*]+|[\s"'“”‘’.,;:*]+$/g, '');
  if (!surface || surface.length > 80 || !/\p{L}/u.test(surface)) return undefined;
  const key = surface
    .toLowerCase()
    .split(/[\s\-_‐–/]+/)
    .filter(Boolean)
    .map(normalizeToken)
    .join(' ');
  if (!key || key === OTHER_TOPIC.toLowerCase() || NON_TOPIC_KEYWORDS.has(key) || key.startsWith('research support')) return undefined;
  return { key, surface };
}

/** The most used spelling of a keyword; all-lower-case and shouted spellings become Title Case. */
function displayName(surfaces: Map<string, number>): string {
  const best = [...surfaces].sort((a, b) => b[1] - a[1] || upperCount(b[0]) - upperCount(a[0]) || compareStrings(a[0], b[0]))[0][0];
  if (best === best.toLowerCase()) return titleCase(best);
  if (best === best.toUpperCase() && /\p{L}{6,}/u.test(best)) return titleCase(best.toLowerCase());
  return best;
}

function upperCount(text: string): number {
  let n = 0;
  for (const ch of text) if (ch !== ch.toLowerCase()) n += 1;
  return n;
}

/** Document frequencies by term id, growing with the lexicon. */
export class DocumentFrequencies {
  counts = new Int32Array(1 << 14);

  add(terms: number[]): void {
    for (const t of terms) {
      if (t >= this.counts.length) {
        const grown = new Int32Array(Math.max(this.counts.length * 2, t + 1));
        grown.set(this.counts);
        this.counts = grown;
      }
      this.counts[t] += 1;
    }
  }

  get(term: number): number {
    return term < this.counts.length ? this.counts[term] : 0;
  }
}

/**
 * Chooses the surviving topics: each paper takes its best ≤3 live candidates; topics with fewer
 * than `minSize` papers die, and beyond `maxTopics` the smallest die (ties: the later name).
 * Papers of dead topics fall back to their next candidates, so this repeats until stable.
 */
function selectTopics(
  candidates: Candidate[][],
  topicCount: number,
  minSize: number,
  maxTopics: number,
  registry: TopicRegistry,
): number[][] {
  const alive = new Uint8Array(topicCount).fill(1);
  let assignment: number[][] = [];
  for (let round = 0; round < 50; round += 1) {
    const size = new Int32Array(topicCount);
    assignment = candidates.map((list) => {
      const chosen: number[] = [];
      for (const c of list) {
        if (alive[c.topic] && chosen.length < MAX_TOPICS_PER_PAPER) chosen.push(c.topic);
      }
      for (const t of chosen) size[t] += 1;
      return chosen;
    });
    const living = [];
    for (let t = 0; t < topicCount; t += 1) if (alive[t]) living.push(t);
    living.sort((a, b) => size[b] - size[a] || compareStrings(registry.drafts[a].name, registry.drafts[b].name));
    let changed = false;
    for (let rank = 0; rank < living.length; rank += 1) {
      const t = living[rank];
      if (size[t] < minSize || rank >= maxTopics) {
        alive[t] = 0;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return assignment;
}
