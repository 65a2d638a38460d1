import type { Paper } from '../model/paper';
import type { Subtopic, Topic } from '../model/topic';
import { compareStrings, termCounts, wordStream } from './text-terms';
import { discoverTopics, DocumentFrequencies, TermRows, type DiscoveredTopic } from './discover-topics';
import type { Lexicon } from './lexicon';
import { chooseTopicName, variantKey, type LibraryNaming } from './topic-naming';
import type { TokenizedText } from './topic-names';
import { WordStream } from './word-stream';

/** A topic with more papers than this (about a screenful of the tree) gets subtopics. */
const SUBTOPIC_THRESHOLD = 40;
const MAX_SUBTOPICS = 8;
/** Latent dimensions for subtopics: a handful of groups among a few hundred papers needs few, and the tree has many topics to split. */
const SUBTOPIC_DIMS = 20;
/** One k-means seeding per topic: a topic's few subtopics are a browsing aid, and restarts cost per topic split. */
const SUBTOPIC_RESTARTS = 1;
const NAMING_SAMPLE = 80;
/** Texts kept tokenized between topics at most (see `discoverSubtopics`). */
const TOKENIZED_TEXTS_KEPT = 3000;
/** Subtopics are discovered among at most this many of a topic's papers (evenly spread), then extended to the rest. */
const DISCOVERY_SAMPLE = 200;
/** A paper outside the sample joins a subtopic when its terms hold one of the subtopic's first phrases. */
const JOINING_TERMS = 3;

/**
 * Texts tokenized for naming (see `chooseTopicName`), by the paper's index in the library, and the lexicon's size
 * when they were: shared by the library's naming and every topic's split (a paper sits in up to three topics) while
 * the lexicon stays that size.
 */
export interface TokenizedTexts {
  texts: Map<number, TokenizedText>;
  lexiconSize: number;
}

/** The term rows of papers already read: `rowOf[p]` is paper p's row in `rows`, -1 if it was not read. */
interface ReadTerms {
  rows: TermRows;
  rowOf: Int32Array;
}

/**
 * Gives each topic with more than 40 papers (not "Other") its subtopics: the same discovery as for
 * the library (`discoverTopics`) among the topic's papers only (at most 200 of them, evenly spread
 * in corpus order), so the words all of them use (the topic's own) are background there; a paper
 * outside that sample joins a subtopic whose leading phrases it uses. At most 8 subtopics of at
 * least 2 % of the sample (and 3), named as topics are, never after the topic itself or a variant
 * of another; a paper may sit in up to three or in none. Sets `Topic.subtopics` in place.
 * `naming`: the library's acronyms (see `definedAcronyms`) and background field names (see `backgroundFields`);
 * `tokenized`, texts already tokenized for naming.
 */
export function addSubtopics(
  papers: Paper[],
  topics: Topic[],
  lexicon: Lexicon,
  read: ReadTerms,
  naming: LibraryNaming,
  tokenized: TokenizedTexts = { texts: new Map(), lexiconSize: lexicon.size },
): void {
  const index = new Map(papers.map((paper, i) => [paper.id, i]));
  const rowsOf = new PaperRows(papers, lexicon, read);
  for (const topic of topics) {
    if (topic.origin === 'other' || topic.paperIds.length <= SUBTOPIC_THRESHOLD) continue;
    const members = topic.paperIds.map((id) => index.get(id)!);
    const step = Math.max(1, members.length / DISCOVERY_SAMPLE);
    const sample: number[] = [];
    for (let at = 0; at < members.length; at += step) sample.push(members[Math.floor(at)]);
    const found = discoverSubtopics(papers, sample, rowsOf, topic.name, lexicon, naming, tokenized);
    if (found.length === 0) continue;
    const inSample = new Set(sample);
    const ids = found.map(({ members: joined }) => new Set(joined));
    // Each paper outside the sample is read once for all the subtopics' leading phrases, not once per subtopic.
    const joining = new Map<number, number[]>();
    found.forEach(({ terms }, s) => {
      for (const term of terms) joining.set(term, [...(joining.get(term) ?? []), s]);
    });
    for (const p of members) if (!inSample.has(p)) for (const s of rowsOf.joined(p, joining)) ids[s].add(p);
    const subtopics: Subtopic[] = found.map(({ name }, s) => ({
      name,
      paperIds: [...ids[s]].sort((a, b) => a - b).map((p) => papers[p].id),
    }));
    topic.subtopics = subtopics.sort((a, b) => b.paperIds.length - a.paperIds.length || compareStrings(a.name, b.name));
  }
}

/** Subtopics among `sample` (corpus indexes): their names, members (corpus indexes) and leading term ids. */
function discoverSubtopics(
  papers: Paper[],
  sample: number[],
  rowsOf: PaperRows,
  parent: string,
  lexicon: Lexicon,
  { acronyms, background }: LibraryNaming,
  tokenized: TokenizedTexts,
): Array<{ name: string; members: number[]; terms: number[] }> {
  const rows = new TermRows();
  const df = new DocumentFrequencies();
  for (const p of sample) {
    const { terms, counts } = rowsOf.row(p);
    df.add(terms);
    rows.append(terms, counts);
  }
  const names = new Map<number, string>();
  const used = new Set<string>([variantKey(parent, acronyms)]);
  // Reading papers on demand may have added words: tokens read before could now be known.
  // Also bounded: in a large library the tokens of every topic's sample would hold hundreds of megabytes.
  if (lexicon.size !== tokenized.lexiconSize || tokenized.texts.size > TOKENIZED_TEXTS_KEPT) {
    tokenized.texts.clear();
    tokenized.lexiconSize = lexicon.size;
  }
  const accept = (group: DiscoveredTopic): boolean => {
    const keys = [...group.members]
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, NAMING_SAMPLE)
      .map((m) => sample[m.doc]);
    const texts = keys.map((p) => `${papers[p].title}. ${papers[p].abstract}`);
    const name = chooseTopicName(lexicon, texts, group.terms, group.concentration, { tokens: tokenized.texts, keys }, background);
    if (name === undefined || used.has(variantKey(name, acronyms))) return false;
    used.add(variantKey(name, acronyms));
    names.set(group.group, name);
    return true;
  };
  const minSize = Math.max(3, Math.ceil(sample.length * 0.02));
  const maxTopics = Math.min(MAX_SUBTOPICS, Math.round(Math.sqrt(sample.length / 2)));
  return discoverTopics(
    lexicon,
    rows,
    df,
    sample.length,
    { minSize, maxTopics, latentDims: SUBTOPIC_DIMS, restarts: SUBTOPIC_RESTARTS },
    accept,
  )
    .filter((group) => names.has(group.group) && group.members.length >= minSize)
    .map((group) => ({
      name: names.get(group.group)!,
      members: group.members.map((m) => sample[m.doc]),
      terms: group.terms.slice(0, JOINING_TERMS),
    }));
}

/** Papers' term rows: those read for discovery as they were, the others read on demand (and not kept). */
class PaperRows {
  private readonly stream = new WordStream();

  constructor(
    private readonly papers: Paper[],
    private readonly lexicon: Lexicon,
    private readonly read: ReadTerms,
  ) {}

  row(p: number): { terms: ArrayLike<number>; counts: ArrayLike<number> } {
    const r = this.read.rowOf[p];
    if (r >= 0) {
      const { start, terms, counts } = this.read.rows;
      return { terms: terms.subarray(start[r], start[r + 1]), counts: counts.subarray(start[r], start[r + 1]) };
    }
    const stream = wordStream(this.lexicon, this.papers[p].title, this.papers[p].abstract, this.stream);
    return termCounts(this.lexicon, stream, { titleWeight: 3, bigrams: true });
  }

  /** The subtopics (values of `joining`, by leading term) whose terms paper `p` uses. */
  joined(p: number, joining: ReadonlyMap<number, number[]>): Set<number> {
    const { terms } = this.row(p);
    const result = new Set<number>();
    for (let i = 0; i < terms.length; i += 1) {
      const subtopics = joining.get(terms[i]);
      if (subtopics !== undefined) for (const s of subtopics) result.add(s);
    }
    return result;
  }
}
