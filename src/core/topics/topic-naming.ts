/**
 * Judging names for discovered topics: a name must be a whole phrase a researcher would write
 * (see `wholePhraseName`), never a bare generic word, a company or legal suffix, a number or a
 * catalogue path; and variants of one name (acronym and expansion, spelling and suffix variants)
 * become one topic.
 */
import { foldPlural } from '../text/fold-plural';
import { endsLikeANoun, isGenericWord } from './generic-words';
import type { Lexicon } from './lexicon';
import { modifierWidening, verbOrIdiom } from './modifier-words';
import { tokenizeTexts, wholePhraseName, type KnownTokens, type TokenizedText } from './topic-names';

/**
 * Single words too vague to name a topic in any field ("Group", "Theorem", "Model"), compared in
 * lower case and singular. Phrases containing them are fine ("Renormalization Group").
 */
const VAGUE_WORDS = new Set(
  `system model data analysis network learning method application design performance measurement review survey theory
algorithm function equation theorem group node bound upper lower condition constant transition cluster category conjecture
decision programming evolution production supply comprehension sensor robot path graph label latent policy community
probe act court law labor employment worker faculty optics quantum genetic heuristic multivariate field process structure
property effect dynamics mechanism problem solution framework approach technique architecture feature image signal state
distribution parameter sample task training inference control interaction response surface phase material energy
information knowledge language text word model-based estimate estimation optimization prediction classification
detection recognition representation space time water cell protein gene brain human species population region
amount behavior behaviour skill input output result rule discipline disease title year error age level store document science`.split(/\s+/),
);

/** Adjectives the suffix heuristic of `endsLikeANoun` takes for nouns ("Deep Recurrent", "Bayesian Deep"). */
const ADJECTIVES = new Set([
  'deep',
  'shallow',
  'recurrent',
  'bayesian',
  'gaussian',
  'sparse',
  'dense',
  'robust',
  'efficient',
  'large',
  'small',
  'fast',
  'modern',
  'contemporary',
]);

/**
 * Last parts of hyphenated compounds that are adjectives ("Large-Scale", "Data-Driven", "Non-Convex", "Zero-Shot",
 * "Black-Box", "Real-World"): alone they only modify the noun a text puts after them.
 */
const ADJECTIVE_COMPOUND_ENDS = new Set(
  'scale driven convex shot box free based aware dimensional grained wise specific agnostic like world term'.split(' '),
);

/** A single hyphenated word that is an adjective ("Large-Scale"); not a noun compound ("Self-Attention", "Meta-Learning"). */
function isAdjectiveCompound(words: string[]): boolean {
  const parts = words.length === 1 ? words[0].toLowerCase().split(/[-‐]/) : [];
  return parts.length >= 2 && ADJECTIVE_COMPOUND_ENDS.has(parts[parts.length - 1]);
}

/**
 * Genres of writing, which say what a text is, never what it is about: "Tutorial", "Dataset", "Case
 * Study". Compared in lower case and singular.
 */
const GENRE_WORDS = new Set(
  `tutorial review survey dataset benchmark overview introduction primer handbook guide chapter editorial commentary
perspective preface foreword thesis dissertation proceeding workshop symposium textbook lecture book study article`.split(/\s+/),
);
/** Words that make a genre phrase with a genre word ("Case Study", "Literature Review", "Field Guide"). */
const GENRE_MODIFIERS = new Set(['case', 'literature', 'field', 'user', 'brief', 'short', 'gentle', 'practical', 'critical', 'systematic']);
/** Words that say only which one of a vague thing is meant ("Governing Equations", "Upper Bound"). */
const POINTING_WORDS = new Set(['governing', 'underlying', 'corresponding', 'resulting', 'upper', 'lower', 'tight']);

/**
 * Names of a whole field rather than a subject within it ("Machine Learning" in a library of machine learning
 * papers): a keyword with such a name is evidence about the library, not a paper's topic, and a discovered topic
 * is not named after one that is background in its library (see `backgroundFields`). Lower case, singular.
 */
export const FIELD_NAMES = new Set([
  'deep learning',
  'machine learning',
  'neural network',
  'deep neural network',
  'artificial neural network',
  'artificial intelligence',
  'computer science',
  'science',
]);

/**
 * A share of a library's papers whose texts use a field's name that makes it background there: at ICLR "neural
 * network" is in 34–47 % of the papers and "machine learning" in 8–11 %, against at most 3.7 % for any of them in
 * the other libraries of `../shared/corpora` (neuroscience's "neural network" 2.3 %, optics' "deep learning" 1.4 %).
 */
const FIELD_BACKGROUND_SHARE = 0.05;
const NO_FIELDS: ReadonlySet<string> = new Set();

/**
 * `FIELD_NAMES` when the library is of that field (a library of machine learning: one of its two-word names in
 * `FIELD_BACKGROUND_SHARE` of the `papersRead` papers whose texts `df` counts, or more), where all of them are
 * background; else none.
 */
export function backgroundFields(lexicon: Lexicon, df: { get(term: number): number }, papersRead: number): ReadonlySet<string> {
  for (const field of FIELD_NAMES) {
    const words = field.split(' ');
    if (words.length !== 2) continue; // "science" is in every "neuroscience"; the longer names contain a shorter one
    const [first, second] = words.map((word) => lexicon.findToken(word));
    const term = first >= 0 && second >= 0 ? lexicon.findBigram(first, second) : -1;
    if (term >= 0 && df.get(term) >= FIELD_BACKGROUND_SHARE * papersRead) return FIELD_NAMES;
  }
  return NO_FIELDS;
}

/** What naming knows of the whole library. */
export interface LibraryNaming {
  /** Acronyms its texts define (see `definedAcronyms`): "CNN" → "convolutional neural network". */
  acronyms: ReadonlyMap<string, string>;
  /** Field names that are background in it (see `backgroundFields`): never a topic's name. */
  background: ReadonlySet<string>;
}

/** Company suffixes, never a topic's name or its last word ("Inc", "Co", "LLC"). */
const COMPANY_WORDS = new Set(['inc', 'co', 'corp', 'llc', 'ltd', 'llp', 'plc', 'gmbh']);
/** Words of legal citations that never name a topic alone ("Bar", "Matter": "In the Matter of …"). */
const LEGAL_WORDS = new Set(['bar', 'matter', 'et', 'al', 'v', 'vs', 're']);

/**
 * Why a name cannot name a topic, or undefined when it can. `concentration`: the share of the
 * library's papers with the name's term that are in the group (single words need half); `background`, the field
 * names that are background in the library (see `backgroundFields`).
 */
export function junkNameReason(name: string, concentration = 1, background: ReadonlySet<string> = NO_FIELDS): string | undefined {
  const words = name.trim().split(/\s+/);
  const last = words[words.length - 1].toLowerCase();
  if (/\s\/\s|\/\s*general$/i.test(name)) return 'a catalogue path';
  if (words.some((w) => /^[\d.,%-]+$/.test(w))) return 'a number';
  if (COMPANY_WORDS.has(last) || COMPANY_WORDS.has(words[0].toLowerCase())) return 'a company or legal word';
  if (words.length === 1 && LEGAL_WORDS.has(last)) return 'a company or legal word';
  if (ADJECTIVES.has(last) || isAdjectiveCompound(words)) return 'an adjective';
  if (isGenrePhrase(words)) return 'a genre of writing';
  if (!endsLikeANoun(name)) return 'not a noun phrase';
  // "Upper Bound", "Governing Equations": a vague word pointed at says nothing of the subject.
  if (words.length === 2 && POINTING_WORDS.has(words[0].toLowerCase()) && isVague(last)) return 'a single generic word';
  if (background.size > 0 && background.has(words.map((w) => foldPlural(w.toLowerCase())).join(' '))) return "the library's field";
  if (words.length > 1) return undefined;
  if (/\p{Lu}.*\p{Lu}/u.test(name)) return undefined; // an acronym: "QCD", "fMRI", "FT-ICR-MS"
  if (isVague(last) || isGenericWord(foldPlural(last))) return 'a single generic word';
  if (concentration < 0.5) return 'a single word found across the library';
  return undefined;
}

function isVague(word: string): boolean {
  return VAGUE_WORDS.has(word) || VAGUE_WORDS.has(foldPlural(word));
}

/** A genre word alone, or after words that only say which kind ("Case Study", "Mathematical Introduction"). */
function isGenrePhrase(words: string[]): boolean {
  const lower = words.map((w) => w.toLowerCase());
  if (!GENRE_WORDS.has(foldPlural(lower[lower.length - 1])) || lower.length > 3) return false;
  return lower.slice(0, -1).every((w) => GENRE_WORDS.has(foldPlural(w)) || GENRE_MODIFIERS.has(w) || !endsLikeANoun(w));
}

/**
 * The first of a group's candidate terms whose name is a whole phrase and not junk, else the first
 * whose only fault is a doubtful noun ending or a spread-out single word, else undefined.
 * `concentration[i]` belongs to `terms[i]`, `background` is the library's (see `junkNameReason`). `read` keeps texts already
 * tokenized while the groups of one discovery are named (a paper sits in up to three), for as long as the lexicon does not change.
 * A single word the texts use as a modifier becomes the phrase it mostly forms, or is passed over (see `modifierWidening`).
 */
export function chooseTopicName(
  lexicon: Lexicon,
  texts: string[],
  terms: number[],
  concentration: number[],
  read?: KnownTokens,
  background: ReadonlySet<string> = NO_FIELDS,
): string | undefined {
  const tokenized = tokenizeTexts(lexicon, texts, read);
  // Candidates are judged in order and the first acceptable one ends the search: widening a phrase reads every text.
  let relaxed: string | undefined;
  for (let i = 0; i < terms.length; i += 1) {
    const named = candidateName(lexicon, tokenized, terms[i], concentration[i], background);
    if (named === undefined) continue;
    const reason = junkNameReason(named.name, named.concentration, background);
    if (reason === undefined) return named.name;
    // Else a name the suffix heuristics doubt (words of a field they do not know), never one of the junk classes.
    if (relaxed === undefined && (reason === 'not a noun phrase' || reason === 'a single word found across the library'))
      relaxed = named.name;
  }
  return relaxed;
}

/** A candidate term's whole-phrase name, a modifier widened to its phrase; undefined for a cut phrase or a bare modifier. */
function candidateName(
  lexicon: Lexicon,
  tokenized: TokenizedText[],
  term: number,
  concentration: number,
  background: ReadonlySet<string>,
): { name: string; concentration: number } | undefined {
  const name = wholePhraseName(lexicon, tokenized, term, background);
  if (name === undefined || lexicon.isBigram(term) || /\s/.test(name) || isSymbol(name))
    return name === undefined ? undefined : { name, concentration };
  // A verb or a word of a fixed phrase names nothing, whatever else is said of it ("Learn", "Practice").
  if (verbOrIdiom(tokenized, term, name) !== undefined) return undefined;
  const wider = modifierWidening(lexicon, tokenized, term, name);
  if (wider === undefined) return { name, concentration };
  if (wider < 0) return undefined;
  const phrase = wholePhraseName(lexicon, tokenized, wider, background);
  // The phrase is judged as a phrase: the word's spread over the library no longer applies.
  return phrase === undefined ? undefined : { name: phrase, concentration: 1 };
}

/** Acronyms and symbols ("QCD", "fMRI", "L2"): names whatever follows them. */
function isSymbol(word: string): boolean {
  return /\p{Lu}.*\p{Lu}|\d/u.test(word);
}

const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'to', 'with', 'a', 'an']);

/**
 * Acronyms the texts define, "long form (LF)" style: acronym letters (lower case, hyphens and a
 * plural s dropped: "FT-ICR-MS" → "fticrms", "CNNs" → "cnn") → the long form's words, lower case.
 */
export function definedAcronyms(texts: Iterable<string>): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = /\(([A-Za-z][A-Za-z-]{0,9}[A-Z][A-Za-z-]{0,9})\)/g;
  for (const text of texts) {
    if (!text.includes('(')) continue;
    for (const match of text.matchAll(pattern)) {
      const letters = acronymLetters(match[1]);
      if (letters.length < 2 || found.has(letters)) continue;
      const before = text
        .slice(Math.max(0, match.index - 120), match.index)
        .split(/[\s\-‐]+/)
        .filter(Boolean);
      const expansion = longForm(before, letters);
      if (expansion) found.set(letters, expansion);
    }
  }
  return found;
}

function acronymLetters(acronym: string): string {
  return acronym
    .replace(/[-‐]/g, '')
    .replace(/(?<=[A-Z])s$/, '')
    .toLowerCase();
}

/** The last words before an acronym whose initials spell it (small words may be skipped), or undefined. */
function longForm(words: string[], letters: string): string | undefined {
  for (let take = letters.length; take <= letters.length + 3 && take <= words.length; take += 1) {
    const chosen = words.slice(words.length - take).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase());
    const initials = chosen.filter((w) => w && !SMALL_WORDS.has(w)).map((w) => w[0]);
    if (initials.join('') === letters && /\p{L}/u.test(chosen[0][0] ?? '')) return chosen.join(' ');
  }
  return undefined;
}

/**
 * The key two variant names share: lower case, hyphens dropped ("multi-objective" = "multiobjective"),
 * acronyms spelled out from `acronyms` ("CNNs" = "convolutional neural networks"), "neural" dropped
 * ("convolutional networks"), each word's plural and suffix folded ("compressed" = "compressive",
 * "imaging" = "images"), in any order ("brain functional networks" = "functional brain networks": two groups of
 * one library named so are one subject).
 */
export function variantKey(name: string, acronyms: ReadonlyMap<string, string>): string {
  const words = name
    .split(/\s+/)
    .flatMap((word) => {
      const letters = acronymLetters(word);
      const expansion = /\p{Lu}.*\p{Lu}/u.test(word) ? acronyms.get(letters) : undefined;
      return expansion ? expansion.split(' ') : [word.toLowerCase().replace(/[-‐]/g, '')];
    })
    .filter((w) => w && w !== 'neural' && !SMALL_WORDS.has(w));
  return words.map(stemForVariants).sort().join(' ');
}

function stemForVariants(word: string): string {
  const singular = foldPlural(word);
  const stem = singular.replace(/(?:ational|ation|ional|ive|ed|ing|ion|al|e|s)$/, '');
  return stem.length >= 4 ? stem : singular;
}
