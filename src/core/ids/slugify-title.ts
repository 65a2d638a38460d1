/** Longest slug {@link slugifyTitle} produces, in characters: a longer one is cut back to the last whole word. */
export const MAX_SLUG_LENGTH = 60;

/**
 * Lowercase ASCII slug of a title: diacritics folded (é → e), ß/æ/ø spelled out, Greek letters
 * named (μ → mu), anything else a hyphen, at most 60 characters, cut at a word boundary.
 * Returns `''` for a title without a letter or digit (the caller picks a fallback).
 *
 * @example
 * ```ts
 * slugifyTitle('See What You Are Told: Visual Attention Sink in Large Multimodal Models');
 * // → 'see-what-you-are-told-visual-attention-sink-in-large'
 * slugifyTitle('Straße über μ-Opioid Receptors'); // → 'strasse-uber-mu-opioid-receptors'
 * ```
 */
export function slugifyTitle(title: string): string {
  const ascii = foldToAscii(title).toLowerCase();
  const words = ascii.split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) {
      // A single enormous first word is cut hard rather than yielding an empty id.
      if (!slug) slug = word.slice(0, MAX_SLUG_LENGTH);
      break;
    }
    slug = next;
  }
  return slug;
}

// Kept apart from the text pipeline's table (`core/text/fold-word.ts`) on purpose: ids name note
// files, so this table is frozen — a letter added there must not change an existing paper's id.
const SPELLED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'Th',
  ð: 'd',
  ı: 'i',
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
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
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
  Γ: 'gamma',
  Δ: 'delta',
  Θ: 'theta',
  Λ: 'lambda',
  Ξ: 'xi',
  Π: 'pi',
  Σ: 'sigma',
  Φ: 'phi',
  Ψ: 'psi',
  Ω: 'omega',
};

/**
 * Removes combining marks after NFD decomposition and spells out letters that have no decomposition
 * (ß → ss, æ → ae, Greek letters by name); any other non-ASCII character becomes a space. Case is kept.
 *
 * @example
 * ```ts
 * foldToAscii('Gödel, Straße, μ'); // → 'Godel, Strasse, mu'
 * ```
 */
export function foldToAscii(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // Everything outside ASCII (U+0000–U+007F).
      // eslint-disable-next-line no-control-regex
      .replace(/[^\u0000-\u007f]/g, (ch) => SPELLED[ch] ?? ' ')
  );
}
