/**
 * LaTeX citations: the `\cite` family of LaTeX, natbib and biblatex — `\cite`, `\citep`,
 * `\citet`, `\citealp`, `\citeauthor`, `\parencite`, `\textcite`, `\autocite`, `\footcite`,
 * `\smartcite`, `\nocite`, capitalised and starred forms — with up to two optional `[pre][post]`
 * arguments and comma-separated keys (`\citep[see][p.~4]{a, b}`), and biblatex multicites
 * (`\cites(pre)(post)[p.~1]{a}[ch.~2]{b,c}`). Comments (`%` to the end of the line, not `\%`)
 * and `verbatim`-like environments are skipped.
 */

/** One cited key in a LaTeX text. Offsets are UTF-16 indices into that text. */
export interface LatexCitation {
  /** The key, trimmed (`smith2020`). */
  key: string;
  /** Offset of the key's first character. */
  start: number;
  /** Offset just after the key. */
  end: number;
  /** The command without backslash or star: `citep`, `parencites`. */
  command: string;
}

/** `\cite…` and `\…cite…` commands (`\citep`, `\parencite`, `\Textcites`, `\nocite`); never `\citation` (an .aux line), which has no `cite`. */
const COMMAND = /\\([A-Za-z]*[cC]ite[A-Za-z]*)\*?/g;
/** What cannot be inside a group of keys: a group that holds one was not closed where it seems to be. */
const KEYS_NOT_CLOSED = /[{\\]|\n[ \t]*\r?\n/;
/** Verbatim-like environments whose content is not LaTeX. */
const VERBATIM = /\\begin\{(verbatim\*?|lstlisting|minted|comment)\}/g;

/**
 * The text with comments and verbatim environments blanked out (same length, so offsets hold).
 *
 * @example
 * ```ts
 * withoutComments('a % \\cite{x}\nb'); // → 'a           \nb'
 * ```
 */
export function withoutComments(text: string): string {
  let out = text.replace(/(^|[^\\])((?:\\\\)*)%[^\n]*/g, (match, lead: string, slashes: string) => {
    const kept = lead + slashes;
    return kept + ' '.repeat(match.length - kept.length);
  });
  for (let match = VERBATIM.exec(out); match; match = VERBATIM.exec(out)) {
    const endTag = `\\end{${match[1]}}`;
    const close = out.indexOf(endTag, match.index + match[0].length);
    const end = close === -1 ? out.length : close + endTag.length;
    out = out.slice(0, match.index) + out.slice(match.index, end).replace(/[^\n]/g, ' ') + out.slice(end);
    VERBATIM.lastIndex = end;
  }
  return out;
}

/**
 * Every key cited in a LaTeX text, in order (`\nocite{*}` cites no key).
 *
 * @example
 * ```ts
 * findLatexCitations('\\citep[p.~4]{a, b}').map((c) => [c.key, c.start]); // → [['a', 13], ['b', 16]]
 * ```
 */
export function findLatexCitations(text: string): LatexCitation[] {
  const clean = withoutComments(text);
  const found: LatexCitation[] = [];
  COMMAND.lastIndex = 0;
  for (let match = COMMAND.exec(clean); match; match = COMMAND.exec(clean)) {
    const command = match[1];
    if (isEscapedCommand(clean, match.index)) continue;
    const multi = /cites$/.test(command);
    let at = match.index + match[0].length;
    if (multi) for (let n = 0; n < 2; n++) at = skipGroup(clean, at, '(', ')') ?? at;
    do {
      for (let n = 0; n < 2; n++) at = skipGroup(clean, at, '[', ']') ?? at;
      const open = skipSpace(clean, at);
      if (clean[open] !== '{') break;
      const close = clean.indexOf('}', open + 1);
      // Keys hold no brace, backslash or paragraph break: `\cite{a, b` still being typed is not a citation of the
      // text up to the next command's `}` (which would warn of papers named "and" or "\citet{c").
      if (close === -1 || KEYS_NOT_CLOSED.test(clean.slice(open + 1, close))) break;
      found.push(...keysIn(clean, open + 1, close, command));
      at = close + 1;
    } while (multi && /^\s*[[{]/.test(clean.slice(at, at + 64)));
    COMMAND.lastIndex = Math.max(COMMAND.lastIndex, at);
  }
  return found;
}

function isEscapedCommand(text: string, backslash: number): boolean {
  let slashes = 0;
  for (let i = backslash - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /[ \t\r\n]/.test(text[at])) at++;
  return at;
}

/** After a balanced `open…close` group starting at `at` (spaces allowed before it), or undefined when none starts there. */
function skipGroup(text: string, at: number, open: string, close: string): number | undefined {
  const start = skipSpace(text, at);
  if (text[start] !== open) return undefined;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === open) depth++;
    else if (text[i] === close && --depth === 0) return i + 1;
  }
  return undefined;
}

function keysIn(text: string, from: number, to: number, command: string): LatexCitation[] {
  const keys: LatexCitation[] = [];
  const pattern = /[^,\s]+/g;
  const inside = text.slice(from, to);
  for (let match = pattern.exec(inside); match; match = pattern.exec(inside)) {
    if (match[0] === '*') continue;
    keys.push({ key: match[0], start: from + match.index, end: from + match.index + match[0].length, command });
  }
  return keys;
}

/** What a completion inside `\cite…{` should search and replace (offsets into the text). */
export interface LatexCompletionContext {
  /** The key typed so far at the cursor (may be empty). */
  query: string;
  /** Offset where the key starts (after `{`, `,` and spaces). */
  replaceStart: number;
  /** Offset of the end of the key at the cursor. */
  replaceEnd: number;
}

/** A citation command and its optional arguments, ending at an opening `{` of keys. */
const OPEN_CITE =
  /\\([A-Za-z]*[cC]ite[A-Za-z]*)\*?\s*(?:\([^()]*\)\s*){0,2}((?:(?:\[[^[\]{}]*\]\s*){0,2}\{[^{}]*\}\s*)*)(?:\[[^[\]{}]*\]\s*){0,2}\{([^{}]*)$/;

/**
 * The completion context of a cursor at `offset`, inside the key braces of a citation command, or undefined.
 *
 * @example
 * ```ts
 * latexCompletionContext('\\citep[p.~2]{a, vas', 19); // → { query: 'vas', replaceStart: 16, replaceEnd: 19 }
 * ```
 */
export function latexCompletionContext(text: string, offset: number): LatexCompletionContext | undefined {
  const before = withoutComments(text.slice(Math.max(0, offset - 500), offset));
  const match = OPEN_CITE.exec(before);
  if (!match || /\n\s*\n/.test(match[3])) return undefined;
  // Only a multicite (`\cites`) reads a second group of keys, as `findLatexCitations` does.
  if (match[2] && !/cites$/.test(match[1])) return undefined;
  const typed = /[^,\s{]*$/.exec(match[3])![0];
  const rest = /^[^,\s{}%]*/.exec(text.slice(offset))![0];
  return { query: typed, replaceStart: offset - typed.length, replaceEnd: offset + rest.length };
}
