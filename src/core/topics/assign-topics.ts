import type { Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import { discoverTopics, DocumentFrequencies, TermRows, type DiscoveredTopic } from './discover-topics';
import { limitTextEvidence, metadataCandidates } from './metadata-topics';
import { libraryAcronyms, mergeVariantTopics } from './merge-variants';
import { addSubtopics } from './subtopics';
import { MAX_TOPICS_PER_PAPER, OTHER_TOPIC, TopicRegistry, type Candidate } from './topic-registry';
import { PhraseMatcher, type TopicScore } from './phrase-matcher';
import { Lexicon } from './lexicon';
import { compareStrings, termCounts, wordStream } from './text-terms';
import { backgroundFields, chooseTopicName, definedAcronyms, variantKey } from './topic-naming';
import { WordStream } from './word-stream';
import type { TokenizedText } from './topic-names';
import type { TokenizedTexts } from './subtopics';

/**
 * One topic of a taxonomy file: phrases that signal it, with weights.
 *
 * @example { name: 'Spiking Neural Networks', terms: { 'spiking neural network': 4, snn: 3 }, exclude: ['spiking data'] }
 */
export interface TaxonomyTopic {
  /** The name readers see in the topic tree, e.g. "Spiking Neural Networks". Required; "Other" is reserved. */
  name: string;
  /**
   * Phrase → weight (a positive number). Phrases are matched in titles and abstracts case-,
   * hyphen-, diacritic- and plural-insensitively ("Vision-Language Models" matches "vision language
   * model"); a title mention counts 3×. Required, at least one phrase. Example: `{ "hallucination": 4 }`.
   */
  terms: Record<string, number>;
  /** Phrases that veto the topic for a paper that mentions one. Default: none. Example: `["spiking data"]`. */
  exclude?: string[];
  /** Score a paper needs to join this topic. Default: the taxonomy's `minScore`. Example: `4`. */
  minScore?: number;
}

/**
 * A keyword taxonomy: a workspace's `.lectern/topics.json` files (read by `parseTaxonomy`, merged
 * by `resolveTaxonomy`), and, in `forSample`, the bundled `corpus/topics.json` for the sample's papers.
 *
 * @example { minScore: 3, topics: [{ name: 'Brain Decoding', terms: { fmri: 3, 'brain decoding': 4 } }] }
 */
export interface TopicTaxonomy {
  /**
   * Score a paper needs to join a topic, where a paper scores Σ weight × (1 + ln count) over the
   * topic's phrases it mentions. Default 3: one mention of a weight-3 phrase.
   */
  minScore?: number;
  /** The topics, in file order. */
  topics: TaxonomyTopic[];
  /**
   * The taxonomy of the bundled sample's papers (`Paper.sample`): the bundled `corpus/topics.json`.
   * When set, the sample's papers use it alone and `topics` apply only to the other papers, so a
   * law library shown beside the sample never gets the sample's "Federated Learning". Default:
   * none, and `topics` apply to every paper. Example: `{ topics: [], forSample: bundledTaxonomy }`.
   */
  forSample?: TopicTaxonomy;
}

/** Options of `assignTopics`. */
export interface AssignTopicsOptions {
  /** Weighted phrases for papers without usable keywords or categories. Default: none (metadata and discovery only). */
  taxonomy?: TopicTaxonomy;
  /** Most top-level topics besides "Other"; the smallest beyond it dissolve. Default 35. Example: `{ maxTopics: 20 }`. */
  maxTopics?: number;
}

export { OTHER_TOPIC } from './topic-registry';

/**
 * The version of what topic assignment gives, part of every corpus fingerprint (`corpusFingerprint`): topics cached
 * by an earlier Lectern (and the indexes holding them) are then not taken for this one's. Bump it with any change to
 * what `assignTopics`, discovery, naming or curation give; `topics-version.test.ts` fails until then.
 */
export const TOPICS_VERSION = 3;

const DEFAULT_MAX_TOPICS = 35;
const DEFAULT_MIN_SCORE = 3;
/** A secondary topic must score at least this fraction of the paper's best topic. */
const RELATIVE_SCORE = 0.4;
const TITLE_WEIGHT = 3;
/** Metadata topic names matched in the text of papers without usable metadata. */
const METADATA_PHRASE_WEIGHT = 1.5;
const METADATA_PHRASE_MIN_SCORE = 2.5;
/** Weight of a discovered topic's name found in a paper, per point of phrase score, against cosine similarity. */
const NAME_EVIDENCE = 0.05;
/** Papers read to spell a discovered topic's name. */
const NAMING_SAMPLE = 150;

/**
 * Groups papers into topics for the sidebar tree. Each paper gets 1–3 topics, from:
 *
 * 1. its metadata — author keywords and subject categories — when it has some that at least
 *    `minSize` papers share (case, hyphen, plural and acronym variants merged — "GANs" joins
 *    "Generative Adversarial Networks" — most common spelling shown; MeSH check tags such as
 *    "Humans" ignored);
 * 2. otherwise its title and abstract: the names of the corpus's metadata topics, then the
 *    weighted phrases of the taxonomy (`.lectern/topics.json`, see `parseTaxonomy`; for the bundled
 *    sample's papers `taxonomy.forSample`, from `corpus/topics.json`); secondary topics must score
 *    40 % of the best one;
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
  const maxTopics = Math.max(1, options.maxTopics ?? DEFAULT_MAX_TOPICS);
  const minSize = Math.max(2, Math.round(papers.length / 1000));
  const registry = new TopicRegistry();
  const candidates: Candidate[][] = papers.map(() => []);

  // 1. Metadata.
  const metadataTopics = metadataCandidates(papers, registry, candidates, minSize, maxTopics);
  const fromMetadata = candidates.map((list) => list.length > 0);

  // 2. Text: metadata topic names, then the taxonomy.
  const lexicon = new Lexicon();
  const matcher = scopedMatcher(
    lexicon,
    registry,
    metadataTopics.map((m) => m.topic),
    options.taxonomy,
  );
  const unmatched = matchText(papers, candidates, lexicon, matcher, registry, metadataTopics);

  // 3. Discovery among the papers nothing matched. Texts tokenized to name its topics are kept for the subtopics'.
  const tokenized: TokenizedTexts = { texts: new Map(), lexiconSize: lexicon.size };
  const background = backgroundFields(lexicon, unmatched.df, unmatched.textPapers);
  if (unmatched.papers.length >= 2) {
    addDiscoveredTopics(papers, unmatched, lexicon, registry, candidates, { minSize, maxTopics }, tokenized.texts, background);
  }

  // 4. Variants of one name become one topic; keep the topics that are big enough, at most maxTopics.
  const acronyms = libraryAcronyms(papers);
  mergeVariantTopics(registry, candidates, acronyms);
  let assignment = selectTopics(candidates, registry.drafts.length, minSize, maxTopics, registry);
  if (rescueFromText(papers, assignment, fromMetadata, candidates, lexicon, matcher, registry)) {
    assignment = selectTopics(candidates, registry.drafts.length, minSize, maxTopics, registry);
  }
  const result = collectTopics(papers, assignment, registry);
  addSubtopics(result.papers, result.topics, lexicon, unmatched.read, { acronyms, background }, tokenized);
  return result;
}

/** Which phrase matcher reads a paper: the sample's papers have their own taxonomy when `forSample` is set. */
type MatcherFor = (paper: Paper) => PhraseMatcher;

/** The matcher for each paper: one for all, or one for the sample's papers and one for the rest. */
function scopedMatcher(
  lexicon: Lexicon,
  registry: TopicRegistry,
  metadataTopics: number[],
  taxonomy: TopicTaxonomy | undefined,
): MatcherFor {
  const own = textMatcher(lexicon, registry, metadataTopics, taxonomy);
  if (!taxonomy?.forSample) return () => own;
  const sample = textMatcher(lexicon, registry, metadataTopics, taxonomy.forSample);
  return (paper) => (paper.sample ? sample : own);
}

/** A phrase matcher for the metadata topics' names (in papers without metadata) and the taxonomy's topics. */
function textMatcher(
  lexicon: Lexicon,
  registry: TopicRegistry,
  metadataTopics: number[],
  taxonomy: TopicTaxonomy | undefined,
): PhraseMatcher {
  const matcher = new PhraseMatcher(lexicon, TITLE_WEIGHT);
  for (const topic of metadataTopics) {
    matcher.addTopic(topic, { [registry.drafts[topic].name]: METADATA_PHRASE_WEIGHT }, [], METADATA_PHRASE_MIN_SCORE);
  }
  const defaultMinScore = taxonomy?.minScore ?? DEFAULT_MIN_SCORE;
  for (const topic of taxonomy?.topics ?? []) {
    if (!topic.name.trim() || topic.name.trim().toLowerCase() === OTHER_TOPIC.toLowerCase()) continue;
    const index = registry.get(topic.name.trim(), 'taxonomy');
    matcher.addTopic(index, topic.terms, topic.exclude ?? [], topic.minScore ?? defaultMinScore);
  }
  return matcher;
}

/** The papers that neither metadata nor phrases placed, with their term counts for discovery. */
interface Unmatched {
  /** Indexes into the corpus. */
  papers: number[];
  terms: TermRows;
  /** Document frequencies over every paper read as text. */
  df: DocumentFrequencies;
  /** Number of papers read as text. */
  textPapers: number;
  /** The term rows of every paper read as text: `rowOf[p]` is paper p's row in `rows`, -1 if it was not read. */
  read: { rows: TermRows; rowOf: Int32Array };
}

/**
 * Scores every paper without metadata topics against `matcher`, filling `candidates` (a metadata
 * topic's name joins at most as many such papers as carry the keyword, the best-scoring ones: see
 * `limitTextEvidence`); returns the rest.
 */
function matchText(
  papers: Paper[],
  candidates: Candidate[][],
  lexicon: Lexicon,
  matcherFor: MatcherFor,
  registry: TopicRegistry,
  metadataTopics: ReadonlyArray<{ topic: number; holders: number }>,
): Unmatched {
  const stream = new WordStream();
  const read = { papers: [] as number[], terms: new TermRows() };
  const unmatched: Unmatched = {
    papers: [],
    terms: new TermRows(),
    df: new DocumentFrequencies(),
    textPapers: 0,
    read: { rows: read.terms, rowOf: new Int32Array(papers.length).fill(-1) },
  };
  for (let p = 0; p < papers.length; p += 1) {
    if (candidates[p].length > 0) continue;
    wordStream(lexicon, papers[p].title, papers[p].abstract, stream);
    unmatched.textPapers += 1;
    const terms = termCounts(lexicon, stream, { titleWeight: TITLE_WEIGHT, bigrams: true });
    unmatched.df.add(terms.terms);
    unmatched.read.rowOf[p] = read.papers.length;
    read.papers.push(p);
    read.terms.append(terms.terms, terms.counts);
    const matcher = matcherFor(papers[p]);
    const scores = matcher.isEmpty ? [] : matcher.score(stream);
    if (scores.length > 0) candidates[p] = rankScores(scores, registry);
  }
  limitTextEvidence(candidates, read.papers, metadataTopics);
  read.papers.forEach((p, row) => {
    if (candidates[p].length > 0) return;
    unmatched.papers.push(p);
    unmatched.terms.appendRow(read.terms, row);
  });
  return unmatched;
}

/**
 * Discovers topics among the unmatched papers and adds them to those papers' candidates. Groups
 * without a whole, specific name dissolve; groups whose names are variants of one another
 * (acronym and expansion, spelling variants: see `variantKey`) become one topic.
 */
function addDiscoveredTopics(
  papers: Paper[],
  unmatched: Unmatched,
  lexicon: Lexicon,
  registry: TopicRegistry,
  candidates: Candidate[][],
  limits: { minSize: number; maxTopics: number },
  read: Map<number, TokenizedText>,
  background: ReadonlySet<string>,
): void {
  const residual = unmatched.papers;
  const named = new Map<number, { texts: string[]; name: string }>();
  // Name from the members closest to the group (enough to see how they spell the phrase), by corpus index.
  const closest = (topic: DiscoveredTopic): number[] =>
    topic.members
      .map((m) => ({ p: residual[m.doc], score: m.score }))
      .sort((a, b) => b.score - a.score || compareStrings(papers[a.p].id, papers[b.p].id))
      .slice(0, NAMING_SAMPLE)
      .map(({ p }) => p);
  const accept = (topic: DiscoveredTopic): boolean => {
    const keys = closest(topic);
    const texts = keys.map((p) => `${papers[p].title}. ${papers[p].abstract}`);
    const name = chooseTopicName(lexicon, texts, topic.terms, topic.concentration, { tokens: read, keys }, background);
    if (name !== undefined && name.toLowerCase() !== OTHER_TOPIC.toLowerCase()) named.set(topic.group, { texts, name });
    return named.has(topic.group);
  };
  const groups = discoverTopics(lexicon, unmatched.terms, unmatched.df, unmatched.textPapers, limits, accept)
    .filter((topic) => named.has(topic.group))
    .map((topic) => ({ topic, ...named.get(topic.group)! }));
  const acronyms = definedAcronyms(groups.flatMap((g) => g.texts));
  const nameOfVariant = new Map<string, string>();
  const bySize = [...groups].sort((a, b) => b.topic.members.length - a.topic.members.length);
  const byName = new PhraseMatcher(lexicon, TITLE_WEIGHT);
  for (const group of bySize) {
    const key = variantKey(group.name, acronyms);
    const name = nameOfVariant.get(key) ?? group.name;
    nameOfVariant.set(key, name);
    const index = registry.get(name, 'discovered');
    byName.addTopic(index, { [group.name]: 1 }, [], 1);
    for (const member of group.topic.members) candidates[residual[member.doc]].push({ topic: index, score: member.score });
  }
  nameEvidence(papers, residual, candidates, lexicon, byName);
  for (const p of residual) candidates[p] = rankCandidates(candidates[p], registry);
}

/**
 * A discovered topic's name written in a paper is evidence the paper belongs to it: its score for that topic
 * grows by `NAME_EVIDENCE` per point the phrase scores (title mentions weigh 3×), whether or not the
 * clustering put it there.
 */
function nameEvidence(papers: Paper[], residual: number[], candidates: Candidate[][], lexicon: Lexicon, byName: PhraseMatcher): void {
  const stream = new WordStream();
  for (const p of residual) {
    const scores = byName.score(wordStream(lexicon, papers[p].title, papers[p].abstract, stream));
    for (const { topic, score } of scores) {
      const best = candidates[p].reduce((max, c) => (c.topic === topic ? Math.max(max, c.score) : max), 0);
      candidates[p].push({ topic, score: best + NAME_EVIDENCE * score });
    }
  }
}

/** Papers whose metadata topics all dissolved get a second chance from their text; true when any did. */
function rescueFromText(
  papers: Paper[],
  assignment: number[][],
  fromMetadata: boolean[],
  candidates: Candidate[][],
  lexicon: Lexicon,
  matcherFor: MatcherFor,
  registry: TopicRegistry,
): boolean {
  const stream = new WordStream();
  let rescued = false;
  for (let p = 0; p < papers.length; p += 1) {
    if (assignment[p].length > 0 || !fromMetadata[p]) continue;
    const matcher = matcherFor(papers[p]);
    if (matcher.isEmpty) continue;
    const scores = matcher.score(wordStream(lexicon, papers[p].title, papers[p].abstract, stream));
    if (scores.length === 0) continue;
    candidates[p] = rankScores(scores, registry);
    rescued = true;
  }
  return rescued;
}

/** Papers with their topic names, and the topics ordered by size then name, "Other" last. */
function collectTopics(papers: Paper[], assignment: number[][], registry: TopicRegistry): { papers: Paper[]; topics: Topic[] } {
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
 * Chooses the surviving topics: each paper takes its best ≤3 live candidates; topics with fewer
 * than `minSize` papers die, and beyond `maxTopics` the smallest die (ties: the later name) unless
 * most of their papers have no other topic (at most `2 × maxTopics` topics in all).
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
  // Beyond the cap, only topics of some size: half a percent of the papers (at least minSize).
  const screenful = Math.max(minSize, Math.round(candidates.length / 200));
  let assignment: number[][] = [];
  for (let round = 0; round < 50; round += 1) {
    const size = new Int32Array(topicCount);
    const sole = new Int32Array(topicCount);
    assignment = candidates.map((list) => {
      const chosen: number[] = [];
      for (const c of list) {
        if (alive[c.topic] && chosen.length < MAX_TOPICS_PER_PAPER) chosen.push(c.topic);
      }
      for (const t of chosen) size[t] += 1;
      if (chosen.length === 1) sole[chosen[0]] += 1;
      return chosen;
    });
    const living = [];
    for (let t = 0; t < topicCount; t += 1) if (alive[t]) living.push(t);
    living.sort((a, b) => size[b] - size[a] || compareStrings(registry.drafts[a].name, registry.drafts[b].name));
    let changed = false;
    for (let rank = 0; rank < living.length; rank += 1) {
      const t = living[rank];
      // Beyond the cap a topic stays while at least half its papers have no other (up to twice the cap): no paper
      // that could have a topic goes to Other merely because the tree is full.
      const overCap = rank >= maxTopics && (rank >= 2 * maxTopics || sole[t] * 2 < size[t] || size[t] < screenful);
      if (size[t] < minSize || overCap) {
        alive[t] = 0;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return assignment;
}
