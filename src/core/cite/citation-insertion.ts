/**
 * What Insert Citation puts where, given a document's text, a cursor and a style:
 *
 * - LaTeX (`latex`, `tex` and friends): `\cite{key}`, key = the paper's citation key, else its
 *   id. With the cursor already inside the braces of a `\cite`-like command (`\citep[p.~3]{…}`,
 *   `\parencite{…}`, `\autocite*{…}`, `\nocite{…}` …) only the key goes in, with the `, `
 *   separators it needs; a cursor inside a key moves to that key's end; a key already
 *   listed inserts nothing.
 * - Markdown, Quarto, R Markdown (and any other language): a Pandoc citation `[@key]` (`pandoc`,
 *   the default; key = the citation key, braced as `@{…}` when Pandoc's rules need it), `@key`
 *   (`at`; a space goes before it when the cursor follows a word character, as `@` must start a
 *   word), `[[id]]` (`wikilink`), or the markdown link of `formatCitation(paper, 'markdown')`
 *   (`link`). Right after a word-starting `@` (`[@|`), only the key (and `]` when the bracket is
 *   still open); inside a bracketed citation `[@a|]`, `; @key`; a key already in it inserts
 *   nothing. Right after `[[`, the id (and `]]` unless it follows).
 */
import type { Paper } from '../model/paper';
import { formatCitation } from './format-citation';
import { canStartCitation, findPandocCitations, pandocKeyAt } from './pandoc-citations';

/**
 * How a citation goes into a markdown (or any non-LaTeX) document: `pandoc` = `[@citekey]`, `at` =
 * `@citekey`, `wikilink` = `[[id]]`, `link` = `[Title](https://…)`. The `lectern.citation.markdownStyle`
 * setting picks one; default `pandoc`, which `pandoc --citeproc` and Quarto resolve from the `.bib`.
 */
export type MarkdownCitationStyle = 'pandoc' | 'at' | 'wikilink' | 'link';

/** Every {@link MarkdownCitationStyle}, in the order settings and pickers list them. */
export const MARKDOWN_CITATION_STYLES: readonly MarkdownCitationStyle[] = ['pandoc', 'at', 'wikilink', 'link'];

/** Where and what to cite: the document, the cursor and the paper. */
export interface CitationInsertionInput {
  /** VS Code language id of the document, e.g. `latex` (gets `\cite{…}`) or `markdown`. */
  languageId: string;
  /** The document's whole text. */
  text: string;
  /** Cursor offset in `text` (UTF-16 code units); clamped to the text. */
  offset: number;
  /** The paper to cite. */
  paper: Paper;
  /** The markdown style (ignored for LaTeX). Default: `pandoc`. */
  style?: MarkdownCitationStyle;
}

/** One insertion: put `text` at `offset` (nothing to replace). */
export interface CitationInsertion {
  /** Where to insert (may differ from the cursor: the end of the key the cursor is in). */
  offset: number;
  /** What to insert; empty when the citation is already there. */
  text: string;
}

const LATEX_LANGUAGES = new Set(['latex', 'tex', 'latex-expl3', 'doctex', 'context', 'rsweave', 'jlweave', 'pweave']);

/** Whether a language gets `\cite{…}` rather than a markdown reference. */
export function isLatexLanguage(languageId: string): boolean {
  return LATEX_LANGUAGES.has(languageId);
}

/** The BibTeX key Insert Citation uses for a paper: its citation key, else its id (`smith2020`, `2403.01234`). */
export function citeKeyOf(paper: Pick<Paper, 'id' | 'citeKey'>): string {
  return paper.citeKey?.trim() || paper.id;
}

/**
 * What Insert Citation puts where (the rules are in this file's header comment).
 *
 * @example
 * ```ts
 * citationInsertion({ languageId: 'latex', text: 'as shown \\citep{smith2020}', offset: 25, paper });
 * // → { offset: 25, text: ', 2403.01234' }   (inside the braces: only the key, with its separator)
 * citationInsertion({ languageId: 'markdown', text: 'see ', offset: 4, paper });
 * // → { offset: 4, text: '[@smith2020]' }
 * citationInsertion({ languageId: 'markdown', text: 'see', offset: 3, paper, style: 'at' });
 * // → { offset: 3, text: ' @smith2020' }   (`@` must start a word)
 * ```
 */
export function citationInsertion(input: CitationInsertionInput): CitationInsertion {
  const offset = Math.max(0, Math.min(input.offset, input.text.length));
  return isLatexLanguage(input.languageId)
    ? latexInsertion(input.text, offset, citeKeyOf(input.paper))
    : markdownInsertion(input.text, offset, input.paper, input.style ?? 'pandoc');
}

// ---------------------------------------------------------------------------------------------
// LaTeX

/** How far back from the cursor to look for an open `\cite…{`. */
const LOOK_BACK = 2000;
/** A citation command and its optional arguments, just before `{`: `\citep*[see][p.~3]`. */
const CITE_COMMAND = /\\[A-Za-z]*cite[A-Za-z]*\*?\s*(?:\[[^[\]{}]*\]\s*){0,2}$/;
const KEY_CHAR = /[^\s,{}%\\]/;

function latexInsertion(text: string, offset: number, key: string): CitationInsertion {
  const open = openCiteBrace(text, offset);
  if (open === undefined) return { offset, text: `\\cite{${key}}` };
  const close = closingBrace(text, offset);
  const keys = text
    .slice(open + 1, close ?? offset)
    .split(',')
    .map((k) => k.trim());
  if (keys.includes(key)) return { offset, text: '' };
  // Inside a key: move to its end.
  let at = offset;
  while (at < text.length && at > open + 1 && KEY_CHAR.test(text[at - 1]) && KEY_CHAR.test(text[at])) at++;
  const previous = lastNonSpace(text, open + 1, at);
  const next = firstNonSpace(text, at, close ?? text.length);
  const afterSeparator = previous === undefined || previous === ',';
  const beforeSeparator = next === undefined || next === ',' || next === '}';
  let insert = key;
  if (!afterSeparator) insert = `, ${insert}`;
  else if (previous === ',' && at > 0 && text[at - 1] === ',') insert = ` ${insert}`;
  if (!beforeSeparator) insert = `${insert}, `;
  return { offset: at, text: insert };
}

/** Offset of the `{` of a `\cite…{` whose argument the cursor is in, if any. */
function openCiteBrace(text: string, offset: number): number | undefined {
  const from = Math.max(0, offset - LOOK_BACK);
  for (let i = offset - 1; i >= from; i--) {
    const ch = text[i];
    if (ch === '}' || (ch === '\n' && text[i - 1] === '\n')) return undefined; // a closed group or a paragraph break
    if (ch === '{') return CITE_COMMAND.test(text.slice(Math.max(0, i - 200), i)) ? i : undefined;
  }
  return undefined;
}

function closingBrace(text: string, offset: number): number | undefined {
  for (let i = offset; i < Math.min(text.length, offset + LOOK_BACK); i++) {
    if (text[i] === '}') return i;
    if (text[i] === '{') return undefined;
  }
  return undefined;
}

function lastNonSpace(text: string, from: number, to: number): string | undefined {
  for (let i = to - 1; i >= from; i--) if (!/\s/.test(text[i])) return text[i];
  return undefined;
}

function firstNonSpace(text: string, from: number, to: number): string | undefined {
  for (let i = from; i < to; i++) if (!/\s/.test(text[i])) return text[i];
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Before an `@`, these make it part of a word, so a space must separate them (as in `findReferences`). */
const JOINS_AT = /[\p{L}\p{N}\p{M}_.\-+/@=:&%\\~`]/u;

/** A citation key as Pandoc reads it: bare when its rules allow, else braced (`@{my key.}`). */
export function pandocKey(paper: Pick<Paper, 'id' | 'citeKey'>): string {
  const key = citeKeyOf(paper);
  return pandocKeyAt(key, 0) === key ? key : `{${key}}`;
}

function markdownInsertion(text: string, offset: number, paper: Paper, style: MarkdownCitationStyle): CitationInsertion {
  const before = text.slice(Math.max(0, offset - 2), offset);
  const previous = offset > 0 ? text[offset - 1] : '';
  const afterAt = previous === '@' && canStartCitation(text, offset - 1);
  switch (style) {
    case 'pandoc':
      return pandocInsertion(text, offset, paper, afterAt);
    case 'at': {
      if (afterAt) return { offset, text: pandocKey(paper) };
      return { offset, text: `${previous && JOINS_AT.test(previous) ? ' ' : ''}@${pandocKey(paper)}` };
    }
    case 'link':
      return { offset, text: formatCitation(paper, 'markdown') };
    case 'wikilink':
    default:
      if (before === '[[') return { offset, text: text.startsWith(']]', offset) ? paper.id : `${paper.id}]]` };
      return { offset, text: `[[${paper.id}]]` };
  }
}

/** `[@key]`; only the key right after `[@`; `; @key` inside a bracketed citation. */
function pandocInsertion(text: string, offset: number, paper: Paper, afterAt: boolean): CitationInsertion {
  const key = pandocKey(paper);
  const group = bracketedGroupAround(text, offset);
  if (afterAt) {
    const needsClose = text[offset - 2] === '[' && !/^[^[\]\n]*\]/.test(text.slice(offset));
    return { offset, text: needsClose ? `${key}]` : key };
  }
  if (!group) return { offset, text: `[@${key}]` };
  const bare = key.replace(/^\{|\}$/g, '');
  if (group.keys.includes(bare)) return { offset, text: '' };
  const previous = text.slice(group.open + 1, offset).trimEnd();
  if (previous === '') return { offset, text: `@${key}; ` };
  if (!previous.endsWith(';')) return { offset, text: `; @${key}` };
  return { offset, text: `${/\s/.test(text[offset - 1]) ? '' : ' '}@${key}` };
}

/** The bracketed citation `[…@…]` on the cursor's line that the cursor is inside, with its keys. */
function bracketedGroupAround(text: string, offset: number): { open: number; keys: string[] } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline === -1 ? text.length : newline;
  const open = text.lastIndexOf('[', offset - 1);
  const close = text.indexOf(']', offset);
  if (open < lineStart || close === -1 || close > lineEnd || text.slice(open + 1, offset).includes(']')) return undefined;
  if (text.slice(offset, close).includes('[')) return undefined;
  const line = text.slice(lineStart, lineEnd);
  const inside = findPandocCitations(line).filter((c) => c.bracketed && c.markerStart > open - lineStart && c.end <= close - lineStart);
  return inside.length > 0 ? { open, keys: inside.map((c) => c.key) } : undefined;
}
