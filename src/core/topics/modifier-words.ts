/**
 * Single words a library uses as modifiers ("American law", "public interest", "legal profession"),
 * as verbs ("to generate") or inside fixed phrases ("in practice"): adjectives, verbs and idioms
 * there, which name nothing alone. Judged from the texts being named rather than from a word list,
 * so a field's own nouns ("Entanglement", "Kafka", "Design") still name their topics.
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

/** Words a verb follows: the infinitive's "to", subjects and modals ("to learn", "we generate", "can approximate"). */
const BEFORE_VERBS = new Set(['to', 'we', 'they', 'can', 'cannot', 'could', 'will', 'would', 'may', 'might', 'must', 'should', 'not']);
/** Words that start a verb's object ("generate the", "learn a"), which rarely follow a noun. */
const OBJECT_STARTS = new Set(['a', 'an', 'the', 'its', 'their', 'our', 'these', 'those', 'such']);
/** Prepositions of the fixed phrases that hold a noun without it being a subject ("in practice", "on average"). */
const IDIOM_PREPOSITIONS = new Set(['in', 'on', 'at', 'by', 'for', 'as']);
/**
 * A word after `BEFORE_VERBS` or before `OBJECT_STARTS` in this share of its occurrences is a verb there (after
 * `BEFORE_VERBS` alone in ICLR 2021: "generate" 80 %, "learn" 75 %, "design" 27 %, "control" 11 %).
 */
const VERB_SHARE = 0.5;
/** A word after one preposition in this share of its occurrences sits in a fixed phrase ("addition" 95 %: "in addition"). */
const IDIOM_SHARE = 0.6;

/**
 * Whether some texts use a single word (a word id, named `name`) as a verb ("Learn", "Generate") or inside a fixed phrase
 * ("Practice", "Addition"): either way it names no subject. Undefined when neither, or when the texts say too little.
 * Judged from the texts, as `modifierWidening` is, so that a field's nouns that are also verbs ("Design", "Control",
 * "Transfer") still name their topics.
 */
export function verbOrIdiom(texts: TokenizedText[], word: number, name: string): 'a verb' | 'an idiom' | undefined {
  const form = name.toLowerCase();
  let occurrences = 0;
  let verbal = 0;
  const prepositions = new Map<string, number>();
  for (const { ids, hard, text, starts, ends } of texts) {
    for (let i = 0; i < ids.length; i += 1) {
      // The name's own form: "Generate" is a verb where "generated" and "generation" are not.
      if (ids[i] !== word || text.slice(starts[i], ends[i]).toLowerCase() !== form) continue;
      occurrences += 1;
      const before = i === 0 || hard[i] ? '' : text.slice(starts[i - 1], ends[i - 1]).toLowerCase();
      const after = i + 1 === ids.length || hard[i + 1] ? '' : text.slice(starts[i + 1], ends[i + 1]).toLowerCase();
      if (BEFORE_VERBS.has(before) || OBJECT_STARTS.has(after)) verbal += 1;
      else if (IDIOM_PREPOSITIONS.has(before)) prepositions.set(before, (prepositions.get(before) ?? 0) + 1);
    }
  }
  if (occurrences < MIN_OCCURRENCES) return undefined;
  if (verbal >= VERB_SHARE * occurrences) return 'a verb';
  for (const count of prepositions.values()) if (count >= IDIOM_SHARE * occurrences) return 'an idiom';
  return undefined;
}
