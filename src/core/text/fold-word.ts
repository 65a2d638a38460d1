import { hasNonAscii } from './word-chars';

/**
 * Letters that Unicode decomposition does not reduce to ASCII, spelled out so that `straße`,
 * `Øresund` and `μ-law` meet `strasse`, `oresund` and `mu-law`.
 */
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

/**
 * Folds one word part (as the tokenizer finds it) to the form terms are built from: lower case,
 * diacritics removed (`Schrödinger` → `schrodinger`), special letters spelled (`ß` → `ss`,
 * `μ` → `mu`, `ﬁ` → `fi`), a possessive `'s` dropped and other apostrophes removed
 * (`model's` → `model`, `don't` → `dont`). Not stemmed: see `foldPlural`.
 */
export function foldWord(raw: string): string {
  return foldWordPart(raw, hasNonAscii(raw));
}

/** `foldWord` for a part whose ASCII-ness the caller already knows (`nonAscii` false skips the Unicode work). */
export function foldWordPart(raw: string, nonAscii: boolean): string {
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
  return dropApostrophes(folded);
}

/**
 * Drops a final possessive `'s` and every other `'` of a lower-case word part: `model's` →
 * `model`, `don't` → `dont`. The only folding an already lower-case ASCII part needs, so phrase
 * matching on ASCII text can call it directly.
 */
export function dropApostrophes(part: string): string {
  return part.includes("'") ? part.replace(/'s$/, '').replace(/'/g, '') : part;
}
