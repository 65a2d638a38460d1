/**
 * The cache entry kept beside a library's index (`LibraryOptions.cache` with `contents: 'index'`): its topics, as the
 * tree showed them. A load whose files and taxonomy are the entry's takes them instead of running discovery again,
 * so topics carried over a change (`carryTopics`) stay across window reloads (discovery would reshuffle the tree the
 * user had left), and an unchanged library starts without discovery's seconds of a core.
 */
import type { Diagnostic } from '../model/diagnostic';
import type { Subtopic, Topic } from '../model/topic';
import { contentFingerprint } from '../corpus/content-fingerprint';
import { corpusTopicsOf, type Corpus, type CorpusTopics } from '../corpus/corpus';
import { TOPICS_VERSION, type TopicTaxonomy } from '../topics/assign-topics';
import { topicTextDigest, type CarrySource } from '../topics/carry-topics';

const FORMAT = 'lectern-topics';
const FORMAT_VERSION = 1;

/** A topics entry as read: the topics, and what carrying them over to changed files needs. */
export interface TopicsEntry {
  topics: CorpusTopics;
  /** Per paper, in corpus order: id, citekey ('' for none), `topicTextDigest`. */
  papers: Array<[string, string, string]>;
  /** Digest of the taxonomy the topics were assigned under (`taxonomyDigest`). */
  taxonomy: string;
}

/** The entry's text for a corpus's topics under `taxonomy` (JSON). */
export function writeTopicsEntry(corpus: Corpus, taxonomy: TopicTaxonomy | undefined): string {
  const digests = textDigests(corpus);
  const papers = corpus.papers.map((paper, i) => [paper.id, paper.citeKey ?? '', digests[i]]);
  const entry = { format: FORMAT, version: FORMAT_VERSION, topicsVersion: TOPICS_VERSION, taxonomy: taxonomyDigest(taxonomy), papers };
  return JSON.stringify({ ...entry, ...corpusTopicsOf(corpus) });
}

/** The entry `text` holds, checked; undefined when there is none, it is of another format or Lectern, or damaged (never an error). */
export function readTopicsEntry(text: string | undefined): TopicsEntry | undefined {
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as Partial<CorpusTopics> & Partial<Omit<TopicsEntry, 'topics'>> & Record<string, unknown>;
    if (entry.format !== FORMAT || entry.version !== FORMAT_VERSION || entry.topicsVersion !== TOPICS_VERSION) return undefined;
    const { fingerprint, paperTopics, topics, diagnostics, drift, papers, taxonomy } = entry;
    if (typeof fingerprint !== 'string' || typeof taxonomy !== 'string') return undefined;
    if (!Array.isArray(paperTopics) || !paperTopics.every(isStringList)) return undefined;
    if (
      !Array.isArray(papers) ||
      papers.length !== paperTopics.length ||
      !papers.every((paper) => isStringList(paper) && paper.length === 3)
    )
      return undefined;
    if (!Array.isArray(topics) || !topics.every(isTopic) || !Array.isArray(diagnostics) || !diagnostics.every(isDiagnostic))
      return undefined;
    if (drift !== undefined && !(Number.isInteger(drift) && drift >= 0)) return undefined;
    return { topics: { fingerprint, paperTopics, topics, diagnostics, drift }, papers, taxonomy };
  } catch {
    return undefined;
  }
}

/** The entry's topics when they are those of the corpus `fingerprint` of `paperCount` papers (the files unchanged). */
export function entryTopics(entry: TopicsEntry | undefined, fingerprint: string, paperCount: number): CorpusTopics | undefined {
  return entry?.topics.fingerprint === fingerprint && entry.topics.paperTopics.length === paperCount ? entry.topics : undefined;
}

/**
 * The entry's corpus as `carryTopics` takes it, when its topics were assigned under `taxonomy` (a changed taxonomy
 * or curation calls for discovery), with the curation's diagnostics they carry.
 */
export function entryCarrySource(
  entry: TopicsEntry | undefined,
  taxonomy: TopicTaxonomy | undefined,
): (CarrySource & { diagnostics: Diagnostic[] }) | undefined {
  if (!entry || entry.taxonomy !== taxonomyDigest(taxonomy)) return undefined;
  const { paperTopics, topics, drift, diagnostics } = entry.topics;
  const papers = entry.papers.map(([id, citeKey, textDigest], i) => ({
    id,
    topics: paperTopics[i],
    textDigest,
    ...(citeKey ? { citeKey } : {}),
  }));
  return { papers, topics, drift: drift ?? 0, diagnostics };
}

/** `topicTextDigest`s by imported record: a file that did not change keeps its records, whose digests are not made again. */
const digestOf = new WeakMap<object, string>();

/** Each paper's `topicTextDigest`, in corpus order (the files' records, in the same order, hold the same texts). */
function textDigests(corpus: Corpus): string[] {
  const records = corpus.files.flatMap((file) => file.papers);
  const texts = records.length === corpus.papers.length ? records : corpus.papers;
  return texts.map((paper) => {
    let digest = digestOf.get(paper);
    if (digest === undefined) digestOf.set(paper, (digest = topicTextDigest(paper)));
    return digest;
  });
}

function taxonomyDigest(taxonomy: TopicTaxonomy | undefined): string {
  return contentFingerprint(JSON.stringify(taxonomy ?? null));
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isTopic(value: unknown): value is Topic {
  const topic = value as Topic;
  if (!isGroup(topic) || typeof topic.origin !== 'string') return false;
  return (
    (topic.pinnedIds === undefined || isStringList(topic.pinnedIds)) &&
    (topic.subtopics === undefined || (Array.isArray(topic.subtopics) && topic.subtopics.every(isGroup)))
  );
}

/** A topic's or subtopic's name and papers. */
function isGroup(value: unknown): value is Subtopic {
  const group = value as Subtopic;
  return typeof group === 'object' && group !== null && typeof group.name === 'string' && isStringList(group.paperIds);
}

function isDiagnostic(value: unknown): value is Diagnostic {
  const diagnostic = value as Diagnostic;
  return (
    typeof diagnostic === 'object' && diagnostic !== null && typeof diagnostic.message === 'string' && typeof diagnostic.file === 'string'
  );
}
