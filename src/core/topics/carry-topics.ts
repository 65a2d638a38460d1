/**
 * Topics carried over from a library's previous corpus when a change adds or removes a few papers. Discovery run
 * again after one paper was added moved 16–68 % of the other papers of every real library in `../shared/corpora`
 * to other topics and renamed or dropped 6–16 topics: the tree reshuffled under the user's hands at every export
 * of their reference manager, and the index re-indexed every paper whose topics moved (22,803 of a 24,078-paper
 * library). Carried, each paper keeps its topics and a new paper joins the topics of the papers most like it.
 */
import type { Paper } from '../model/paper';
import { contentFingerprint } from '../corpus/content-fingerprint';
import type { Subtopic, Topic } from '../model/topic';
import type { CurationStep } from './curation-steps';
import { OTHER_TOPIC } from './topic-registry';

/**
 * The share of a library (its own papers, not the bundled sample's) that may be added, edited or removed, in all,
 * since its topics were discovered before they are discovered again (the new papers then shape the topics instead
 * of only joining them).
 */
export const CARRY_SHARE = 0.1;

/** Most papers one change may add or edit with carried topics: each is placed by a search for its title (a few ms each). */
export const CARRY_MAX_ADDED = 200;

/** A paper of the previous corpus, as far as carrying goes: its id, citekey and topics, and its text or that text's digest. */
export type CarriedPaper = Pick<Paper, 'id' | 'topics'> &
  Partial<Pick<Paper, 'citeKey' | 'title' | 'abstract' | 'keywords' | 'categories'>> & {
    /** `topicTextDigest` of the paper, for a previous corpus kept without its texts (a cache). Default: the texts compared. */
    textDigest?: string;
  };

/** The previous corpus, as far as carrying its topics goes. */
export interface CarrySource {
  /** Its papers, with ids and topics. */
  papers: CarriedPaper[];
  topics: Topic[];
  /** Papers added, edited or removed since its topics were discovered (0 when they were). */
  drift: number;
}

/** Carried topics: each paper's topics (in the order of the papers given), the topics, and the drift now. */
export interface CarriedTopics {
  paperTopics: string[][];
  topics: Topic[];
  drift: number;
}

/**
 * The topics of `papers` (the new corpus, ids assigned) carried over from `previous`, or undefined when they should
 * be discovered again: more than `CARRY_SHARE` of the library added, edited or removed since the last discovery,
 * more than `CARRY_MAX_ADDED` papers new or edited at once, or a curation step that names one of those papers.
 * Papers that stay unedited keep their topics and subtopics; a new or edited one joins the topics `placeOf(paper)`
 * names among those there are (in no subtopic: a member may sit in none), or Other when it names none; topics left
 * empty go.
 */
export function carryTopics(
  previous: CarrySource,
  papers: Paper[],
  placeOf: (paper: Paper) => string[],
  curation: CurationStep[],
): CarriedTopics | undefined {
  const before = new Map(previous.papers.map((paper) => [paper.id, paper]));
  const ids = new Set(papers.map((paper) => paper.id));
  const added = papers.filter((paper) => !before.has(paper.id));
  const removed = previous.papers.filter((paper) => !ids.has(paper.id));
  // A paper whose text or keywords were edited is placed again, as a new one is.
  const edited = papers.filter((paper) => before.has(paper.id) && !sameTopicText(before.get(paper.id)!, paper));
  const drift = previous.drift + added.length + removed.length + edited.length;
  // The bundled sample's papers count for nothing: its own taxonomy files them, the same whatever comes (a third
  // paper of one's own beside the sample may found a topic the first two could not).
  const own = papers.reduce((count, paper) => count + (paper.sample ? 0 : 1), 0);
  if (added.length + edited.length > CARRY_MAX_ADDED || drift > Math.floor(CARRY_SHARE * own)) return undefined;
  // A pin or move of a paper that comes, goes or changes: discovery and the curation place it (and report it when gone).
  if (namesAny(curation, [...added, ...removed, ...edited])) return undefined;
  // Where each new or edited paper goes: topics that exist (Other is where no other one claims it).
  const names = new Set(previous.topics.map((topic) => topic.name));
  const placed = new Map<string, string[]>();
  for (const paper of [...added, ...edited]) {
    const place = placeOf(paper).filter((name) => names.has(name) && name !== OTHER_TOPIC);
    placed.set(paper.id, place.length > 0 ? place : [OTHER_TOPIC]);
  }
  const topics: Topic[] = [];
  for (const topic of previous.topics) {
    const members = new Set(topic.paperIds);
    const inTopic = (paper: Paper) => placed.get(paper.id)?.includes(topic.name) ?? members.has(paper.id);
    const paperIds = papers.filter(inTopic).map((paper) => paper.id);
    if (paperIds.length === 0) continue;
    const carried: Topic = { ...topic, paperIds };
    const staying = new Set(paperIds.filter((id) => !placed.has(id)));
    if (topic.subtopics) carried.subtopics = carrySubtopics(topic.subtopics, staying);
    if (topic.pinnedIds) carried.pinnedIds = topic.pinnedIds.filter((id) => staying.has(id));
    topics.push(carried);
  }
  const homeless = [...added, ...edited].filter((paper) => placed.get(paper.id)![0] === OTHER_TOPIC).map((paper) => paper.id);
  if (homeless.length > 0 && !names.has(OTHER_TOPIC)) topics.push({ name: OTHER_TOPIC, paperIds: homeless, origin: 'other' });
  const paperTopics = papers.map((paper) => placed.get(paper.id) ?? before.get(paper.id)!.topics);
  return { paperTopics, topics, drift };
}

/** Whether what topics are drawn from is the same in both (an unchanged file's papers share their strings: cheap). */
function sameTopicText(a: CarriedPaper, b: Paper): boolean {
  if (a.textDigest !== undefined) return a.textDigest === topicTextDigest(b);
  const sameList = (x: string[] = [], y: string[] = []) => x.length === y.length && x.every((item, i) => item === y[i]);
  return a.title === b.title && a.abstract === b.abstract && sameList(a.keywords, b.keywords) && sameList(a.categories, b.categories);
}

/**
 * A digest of what topics are drawn from (title, keywords, categories, and of the abstract its length, start and end),
 * for a cache that keeps a corpus's topics without its texts: an edit that changes none of these (a letter swapped in
 * mid-abstract) is not one that moves a paper's topics. The whole abstract hashed cost ~5 µs a paper (0.48 s at
 * 100,000, on the extension host at each cache write); this ~1.5 µs. 64 bits: a collision leaves one edit unplaced.
 */
export function topicTextDigest(paper: Pick<Paper, 'title' | 'abstract' | 'keywords' | 'categories'>): string {
  const list = (items: string[] | undefined) => (items ?? []).join('\u0002');
  const { abstract } = paper;
  const ends = `${abstract.length}\u0002${abstract.slice(0, 64)}\u0002${abstract.slice(-64)}`;
  return contentFingerprint(paper.title, ends, list(paper.keywords), list(paper.categories)).slice(0, 16);
}

/** A topic's subtopics keeping only `ids` (the papers that stay, unedited); those left empty go. */
function carrySubtopics(subtopics: Subtopic[], ids: Set<string>): Subtopic[] | undefined {
  const carried = subtopics
    .map((subtopic) => ({ ...subtopic, paperIds: subtopic.paperIds.filter((id) => ids.has(id)) }))
    .filter((subtopic) => subtopic.paperIds.length > 0);
  return carried.length > 0 ? carried : undefined;
}

/** Whether a curation step names one of `papers` (by id or citekey). */
function namesAny(curation: CurationStep[], papers: CarriedPaper[]): boolean {
  const names = new Set(papers.flatMap((paper) => [paper.id, ...(paper.citeKey ? [paper.citeKey] : [])]));
  return curation.some((step) => {
    if (step.kind === 'move' || step.kind === 'pin') return names.has(step.paper.id);
    if (step.kind === 'split') return (step.papers ?? []).some((ref) => names.has(ref.id));
    return false;
  });
}
