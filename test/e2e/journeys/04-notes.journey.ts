import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickRow, runCommand, typeInPick, webviewFrame } from '../harness/browser';
import { journey } from '../harness/journey-runner';

const PANE_LINE = 'Typed in the reader pane: cross-subject alignment is the key idea.';
const EDITOR_LINE = 'Written in the editor: compare with single-subject decoders.';

/** Polls until `read()` returns something `done` accepts; returns it. */
async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

journey(
  'the notes pane under the abstract writes the note as you type, and follows the note when it is edited in the editor',
  async ({ page, workspace, screenshot }) => {
    await typeInPick(page, 'mindbridge', { row: pickRow(page, 'MindBridge'), missing: 'Search Papers did not list MindBridge' });
    await page.keyboard.press('Enter');
    const reader = webviewFrame(page);
    await reader.locator('h1', { hasText: 'MindBridge' }).waitFor({ timeout: 20_000 });
    const paperId = await reader.locator('#app').getAttribute('data-paper-id');
    assert.ok(paperId, 'the reader names the paper');
    const note = join(workspace, 'papers', 'notes', `${paperId}.md`);
    assert.ok(!existsSync(note), 'no note before');

    // No note yet: the pane offers to create one; then it shows the note's body.
    const pane = reader.locator('#notes-pane');
    const textarea = reader.locator('#note-body');
    await pane.locator('vscode-button', { hasText: 'Create note' }).click({ timeout: 15_000 });
    await textarea.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await textarea.inputValue(), /# MindBridge/);

    // Type at the end of the body; it is saved after a pause, into the markdown file.
    await textarea.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`${PANE_LINE}\n`);
    await pane.locator('.notes-status', { hasText: /^Saved/ }).waitFor({ timeout: 15_000 });
    await screenshot('typed-in-pane');
    const saved = await until(
      () => (existsSync(note) ? readFileSync(note, 'utf8') : ''),
      (text) => text.includes(PANE_LINE),
      `${note} to hold the typed line`,
    );
    assert.match(saved, new RegExp(`^---\\n(?:.*\\n)*?paper: ${paperId}\\n(?:.*\\n)*?---\\n`), 'front matter names the paper');
    const body = saved.slice(saved.indexOf('\n---\n', 3) + 5);
    assert.ok(body.includes(`${PANE_LINE}\n`), 'the typed text is in the body');
    assert.match(body, /^\n# MindBridge[^\n]*\n(?:.*\n)*## Notes\n/, 'the template around it is intact');

    // Open the note in the editor (beside the reader) and type a line there: the pane follows, unsaved edits included.
    await pane.locator('vscode-button', { hasText: 'Open in Editor' }).click();
    await page
      .locator('.tab.active', { hasText: `${paperId}.md` })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+End');
    await page.keyboard.type(EDITOR_LINE);
    await until(
      () => textarea.inputValue(),
      (text) => text.includes(EDITOR_LINE) && text.includes(PANE_LINE),
      'the pane to show the editor’s line',
    );
    assert.match(await pane.locator('.notes-status').innerText(), /Edited in the editor/);
    await screenshot('pane-follows-editor');

    // Typing in the pane again goes into the open (dirty) document as an edit, next to the editor's text.
    await textarea.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nAnd one more from the pane.');
    await page.keyboard.press('Control+S');
    await pane.locator('.notes-status', { hasText: /^Saved/ }).waitFor({ timeout: 15_000 });
    const editorText = await page.locator('.monaco-editor .view-lines').first().innerText();
    assert.match(editorText.replace(/\u00a0/g, ' '), /And one more from the pane\./, 'the editor shows the pane’s edit');
    // Save the document from the editor: both lines are on disk, once each.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+S');
    const final = await until(
      () => readFileSync(note, 'utf8'),
      (text) => text.includes(EDITOR_LINE) && text.includes('And one more from the pane.'),
      'the saved note',
    );
    for (const line of [PANE_LINE, EDITOR_LINE, 'And one more from the pane.']) assert.equal(final.split(line).length, 2, `"${line}" once`);
    await screenshot('saved');

    // The note in front of the reader, in the same group: the hidden reader is discarded; typing goes
    // on in the editor; back on the reader's tab, the page comes back with the paper and the new text.
    await runCommand(page, 'View: Move Editor into Previous Group');
    await page.locator('.editor-group-container').first().locator('.tab', { hasText: 'MindBridge' }).first().waitFor({ timeout: 10_000 });
    await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nWhile the reader was hidden.');
    await page.locator('.tab', { hasText: 'MindBridge' }).first().click();
    await webviewFrame(page).locator('h1', { hasText: 'MindBridge' }).waitFor({ timeout: 20_000 });
    await until(
      () => webviewFrame(page).locator('#note-body').inputValue(),
      (text) => text.includes('While the reader was hidden.'),
      'the shown-again pane to have the hidden-time typing',
    );
    await screenshot('shown-again');
  },
  { timeoutMs: 120_000 },
);
