/**
 * Names for topics and shared terms, spelled as the papers spell them: the surface forms of
 * interned terms, phrases widened to the words that always come with them, and Title Case.
 */
import { compareStrings } from './text-terms';
import { GENERIC_WORD, NOT_A_TERM, type Lexicon } from './lexicon';
import { scanTokens } from '../text/tokenize';
import { foldPlural } from '../text/fold-plural';

/**
 * The surface forms of some terms in some texts: for each wanted term id, its most frequent
 * spelling (ties: the spelling with more capitals — "fMRI" over "fmri" — then alphabetical).
 * Bigrams are returned as written between the two words ("vision-language"). In the first
 * `titles` texts, capitalised words ("Spiking", "Vision-Language") count in lower case, since
 * Title Case says nothing about how a term is written; acronyms ("LVLMs", "fMRI") are kept.
 */
export function surfaceForms(lexicon: Lexicon, texts: string[], wanted: Iterable<number>, titles = 0): Map<number, string> {
  const want = new Set(wanted);
  const tallies = new Map<number, Map<string, number>>();
  const tally = (id: number, form: string): void => {
    let forms = tallies.get(id);
    if (!forms) tallies.set(id, (forms = new Map<string, number>()));
    forms.set(form, (forms.get(form) ?? 0) + 1);
  };
  texts.forEach((text, index) => {
    const spell = index < titles ? untitle : (form: string): string => form;
    let previousId = -1;
    let previousStart = 0;
    scanTokens(text, (start, end, hard) => {
      const id = lexicon.findToken(text.slice(start, end));
      if (id >= 0 && want.has(id)) tally(id, spell(spelling(text.slice(start, end))));
      if (id >= 0 && previousId >= 0 && !hard) {
        const bigram = lexicon.findBigram(previousId, id);
        if (bigram >= 0 && want.has(bigram)) tally(bigram, spell(spelling(text.slice(previousStart, end))));
      }
      previousId = id;
      previousStart = start;
    });
  });
  const result = new Map<number, string>();
  for (const [id, forms] of tallies) {
    const best = [...forms].sort((a, b) => b[1] - a[1] || capitals(b[0]) - capitals(a[0]) || compareStrings(a[0], b[0]))[0];
    result.set(id, best[0]);
  }
  return result;
}

/**
 * A span of text as a name spells it: one space between words, and compatibility characters folded, since
 * text taken from PDFs writes "optical ﬂow" with the ligature ﬂ, which Title Case would make "FLow".
 */
function spelling(span: string): string {
  return span.normalize('NFKC').replace(/\s+/g, ' ');
}

/** Lower-cases the capitalised words of a title fragment ("Vision-Language Models" → "vision-language models"). */
function untitle(form: string): string {
  return form.replace(/\p{L}+/gu, (word) => (/^\p{Lu}\p{Ll}+$/u.test(word) ? word.toLowerCase() : word));
}

/**
 * A readable name for a term from texts that use it: its most common spelling ("vision-language"),
 * widened by up to three words on either side while most occurrences share them ("vision-language"
 * → "vision-language models", "neural networks" → "spiking neural networks"), in Title Case.
 */
export function phraseName(lexicon: Lexicon, texts: string[], term: number): string {
  return phraseUse(lexicon, tokenizeTexts(lexicon, texts), term, NO_BACKGROUND).name;
}

/**
 * A text read once into tokens, for naming several candidate terms from the same texts: token `i` is the
 * word `ids[i]` (-1 for words the lexicon has not seen) at `text.slice(starts[i], ends[i])`, `hard[i]` = 1
 * when punctuation separates it from the token before. Typed arrays, not an object per token: thousands of
 * texts stay cached while a library's topics are named.
 */
export interface TokenizedText {
  text: string;
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  hard: Uint8Array;
}

/**
 * Texts tokenized before (`tokens`), by a number each text is known by (its paper's place in the library), and
 * that number for each text now given (`keys[i]` for `texts[i]`). Numbers, not the texts: looking up a paper's
 * whole text hashed a kilobyte each time (a tenth of the time of a library's discovery).
 */
export interface KnownTokens {
  tokens: Map<number, TokenizedText>;
  keys: ArrayLike<number>;
}

/** Reads texts into tokens with their word ids (-1 for words the lexicon has not seen). */
export function tokenizeTexts(lexicon: Lexicon, texts: string[], cache?: KnownTokens): TokenizedText[] {
  // One buffer of (id, start, end, hard) for every text, grown as needed: an array emptied for each text gave up its
  // storage and grew again (45 MB of garbage while a library of 3,000 papers was named).
  let scratch = new Int32Array(4096);
  let count = 0;
  const collect = (id: number, start: number, end: number, hard: boolean): void => {
    if (4 * count + 4 > scratch.length) {
      const grown = new Int32Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    scratch[4 * count] = id;
    scratch[4 * count + 1] = start;
    scratch[4 * count + 2] = end;
    scratch[4 * count + 3] = hard ? 1 : 0;
    count += 1;
  };
  return texts.map((text, t) => {
    const known = cache?.tokens.get(cache.keys[t]);
    if (known) return known;
    count = 0;
    lexicon.findTokens(text, collect);
    const read: TokenizedText = {
      text,
      ids: new Int32Array(count),
      starts: new Int32Array(count),
      ends: new Int32Array(count),
      hard: new Uint8Array(count),
    };
    for (let i = 0; i < count; i += 1) {
      read.ids[i] = scratch[4 * i];
      read.starts[i] = scratch[4 * i + 1];
      read.ends[i] = scratch[4 * i + 2];
      read.hard[i] = scratch[4 * i + 3];
    }
    cache?.tokens.set(cache.keys[t], read);
    return read;
  });
}

/**
 * Like `phraseName`, but undefined when the widened phrase is not a whole phrase: in most of its
 * occurrences it is glued by a hyphen to a word outside it ("Shot Learning" of "few-shot learning",
 * "Resolution Mass Spectrometry" of "high-resolution mass spectrometry"), or it only ever modifies
 * a following word ("Black-Box" of "black-box attacks", "Multi-Agent" of "multi-agent systems").
 */
export function wholePhraseName(
  lexicon: Lexicon,
  texts: TokenizedText[],
  term: number,
  background: ReadonlySet<string> = NO_BACKGROUND,
): string | undefined {
  const use = phraseUse(lexicon, texts, term, background);
  if (use.occurrences === 0) return use.name;
  if (use.glued / use.occurrences >= CUT_SHARE || use.modifying / use.occurrences >= MODIFIER_SHARE) return undefined;
  if (use.fieldRemnant / use.occurrences >= FIELD_REMNANT_SHARE) return undefined;
  // Opened by words of degree that take turns ("high" or "low molecular weight DOM"), it is cut short of either.
  if (use.afterDegree / use.occurrences >= FIXED_PHRASE_SHARE) return undefined;
  return use.name;
}

const NO_BACKGROUND: ReadonlySet<string> = new Set();
/**
 * A phrase whose first word ends a background field's name in this share of its occurrences is what is left of that
 * name: "Learning Models" of "machine learning models" and "deep learning models" at ICLR, where the field is
 * background (see `backgroundFields`).
 */
const FIELD_REMNANT_SHARE = 0.6;

/** A hyphen-glued edge in this share of the occurrences makes a phrase a fragment. */
const CUT_SHARE = 0.25;
/** A phrase followed by another word in this share of the occurrences is a modifier, not a name. */
const MODIFIER_SHARE = 0.75;
/** A phrase grows by the word beside it in this share of its occurrences… */
const WIDENING_SHARE = 0.6;
/** …or, for a word too generic to be a term alone, in this share. */
const FIXED_PHRASE_SHARE = 0.8;
/**
 * Verbs of optimisation acting on what follows them ("minimizing total weighted tardiness"): never the first word of
 * a name. Other -ing words may be ("Normalizing Flows", "Denoising Diffusion", "Generating Functions").
 */
const VERB_ON_PHRASE = /^(?:mini|maxi|opti)mi[sz]ing$/i;
/**
 * Words of degree that open a phrase in turn ("high" or "low molecular weight"): a phrase after one of them almost
 * everywhere is cut short of it. Ordinals are no such words: "second" or "third language acquisition" is language
 * acquisition.
 */
const DEGREE_WORDS = new Set(['high', 'low', 'higher', 'lower', 'large', 'small', 'larger', 'smaller', 'long', 'short']);
/** Words a phrase may grow by on each side. */
const MAX_WIDENING = 3;

/** Tokens `from` … `to` (inclusive) of a text. */
interface Span {
  read: TokenizedText;
  from: number;
  to: number;
}

/** The widened phrase's name and how its occurrences sit in the text (see `wholePhraseName`). */
function phraseUse(lexicon: Lexicon, texts: TokenizedText[], term: number, background: ReadonlySet<string>): PhraseUse {
  const usable = (id: number): boolean => id >= 0 && !(lexicon.flags[id] & NOT_A_TERM);
  // A word too generic to be a term alone still opens a phrase that it precedes almost everywhere ("natural language
  // processing", "type Ia supernovae", "net community production"); not a generic -ing form ("using", "following"),
  // and not at the end, where it would make the name no noun phrase ("vehicle routing problem").
  const opens = (id: number, word: string): boolean => id >= 0 && (lexicon.flags[id] & NOT_A_TERM) === GENERIC_WORD && !/ing$/i.test(word);
  const spans = occurrences(lexicon, texts, term);
  if (spans.length === 0)
    return { name: titleCase(lexicon.key(term)), occurrences: 0, glued: 0, modifying: 0, fieldRemnant: 0, afterDegree: 0 };
  // Widen while most occurrences share the next word out (at most MAX_WIDENING words each side).
  let live = spans;
  const grown = [0, 0];
  const stuck = [false, false];
  for (let step = 0; step < 4 * MAX_WIDENING && !(stuck[0] && stuck[1]); step += 1) {
    const side = step % 2;
    if (stuck[side]) continue;
    const before = side === 0;
    const tally = new Map<number, number>();
    const gluedOrUsable = new Set<number>();
    for (const { read, from, to } of live) {
      const at = before ? from - 1 : to + 1;
      if (at < 0 || at >= read.ids.length) continue;
      const edge = before ? from : at;
      if (read.hard[edge]) continue;
      // A word glued by a hyphen comes along even when it is a function word ("few-shot", "multi-agent").
      const joined = read.text.slice(read.ends[edge - 1], read.starts[edge]);
      const id = read.ids[at];
      const word = read.text.slice(read.starts[at], read.ends[at]);
      // A verb acting on the phrase is no part of its name ("minimizing total weighted tardiness").
      if (before && VERB_ON_PHRASE.test(word)) continue;
      if (usable(id) || (joined === '-' && id >= 0)) gluedOrUsable.add(id);
      else if (!before || !opens(id, word)) continue;
      tally.set(id, (tally.get(id) ?? 0) + 1);
    }
    const best = [...tally].sort((a, b) => b[1] - a[1] || compareStrings(lexicon.stems[a[0]], lexicon.stems[b[0]]))[0];
    const share = best && gluedOrUsable.has(best[0]) ? WIDENING_SHARE : FIXED_PHRASE_SHARE;
    if (!best || best[1] < 2 || best[1] < live.length * share) {
      stuck[side] = true;
      continue;
    }
    live = live
      .filter(({ read, from, to }) => {
        const at = before ? from - 1 : to + 1;
        return at >= 0 && at < read.ids.length && read.ids[at] === best[0];
      })
      .map((span) => ({ ...span, from: before ? span.from - 1 : span.from, to: before ? span.to : span.to + 1 }));
    grown[side] += 1;
    if (grown[side] >= MAX_WIDENING) stuck[side] = true;
  }
  const forms = new Map<string, number>();
  let glued = 0;
  let modifying = 0;
  let fieldRemnant = 0;
  let afterDegree = 0;
  const word = (read: TokenizedText, at: number) => read.text.slice(read.starts[at], read.ends[at]).toLowerCase();
  for (const { read, from, to } of live) {
    if (to > from && from > 0 && !read.hard[from] && DEGREE_WORDS.has(word(read, from - 1))) afterDegree += 1;
    if (background.size > 0 && from > 0 && !read.hard[from] && background.has(`${word(read, from - 1)} ${foldPlural(word(read, from))}`))
      fieldRemnant += 1;
    const form = spelling(read.text.slice(read.starts[from], read.ends[to]));
    forms.set(form, (forms.get(form) ?? 0) + 1);
    if (hyphenGlued(read.text, read.starts[from], -1) || hyphenGlued(read.text, read.ends[to], 1)) glued += 1;
    // Only phrases count as modifiers: a single word followed by others ("graphene oxide") still names its subject.
    const next = to + 1;
    if (to > from && next < read.ids.length && !read.hard[next] && usable(read.ids[next])) modifying += 1;
  }
  const best = [...forms].sort((a, b) => b[1] - a[1] || lowerFirst(a[0], b[0]))[0][0];
  return { name: titleCase(best), occurrences: live.length, glued, modifying, fieldRemnant, afterDegree };
}

/** How a widened phrase sits in the texts (see `phraseUse`). */
interface PhraseUse {
  name: string;
  occurrences: number;
  /** Occurrences glued by a hyphen to a word outside the phrase. */
  glued: number;
  /** Occurrences of a phrase followed by another word. */
  modifying: number;
  /** Occurrences whose first word ends a background field's name with the word before it. */
  fieldRemnant: number;
  /** Occurrences of a phrase of two words or more right after a word of degree ("high", "low"; see `DEGREE_WORDS`). */
  afterDegree: number;
}

/** The spans of `term` (a word or a bigram) in `texts`. */
function occurrences(lexicon: Lexicon, texts: TokenizedText[], term: number): Span[] {
  const bigram = lexicon.isBigram(term);
  const first = bigram ? lexicon.first[term] : term;
  const last = bigram ? lexicon.second[term] : term;
  const spans: Span[] = [];
  for (const read of texts) {
    const { ids, hard } = read;
    for (let i = 0; i < ids.length; i += 1) {
      const j = bigram ? i + 1 : i;
      if (ids[i] !== first || j >= ids.length || ids[j] !== last || (bigram && hard[j])) continue;
      spans.push({ read, from: i, to: j });
    }
  }
  return spans;
}

/** Whether a hyphen joins the text at `at` to a letter on the `direction` side ("few|-shot", "multi-|objective"). */
function hyphenGlued(text: string, at: number, direction: -1 | 1): boolean {
  const hyphen = direction < 0 ? at - 1 : at;
  const beyond = direction < 0 ? at - 2 : at + 1;
  return (text[hyphen] === '-' || text[hyphen] === '\u2010') && /[\p{L}\p{N}]/u.test(text[beyond] ?? '');
}

/** Prefers the spelling that is not merely capitalised at a sentence start ("brain" over "Brain"). */
function lowerFirst(a: string, b: string): number {
  const aStart = a[0] !== a[0].toLowerCase() && a.slice(1) === a.slice(1).toLowerCase();
  const bStart = b[0] !== b[0].toLowerCase() && b.slice(1) === b.slice(1).toLowerCase();
  if (aStart !== bStart) return aStart ? 1 : -1;
  return capitals(b) - capitals(a) || compareStrings(a, b);
}

function capitals(text: string): number {
  let n = 0;
  for (let i = 1; i < text.length; i += 1) {
    const ch = text[i];
    if (ch !== ch.toLowerCase()) n += 1;
  }
  return n;
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'nor',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'via',
  'vs',
  'with',
]);

/**
 * Title Case for a topic name: lower-case words are capitalised (small words stay lower-case
 * except first), words that already carry capitals ("fMRI", "LVLMs", "ViT") are kept as written (unless the
 * whole phrase is shouted: "PARAMETRIC ACTIVATION FUNCTION" → "Parametric Activation Function"),
 * and each part of a hyphenated word is treated alike ("vision-language" → "Vision-Language", "out-of-distribution" →
 * "Out-of-Distribution", "in-context" → "In-Context").
 */
export function titleCase(phrase: string): string {
  // A shouted phrase (from a title in capitals) is read in lower case; acronyms alone ("LISTA") have no word of six letters.
  const read = phrase === phrase.toUpperCase() && /\p{L}{6,}/u.test(phrase) ? phrase.toLowerCase() : phrase;
  const words = read.trim().split(/\s+/);
  return words
    .map((word, index) =>
      index > 0 && isSpeciesEpithet(words[index - 1], word)
        ? word
        : word
            .split('-')
            .map((part, partIndex) => {
              if (part === '' || part !== part.toLowerCase()) return part;
              // Small words stay lower-case inside a hyphenated word too ("Out-of-Distribution"), but not as its first part ("In-Context").
              if (SMALL_WORDS.has(part) && (partIndex > 0 || (index > 0 && !word.includes('-')))) return part;
              return part[0].toUpperCase() + part.slice(1);
            })
            .join('-'),
    )
    .join(' ');
}

/** Latin genus names as texts write them: a capital, then a Latin ending ("Caenorhabditis", "Drosophila", "Mus", "Homo"). */
const GENUS = /^(?=\p{Lu}\p{Ll}{2,}$)\p{Lu}\p{Ll}*(?:is|us|a|um|es|o)$/u;
/** Species epithets: lower case, a Latin ending ("elegans", "sapiens", "cerevisiae", "coli", "musculus", "thaliana"). */
const EPITHET = /^\p{Ll}{3,}(?:ans|ens|ae|ii|i|us|um|a)$/u;
/** English words with those endings that follow a capitalised word in sentence-case names ("Video data", "Sea area"). */
const ENGLISH_LOOKALIKES = new Set([
  'data',
  'media',
  'criteria',
  'phenomena',
  'formula',
  'area',
  'idea',
  'camera',
  'era',
  'schema',
  'status',
  'focus',
  'corpus',
  'census',
  'consensus',
  'stimulus',
  'radius',
  'spectrum',
  'medium',
  'maximum',
  'minimum',
  'momentum',
  'vacuum',
  'forum',
  'curriculum',
  'means',
  'lens',
]);

/**
 * Whether `word` is the species of the genus `before`, written so ("Caenorhabditis elegans", "Escherichia coli"): a
 * binomial keeps its epithet in lower case in Title Case too, as biologists write it.
 */
function isSpeciesEpithet(before: string, word: string): boolean {
  return GENUS.test(before) && EPITHET.test(word) && !ENGLISH_LOOKALIKES.has(word);
}
