/**
 * Author and editor names of BibTeX entries as display text ("First von Last Jr"): from the parser's
 * creators when it read the entry, else split the simple way BibTeX itself does.
 */
import type { Creator } from '@retorquere/bibtex-parser';
import { bibText } from './bibtex-text';

/** Names read by the parser, in display order; `others` (BibTeX's "et al.") is dropped. */
export function creatorNames(creators: Creator[] | undefined): string[] | undefined {
  return creators
    ?.map((c) => (c.name ? c.name : [c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' ')))
    .filter((name) => !/^others$/i.test(name.trim()))
    .map(bibText)
    .filter(Boolean);
}

/** Names split without the parser (plain names, or an entry the parser could not read); undefined without a value. */
export function simpleNames(value: string | undefined): string[] | undefined {
  return value ? splitBibtexNames(value).map(bibText).filter(Boolean) : undefined;
}

/**
 * Splits a BibTeX author/editor list the way BibTeX does (` and ` at brace depth 0) and turns each name into
 * "First von Last Jr" order. Used when the parser could not read an entry's names; LaTeX is left for the caller.
 */
function splitBibtexNames(raw: string): string[] {
  const names = splitTopLevel(raw, (s, i) => {
    const m = /^\s+and\s+/i.exec(s.slice(i, i + 8));
    return m ? m[0].length : 0;
  });
  const out: string[] = [];
  for (const name of names) {
    const trimmed = name.trim();
    if (!trimmed || /^\{?others\}?$/i.test(trimmed)) continue;
    const parts = splitTopLevel(trimmed, (s, i) => (s[i] === ',' ? 1 : 0)).map((p) => p.trim());
    if (parts.length >= 3) out.push([parts.slice(2).join(' '), parts[0], parts[1]].filter(Boolean).join(' '));
    else if (parts.length === 2) out.push([parts[1], parts[0]].filter(Boolean).join(' '));
    else out.push(trimmed);
  }
  return out;
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
