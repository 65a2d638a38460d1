/**
 * References to papers in markdown: `[[paper-id]]`, `[[paper-id|alias]]`, `[[paper-id#heading]]`
 * and `@paper-id` (Pandoc-style, also inside `[@a; @b]`). Not inside fenced code, code spans or
 * HTML comments (so highlight anchors never count). An `@` must start a word — `a@b.com` and
 * `https://host/@user` are not references — and an `@` id drops a trailing `.` or `-`
 * (`see @2403.01234.` → `2403.01234`). Ids are `[a-z0-9._-]+`, as `paper-id.ts` makes them; a
 * citekey (`[[Smith2020]]`, `[[@Smith2020]]`, `@vaswani2017AttentionAllYou`, `[[smith:2020]]`) is found the same way,
 * with the letters, digits and inner punctuation Pandoc allows in a key (`@` keys: `. : -` only).
 * Whether a reference names a paper is for the caller to resolve (`PaperLibrary.resolve`).
 */
import { isBlank, scanMarkdownLines } from './markdown-lines';

/** One reference to a paper in a markdown text. */
export interface NoteReference {
  /** The paper id or citekey referred to, as written. */
  id: string;
  /** Offset where the whole reference starts: `[[…]]`, or `@` and the id. */
  start: number;
  /** Offset just after it. */
  end: number;
  /** `wikilink` for `[[id]]` (with any `|alias` or `#heading`), `at` for `@id`. */
  kind: 'wikilink' | 'at';
}

/** A paper id or citekey inside `[[…]]` (`#` and `|` end it there: heading and alias). */
const WIKILINK_KEY = /^[\p{L}\p{N}_][\p{L}\p{N}_:.$%&+?~/-]*$/u;
/** A paper id or citekey after `@`. */
const AT_KEY = /^[\p{L}\p{N}_][\p{L}\p{N}_.:-]*$/u;

/**
 * Every paper reference in `text`, in order.
 *
 * @example
 * ```ts
 * findReferences('See [[2403.01234|the sink paper]] and @smith2020.');
 * // → [{ id: '2403.01234', start: 4, end: 33, kind: 'wikilink' }, { id: 'smith2020', start: 38, end: 48, kind: 'at' }]
 * ```
 */
export function findReferences(text: string): NoteReference[] {
  const hidden = hiddenRanges(text);
  const references: NoteReference[] = [];
  let h = 0;
  const isHidden = (offset: number) => {
    while (h < hidden.length && hidden[h][1] <= offset) h++;
    return h < hidden.length && hidden[h][0] <= offset;
  };
  const pattern = /\[\[([^[\]\n]+)\]\]|@([\p{L}\p{N}_][\p{L}\p{N}_.:-]*)/gu;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    if (isEscaped(text, start) || isHidden(start)) continue;
    if (match[1] !== undefined) {
      // `[[@smith2020]]`: Obsidian's link to the `@citekey.md` literature note names that paper.
      const id = match[1].split(/[|#]/)[0].trim().replace(/^@/, '');
      if (WIKILINK_KEY.test(id)) references.push({ id, start, end: start + match[0].length, kind: 'wikilink' });
      continue;
    }
    const before = start > 0 ? text[start - 1] : '';
    if (before && /[\p{L}\p{N}\p{M}_.\-+/@=:&%\\~`]/u.test(before)) continue;
    const after = text[start + match[0].length] ?? '';
    if (/[\p{L}\p{N}\p{M}_@]/u.test(after)) continue;
    const id = match[2].replace(/[.:-]+$/, '');
    if (!AT_KEY.test(id)) continue;
    references.push({ id, start, end: start + 1 + id.length, kind: 'at' });
  }
  return references;
}

function isEscaped(text: string, offset: number): boolean {
  let slashes = 0;
  for (let i = offset - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** Sorted `[start, end)` ranges of fenced code, code spans and HTML comments (they may overlap). */
export function hiddenRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const { lines } = scanMarkdownLines(text);
  // Paragraph-like runs of lines outside fences: code spans and comments do not cross them.
  let runStart = -1;
  const flush = (end: number) => {
    if (runStart >= 0) inlineHidden(text, runStart, end, ranges);
    runStart = -1;
  };
  for (const line of lines) {
    if (line.inFence) {
      flush(line.start);
      ranges.push([line.start, line.next]);
    } else if (isBlank(line.text)) {
      flush(line.start);
    } else if (runStart < 0) runStart = line.start;
  }
  flush(text.length);
  // HTML comments may run across blank lines; only those starting outside fenced code count.
  const fences = ranges.slice();
  for (let at = text.indexOf('<!--'); at !== -1; at = text.indexOf('<!--', at + 4)) {
    if (fences.some(([start, end]) => start <= at && at < end)) continue;
    const close = text.indexOf('-->', at + 4);
    const end = close === -1 ? text.length : close + 3;
    ranges.push([at, end]);
    at = end - 4;
  }
  // Sorted by start; ranges may overlap (a comment holding backticks), which `isHidden` allows.
  ranges.sort((a, b) => a[0] - b[0]);
  return ranges;
}

/** Code spans in `text[from, to)`: a run of n backticks to the next run of exactly n. */
function inlineHidden(text: string, from: number, to: number, ranges: Array<[number, number]>): void {
  let i = from;
  while (i < to) {
    if (text[i] !== '`' || isEscaped(text, i)) {
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    let j = i + n;
    let end = -1;
    while (j < to) {
      const next = text.indexOf('`', j);
      if (next === -1 || next >= to) break;
      let m = 0;
      while (text[next + m] === '`') m++;
      if (m === n) {
        end = next + m;
        break;
      }
      j = next + m;
    }
    if (end === -1) i += n;
    else {
      ranges.push([i, end]);
      i = end;
    }
  }
}
