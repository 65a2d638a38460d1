import type { Paper } from '../model/paper';
import { Lexicon } from './lexicon';
import { PhraseMatcher } from './phrase-matcher';
import { wordStream } from './text-terms';
import { WordStream } from './word-stream';

/**
 * The papers whose title or abstract has `phrase`, matched as topics match taxonomy phrases: whole
 * words, ignoring case, hyphens, diacritics and plurals, never across a sentence or clause break
 * ("graph neural network" matches "Graph-Neural Networks"). What a split by phrase moves, and its preview.
 *
 * @example papersWithPhrase(topicPapers, 'spiking neuron').length // 4
 */
export function papersWithPhrase<T extends Pick<Paper, 'title' | 'abstract'>>(papers: readonly T[], phrase: string): T[] {
  const lexicon = new Lexicon();
  const matcher = new PhraseMatcher(lexicon);
  matcher.addTopic(0, { [phrase]: 1 }, [], Number.MIN_VALUE);
  if (matcher.isEmpty) return [];
  const stream = new WordStream();
  return papers.filter((paper) => matcher.score(wordStream(lexicon, paper.title, paper.abstract, stream)).length > 0);
}
