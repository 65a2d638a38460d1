/**
 * The reader's notes pane edits a note's body while the same note may change elsewhere: typed in
 * an editor, its status set, a highlight added, rewritten by another program. The pane sends
 * the body it started from (`base`) and its text (`next`); this module merges that into the
 * note's current body as a three-way merge with `base` as the common ancestor:
 *
 * - the pane's changes (`base` → `next`) and the other changes (`base` → current) are computed by
 *   a word-level diff;
 * - a pane change whose region of `base` nothing else touched is applied there (offsets mapped
 *   through the other changes), as `TextEdit`s of the current text, never a rewrite;
 * - a pane change that collides with another change is a real conflict: the current text stays
 *   as it is, and the pane's version of the lines involved is added, verbatim in a fenced block,
 *   in a "Notes pane conflict" section at the end of the body. Nothing typed is dropped.
 *
 * Bodies travel with `\n` line breaks (a browser textarea has no others); `planBodyEdit` maps the
 * result back onto the note's own line endings and front matter. Pure: no I/O, no clock.
 */
import { diffTexts } from '../../shared/text-diff';
import { scanMarkdownLines } from './markdown-lines';
import { parseNote } from './note-front-matter';
import { applyTextEdits, lineEndingOf, normalizeEdits, type TextEdit } from './text-edit';

export { diffTexts };

/** `\r\n` and lone `\r` as `\n`, as a textarea reports them. */
export const normalizeNewlines = (text: string): string => text.replace(/\r\n?/g, '\n');

/** The note's body as the pane shows it: the text after the front matter, with `\n` line breaks. */
export function noteBodyOf(noteText: string): string {
  return normalizeNewlines(noteText.slice(parseNote(noteText).bodyOffset));
}

// ---- rebase ----------------------------------------------------------------------------------

/** A pane change that collided with another change: the pane's version of the lines it is on. */
export interface PaneConflict {
  /** Whole lines of the pane's text (no final line break). */
  paneText: string;
  /** Offset of those lines' start in the pane's text. */
  start: number;
  /** Offset of their end (before the final line break). */
  end: number;
}

/** The result of {@link rebaseBodyEdit}: what merged cleanly, and what collided. */
export interface BodyRebase {
  /** Edits of the current body bringing in every pane change that collides with nothing. */
  edits: TextEdit[];
  /** The pane's changes that were not applied, for the conflict section. */
  conflicts: PaneConflict[];
}

/**
 * Rebases the pane's change `base` → `next` onto `current` (all three with `\n` line breaks).
 * A pane change identical to a change already in `current` (a re-sent edit) is not applied twice.
 *
 * @example
 * ```ts
 * // The pane changed line 2 while the note gained a line 4 elsewhere: both survive.
 * rebaseBodyEdit('a\nb\nc\n', 'a\nb\nc\nd\n', 'a\nB\nc\n'); // → { edits: [{ start: 2, end: 3, newText: 'B' }], conflicts: [] }
 * // Both changed line 2: the note keeps its version, the pane's is a conflict.
 * rebaseBodyEdit('a\nb\nc\n', 'a\nX\nc\n', 'a\nB\nc\n'); // → { edits: [], conflicts: [{ start: 2, end: 3, paneText: 'B' }] }
 * ```
 */
export function rebaseBodyEdit(base: string, current: string, next: string): BodyRebase {
  if (next === base || next === current) return { edits: [], conflicts: [] };
  const pane = diffTexts(base, next);
  const other = base === current ? [] : diffTexts(base, current);
  const deltaOf = (edit: TextEdit) => edit.newText.length - (edit.end - edit.start);
  /** Where a position of `base` is in `current`; inserts made there by others come before it, unless `before`. */
  const mapStart = (at: number, before = false) =>
    other.reduce((sum, e) => (e.end < at || (e.end === at && !(before && e.start === at)) ? sum + deltaOf(e) : sum), at);
  /** Where the end of a pane range is in `current`; inserts made there by others stay after it. */
  const mapEnd = (at: number) => other.reduce((sum, e) => (e.end < at ? sum + deltaOf(e) : sum), at);

  const edits: TextEdit[] = [];
  const lineRanges: { start: number; end: number }[] = [];
  let shift = 0; // base → next offset shift of the pane changes before this one
  for (const p of pane) {
    // The same change made on both sides (an edit sent again after it was applied) counts once.
    const alreadyThere = other.some((e) => e.start === p.start && e.end === p.end && e.newText === p.newText);
    if (alreadyThere) {
      // Nothing to do.
    } else if (!other.some((e) => collide(base, p, e))) {
      // Lines inserted where the other side inserted part of a line go first.
      const sharedPoint = p.start === p.end ? other.find((e) => e.start === p.start && e.end === p.start) : undefined;
      const start = mapStart(p.start, sharedPoint !== undefined && wholeLines(base, p) && !wholeLines(base, sharedPoint));
      edits.push({ start, end: p.end > p.start ? mapEnd(p.end) : start, newText: p.newText });
    } else {
      lineRanges.push(lineRangeAround(next, p.start + shift, p.start + shift + p.newText.length));
    }
    shift += deltaOf(p);
  }
  const conflicts: PaneConflict[] = [];
  for (const range of lineRanges.sort((x, y) => x.start - y.start)) {
    const last = conflicts[conflicts.length - 1];
    if (last && range.start <= last.end + 1) {
      last.end = Math.max(last.end, range.end);
      last.paneText = next.slice(last.start, last.end);
    } else conflicts.push({ start: range.start, end: range.end, paneText: next.slice(range.start, range.end) });
  }
  return { edits: normalizeEdits(edits), conflicts };
}

/**
 * Whether the pane's edit `p` and another `e` of the same text collide: they change the same
 * characters, one inserts inside what the other replaces, or they merely touch (meet at a point)
 * — unless one of them works on whole lines, like Lectern's highlight blocks or appended lines,
 * which sit next to anything.
 */
function collide(text: string, p: TextEdit, e: TextEdit): boolean {
  if (Math.max(p.start, e.start) < Math.min(p.end, e.end)) return true;
  if (p.start === p.end && e.start < p.start && p.start < e.end) return true;
  if (e.start === e.end && p.start < e.start && e.start < p.end) return true;
  const touching = p.start === e.end || p.end === e.start || p.start === e.start;
  return touching && !wholeLines(text, p) && !wholeLines(text, e);
}

const atLineStart = (text: string, at: number) => at === 0 || text[at - 1] === '\n';

/** Whether an edit works on whole lines: from a line start to a line start (or the end), putting lines (or nothing) there. */
function wholeLines(text: string, edit: TextEdit): boolean {
  if (!atLineStart(text, edit.start) || (edit.newText !== '' && !edit.newText.endsWith('\n'))) return false;
  return edit.start === edit.end ? edit.newText !== '' : edit.end === text.length || text[edit.end - 1] === '\n';
}

/** The whole lines of `text` that `[start, end)` is on. */
function lineRangeAround(text: string, start: number, end: number): { start: number; end: number } {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  let to = end > start && text[end - 1] === '\n' ? end - 1 : text.indexOf('\n', end);
  if (to === -1) to = text.length;
  return { start: from, end: Math.max(from, to) };
}

// ---- the conflict section ---------------------------------------------------------------------

/** The heading of the section {@link conflictSection} appends (level 2, one per conflict). */
export const CONFLICT_HEADING = 'Notes pane conflict';

/**
 * The section keeping the pane's version of conflicting lines, appended to a body ending with
 * `bodyBefore`: a level-2 heading (so it never becomes part of a highlight's comment), a marker
 * comment, an explanation, and each conflict verbatim in a fence longer than any inside it.
 */
export function conflictSection(bodyBefore: string, conflicts: readonly PaneConflict[], when: string): string {
  let lead = '';
  const open = scanMarkdownLines(bodyBefore).openFence;
  if (bodyBefore.length > 0 && !bodyBefore.endsWith('\n')) lead += '\n';
  if (open) lead += `${open}\n`;
  if ((bodyBefore + lead).length > 0 && !/\n\n$/.test(bodyBefore + lead)) lead += '\n';
  const blocks = conflicts.map(({ paneText }) => {
    const longest = Math.max(0, ...[...paneText.matchAll(/~+/g)].map((run) => run[0].length));
    const fence = '~'.repeat(Math.max(4, longest + 1));
    return `${fence}markdown\n${paneText}\n${fence}\n`;
  });
  return (
    `${lead}## ${CONFLICT_HEADING} (${when})\n\n<!-- lectern:conflict -->\n` +
    'This text was changed in the reader’s notes pane and elsewhere (the editor or another program) at the same time. ' +
    'The note above keeps the other change; the pane’s version of the lines is kept below. Merge what you need, then delete this section.\n\n' +
    `${blocks.join('\n')}<!-- /lectern:conflict -->\n`
  );
}

// ---- the whole note --------------------------------------------------------------------------

/** The result of {@link planBodyEdit}: the edits to apply to the note file, and why. */
export interface BodyEditPlan {
  /** `unchanged`: nothing to write; `merged`: every pane change applied; `conflict`: some kept in a conflict section. */
  outcome: 'unchanged' | 'merged' | 'conflict';
  /** Edits of the whole note text, in its own line endings; only its body is touched. */
  edits: TextEdit[];
  /** The pane changes that collided (empty unless `outcome` is `conflict`). */
  conflicts: PaneConflict[];
  /** The note as the pane has it (the current front matter, the pane's body), for a Compare view. */
  paneNote: string;
}

/**
 * What to do with the pane's edit `baseBody` → `newBody` given the note's current text: the
 * rebased edits, offsets shifted past the current front matter and line breaks written the way
 * the note writes them, plus the conflict section when there is a conflict. `when` labels it.
 */
export function planBodyEdit(noteText: string, baseBody: string, newBody: string, when: string): BodyEditPlan {
  const { bodyOffset } = parseNote(noteText);
  const raw = noteText.slice(bodyOffset);
  const current = normalizeNewlines(raw);
  const base = normalizeNewlines(baseBody);
  const next = normalizeNewlines(newBody);
  const eol = lineEndingOf(noteText);
  const paneNote = noteText.slice(0, bodyOffset) + (eol === '\n' ? next : next.replace(/\n/g, eol));
  const { edits, conflicts } = rebaseBodyEdit(base, current, next);
  const all = [...edits];
  if (conflicts.length > 0) {
    const merged = applyTextEdits(current, edits);
    all.push({ start: current.length, end: current.length, newText: conflictSection(merged, conflicts, when) });
  }
  if (all.length === 0) return { outcome: 'unchanged', edits: [], conflicts, paneNote };
  const toRaw = rawOffsets(raw);
  const noteEdits = normalizeEdits(
    all.map((edit) => ({
      start: bodyOffset + toRaw(edit.start),
      end: bodyOffset + toRaw(edit.end),
      newText: eol === '\n' ? edit.newText : edit.newText.replace(/\n/g, eol),
    })),
  );
  return { outcome: conflicts.length > 0 ? 'conflict' : 'merged', edits: noteEdits, conflicts, paneNote };
}

/** Maps offsets of `normalizeNewlines(raw)` to offsets of `raw` (a `\r\n` is one character there). */
function rawOffsets(raw: string): (offset: number) => number {
  const collapsed: number[] = []; // normalized offsets of each `\n` that was `\r\n`
  let removed = 0;
  for (let i = raw.indexOf('\r'); i !== -1; i = raw.indexOf('\r', i + 1)) {
    if (raw[i + 1] === '\n') {
      collapsed.push(i - removed);
      removed++;
    }
  }
  return (offset) => {
    let low = 0;
    let high = collapsed.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (collapsed[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return offset + low;
  };
}
