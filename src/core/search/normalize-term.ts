/**
 * The term pipeline shared by indexing and querying, so both sides always agree:
 *
 *   text → words (runs of letters/digits; `pre-training` is one word of two parts)
 *        → parts folded (lowercase, diacritics removed, `μ` → `mu`, ligatures split, `'s` dropped)
 *        → stop words dropped → light plural stemming (`networks` → `network`, `analysis` kept).
 *
 * A hyphenated word is indexed as its parts and as the joined compound (`pre-training` →
 * `pre`, `training`, `pretraining`), so `pre-training`, `pretraining` and `pre training` meet.
 * Offsets always point into the original string, for highlighting.
 */

/** Longest term indexed; longer runs (URLs, hashes, sequences) are skipped on both sides. */
export const MAX_TERM_LENGTH = 48;

/** Function words that carry no meaning in a search. Compared with the folded, unstemmed word. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an and are as at be been being but by could did do does doing for from had has have having he her
  here hers him his how i if in into is it its itself me my nor of on once or our ours ourselves she
  should so such than that the their theirs them then there these they this those through to too
  until us was we were what when where which while who whom why will with would you your yours via
  also thus hence etc ie eg`
    .split(/\s+/)
    .filter(Boolean),
);

const SPELLED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  þ: 'th',
  ð: 'd',
  ı: 'i',
  ŋ: 'ng',
  ſ: 's',
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ϵ: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ϑ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  µ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  ϕ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};
const SPELLED_RE = new RegExp(`[${Object.keys(SPELLED).join('')}]`, 'g');

// ---------------------------------------------------------------------------------------------
// Character classes

/** 1 for ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_WORD[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
}
const UNICODE_WORD = /^[\p{L}\p{N}\p{M}]$/u;

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

function isHyphen(code: number): boolean {
  return code === 0x2d || code === 0x2010 || code === 0x2011;
}

/** Length (1 or 2 code units) of the word character at `i`, or 0 when it is not one. */
function wordCharLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return ASCII_WORD[code];
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    return UNICODE_WORD.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return UNICODE_WORD.test(text[i]) ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Scanning

/**
 * Calls `visit` for every word of `text` with the start/end offsets of its parts (reused arrays:
 * copy what you keep) and whether the word holds non-ASCII characters.
 */
export function scanWordParts(text: string, visit: (starts: number[], ends: number[], count: number, nonAscii: boolean) => void): void {
  if (!NON_ASCII.test(text)) {
    scanAsciiWordParts(text, visit);
    return;
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let len = wordCharLength(text, i);
    if (len === 0) {
      i += 1;
      continue;
    }
    let count = 0;
    let nonAscii = false;
    // One part: word characters, with apostrophes allowed between two of them.
    for (;;) {
      const partStart = i;
      for (;;) {
        if (text.charCodeAt(i) >= 128) nonAscii = true;
        i += len;
        if (i >= n) break;
        len = wordCharLength(text, i);
        if (len > 0) continue;
        const code = text.charCodeAt(i);
        if ((code === APOSTROPHE || code === RIGHT_QUOTE) && i + 1 < n && (len = wordCharLength(text, i + 1)) > 0) {
          nonAscii ||= code === RIGHT_QUOTE;
          i += 1;
          continue;
        }
        break;
      }
      starts[count] = partStart;
      ends[count] = i;
      count += 1;
      // A hyphen between two word characters continues the word with another part.
      if (i + 1 < n && isHyphen(text.charCodeAt(i)) && (len = wordCharLength(text, i + 1)) > 0) {
        nonAscii ||= text.charCodeAt(i) >= 128;
        i += 1;
        continue;
      }
      break;
    }
    visit(starts, ends, count, nonAscii);
  }
}

/** `scanWordParts` for ASCII text: the same words, found with a table lookup per character. */
function scanAsciiWordParts(text: string, visit: (starts: number[], ends: number[], count: number, nonAscii: boolean) => void): void {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (ASCII_WORD[text.charCodeAt(i)] === 0) {
      i += 1;
      continue;
    }
    let count = 0;
    for (;;) {
      const partStart = i;
      for (;;) {
        i += 1;
        if (i >= n) break;
        const code = text.charCodeAt(i);
        if (code < 128 && ASCII_WORD[code] === 1) continue;
        if (code === APOSTROPHE && i + 1 < n && ASCII_WORD[text.charCodeAt(i + 1)] === 1) continue;
        break;
      }
      starts[count] = partStart;
      ends[count] = i;
      count += 1;
      if (i + 1 < n && text.charCodeAt(i) === 0x2d && ASCII_WORD[text.charCodeAt(i + 1)] === 1) {
        i += 1;
        continue;
      }
      break;
    }
    visit(starts, ends, count, false);
  }
}

/** One part of a word, with its folded (lowercase, unstemmed) form. */
export interface WordPart {
  start: number;
  end: number;
  folded: string;
}

/** A word of a text: one part, or several joined by hyphens. */
export interface TextWord {
  start: number;
  end: number;
  parts: WordPart[];
}

/** The words of `text` with offsets, for highlighting and phrase checks. */
export function scanWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  scanWordParts(text, (starts, ends, count, nonAscii) => {
    const parts: WordPart[] = [];
    for (let p = 0; p < count; p++) {
      parts.push({ start: starts[p], end: ends[p], folded: foldRaw(text.slice(starts[p], ends[p]), nonAscii) });
    }
    words.push({ start: starts[0], end: ends[count - 1], parts });
  });
  return words;
}

// ---------------------------------------------------------------------------------------------
// Folding and stemming

/** Lowercase, diacritics removed, special letters spelled (`ß` → `ss`, `μ` → `mu`), `'s` dropped. */
export function foldWord(raw: string): string {
  return foldRaw(raw, /[^\u0000-\u007f]/.test(raw));
}

/** `foldWord` for a part found by `scanWordParts`, which already knows whether it is ASCII. */
export function foldWordPart(raw: string, nonAscii: boolean): string {
  return foldRaw(raw, nonAscii);
}

function foldRaw(raw: string, nonAscii: boolean): string {
  let folded = raw.toLowerCase();
  if (nonAscii) {
    folded = folded
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/\u2019/g, "'")
      .replace(SPELLED_RE, (ch) => SPELLED[ch] ?? ch)
      .toLowerCase();
    folded = folded.replace(/[^\p{L}\p{N}']/gu, '');
  }
  if (folded.includes("'")) folded = folded.replace(/'s$/, '').replace(/'/g, '');
  return folded;
}

const IRREGULAR = new Map<string, string>([
  ['matrices', 'matrix'],
  ['indices', 'index'],
  ['vertices', 'vertex'],
  ['analyses', 'analysis'],
  ['hypotheses', 'hypothesis'],
  ['syntheses', 'synthesis'],
  ['theses', 'thesis'],
  ['biases', 'bias'],
  ['aliases', 'alias'],
  ['atlases', 'atlas'],
  ['lenses', 'lens'],
  ['axes', 'axis'],
  ['criteria', 'criterion'],
  ['phenomena', 'phenomenon'],
  ['children', 'child'],
  ['mice', 'mouse'],
  ['caches', 'cache'],
  ['niches', 'niche'],
  ['heroes', 'hero'],
  ['echoes', 'echo'],
  ['canvases', 'canvas'],
  ['gases', 'gas'],
  ['corpora', 'corpus'],
  ['appendices', 'appendix'],
  ['diagnoses', 'diagnosis'],
  ['parentheses', 'parenthesis'],
]);

/** Words ending in `s` that are not plurals. */
const SINGULAR_S = new Set(
  `bias alias atlas canvas gas lens news series species always perhaps whereas thus yes was has does
  its this is his hers ours yours less unless across plus minus chaos cosmos ethos pathos logos kudos
  towards afterwards besides sometimes nevertheless mathematics physics economics ethics`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Light English plural stemming (an S-stemmer): `networks` → `network`, `studies` → `study`,
 * `classes` → `class`, `approaches` → `approach`; `analysis`, `corpus`, `loss`, `bias` are kept.
 */
export function stemWord(word: string): string {
  const n = word.length;
  if (n <= 3) return word;
  const last = word.charCodeAt(n - 1);
  if (last !== 115 /* s */) {
    // Irregular plurals without an s: mice, children, criteria, phenomena, corpora.
    return last === 101 || last === 110 || last === 97 ? (IRREGULAR.get(word) ?? word) : word;
  }
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  if (SINGULAR_S.has(word)) return word;
  const before = word.charCodeAt(n - 2);
  if (before === 115 /* ss */ || before === 117 /* us */ || before === 105 /* is */ || before === 39) {
    return word;
  }
  if (before === 101 /* e */) {
    if (n >= 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
    if (word.endsWith('sses') || word.endsWith('xes') || word.endsWith('ches') || word.endsWith('shes') || word.endsWith('zzes')) {
      return word.slice(0, -2);
    }
  }
  return word.slice(0, -1);
}

export function isStopWord(folded: string): boolean {
  return STOP_WORDS.has(folded);
}

/** The index term of one folded word part, or undefined for stop words and over-long runs. */
export function termOfFolded(folded: string, keepStopWords = false): string | undefined {
  if (folded.length === 0 || folded.length > MAX_TERM_LENGTH || (!keepStopWords && STOP_WORDS.has(folded))) return undefined;
  return stemWord(folded);
}

/** The term a folded compound (parts joined) is indexed as, or undefined. */
export function compoundTerm(foldedParts: string[]): string | undefined {
  const joined = foldedParts.join('');
  if (joined.length === 0 || joined.length > MAX_TERM_LENGTH) return undefined;
  return stemWord(joined);
}

/** The normalized terms of one word: its parts' terms, and the compound's when it has several parts. */
export interface WordTerms {
  parts: string[];
  compound?: string;
}

export function termsOfWord(word: TextWord, keepStopWords = false): WordTerms {
  const parts: string[] = [];
  for (const part of word.parts) {
    const term = termOfFolded(part.folded, keepStopWords);
    if (term !== undefined) parts.push(term);
  }
  if (word.parts.length < 2) return { parts };
  const compound = compoundTerm(word.parts.map((part) => part.folded));
  return compound !== undefined && !parts.includes(compound) ? { parts, compound } : { parts };
}

/** Same as mapping `scanWords` through `termsOfWord`, for query text. */
export function wordTermsOf(text: string, keepStopWords = false): WordTerms[] {
  return scanWords(text)
    .map((word) => termsOfWord(word, keepStopWords))
    .filter((terms) => terms.parts.length > 0 || terms.compound !== undefined);
}

/**
 * Every index term of `text`, in order, appended to `out`: each word's part terms, then the
 * compound term of a hyphenated word. The hot path of indexing, so it avoids scanWords' objects.
 */
export function indexTerms(text: string, out: string[] = [], keepStopWords = false): string[] {
  if (!NON_ASCII.test(text)) return indexAsciiTerms(text.toLowerCase(), out, keepStopWords);
  const folded: string[] = [];
  scanWordParts(text, (starts, ends, count, nonAscii) => {
    const first = out.length;
    for (let p = 0; p < count; p++) {
      const f = foldRaw(text.slice(starts[p], ends[p]), nonAscii);
      folded[p] = f;
      const term = termOfFolded(f, keepStopWords);
      if (term !== undefined) out.push(term);
    }
    if (count > 1) {
      folded.length = count;
      const compound = compoundTerm(folded);
      if (compound !== undefined) {
        let duplicate = false;
        for (let t = first; t < out.length; t++) if (out[t] === compound) duplicate = true;
        if (!duplicate) out.push(compound);
      }
    }
  });
  return out;
}

/** Folded, stemmed tokens of `text` including stop words, for phrase comparison. */
export function phraseTokens(text: string): string[] {
  const tokens: string[] = [];
  scanWordParts(text, (starts, ends, count, nonAscii) => {
    for (let p = 0; p < count; p++) {
      const f = foldRaw(text.slice(starts[p], ends[p]), nonAscii);
      if (f) tokens.push(stemWord(f));
    }
  });
  return tokens;
}

const NON_ASCII = /[^\u0000-\u007f]/;

/** `indexTerms` for lowercase ASCII text: the same words, scanned with plain char codes. */
function indexAsciiTerms(text: string, out: string[], keepStopWords: boolean): string[] {
  const n = text.length;
  let i = 0;
  let compound: string[] | undefined;
  while (i < n) {
    if (ASCII_WORD[text.charCodeAt(i)] === 0) {
      i += 1;
      continue;
    }
    const first = out.length;
    let parts = 0;
    let joined = '';
    for (;;) {
      const start = i;
      let apostrophe = false;
      for (;;) {
        i += 1;
        if (i >= n) break;
        const code = text.charCodeAt(i);
        if (ASCII_WORD[code] === 1) continue;
        if (code === APOSTROPHE && i + 1 < n && ASCII_WORD[text.charCodeAt(i + 1)] === 1) {
          apostrophe = true;
          continue;
        }
        break;
      }
      let folded = text.slice(start, i);
      if (apostrophe) folded = folded.replace(/'s$/, '').replace(/'/g, '');
      const term = termOfFolded(folded, keepStopWords);
      if (term !== undefined) out.push(term);
      parts += 1;
      if (i + 1 < n && text.charCodeAt(i) === 0x2d && ASCII_WORD[text.charCodeAt(i + 1)] === 1) {
        if (parts === 1) compound = [];
        compound!.push(folded);
        i += 1;
        continue;
      }
      if (parts > 1) {
        compound!.push(folded);
        joined = compound!.join('');
      }
      break;
    }
    if (parts > 1 && joined.length > 0 && joined.length <= MAX_TERM_LENGTH) {
      const term = stemWord(joined);
      let duplicate = false;
      for (let t = first; t < out.length; t++) if (out[t] === term) duplicate = true;
      if (!duplicate) out.push(term);
    }
  }
  return out;
}

const IRREGULAR_STEMS = new Set(IRREGULAR.values());

/**
 * A string every surface form of a word with this stem starts with, lowercase (`study` →
 * `stud`, for `studies`), or undefined when there is none (irregular plurals: `mouse`/`mice`).
 */
export function surfacePrefix(stem: string): string | undefined {
  if (!stem || IRREGULAR_STEMS.has(stem)) return undefined;
  return stem.endsWith('y') && stem.length > 1 ? stem.slice(0, -1) : stem;
}

/** Whether `text` has a non-ASCII character (the slow path of folding). */
export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text);
}

/** ASCII letter or digit. */
export function isAsciiWordCode(code: number): boolean {
  return code < 128 && ASCII_WORD[code] === 1;
}
