import type { CslName } from '../model/csl-item';

const PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'zu',
  'bin',
  'ibn',
  'al',
  'el',
]);
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/i;

/**
 * A CSL name from a display name, for papers whose importer kept no CSL record: "Jan van der Berg
 * Jr." → family "Berg", particle "van der", given "Jan", suffix "Jr."; "Berg, Jan" is read as
 * written; a single word (often a group) is a literal.
 *
 * @example
 * ```ts
 * cslNameFromDisplay('Jan van der Berg'); // → { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' }
 * ```
 */
export function cslNameFromDisplay(display: string): CslName {
  const clean = display.trim().replace(/\s+/g, ' ');
  if (clean.includes(',')) {
    const [family, ...rest] = clean.split(',').map((s) => s.trim());
    if (rest.length >= 2 && SUFFIX.test(rest[0])) return { family, given: rest.slice(1).join(' '), suffix: rest[0] };
    return { family, given: rest.join(' ') };
  }
  const words = clean.split(' ');
  const suffix = words.length > 2 && SUFFIX.test(words[words.length - 1]) ? words.pop() : undefined;
  if (words.length === 1) return suffix ? { family: words[0], suffix } : { literal: words[0] };
  const familyStart = words.length - 1;
  let particleStart = familyStart;
  for (let i = 1; i < words.length - 1; i += 1) {
    if (PARTICLES.has(words[i]) && particleStart === familyStart) particleStart = i;
  }
  const name: CslName = { family: words.slice(familyStart).join(' '), given: words.slice(0, particleStart).join(' ') };
  if (particleStart < familyStart) name['non-dropping-particle'] = words.slice(particleStart, familyStart).join(' ');
  if (suffix) name.suffix = suffix;
  return name;
}
