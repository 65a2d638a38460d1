import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { eventually, lectern, workspaceFolder } from './lectern-api';

const PAPER = 'hidenseek-federated-lottery-ticket-via-server-side-pruning';
const encode = (text: string) => [...new TextEncoder().encode(text)];

/** A note with a UTF-8 byte-order mark, CRLF line breaks and a Latin-1 `é` (the lone byte 0xE9) in its body. */
const noteBytes = (status: string) =>
  new Uint8Array([
    0xef,
    0xbb,
    0xbf,
    ...encode(`---\r\npaper: ${PAPER}\r\nstatus: ${status}\r\n---\r\n# Caf`),
    0xe9,
    ...encode(' au lait\r\n'),
  ]);

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

describe('notes written back byte for byte', () => {
  const note = () => vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes', `${PAPER}.md`);

  // Leave the workspace as it was, even after a failure: a later suite searches `status:reading`.
  after(async () => {
    await vscode.workspace.fs.delete(note()).then(undefined, () => undefined);
    const { services } = await lectern();
    await eventually('the note forgotten', () => !services.notes.status(PAPER).hasNote);
  });

  it('Set Status on a closed note keeps its BOM and its Latin-1 byte', async () => {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes'));
    await vscode.workspace.fs.writeFile(note(), noteBytes('to-read'));
    const { services } = await lectern();
    await eventually('the note indexed', () => services.notes.status(PAPER).status === 'to-read');
    await vscode.commands.executeCommand('lectern.setStatus', PAPER, 'reading');
    const after = await eventually('the new status on disk', async () => {
      const bytes = await vscode.workspace.fs.readFile(note());
      return new TextDecoder().decode(bytes).includes('status: reading') && bytes;
    });
    assert.deepEqual([...after], [...noteBytes('reading')]);
    assert.equal(services.notes.status(PAPER).status, 'reading');
  });

  it('an open note whose save would replace the Latin-1 byte is left unchanged, with a message naming the file and line', async () => {
    await vscode.workspace.fs.writeFile(note(), noteBytes('reading'));
    const document = await vscode.workspace.openTextDocument(note());
    await vscode.window.showTextDocument(document);
    try {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('lectern.setStatus', PAPER, 'read')),
        /Lectern: papers\/notes\/hidenseek-federated-lottery-ticket-via-server-side-pruning\.md was left unchanged: line 5 has bytes that are not valid UTF-8/,
      );
      assert.ok(sameBytes(await vscode.workspace.fs.readFile(note()), noteBytes('reading')), 'the file is unchanged');
      assert.equal(document.isDirty, false);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('a note with an alias bomb and one with an undefined alias are reported in Problems, at their lines; the other notes still work', async () => {
    const folder = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes');
    const bomb = vscode.Uri.joinPath(folder, 'hostile-bomb.md');
    const levels = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcde'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcd'[i]}`).join(', ')}]`),
    ];
    await vscode.workspace.fs.writeFile(bomb, new TextEncoder().encode(`---\n${levels.join('\n')}\n---\n`));
    const undefinedAlias = vscode.Uri.joinPath(folder, 'hostile-alias.md');
    await vscode.workspace.fs.writeFile(undefinedAlias, new TextEncoder().encode('---\nmirror: *nope\n---\n'));
    const bombProblem = await eventually('the bomb reported', () =>
      vscode.languages.getDiagnostics(bomb).find((d) => /alias bomb/.test(d.message)),
    );
    assert.equal(bombProblem.range.start.line, 4, 'line 5: `d:`, the first key over the alias limit');
    const aliasProblem = await eventually('the undefined alias reported', () =>
      vscode.languages.getDiagnostics(undefinedAlias).find((d) => /`\*nope` has no `&nope` anchor/.test(d.message)),
    );
    assert.equal(aliasProblem.range.start.line, 1);
    const { services } = await lectern();
    assert.equal(services.notes.status(PAPER).status, 'reading', 'the good note is still indexed');
    for (const uri of [bomb, undefinedAlias]) await vscode.workspace.fs.delete(uri);
  });

  it('Set Status on a note the index has not seen yet (written by another program a moment ago) edits that note, never a second one', async () => {
    const paper = 'adaptive-coding-efficiency-in-recurrent-cortical-circuits';
    const folder = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes');
    const own = vscode.Uri.joinPath(folder, `${paper}.md`);
    const second = vscode.Uri.joinPath(folder, `${paper}-2.md`);
    const { services } = await lectern();
    await eventually('the notes index loaded', () => services.notes.status(PAPER).hasNote);
    // Written behind VS Code's back and edited at once: the watcher has not told the index yet.
    writeFileSync(own.fsPath, `---\npaper: ${paper}\nstatus: to-read\n---\n# Mine\n`);
    try {
      await vscode.commands.executeCommand('lectern.setStatus', paper, 'read');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(own)), `---\npaper: ${paper}\nstatus: read\n---\n# Mine\n`);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(second)), 'no second note was made');
      assert.equal(services.notes.status(paper).status, 'read');
    } finally {
      // The file watcher folds a create and a delete that come close together into nothing: let it
      // report the create first, so that the delete reaches the notes index.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (const uri of [own, second]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      await eventually('the note forgotten', () => !services.notes.status(paper).hasNote);
    }
  });
});
