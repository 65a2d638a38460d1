import type { Paper } from '../model/paper';
import { phraseTokens } from './normalize-term';

/**
 * What a shared (SQL) library stores to check `"phrases"`: every text of a paper (title, abstract, authors,
 * keywords, categories, topics) as its phrase tokens (folded, plurals folded, stop words kept) separated by
 * single spaces, each text between ` | ` so no phrase runs from one into the next. A phrase matches where
 * `phraseSqlKey(phrase)` occurs in it, as `paperHasPhrase` finds it locally.
 *
 * @example paperPhraseText({ title: 'Brain Decoding', abstract: '', … }) // ' | brain decoding | '
 */
export function paperPhraseText(paper: Paper): string {
  const texts = [paper.title, paper.abstract, ...paper.authors, ...paper.keywords, ...paper.categories, ...paper.topics];
  const parts = texts.map((text) => phraseTokens(text ?? '').join(' ')).filter((part) => part.length > 0);
  return ` | ${parts.join(' | ')} | `;
}

/**
 * The needle of a phrase in `paperPhraseText`: its tokens between spaces; empty when it has none. `prefix`: the
 * phrase is still being typed, so its last token may run on (no space after it).
 */
export function phraseSqlKey(phrase: string, prefix = false): string {
  const tokens = phraseTokens(phrase);
  return tokens.length === 0 ? '' : ` ${tokens.join(' ')}${prefix ? '' : ' '}`;
}
