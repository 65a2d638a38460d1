import * as vscode from 'vscode';
import { parseNote } from '../../../core/notes/note-front-matter';
import { referenceAt } from '../../../core/notes/reference-lookup';

/**
 * The paper the active markdown editor is about: with `atCursor`, the `[[id]]` / `@id` at the
 * cursor first; then the note's `paper:` front matter. Undefined outside markdown.
 */
export function paperInActiveEditor(options: { atCursor: boolean }): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') return undefined;
  const text = editor.document.getText();
  const atCursor = options.atCursor
    ? referenceAt(text, editor.document.offsetAt(editor.selection.active), { touchingEnd: true })
    : undefined;
  return atCursor?.id ?? parseNote(text).frontMatter.paper;
}
