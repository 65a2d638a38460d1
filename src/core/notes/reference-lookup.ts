/**
 * Editor helpers over `findReferences`: the reference under a cursor, the id's own range inside
 * `[[…]]`, line/column and a one-line preview of each mention (backlinks, Find All References),
 * and what a completion after `[[` or `@` should query and replace. Pure text in, offsets out.
 */
import { findReferences, type NoteReference } from './note-references';

/** A reference with 0-based line/character positions and its line as a preview. */
export interface ReferenceMention extends NoteReference {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** The mention's line, whitespace collapsed, cut to about `PREVIEW_WIDTH` characters around it. */
  preview: string;
}

const PREVIEW_WIDTH = 120;

/**
 * The reference that contains `offset`: `start <= offset < end`, or `offset === end` too when
 * `touchingEnd` (a cursor just after `@id` or `]]` still means that reference).
 */
export function referenceAt(
  text: string,
  offset: number,
  options: { touchingEnd?: boolean; references?: NoteReference[] } = {},
): NoteReference | undefined {
  const references = options.references ?? findReferences(text);
  return references.find((ref) => ref.start <= offset && (offset < ref.end || (options.touchingEnd === true && offset === ref.end)));
}

/** `[start, end)` of the id itself: inside `[[ id|alias ]]`, or after the `@`. */
export function idRange(text: string, reference: NoteReference): [number, number] {
  if (reference.kind === 'at') return [reference.start + 1, reference.end];
  const inner = reference.start + 2;
  const at = text.indexOf(reference.id, inner);
  return at === -1 || at >= reference.end ? [inner, reference.end - 2] : [at, at + reference.id.length];
}

/** Line, character and preview of each reference (sorted by `start`, as `findReferences` gives them). */
export function mentionsWithLines(text: string, references: readonly NoteReference[]): ReferenceMention[] {
  const mentions: ReferenceMention[] = [];
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  const advance = (offset: number) => {
    for (let i = text.indexOf('\n', scanned); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = Math.max(scanned, lineStart);
  };
  for (const reference of [...references].sort((a, b) => a.start - b.start)) {
    advance(reference.start);
    const startLine = line;
    const startCharacter = reference.start - lineStart;
    const startLineStart = lineStart;
    advance(reference.end);
    mentions.push({
      ...reference,
      line: startLine,
      character: startCharacter,
      endLine: line,
      endCharacter: reference.end - lineStart,
      preview: previewAround(text, startLineStart, reference.start, reference.end),
    });
  }
  return mentions;
}

/** The mentions of one paper in `text`. */
export function mentionsOf(text: string, paperId: string): ReferenceMention[] {
  return mentionsWithLines(
    text,
    findReferences(text).filter((ref) => ref.id === paperId),
  );
}

function previewAround(text: string, lineStart: number, start: number, end: number): string {
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const from = start - lineStart;
  const to = Math.min(line.length, end - lineStart);
  if (line.length <= PREVIEW_WIDTH) return line.replace(/\s+/g, ' ').trim();
  const room = Math.max(0, PREVIEW_WIDTH - (to - from));
  let cutStart = Math.max(0, from - Math.floor(room / 2));
  const cutEnd = Math.min(line.length, cutStart + Math.max(PREVIEW_WIDTH, to - from));
  cutStart = Math.max(0, Math.min(cutStart, cutEnd - PREVIEW_WIDTH));
  const body = line.slice(cutStart, cutEnd).replace(/\s+/g, ' ').trim();
  return `${cutStart > 0 ? '…' : ''}${body}${cutEnd < line.length ? '…' : ''}`;
}

/** What a completion at the cursor should do: search `query`, replace `[replaceStart, replaceEnd)` of the line. */
export interface ReferenceCompletionContext {
  /** What the user is typing: a `[[wikilink` or an `@id`. */
  kind: 'wikilink' | 'at';
  /** The typed part of the id or title (may be empty). */
  query: string;
  /** Column in the line just after `[[` or `@`: where the completed id goes. */
  replaceStart: number;
  /** Column of the end of the id-like text at the cursor (at or after the cursor). */
  replaceEnd: number;
  /** For a wikilink: whether `]]` must be added (the line has none right after the replaced text). */
  needsClose: boolean;
}

/** Characters that, before an `@`, make it part of a word (an e-mail, a URL), as `findReferences` rules. */
const NOT_AT_START = /[\p{L}\p{N}\p{M}_.\-+/@=:&%\\~`]/u;

/**
 * The completion context for a cursor at column `cursor` of `line`, or undefined when the
 * cursor is not right after `[[…` or a word-starting `@…`. A wikilink query is the text typed
 * after `[[` (up to `|`, `#` or `]`), an `@` query the id-like characters typed after `@`.
 *
 * @example
 * ```ts
 * referenceCompletionContext('see [[atten', 11);
 * // → { kind: 'wikilink', query: 'atten', replaceStart: 6, replaceEnd: 11, needsClose: true }
 * ```
 */
export function referenceCompletionContext(line: string, cursor: number): ReferenceCompletionContext | undefined {
  const before = line.slice(0, cursor);
  const wiki = /\[\[([^[\]|#\n]*)$/.exec(before);
  if (wiki && !isEscapedAt(before, wiki.index)) {
    const replaceStart = cursor - wiki[1].length;
    const rest = /^[^[\]|#\s]*/.exec(line.slice(cursor))![0];
    const replaceEnd = cursor + rest.length;
    const after = line.slice(replaceEnd);
    return { kind: 'wikilink', query: wiki[1].trim(), replaceStart, replaceEnd, needsClose: !/^\s*(?:[|#][^[\]]*)?\]\]/.test(after) };
  }
  const at = /@([\p{L}\p{N}._:-]*)$/u.exec(before);
  if (at) {
    const previous = at.index > 0 ? before[at.index - 1] : '';
    if (previous && NOT_AT_START.test(previous)) return undefined;
    if (isEscapedAt(before, at.index)) return undefined;
    const rest = /^[\p{L}\p{N}._:-]*/u.exec(line.slice(cursor))![0];
    return { kind: 'at', query: at[1], replaceStart: cursor - at[1].length, replaceEnd: cursor + rest.length, needsClose: false };
  }
  return undefined;
}

function isEscapedAt(text: string, offset: number): boolean {
  let slashes = 0;
  for (let i = offset - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/**
 * A title cut at a word boundary to about `max` characters (default 48), with `…` when cut.
 * Example: `shortTitle('See What You Are Told: Visual Attention Sink in Large Multimodal Models', 30)` → `'See What You Are Told: Visual…'`.
 */
export function shortTitle(title: string, max = 48): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,:;.–—-]+$/, '')}…`;
}
