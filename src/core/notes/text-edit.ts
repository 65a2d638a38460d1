/**
 * A replacement of `[start, end)` of a text by `newText`, in offsets (UTF-16 code units) of the
 * text the edit was computed on. Lectern's note functions return these rather than new text so
 * the VS Code adapter can apply them as one `WorkspaceEdit` on an open, possibly dirty document.
 */
import * as l10n from '@vscode/l10n';
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Sorts edits and merges those that touch or share a position into one, so the result never
 * has two edits at one offset (VS Code rejects overlapping ranges and orders same-position
 * inserts by array order). Inserts at one position keep the order they were given in, and come
 * before a replacement starting there (an insert "after" the text ending at that point).
 * Throws on truly overlapping edits: that is a bug in the caller.
 */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .filter(({ edit }) => edit.start !== edit.end || edit.newText !== '')
    .sort((a, b) => a.edit.start - b.edit.start || isRange(a.edit) - isRange(b.edit) || a.order - b.order)
    .map(({ edit }) => edit);
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    if (edit.start > edit.end) throw new Error(l10n.t('Lectern: bad edit [{0}, {1})', edit.start, edit.end));
    const last = merged[merged.length - 1];
    if (last && edit.start < last.end) throw new Error(l10n.t('Lectern: overlapping edits at {0}', edit.start));
    if (last && edit.start === last.end) {
      merged[merged.length - 1] = { start: last.start, end: edit.end, newText: last.newText + edit.newText };
    } else merged.push({ ...edit });
  }
  return merged;
}

const isRange = (edit: TextEdit) => (edit.end > edit.start ? 1 : 0);

/** Applies edits computed on `text` (any order, non-overlapping) and returns the new text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of normalizeEdits(edits)) {
    if (edit.end > text.length)
      throw new Error(l10n.t('Lectern: edit [{0}, {1}) is past the end of the text ({2})', edit.start, edit.end, text.length));
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** The line ending a note uses: its first one, `\n` when it has none. */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** A problem found in a note, at a 1-based line and column of the note's text. */
export interface NoteProblem {
  line: number;
  column: number;
  /** Starts with `Lectern:` and says what to fix. */
  message: string;
}
