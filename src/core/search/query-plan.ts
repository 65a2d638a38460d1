import { surfacePrefix, typedSurfacePrefix } from '../text/fold-plural';
import { scanWords, type TextWord } from '../text/tokenize';
import { compoundTerm, phraseTokens, termOfFolded } from './normalize-term';
import type { ParsedQuery, QueryFilter } from './parse-query';
import { DEFAULT_PREFIX_MIN_LENGTH } from './search-options';

/** One normalized query term and how it may be expanded. */
export interface TermSpec {
  term: string;
  /** Also match index terms starting with `term` (the word being typed). */
  prefix: boolean;
  /** Also match index terms a few edits away (typos). */
  fuzzy: boolean;
  /**
   * One of the words of a compound the index knows, matched apart (`pre` + `training` for
   * `pre-training`, `pretraining` or `pre training`): the index cannot tell whether a paper holds
   * them side by side, so it counts less (`SearchOptions.weights.apart`) than one holding the compound.
   */
  apart?: boolean;
  /**
   * False for the pieces of a word the query wrote joined or hyphenated (`over` + `smoothing` of `oversmoothing` or
   * `over-smoothing`, when the index knows the compound): they find papers writing it spaced, but a lone `over`
   * (in `over-fitting`) is not what the user asked to see marked.
   * Default true.
   */
  highlight?: boolean;
  /**
   * With `prefix`: the most postings its completions may cover, where a search asks fewer than
   * `SearchOptions.maxPrefixPostings` (a phrase being typed). Default: that setting.
   */
  maxPrefixPostings?: number;
}

/** One query word: it matches when any alternative does; an alternative needs all its terms. */
export interface Slot {
  alternatives: TermSpec[][];
}

/** A quoted phrase: its words must all match (through the index), then the text is checked for the phrase itself. */
export interface PhraseCheck {
  /** The phrase as the query wrote it, quotes removed (while its last word is too short to complete, the words before). */
  text: string;
  /** The phrase's tokens (stop words included, stemmed) joined without separators. */
  key: string;
  /** What the phrase's first word starts with in any text holding it, for a fast scan; undefined: none. */
  needle?: string;
  /** The phrase is still being typed: its last word may be completed. Default undefined: the phrase is exact. */
  typed?: TypedWord;
  slots: Slot[];
}

/**
 * The word being typed at the end of a phrase: it starts at key offset `from`, and a text's token starting there may
 * complete it, running past the key's end (`braindecod`, from 5, holds in `brain decoders`).
 *
 * @example { from: 5, words: new Set(['decoding', 'decoder', 'decode']) }
 */
export interface TypedWord {
  from: number;
  /**
   * The words it may complete to: its commonest completions as a free word being typed has them (`expandTerm`),
   * within the postings `QueryRun.plan` allows, and the stop words it starts; set by the index that runs the query.
   * Default undefined: any token starting with what was typed.
   */
  words?: ReadonlySet<string>;
}

/** What a parsed query asks of the index, in terms the index knows. */
export interface QueryPlan {
  /** Free words: all must match, or failing that any. */
  soft: Slot[];
  /** Words of phrases: all must match. */
  required: Slot[];
  phrases: PhraseCheck[];
  excluded: Slot[];
  excludedPhrases: PhraseCheck[];
  filters: QueryFilter[];
}

/**
 * The plan of a parsed query, or undefined when nothing in it can match (e.g. only stop words).
 * `hasTerm` tells whether the index holds a term, to decide how compounds are split or joined;
 * `prefixMinLength` is `SearchOptions.prefixMinLength`.
 */
export function planQuery(
  parsed: ParsedQuery,
  hasTerm: (term: string) => boolean,
  prefixMinLength = DEFAULT_PREFIX_MIN_LENGTH,
): QueryPlan | undefined {
  const words: TextWord[] = [];
  for (const raw of parsed.words) words.push(...scanWords(raw));
  const soft = slotsOf(words, { prefixLast: parsed.lastWordIsPrefix, fuzzy: true }, hasTerm);
  const phrases: PhraseCheck[] = [];
  const required: Slot[] = [];
  for (const [p, written] of parsed.phrases.entries()) {
    let phrase = written;
    let typing = parsed.lastPhraseIsPrefix === true && p === parsed.phrases.length - 1;
    let phraseWords = scanWords(phrase);
    const last = phraseWords[phraseWords.length - 1];
    // A word being typed completes from `TYPED_PHRASE_MIN_LENGTH` letters; before, the phrase is its earlier words
    // (`"brain de` is `"brain"`), so the results do not empty, nor wait on the dozens of commonest `de…` words.
    if (typing && phraseWords.length > 1 && typedTooShort(last, Math.max(prefixMinLength, TYPED_PHRASE_MIN_LENGTH))) {
      phrase = phrase.slice(0, last.start);
      phraseWords = phraseWords.slice(0, -1);
      typing = false;
    }
    const check = planPhrase(phrase, slotsOf(phraseWords, { prefixLast: typing, fuzzy: false }, hasTerm), typing);
    // A phrase of stop words only cannot use the index; it is ignored rather than scanning every paper.
    if (check.slots.length === 0 || !check.key) continue;
    required.push(...check.slots);
    // One word (`"brain"`, or `"bra` being typed) is its slot: the index term stands for the text's token (a
    // hyphenated word's parts are tokens and terms alike), so there is no text to check.
    if (phraseWords.length === 1 && phraseWords[0].parts.length === 1) continue;
    phrases.push(check);
  }
  const excluded: Slot[] = [];
  for (const raw of parsed.excludedWords) excluded.push(...slotsOf(scanWords(raw), { prefixLast: false, fuzzy: false }, () => false));
  const excludedPhrases: PhraseCheck[] = [];
  for (const phrase of parsed.excludedPhrases) {
    const check = planPhrase(
      phrase,
      slotsOf(scanWords(phrase), { prefixLast: false, fuzzy: false }, () => false),
    );
    if (check.slots.length > 0 && check.key) excludedPhrases.push(check);
  }
  const plan: QueryPlan = { soft, required, phrases, excluded, excludedPhrases, filters: parsed.filters };
  if (soft.length + required.length + excluded.length + excludedPhrases.length + plan.filters.length === 0) return undefined;
  return plan;
}

/**
 * Letters a phrase's word being typed needs before it completes: fewer start dozens of common words (`de`: `deep`,
 * `demonstrate`, …, covering most papers), whose word positions would all be read for the papers holding the
 * phrase's earlier words.
 */
const TYPED_PHRASE_MIN_LENGTH = 3;

/** Whether a phrase's word being typed is one part, shorter than `minLength` folded. */
function typedTooShort(word: TextWord, minLength: number): boolean {
  return word.parts.length === 1 && word.parts[0].folded.length < minLength;
}

/** Builds the slots of a run of words (free words or a phrase's words). */
function slotsOf(words: TextWord[], expand: { prefixLast: boolean; fuzzy: boolean }, hasTerm: (term: string) => boolean): Slot[] {
  const slots: Slot[] = [];
  const seen = new Set<string>();
  const push = (slot: Slot) => {
    const key = slotKey(slot);
    if (!seen.has(key)) {
      seen.add(key);
      slots.push(slot);
    }
  };
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    const isLast = expand.prefixLast && w === words.length - 1;
    const alternatives: TermSpec[][] = [];
    const parts: TermSpec[] = [];
    for (let p = 0; p < word.parts.length; p++) {
      const term = termOfFolded(word.parts[p].folded);
      if (term !== undefined) parts.push({ term, prefix: isLast && p === word.parts.length - 1, fuzzy: expand.fuzzy });
    }
    if (word.parts.length > 1) {
      const compound = compoundTerm(word.parts.map((part) => part.folded));
      if (compound !== undefined && !parts.some((spec) => spec.term === compound)) {
        alternatives.push([{ term: compound, prefix: isLast, fuzzy: expand.fuzzy }]);
        // Its pieces find papers writing it spaced, but are not marked alone (`over` of `over-fitting` for `over-smoothing`).
        if (hasTerm(compound) && parts.length > 1) for (const spec of parts) Object.assign(spec, { apart: true, highlight: false });
      }
    } else if (w + 1 < words.length && words[w + 1].parts.length === 1 && parts.length === 1) {
      // `pre training` also finds `pretraining` when the index knows that compound.
      const joined = joinedSlot(word, parts[0], words[w + 1], expand.prefixLast && w + 1 === words.length - 1, expand.fuzzy, hasTerm);
      if (joined) {
        push(joined);
        w += 1;
        continue;
      }
    }
    if (word.parts.length === 1 && parts.length === 1 && !parts[0].prefix) {
      // `pretraining` also finds `pre training` (and `pre-training` written with a space).
      const split = splitCompound(word.parts[0].folded, hasTerm);
      const apart = hasTerm(parts[0].term);
      if (split) alternatives.push(split.map((term) => ({ term, prefix: false, fuzzy: false, apart, highlight: false })));
    }
    if (parts.length > 0) alternatives.push(parts);
    if (alternatives.length > 0) push({ alternatives });
  }
  return slots;
}

/** The slot of two words (`pre training`) or their compound (`pretraining`), when the index knows the compound. */
function joinedSlot(
  word: TextWord,
  first: TermSpec,
  next: TextWord,
  nextIsPrefix: boolean,
  fuzzy: boolean,
  hasTerm: (term: string) => boolean,
): Slot | undefined {
  const nextTerm = termOfFolded(next.parts[0].folded);
  const joined = compoundTerm([word.parts[0].folded, next.parts[0].folded]);
  if (nextTerm === undefined || joined === undefined || !hasTerm(joined)) return undefined;
  return {
    alternatives: [
      [
        { ...first, apart: true },
        { term: nextTerm, prefix: nextIsPrefix, fuzzy, apart: true },
      ],
      [{ term: joined, prefix: false, fuzzy: false }],
    ],
  };
}

/** Word-forming prefixes that authors write joined, hyphenated or spaced: `pretraining`, `pre-training`, `pre training`. */
const SPACED_PREFIXES = [
  'pre',
  'post',
  'self',
  'multi',
  'non',
  'co',
  're',
  'sub',
  'semi',
  'cross',
  'inter',
  'intra',
  'meta',
  'micro',
  'macro',
  'over',
  'under',
  'anti',
  'auto',
  'hyper',
  'super',
  'ultra',
  'few',
  'zero',
  'one',
];

/** Splits a joined word into a known prefix and a known rest (`pretraining` → `pre`, `training`), when both are indexed. */
function splitCompound(folded: string, hasTerm: (term: string) => boolean): string[] | undefined {
  for (const prefix of SPACED_PREFIXES) {
    if (!folded.startsWith(prefix) || folded.length - prefix.length < 3) continue;
    const rest = termOfFolded(folded.slice(prefix.length));
    if (rest !== undefined && hasTerm(prefix) && hasTerm(rest)) return [prefix, rest];
  }
  return undefined;
}

function slotKey(slot: Slot): string {
  return slot.alternatives
    .map((alt) => alt.map((s) => `${s.term}${s.prefix ? '*' : ''}${s.fuzzy ? '~' : ''}${s.apart ? '/' : ''}`).join('+'))
    .join('|');
}

/** The check of a phrase (`slots`: its words'), its last word still being typed when `typing`. */
export function planPhrase(text: string, slots: Slot[], typing = false): PhraseCheck {
  const tokens = phraseTokens(text);
  if (tokens.length === 0) return { text, key: '', slots };
  // A lone word being typed may be the start of an irregular plural's singular (`mou` of `mice`, folded `mouse`).
  const needle = typing && tokens.length === 1 ? typedSurfacePrefix(tokens[0]) : surfacePrefix(tokens[0]);
  const key = tokens.join('');
  return { text, key, needle, ...(typing ? { typed: { from: key.length - tokens[tokens.length - 1].length } } : {}), slots };
}

/**
 * A word the query wrote joined that the index also matches spaced (`pretraining` → `pre training`): its phrase
 * key, and a test for texts that may hold it spaced. Highlighting marks it as one span where the pieces stand side
 * by side, never a lone piece (`over` of `over-fitting` for `oversmoothing`).
 */
export interface SpacedCompound {
  /** The pieces joined, as `PhraseCheck.key`. */
  key: string;
  /** Matches any text holding the pieces spaced (and a few more): the others skip the phrase scan. */
  mayHold: RegExp;
}

/** The spaced compounds of a plan's free words (see `SpacedCompound`). */
export function spacedCompounds(plan: QueryPlan): SpacedCompound[] {
  const found: SpacedCompound[] = [];
  for (const slot of plan.soft)
    for (const alternative of slot.alternatives) {
      if (alternative.length < 2 || !alternative.every((spec) => spec.highlight === false)) continue;
      const prefixes = alternative.map((spec) => surfacePrefix(spec.term));
      // Spaced only: a hyphenated form is its compound's own term, marked without the phrase scan.
      const mayHold = prefixes.every((prefix) => prefix !== undefined)
        ? new RegExp(prefixes.map((prefix) => prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'i')
        : /(?:)/;
      found.push({ key: alternative.map((spec) => spec.term).join(''), mayHold });
    }
  return found;
}
