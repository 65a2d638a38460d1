/**
 * Author and editor lists of BibTeX entries as CSL names. The list is split the way BibTeX does (` and ` at
 * brace depth 0); each name is read by citation-js's BibTeX name grammar (particles, `Jr.`, TeX accents).
 * A name wholly in braces (`{World Health Organization}`) is an organisation: a `literal`. A name that
 * cannot be split safely (more than two commas, or one the grammar reads into parts CSL has no place for)
 * is kept as a `literal` as written, never guessed at, and reported.
 */
import type { Creator } from '@retorquere/bibtex-parser';
import { parse as parseTexValue } from '@citation-js/plugin-bibtex/lib/input/value.js';
import { Converters } from '@citation-js/plugin-bibtex/lib/mapping/shared.js';
import type { CslName } from '../model/csl-item';
import { latexToUnicode } from '../text/latex-to-unicode';
import { bibText } from './bibtex-text';

/** The names of one field, and those of them kept whole because they could not be split. */
export interface CslNameList {
  names: CslName[];
  /** Names (as written, TeX converted) kept as `literal` because they could not be split. */
  unsplittable: string[];
}

const CSL_NAME_PARTS = new Set(['family', 'given', 'non-dropping-particle', 'dropping-particle', 'suffix']);

/**
 * A BibTeX name list (`Doe, Jane and {ACME Inc.} and van Gogh, Vincent`) as CSL names; `others` dropped.
 *
 * @example cslNamesOf('St. Pierre, Kyra A.').names // [{ family: 'St. Pierre', given: 'Kyra A.' }]
 */
export function cslNamesOf(value: string): CslNameList {
  const list: CslNameList = { names: [], unsplittable: [] };
  for (const written of splitTopLevel(value, andAt)) {
    const name = written.trim();
    if (!name || /^\{?\s*others\s*\}?$/i.test(name)) continue;
    const whole = bibText(name);
    if (!whole) continue;
    if (isOneBraceGroup(name)) {
      list.names.push({ literal: whole });
      continue;
    }
    // Accents first (citation-js leaves some, like `{\aa}`, as TeX); grouping braces stay for the split.
    const parsed = splitTopLevel(name, commaAt).length > 3 ? undefined : personName(latexToUnicode(name));
    if (parsed) list.names.push(parsed);
    else {
      list.names.push({ literal: whole });
      list.unsplittable.push(whole);
    }
  }
  return list;
}

/** Names as the BibTeX parser read them (an entry whose fields the scanner could not give): its parts, as CSL. */
export function cslNamesOfCreators(creators: Creator[] | undefined): CslName[] {
  const names: CslName[] = [];
  for (const creator of creators ?? []) {
    if (creator.name !== undefined) {
      const literal = bibText(creator.name);
      if (literal && !/^others$/i.test(literal)) names.push({ literal });
      continue;
    }
    const name: CslName = {};
    const parts: Array<[keyof CslName, string | undefined]> = [
      ['family', creator.lastName],
      ['given', creator.firstName],
      ['non-dropping-particle', creator.prefix],
      ['suffix', creator.suffix],
    ];
    for (const [part, text] of parts) {
      const clean = bibText(text);
      if (clean) name[part] = clean;
    }
    if (name.family && !/^others$/i.test(name.family)) names.push(name);
  }
  return names;
}

/** One person's name by citation-js's grammar; undefined when it yields no family name or parts CSL does not know. */
function personName(written: string): CslName | undefined {
  let parsed: unknown;
  try {
    // (A `next-line` comment cannot reach the `catch` line: disabled here, restored inside it.)
    // Stryker disable BlockStatement: an empty `catch` leaves `parsed` undefined, which the check below refuses the same
    parsed = parseTexValue(written, 'author');
  } catch {
    // Stryker restore BlockStatement
    return undefined; // TeX the grammar cannot read (a `$` never closed): kept whole
  }
  // Stryker disable next-line LogicalOperator: the grammar gives an array of one name for one name (the list is split before)
  if (!Array.isArray(parsed) || parsed.length !== 1) return undefined;
  const name: CslName = {};
  for (const [part, text] of Object.entries(Converters.NAMES.toTarget(parsed)[0])) {
    // A part with TeX left in it was not understood (`{\relax Ch}ristine`): keep the name whole instead.
    if (!CSL_NAME_PARTS.has(part) || typeof text !== 'string' || text.includes('\\')) return undefined;
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean) name[part as keyof CslName] = clean;
  }
  return name.family ? name : undefined;
}

/** `{World Health Organization}`: the whole name is one brace group. */
function isOneBraceGroup(name: string): boolean {
  // Stryker disable next-line StringLiteral: without this early check the loop finds no single group for such a name either
  if (!name.startsWith('{') || !name.endsWith('}')) return false;
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '\\') i++;
    else if (name[i] === '{') depth++;
    else if (name[i] === '}' && --depth === 0) return i === name.length - 1;
  }
  return false;
}

function andAt(s: string, i: number): number {
  const match = /^\s+and\s+/i.exec(s.slice(i, i + 8));
  return match ? match[0].length : 0;
}

function commaAt(s: string, i: number): number {
  return s[i] === ',' ? 1 : 0;
}

/** Splits at separators found at brace depth 0; `sepAt` returns the separator length at `i` (0 when none). */
function splitTopLevel(s: string, sepAt: (s: string, i: number) => number): string[] {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const len = sepAt(s, i);
      if (len > 0) {
        out.push(s.slice(last, i));
        last = i + len;
        i += len - 1;
      }
    }
  }
  out.push(s.slice(last));
  return out;
}
