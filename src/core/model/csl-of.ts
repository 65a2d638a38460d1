import type { CslItem, CslName } from './csl-item';
import type { Paper } from './paper';

/**
 * A paper's CSL-JSON record for a citation processor or an export: the one its importer kept, else one
 * derived from the simple fields (title, display authors, date, venue, DOI, URL). Its `id` is the paper's
 * citekey, else its id; its `abstract` is the paper's (records keep none of their own, so it is held once).
 *
 * @example
 * ```ts
 * cslOf({ ...paper, csl: undefined }).author; // → [{ family: 'Kang', given: 'Seil' }]
 * ```
 */
export function cslOf(paper: Paper): CslItem {
  const id = paper.citeKey ?? paper.id;
  if (paper.csl) {
    const item: CslItem = { ...paper.csl, id };
    if (paper.abstract) item.abstract = paper.abstract;
    return item;
  }
  const item: CslItem = { id, type: paper.venue ? 'article-journal' : 'article', title: paper.title };
  if (paper.authors.length > 0) item.author = paper.authors.map(cslNameFromDisplay);
  const dateParts = (paper.date ?? (paper.year !== undefined ? String(paper.year) : '')).split('-').map(Number).filter(Number.isFinite);
  if (dateParts.length > 0 && dateParts[0] > 0) item.issued = { 'date-parts': [dateParts] };
  if (paper.venue) item['container-title'] = paper.venue;
  if (paper.doi) item.DOI = paper.doi;
  if (paper.url) item.URL = paper.url;
  if (paper.abstract) item.abstract = paper.abstract;
  if (paper.citeKey) item['citation-key'] = paper.citeKey;
  return item;
}

/** Lower-case words that stay with the family name ("van Gogh", "de la Fontaine"). */
const PARTICLE = /^(?:van|von|der|den|de|del|della|di|da|du|des|la|le|dos|das|ter|ten|zu|af|al|el|bin|ibn)$/;
/** Words that make a name an organisation ("The BABAR Collaboration", "World Health Organization"). */
const ORGANISATION =
  /\b(?:Collaboration|Consortium|Group|Team|Initiative|Organi[sz]ation|Association|Society|Institute|Council|Committee|Project|Network|Agency|Survey|University|Laboratory)\b/i;
/** Generational suffixes written after the family name. */
const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;

/**
 * A display name ("First [particles] Last [Jr.]", or "Last, First" as written) as a CSL name: the last word is the family name, the
 * lower-case particles before it stay with it, a generational suffix is kept apart; one word, or an
 * organisation's name, is a literal.
 * For names known only as display text (a hand-built paper, an arXiv author string).
 *
 * @example cslNameFromDisplay('Vincent van Gogh') // → { family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' }
 */
export function cslNameFromDisplay(display: string): CslName {
  if (ORGANISATION.test(display)) return { literal: display.trim() };
  if (display.includes(',')) return nameAsWritten(display);
  const words = display.trim().split(/\s+/).filter(Boolean);
  const name: CslName = {};
  if (words.length > 2 && SUFFIX.test(words[words.length - 1])) name.suffix = words.pop();
  if (words.length < 2) return { literal: display.trim() };
  name.family = words.pop();
  let particleStart = words.length;
  while (particleStart > 1 && PARTICLE.test(words[particleStart - 1])) particleStart--;
  if (particleStart < words.length) name['non-dropping-particle'] = words.splice(particleStart).join(' ');
  name.given = words.join(' ');
  return name;
}

/** "Berg, Jan" or "Berg, Jr., Jan": the family name as written before the comma. */
function nameAsWritten(display: string): CslName {
  const [family, ...rest] = display.split(',').map((part) => part.trim().replace(/\s+/g, ' '));
  if (rest.length >= 2 && SUFFIX.test(rest[0])) return withParticles({ family, given: rest.slice(1).join(' '), suffix: rest[0] });
  return withParticles({ family, given: rest.join(' ') });
}

/**
 * A name whose family name starts with lower-case particles ("van der Tak") with them moved to
 * `non-dropping-particle`, as CSL sorts and styles them; other names unchanged.
 *
 * @example withParticles({ family: 'van der Tak', given: 'Floris' }) // → { family: 'Tak', given: 'Floris', 'non-dropping-particle': 'van der' }
 */
export function withParticles(name: CslName): CslName {
  const words = name.family?.split(' ') ?? [];
  let start = 0;
  while (start < words.length - 1 && PARTICLE.test(words[start])) start++;
  if (start === 0 || name['non-dropping-particle']) return name;
  return { ...name, family: words.slice(start).join(' '), 'non-dropping-particle': words.slice(0, start).join(' ') };
}
