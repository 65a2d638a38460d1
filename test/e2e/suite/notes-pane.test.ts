import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { noteBodyOf, planBodyEdit } from '../../../src/core/notes/note-body-sync';
import { eventually, lectern, workspaceFolder } from './lectern-api';

const PAPER = 'there-and-back-again-revisiting-backpropagation-saliency';
const decoder = new TextDecoder();

/**
 * The notes pane's merge through the real NoteService into a real document: an open note with
 * unsaved typing and CRLF line endings, edited "at the same time" by the pane.
 */
describe('the notes pane merges into an open, unsaved note', () => {
  it('applies the pane’s change next to the editor’s unsaved typing, in the note’s line endings, without saving it', async () => {
    const { services, library } = await lectern();
    await library.ensureLoaded();
    const notes = services.notes;
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes', `${PAPER}.md`);
    const original =
      '---\r\npaper: there-and-back-again-revisiting-backpropagation-saliency\r\nstatus: to-read\r\n---\r\n# There and Back Again\r\n\r\nFirst paragraph.\r\n\r\n## Notes\r\n\r\nSecond paragraph.\r\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    await eventually('the note indexed', () => notes.noteUri(PAPER)?.fsPath === uri.fsPath);
    const base = noteBodyOf(original); // what the pane had

    const editor = await vscode.window.showTextDocument(uri);
    const first = editor.document.getText().indexOf('First paragraph.') + 'First paragraph'.length;
    await editor.edit((edit) => edit.insert(editor.document.positionAt(first), ', typed in the editor'));
    assert.ok(editor.document.isDirty);

    await notes.applyBodyEdits(
      PAPER,
      (text) => planBodyEdit(text, base, base.replace('Second paragraph.', 'Second paragraph, typed in the pane.'), 'now').edits,
    );
    assert.equal(
      editor.document.getText(),
      original
        .replace('First paragraph.', 'First paragraph, typed in the editor.')
        .replace('Second paragraph.', 'Second paragraph, typed in the pane.'),
    );
    assert.ok(editor.document.isDirty, 'still unsaved: Lectern does not save typing it did not make');
    assert.equal(decoder.decode(await vscode.workspace.fs.readFile(uri)), original, 'the file on disk is untouched until the user saves');

    // The same words changed in both places: the editor's stay, the pane's go to the conflict section.
    const before = editor.document.getText();
    const paneBase = noteBodyOf(before);
    const word = before.indexOf('There and Back Again');
    await editor.edit((edit) =>
      edit.replace(
        new vscode.Range(editor.document.positionAt(word), editor.document.positionAt(word + 'There and Back Again'.length)),
        'Back and Forth',
      ),
    );
    let outcome = '';
    await notes.applyBodyEdits(PAPER, (text) => {
      const plan = planBodyEdit(
        text,
        paneBase,
        paneBase.replace('There and Back Again', 'There, and Back Again (pane)'),
        '2026-11-29 12:00',
      );
      outcome = plan.outcome;
      return plan.edits;
    });
    assert.equal(outcome, 'conflict');
    const after = editor.document.getText();
    assert.ok(after.startsWith(before.replace('There and Back Again', 'Back and Forth')), 'the editor’s text is untouched');
    assert.match(
      after,
      /\r\n## Notes pane conflict \(2026-11-29 12:00\)\r\n\r\n<!-- lectern:conflict -->\r\n[^]*\r\n~~~~markdown\r\n# There, and Back Again \(pane\)\r\n~~~~\r\n<!-- \/lectern:conflict -->\r\n$/,
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
