/**
 * Search's terms, built on the shared text pipeline (`src/core/text`) so that indexing and
 * querying always agree:
 *
 *   text → words (`scanWordParts`) → parts folded (`foldWord`) → `STOP_WORDS` dropped → `foldPlural`.
 *
 * A hyphenated word is indexed as its parts and as the joined compound (`pre-training` →
 * `pre`, `training`, `pretraining`), so `pre-training`, `pretraining` and `pre training` meet.
 * Offsets always point into the original string, for highlighting.
 */
import { foldPlural } from '../text/fold-plural';
import { dropApostrophes, foldWordPart } from '../text/fold-word';
import { STOP_WORDS } from '../text/stop-words';
import { scanWordParts } from '../text/tokenize';
import { asciiWordPartEnd, hasNonAscii, isAsciiWordCode } from '../text/word-chars';

/** Longest term indexed; longer runs (URLs, hashes, sequences) are skipped on both sides. */
const MAX_TERM_LENGTH = 48;

/** The index term of one folded word part, or undefined for stop words and over-long runs. */
export function termOfFolded(folded: string, keepStopWords = false): string | undefined {
  if (folded.length === 0 || folded.length > MAX_TERM_LENGTH || (!keepStopWords && STOP_WORDS.has(folded))) return undefined;
  return foldPlural(folded);
}

/** The term a folded compound (parts joined) is indexed as, or undefined. */
export function compoundTerm(foldedParts: string[]): string | undefined {
  const joined = foldedParts.join('');
  if (joined.length === 0 || joined.length > MAX_TERM_LENGTH) return undefined;
  return foldPlural(joined);
}

/**
 * Where index terms stand among a text's tokens (`phraseTokens`, stop words counted): `at[i]` is
 * the position of `out[i]`, a compound's that of its last part; `next` is the position the
 * text's first token takes, and is left one past its last token (callers add a gap between texts).
 */
export interface TermPositions {
  at: number[];
  next: number;
}

/**
 * Every index term of `text`, in order, appended to `out`: each word's part terms, then the
 * compound term of a hyphenated word. The hot path of indexing, so it avoids scanWords' objects.
 * `positions`: also records where each term stands (see `TermPositions`).
 */
export function indexTerms(text: string, out: string[] = [], keepStopWords = false, positions?: TermPositions): string[] {
  if (!hasNonAscii(text)) return indexAsciiTerms(text.toLowerCase(), out, keepStopWords, positions);
  const folded: string[] = [];
  scanWordParts(text, (starts, ends, count, nonAscii) => {
    const first = out.length;
    for (let p = 0; p < count; p++) {
      const f = foldWordPart(text.slice(starts[p], ends[p]), nonAscii);
      folded[p] = f;
      const term = termOfFolded(f, keepStopWords);
      if (term !== undefined) {
        out.push(term);
        positions?.at.push(positions.next);
      }
      if (f && positions) positions.next += 1;
    }
    if (count > 1) {
      folded.length = count;
      const compound = compoundTerm(folded);
      if (compound !== undefined) {
        let duplicate = false;
        for (let t = first; t < out.length; t++) if (out[t] === compound) duplicate = true;
        if (!duplicate) {
          out.push(compound);
          positions?.at.push(positions.next - 1);
        }
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
      const f = foldWordPart(text.slice(starts[p], ends[p]), nonAscii);
      if (f) tokens.push(foldPlural(f));
    }
  });
  return tokens;
}

/** `indexTerms` for lowercase ASCII text: the same words, scanned with plain char codes. */
function indexAsciiTerms(text: string, out: string[], keepStopWords: boolean, positions: TermPositions | undefined): string[] {
  const n = text.length;
  let i = 0;
  let compound: string[] | undefined;
  while (i < n) {
    if (!isAsciiWordCode(text.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const first = out.length;
    let parts = 0;
    let joined = '';
    for (;;) {
      const start = i;
      i = asciiWordPartEnd(text, i);
      const folded = dropApostrophes(text.slice(start, i));
      const term = termOfFolded(folded, keepStopWords);
      if (term !== undefined) {
        out.push(term);
        positions?.at.push(positions.next);
      }
      if (folded && positions) positions.next += 1;
      parts += 1;
      if (i + 1 < n && text.charCodeAt(i) === 0x2d && isAsciiWordCode(text.charCodeAt(i + 1))) {
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
      const term = foldPlural(joined);
      let duplicate = false;
      for (let t = first; t < out.length; t++) if (out[t] === term) duplicate = true;
      if (!duplicate) {
        out.push(term);
        positions?.at.push(positions.next - 1);
      }
    }
  }
  return out;
}
