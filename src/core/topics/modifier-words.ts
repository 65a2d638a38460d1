/**
 * Single words a library uses as modifiers ("American law", "public interest", "legal profession"):
 * adjectives there, which name nothing alone. Judged from the texts being named rather than from a
 * word list, so a field's own nouns ("Entanglement", "Kafka") still name their topics.
 */
import { endsLikeANoun } from './generic-words';
import { NOT_A_TERM, type Lexicon } from './lexicon';
import type { TokenizedText } from './topic-names';

/** How a single word sits in some texts. */
export interface WordUse {
  /** Its occurrences. */
  occurrences: number;
  /** Occurrences directly followed (no punctuation between) by a word that is not a stop word or number. */
  followed: number;
  /** The content word (not generic) that follows it most often, -1 when none does, and how often. */
  follower: number;
  followerCount: number;
}

/** A word followed by another in this share of its occurrences is a modifier (nouns such as "Entanglement" stay below). */
const MODIFIER_SHARE = 0.85;
/** The same for words with an adjective's ending ("Photonic", "Holomorphic"): less evidence needed. */
const ADJECTIVE_MODIFIER_SHARE = 0.6;
/** Fewer occurrences than this say nothing either way. */
const MIN_OCCURRENCES = 3;
/** A modifier is widened to the phrase it forms with its most common next word when that covers this share. */
const WIDEN_SHARE = 0.25;

/** Reads how `word` (a word id, not a bigram) is used in `texts`. */
export function singleWordUse(lexicon: Lexicon, texts: TokenizedText[], word: number): WordUse {
  const followers = new Map<number, number>();
  let occurrences = 0;
  let followed = 0;
  for (const { ids, hard } of texts) {
    for (let i = 0; i < ids.length; i += 1) {
      if (ids[i] !== word) continue;
      occurrences += 1;
      const next = i + 1 < ids.length ? ids[i + 1] : -1;
      if (next < 0 || hard[i + 1]) continue;
      // Generic words count as heads here ("public interest", "modern state"), not as topic words.
      if (lexicon.flags[next] & (NOT_A_TERM & ~GENERIC_FLAG)) continue;
      followed += 1;
      if (!(lexicon.flags[next] & NOT_A_TERM)) followers.set(next, (followers.get(next) ?? 0) + 1);
    }
  }
  let follower = -1;
  let followerCount = 0;
  for (const [id, count] of followers) {
    if (count > followerCount || (count === followerCount && id < follower)) [follower, followerCount] = [id, count];
  }
  return { occurrences, followed, follower, followerCount };
}

/** The lexicon's flag for generic words (see `NOT_A_TERM`). */
const GENERIC_FLAG = 2;

/**
 * For a single-word name: undefined when the texts use the word as a name (or say too little), else
 * the bigram it mostly forms ("Gauge" → "gauge theory") when that one covers enough of its uses, else -1:
 * a modifier that names nothing alone ("American", "Legal", "Jewish").
 */
export function modifierWidening(lexicon: Lexicon, texts: TokenizedText[], word: number, name: string): number | undefined {
  const use = singleWordUse(lexicon, texts, word);
  if (use.occurrences < MIN_OCCURRENCES) return undefined;
  const share = endsLikeANoun(name) ? MODIFIER_SHARE : ADJECTIVE_MODIFIER_SHARE;
  if (use.followed < share * use.occurrences) return undefined;
  const bigram = use.follower >= 0 ? lexicon.findBigram(word, use.follower) : -1;
  return bigram >= 0 && use.followerCount >= MIN_OCCURRENCES && use.followerCount >= WIDEN_SHARE * use.occurrences ? bigram : -1;
}
