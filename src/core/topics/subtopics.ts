import type { Paper } from '../model/paper';
import type { Subtopic, Topic } from '../model/topic';
import { compareStrings, termCounts, wordStream } from './text-terms';
import { discoverTopics, DocumentFrequencies, TermRows, type DiscoveredTopic } from './discover-topics';
import type { Lexicon } from './lexicon';
import { chooseTopicName, definedAcronyms, variantKey } from './topic-naming';
import { WordStream } from './word-stream';

/** A topic with more papers than this (about a screenful of the tree) gets subtopics. */
export const SUBTOPIC_THRESHOLD = 40;
const MAX_SUBTOPICS = 8;
const NAMING_SAMPLE = 80;

/**
 * Gives each topic with more than `SUBTOPIC_THRESHOLD` papers (not "Other") its subtopics: the same
 * discovery as for the library (`discoverTopics`), run among the topic's papers only, so the words
 * every one of them uses (the topic's own) are background there. At most 8 subtopics of at least
 * 2 % of the topic's papers (and 3), named as topics are, never after the topic itself; a paper may
 * sit in up to three of them or in none. Sets `Topic.subtopics` in place.
 */
export function addSubtopics(papers: Paper[], topics: Topic[], lexicon: Lexicon, read: { rows: TermRows; rowOf: Int32Array }): void {
  const index = new Map(papers.map((paper, i) => [paper.id, i]));
  const reusable = new WordStream();
  for (const topic of topics) {
    if (topic.origin === 'other' || topic.paperIds.length <= SUBTOPIC_THRESHOLD) continue;
    const at = topic.paperIds.map((id) => index.get(id)!);
    const rows = new TermRows();
    const df = new DocumentFrequencies();
    for (const p of at) {
      // Papers read for discovery keep their terms; papers placed by metadata are read now.
      if (read.rowOf[p] >= 0) {
        rows.appendRow(read.rows, read.rowOf[p]);
        df.add(read.rows.terms.subarray(read.rows.start[read.rowOf[p]], read.rows.start[read.rowOf[p] + 1]));
        continue;
      }
      const stream = wordStream(lexicon, papers[p].title, papers[p].abstract, reusable);
      const terms = termCounts(lexicon, stream, { titleWeight: 3, bigrams: true });
      df.add(terms.terms);
      rows.append(terms.terms, terms.counts);
    }
    const subtopics = discoverSubtopics(
      at.map((p) => papers[p]),
      rows,
      df,
      topic.name,
      lexicon,
    );
    if (subtopics.length > 0) topic.subtopics = subtopics;
  }
}

function discoverSubtopics(members: Paper[], rows: TermRows, df: DocumentFrequencies, parent: string, lexicon: Lexicon): Subtopic[] {
  const acronyms = definedAcronyms(members.map((p) => p.abstract));
  const parentKey = variantKey(parent, acronyms);
  const names = new Map<number, string>();
  const used = new Set<string>([parentKey]);
  const accept = (group: DiscoveredTopic): boolean => {
    const texts = [...group.members]
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, NAMING_SAMPLE)
      .map((m) => `${members[m.doc].title}. ${members[m.doc].abstract}`);
    const name = chooseTopicName(lexicon, texts, group.terms, group.concentration);
    if (name === undefined || used.has(variantKey(name, acronyms))) return false;
    used.add(variantKey(name, acronyms));
    names.set(group.group, name);
    return true;
  };
  const minSize = Math.max(3, Math.ceil(members.length * 0.02));
  const maxTopics = Math.min(MAX_SUBTOPICS, Math.round(Math.sqrt(members.length / 2)));
  return discoverTopics(lexicon, rows, df, members.length, { minSize, maxTopics }, accept)
    .filter((group) => names.has(group.group) && group.members.length >= minSize)
    .map((group) => ({
      name: names.get(group.group)!,
      paperIds: [...group.members]
        .map((m) => m.doc)
        .sort((a, b) => a - b)
        .map((d) => members[d].id),
    }))
    .sort((a, b) => b.paperIds.length - a.paperIds.length || compareStrings(a.name, b.name));
}
