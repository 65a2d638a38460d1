/**
 * The text analysis shared by topic assignment and related papers: a fast tokenizer, light
 * plural folding, stop words, and a lexicon that interns word stems and two-word phrases
 * (bigrams) as small integers so that 100k abstracts can be analysed in a few seconds.
 *
 * Terms are matched on folded stems ("networks" → "network", "LVLMs" → "lvlm"); what users see
 * is always a surface form taken back from the text (see `surfaceForms`), never a stem.
 */

/** Function words: never terms, and a phrase candidate never starts or ends with one. */
const STOP_WORDS = `a about above across after again against all almost along already also although always am among an and
another any anyone anything are around as at be became because become becomes been before being below between both but by
can cannot could did do does doing done down due during each either else enough etc even ever every few for from further
had has have having he her here hers herself him himself his how however i if in into is it its itself just least less
let like made many may me might more most much must my myself neither never nevertheless no nor not now of off often on once
one only onto or other others otherwise our ours ourselves out over own per perhaps quite rather same several she should
since so some such than that the their theirs them themselves then there thereby therefore these they this those though
through throughout thus to together too toward towards under unless until up upon us very via was we well were what whatever
when where whereas whether which while who whom whose why will with within without would yet you your yours yourself
e.g i.e eg ie vs etc al`;

/**
 * Words every abstract uses ("we propose a novel approach"): kept in the token stream so that
 * taxonomy phrases can contain them, but never a term or the edge of a discovered phrase.
 */
const GENERIC_WORDS = `ability able abstract accurate accurately achieve achieved achieves achieving address addressed addresses
addressing advance advanced advantage advantages aim aims allow allowed allows alternative analyse analyze analyzed analyzing
apply applied applying approach approaches appropriate argue arise arises art aspect aspects assume available average
based basic behave benefit benefits best better beyond broad build building built called capture captures case cases
central certain challenge challenges challenging change changes characterize characterized claim class clear closely
common commonly compare compared comparing comparison complementary complex comprehensive compute computed conduct
consider considerable considered consist consisting consists construct contain contains context contrast contribute
contribution contributions conventional core correspond corresponding critically crucial current currently demonstrate
demonstrated demonstrates demonstrating derive described describe design designed designing despite detailed determine
develop developed developing development different difficult directly discuss distinct does easily effect effective
effectively effects effort efforts eight eighth either element elements emerging employ employed employs enable enabled
enables enabling end ensure entire equally especially essential establish established evaluate evaluated evaluates
evaluating evaluation evidence exact example examples exhibit exhibits exist existing explicitly explore explored exploring
extend extended extensive extensively extent extract fact factor factors fail fails far feasible final finally find
finding findings first five focus focused focuses focusing follow following form formulate found four fourth framework
frameworks fully fundamental furthermore gain gains general generally give given gives good great greatly help helps
high higher highly hold hypothesize idea ideal identify illustrate impact implement important importantly improve improved
improvement improvements improves improving include includes including increase increased increasing indeed indicate
indicates insight insights instead interest interesting introduce introduced introduces introducing investigate
investigated investigates investigating issue issues item key kind known lack lead leading leads learned learns less
level levels leverage leverages leveraging limit limitation limitations limited limits little long lot low lower main
mainly maintain major make makes making manner mean means measure measured mechanism mechanisms method methods might
moreover motivate motivated multiple namely natural nature necessary need needed needs new nine note notion novel number
numerous observe observed observation observations obtain obtained offer offers open order original outperform
outperforming outperforms overall paper papers paradigm part particular particularly perform performance performed performing
performs play plays point possible potential potentially practical precisely present presented presents previous previously
primarily primary principle prior problem problems procedure process produce produced produces promising propose proposed
proposes proposing prove provide provided provides providing purpose question questions range rate rather real reason
recent recently reduce reduced reduces reducing regard related relative relatively rely relies remain remains remarkable
report reported require required requires research researchers respect respectively result resulting results reveal
reveals right robustly role run second see seek seen set sets setting settings seven shed show showed showing shown shows
significant significantly similar similarly simple simply single six small solution solutions solve some specific
specifically standard state states step steps still strategies strategy strong strongly studied studies study studying
subsequent substantial substantially success successful successfully suffer suggest suggests superior support take takes
technique techniques ten term terms test tested tests thereby third three time times total tradition traditional
tremendous true try two type types typical typically understand understanding unified unique usage use used useful uses
using usually utilize utilizes utilizing validate valuable value values variety various version versions view way ways
widely without work works yield yields`;

const NOUNS_WITH_ADJECTIVE_ENDINGS = new Set(
  `signal interval animal trial material potential journal proposal retrieval removal
terminal manual hospital capital survival arrival tutorial metal crystal mammal goal canal portal chemical individual spiral
fractal total principal objective derivative alternative perspective narrative initiative archive incentive logic music topic
graphic clinic traffic epidemic pandemic fabric mosaic metric heuristic critic mechanic variable table cable vegetable anomaly
assembly family supply reply monopoly butterfly seed speed need feed bed red shed`.split(/\s+/),
);

const MORE_GENERIC = `alleviate alleviates alleviating capable scenario scenarios consequently meaningful aspect
advancement advancements remarkable promising plausible effectiveness efficacy manner thereby whereby hence
latter former`;

const STOP = new Set(STOP_WORDS.split(/\s+/).filter(Boolean));
const GENERIC = new Set(`${GENERIC_WORDS} ${MORE_GENERIC}`.split(/\s+/).filter(Boolean));

/** Plurals whose final `s` is not a plural ending. */
const KEEP_S = new Set([
  'bias',
  'gas',
  'lens',
  'news',
  'series',
  'species',
  'canvas',
  'atlas',
  'chaos',
  'ethos',
  'pathos',
  'cosmos',
  'kudos',
  'thermos',
  'analysis',
  'basis',
  'axis',
  'thesis',
  'hypothesis',
  'synthesis',
  'genesis',
  'diagnosis',
  'prognosis',
]);

const IRREGULAR_PLURALS: Record<string, string> = {
  biases: 'bias',
  analyses: 'analysis',
  hypotheses: 'hypothesis',
  syntheses: 'synthesis',
  axes: 'axis',
  indices: 'index',
  matrices: 'matrix',
  vertices: 'vertex',
  lenses: 'lens',
  atlases: 'atlas',
  diagnoses: 'diagnosis',
};

/**
 * Light stemming: plural folding only, so that terms stay recognisable ("networks" → "network",
 * "studies" → "study", "patches" → "patch", "LVLMs" → "lvlm"). Input must be lower-case.
 */
export function foldPlural(word: string): string {
  const n = word.length;
  if (n <= 3 || word.charCodeAt(n - 1) !== 115 /* s */ || KEEP_S.has(word)) return word;
  const irregular = IRREGULAR_PLURALS[word];
  if (irregular) return irregular;
  if (word.endsWith('ies') && n > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses') || word.endsWith('shes') || word.endsWith('ches') || word.endsWith('xes') || word.endsWith('zzes')) {
    return word.slice(0, -2);
  }
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  return word.slice(0, -1);
}

const FLAG_STOP = 1;
const FLAG_GENERIC = 2;
const FLAG_NUMERIC = 4;
/** Flags that keep a word out of terms (it still counts in taxonomy phrases). */
export const NOT_A_TERM = FLAG_STOP | FLAG_GENERIC | FLAG_NUMERIC;

const BIGRAM_SHIFT = 67_108_864; // 2^26: room for 67M distinct words

/**
 * Interned words and bigrams. Word ids and bigram ids share one id space so that a document
 * vector can hold both; `first[id]` is -1 for a word and the first word's id for a bigram.
 */
export class Lexicon {
  private readonly wordIds = new Map<string, number>();
  private readonly surfaceIds = new Map<string, number>();
  private readonly bigramIds = new Map<number, number>();
  /** Stem of each word id (empty for bigrams). */
  readonly stems: string[] = [];
  /** For bigrams, the first and second word ids; -1 for words. */
  readonly first: number[] = [];
  readonly second: number[] = [];
  /** Word flags (stop, generic, numeric), 0 for bigrams. */
  readonly flags: number[] = [];

  get size(): number {
    return this.first.length;
  }

  /** The id of a lower-cased token as it appears in text (cached, so stemming runs once per spelling). */
  tokenId(lower: string): number {
    const cached = this.surfaceIds.get(lower);
    if (cached !== undefined) return cached;
    const id = this.wordId(foldPlural(lower));
    this.surfaceIds.set(lower, id);
    return id;
  }

  // Open-addressing table from lower-cased ASCII spellings to word ids: looking a word up hashes
  // it while it is scanned and compares characters in place, so no string is sliced per word.
  private slots = new Int32Array(1 << 14).fill(-1);
  private readonly spellings: string[] = [];
  private readonly spellingHashes: number[] = [];
  private readonly spellingWords: number[] = [];

  /** Appends the words of `text` to `stream` (see `scanWords` for what a word is). */
  appendWords(text: string, stream: WordStream): void {
    const n = text.length;
    if (n === 0) return;
    let i = 0;
    let hard = true;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (c < 128 ? ASCII_WORD[c] === 1 : isWordChar(c)) {
        const start = i;
        let hash = 0x811c9dc5 | 0;
        let ascii = true;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c < 128) {
            if (ASCII_WORD[c] !== 1) break;
            if (c <= 90 && c >= 65) c += 32;
            hash = Math.imul(hash ^ c, 16777619);
          } else {
            if (!isWordChar(c)) break;
            ascii = false;
          }
          i += 1;
        }
        stream.push(ascii ? this.asciiWordId(text, start, i, hash) : this.tokenId(text.slice(start, i).toLowerCase()), hard);
        hard = false;
        continue;
      }
      const afterMarkup = skipMarkup(text, c, i);
      if (afterMarkup > i) {
        i = afterMarkup;
        hard = true;
        continue;
      }
      if (!isSoftSeparator(c)) hard = true;
      i += 1;
    }
  }

  /**
   * The word ids of a short phrase (a taxonomy term, a keyword). Kept apart from `appendWords`,
   * whose machine code V8 should shape on whole abstracts, not on hundreds of two-word phrases.
   */
  phraseIds(phrase: string): number[] {
    const ids: number[] = [];
    scanWords(phrase, (start, end) => ids.push(this.tokenId(phrase.slice(start, end).toLowerCase())));
    return ids;
  }

  private asciiWordId(text: string, start: number, end: number, hash: number): number {
    let mask = this.slots.length - 1;
    let slot = hash & mask;
    const length = end - start;
    for (;;) {
      const k = this.slots[slot];
      if (k < 0) break;
      if (this.spellingHashes[k] === hash) {
        const spelling = this.spellings[k];
        if (spelling.length === length && sameLowerAscii(spelling, text, start)) return this.spellingWords[k];
      }
      slot = (slot + 1) & mask;
    }
    const lower = text.slice(start, end).toLowerCase();
    const id = this.tokenId(lower);
    const k = this.spellings.length;
    this.spellings.push(lower);
    this.spellingHashes.push(hash);
    this.spellingWords.push(id);
    this.slots[slot] = k;
    if (this.spellings.length * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(-1);
      mask = this.slots.length - 1;
      for (let j = 0; j < this.spellings.length; j += 1) {
        let s = this.spellingHashes[j] & mask;
        while (this.slots[s] >= 0) s = (s + 1) & mask;
        this.slots[s] = j;
      }
    }
    return id;
  }

  private termSlots?: TermSlots;

  /** Shared scratch space for per-document counting (single-threaded use only). */
  scratchSlots(): TermSlots {
    return (this.termSlots ??= new TermSlots());
  }

  /** The id of a stem, interning it. */
  wordId(stem: string): number {
    let id = this.wordIds.get(stem);
    if (id === undefined) {
      id = this.first.length;
      this.wordIds.set(stem, id);
      this.stems.push(stem);
      this.first.push(-1);
      this.second.push(-1);
      let flags = 0;
      if (STOP.has(stem)) flags |= FLAG_STOP;
      if (GENERIC.has(stem)) flags |= FLAG_GENERIC;
      if (/^[\d.,]+$/.test(stem) || stem.length < 2) flags |= FLAG_NUMERIC;
      // Adverbs ("consequently", "rigorously") never characterise a paper.
      if (stem.length > 5 && stem.endsWith('ly') && !NOUNS_WITH_ADJECTIVE_ENDINGS.has(stem)) flags |= FLAG_GENERIC;
      this.flags.push(flags);
    }
    return id;
  }

  /** The id of a known stem, or -1. */
  findWord(stem: string): number {
    return this.wordIds.get(stem) ?? -1;
  }

  bigramId(a: number, b: number): number {
    const key = a * BIGRAM_SHIFT + b;
    let id = this.bigramIds.get(key);
    if (id === undefined) {
      id = this.first.length;
      this.bigramIds.set(key, id);
      this.stems.push('');
      this.first.push(a);
      this.second.push(b);
      this.flags.push(0);
    }
    return id;
  }

  findBigram(a: number, b: number): number {
    return this.bigramIds.get(a * BIGRAM_SHIFT + b) ?? -1;
  }

  isBigram(id: number): boolean {
    return this.first[id] >= 0;
  }

  /** A readable stem form (`"vision language"`), for debugging and tie-breaking only. */
  key(id: number): string {
    return this.first[id] >= 0 ? `${this.stems[this.first[id]]} ${this.stems[this.second[id]]}` : this.stems[id];
  }
}

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c += 1) {
  ASCII_WORD[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
}

function sameLowerAscii(lower: string, text: string, start: number): boolean {
  for (let j = 0; j < lower.length; j += 1) {
    let c = text.charCodeAt(start + j);
    if (c <= 90 && c >= 65) c += 32;
    if (c !== lower.charCodeAt(j)) return false;
  }
  return true;
}

const wordCharCache = new Map<number, boolean>();
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  let known = wordCharCache.get(code);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCharCode(code));
    wordCharCache.set(code, known);
  }
  return known;
}

/**
 * Where scanning resumes after `$…$` math (up to 400 characters) or a `\command` starting at `i`
 * (whose code is `c`); `i` itself when no markup starts there. Markup is never words.
 */
function skipMarkup(text: string, c: number, i: number): number {
  if (c === 36 /* $ */) {
    const close = text.indexOf('$', i + 1);
    return close > i && close - i < 400 ? close + 1 : i;
  }
  if (c === 92 /* \ */) {
    let j = i + 1;
    while (j < text.length && isWordChar(text.charCodeAt(j))) j += 1;
    return j;
  }
  return i;
}

/** Separators that keep two words in one phrase: spaces, hyphens, apostrophes. */
function isSoftSeparator(code: number): boolean {
  return (
    code === 32 ||
    code === 45 ||
    code === 39 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 0x2010 ||
    code === 0x2011 ||
    code === 0x2019 ||
    code === 0xa0
  );
}

/**
 * Calls `emit(start, end, hardBreak)` for each word of `text` (a run of letters and digits; single
 * letters count, so that "Q-learning" and "X-ray" stay phrases, but they are never terms). `hardBreak` is true when punctuation other than a space, hyphen or apostrophe
 * separates it from the previous word, so that bigrams never span a sentence or a clause.
 * `$…$` math and `\commands` are skipped.
 */
export function scanWords(text: string, emit: (start: number, end: number, hardBreak: boolean) => void): void {
  const n = text.length;
  let i = 0;
  let hard = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      const start = i;
      i += 1;
      while (i < n && isWordChar(text.charCodeAt(i))) i += 1;
      emit(start, i, hard);
      hard = false;
      continue;
    }
    const afterMarkup = skipMarkup(text, c, i);
    if (afterMarkup > i) {
      i = afterMarkup;
      hard = true;
      continue;
    }
    if (!isSoftSeparator(c)) hard = true;
    i += 1;
  }
}

/**
 * A document as a sequence of word ids, title first. Reusable: `Lexicon.readDocument` overwrites
 * it, so analysing 100k papers allocates almost nothing per paper.
 */
export class WordStream {
  ids = new Int32Array(1024);
  /** 1 where a hard break (punctuation, start of title or abstract) precedes the word. */
  breaks = new Uint8Array(1024);
  length = 0;
  /** Words before this index come from the title. */
  titleEnd = 0;

  push(id: number, hardBreak: boolean): void {
    if (this.length === this.ids.length) {
      const ids = new Int32Array(this.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const breaks = new Uint8Array(this.length * 2);
      breaks.set(this.breaks);
      this.breaks = breaks;
    }
    this.ids[this.length] = id;
    this.breaks[this.length] = hardBreak ? 1 : 0;
    this.length += 1;
  }
}

/** Reads a title and an abstract into a (reused or new) stream. */
export function wordStream(lexicon: Lexicon, title: string, abstract: string, stream = new WordStream()): WordStream {
  stream.length = 0;
  lexicon.appendWords(withoutUrls(title), stream);
  stream.titleEnd = stream.length;
  lexicon.appendWords(withoutUrls(abstract), stream);
  return stream;
}

/** URLs and e-mail addresses say nothing about a topic ("https", "github", "com" would become keyphrases). */
function withoutUrls(text: string): string {
  return text.includes('://') || text.includes('www.') || text.includes('@')
    ? text.replace(/\b(?:https?|ftp):\/\/\S+|\bwww\.\S+|\S+@\S+\.\w+/gi, ' . ')
    : text;
}

/** Options for `termCounts`. */
export interface TermCountOptions {
  /** How much a title occurrence counts relative to one in the abstract. */
  titleWeight: number;
  /** Count two-word phrases too. */
  bigrams: boolean;
}

/**
 * The weighted term frequencies of a document: words that are not stop/generic words and
 * bigrams of two such adjacent words with no hard break between them. Returns parallel arrays of
 * term ids and counts, in first-occurrence order.
 */
export function termCounts(lexicon: Lexicon, stream: WordStream, options: TermCountOptions): { terms: number[]; counts: number[] } {
  const terms: number[] = [];
  const counts: number[] = [];
  const slot = lexicon.scratchSlots();
  const add = (id: number, weight: number): void => {
    const at = slot.get(id);
    if (at < 0) {
      slot.set(id, terms.length);
      terms.push(id);
      counts.push(weight);
    } else {
      counts[at] += weight;
    }
  };
  const { ids, breaks, titleEnd, length } = stream;
  const flags = lexicon.flags;
  let previous = -1;
  for (let i = 0; i < length; i += 1) {
    const id = ids[i];
    const weight = i < titleEnd ? options.titleWeight : 1;
    if (i === titleEnd) previous = -1;
    if (flags[id] & NOT_A_TERM) {
      previous = -1;
      continue;
    }
    add(id, weight);
    if (options.bigrams && previous >= 0 && breaks[i] === 0) add(lexicon.bigramId(previous, id), weight);
    previous = id;
  }
  for (const id of terms) slot.set(id, -1);
  return { terms, counts };
}

/** A dense term id → small integer map that is all -1 between uses (scratch for `termCounts`). */
export class TermSlots {
  private values = new Int32Array(1 << 16).fill(-1);

  get(id: number): number {
    return id < this.values.length ? this.values[id] : -1;
  }

  set(id: number, value: number): void {
    if (id >= this.values.length) {
      const grown = new Int32Array(Math.max(this.values.length * 2, id + 1)).fill(-1);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[id] = value;
  }
}

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
    if (!forms) tallies.set(id, (forms = new Map()));
    forms.set(form, (forms.get(form) ?? 0) + 1);
  };
  texts.forEach((text, index) => {
    const spell = index < titles ? untitle : (form: string): string => form;
    let previousId = -1;
    let previousStart = 0;
    scanWords(text, (start, end, hard) => {
      const id = lexicon.findWord(foldPlural(text.slice(start, end).toLowerCase()));
      if (id >= 0 && want.has(id)) tally(id, spell(text.slice(start, end)));
      if (id >= 0 && previousId >= 0 && !hard) {
        const bigram = lexicon.findBigram(previousId, id);
        if (bigram >= 0 && want.has(bigram)) tally(bigram, spell(text.slice(previousStart, end).replace(/\s+/g, ' ')));
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

/** Lower-cases the capitalised words of a title fragment ("Vision-Language Models" → "vision-language models"). */
function untitle(form: string): string {
  return form.replace(/\p{L}+/gu, (word) => (/^\p{Lu}\p{Ll}+$/u.test(word) ? word.toLowerCase() : word));
}

/**
 * A readable name for a term from texts that use it: its most common spelling ("vision-language"),
 * widened by up to two words on either side while most occurrences share them ("vision-language"
 * → "vision-language models", "neural networks" → "spiking neural networks"), in Title Case.
 */
export function phraseName(lexicon: Lexicon, texts: string[], term: number): string {
  interface Token {
    id: number;
    start: number;
    end: number;
    hard: boolean;
  }
  const bigram = lexicon.isBigram(term);
  const first = bigram ? lexicon.first[term] : term;
  const last = bigram ? lexicon.second[term] : term;
  const usable = (t: Token | undefined): boolean => t !== undefined && t.id >= 0 && !(lexicon.flags[t.id] & NOT_A_TERM);
  const spans: Array<{ text: string; tokens: Token[]; from: number; to: number }> = [];
  for (const text of texts) {
    const tokens: Token[] = [];
    scanWords(text, (start, end, hard) => {
      tokens.push({ id: lexicon.findWord(foldPlural(text.slice(start, end).toLowerCase())), start, end, hard });
    });
    for (let i = 0; i < tokens.length; i += 1) {
      const j = bigram ? i + 1 : i;
      if (tokens[i].id !== first || j >= tokens.length || tokens[j].id !== last || (bigram && tokens[j].hard)) continue;
      spans.push({ text, tokens, from: i, to: j });
    }
  }
  if (spans.length === 0) return titleCase(lexicon.key(term));
  // Widen while most occurrences share the next word out (at most two words each side).
  let live = spans;
  for (let step = 0; step < 4; step += 1) {
    const before = step % 2 === 0;
    const tally = new Map<number, number>();
    for (const span of live) {
      const at = before ? span.from - 1 : span.to + 1;
      const edge = before ? span.tokens[span.from] : span.tokens[at];
      if (at < 0 || at >= span.tokens.length || edge.hard || !usable(span.tokens[at])) continue;
      tally.set(span.tokens[at].id, (tally.get(span.tokens[at].id) ?? 0) + 1);
    }
    const best = [...tally].sort((a, b) => b[1] - a[1] || compareStrings(lexicon.stems[a[0]], lexicon.stems[b[0]]))[0];
    if (!best || best[1] < 2 || best[1] < live.length * 0.6) continue;
    live = live
      .filter((span) => span.tokens[before ? span.from - 1 : span.to + 1]?.id === best[0])
      .map((span) => ({ ...span, from: before ? span.from - 1 : span.from, to: before ? span.to : span.to + 1 }));
  }
  const forms = new Map<string, number>();
  for (const span of live) {
    const form = span.text.slice(span.tokens[span.from].start, span.tokens[span.to].end).replace(/\s+/g, ' ');
    forms.set(form, (forms.get(form) ?? 0) + 1);
  }
  const best = [...forms].sort((a, b) => b[1] - a[1] || lowerFirst(a[0], b[0]))[0][0];
  return titleCase(best);
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

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
 * except first), words that already carry capitals ("fMRI", "LVLMs", "ViT") are kept as written,
 * and each part of a hyphenated word is treated alike ("vision-language" → "Vision-Language").
 */
export function titleCase(phrase: string): string {
  const words = phrase.trim().split(/\s+/);
  return words
    .map((word, index) =>
      word
        .split('-')
        .map((part, partIndex) => {
          if (part === '' || part !== part.toLowerCase()) return part;
          if (index > 0 && partIndex === 0 && SMALL_WORDS.has(part)) return part;
          return part[0].toUpperCase() + part.slice(1);
        })
        .join('-'),
    )
    .join(' ');
}

/**
 * Whether a phrase ends like a noun, so that it can name a topic on its own: "Spiking Neural
 * Networks" does, "Spiking Neural" or "Artificial" do not. A heuristic on English suffixes.
 */
export function endsLikeANoun(phrase: string): boolean {
  const last =
    phrase
      .trim()
      .split(/[\s-]+/)
      .pop()
      ?.toLowerCase() ?? '';
  if (!last || NOUNS_WITH_ADJECTIVE_ENDINGS.has(last) || NOUNS_WITH_ADJECTIVE_ENDINGS.has(foldPlural(last))) return true;
  if (STOP.has(last) || GENERIC.has(last) || GENERIC.has(foldPlural(last))) return false;
  return !/(?:al|ive|ous|ic|able|ible|ful|less|ly|[^e]ed|ward|wise|multi|self|non|pre|post|inter|intra|cross)$/.test(last);
}
