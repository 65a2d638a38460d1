import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { notifications, pickRow, runCommand, screenshot, typeInPick, viewRows, waitForWorkbench, webviewFrame } from '../harness/browser';
import { startCodeServer } from '../harness/code-server';
import { journey } from '../harness/journey-runner';
import { paths } from '../harness/paths';

// Restricted Mode: a second code-server with workspace trust on opens a fresh copy of the e2e
// workspace untrusted (no prompt), with the .vsix the run packaged. A cloned notes repository
// looks like this: one note exists. Reading works; only the actions that write into the workspace
// (a new note, a topic edit) are refused, each with a `Lectern:` message.

const NOTED_PAPER = 'spiking-energy-2024';
const NOTE_TEXT = `---\npaper: ${NOTED_PAPER}\nstatus: reading\n---\n\n# Energy Bounds\n\nA note that came with the repository.\n`;

/** Runs a palette command that asks for a paper, and picks it by typing `query`. */
async function pickPaper(page: Page, command: string, query: string, title: RegExp): Promise<void> {
  await typeInPick(page, query, { command, row: pickRow(page, title), missing: `"${query}" did not list ${title}` });
  await page.keyboard.press('Enter');
}

journey(
  'Restricted Mode: the views, search and the reader work, an existing note opens, and only new notes and topic edits are refused with a message',
  async ({ page, workspace }) => {
    const runDir = join(dirname(workspace), 'restricted');
    const folder = join(runDir, 'workspace');
    mkdirSync(runDir, { recursive: true });
    cpSync(join(paths.repoRoot, 'test', 'e2e', 'workspace'), folder, { recursive: true });
    const notesDir = join(folder, 'papers', 'notes');
    mkdirSync(notesDir, { recursive: true });
    writeFileSync(join(notesDir, `${NOTED_PAPER}.md`), NOTE_TEXT);

    const server = await startCodeServer({
      runDir,
      extensions: [join(paths.e2eDir, 'lectern.vsix')],
      workspaceTrust: true,
      settings: { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' },
    });
    const restricted = await page.context().newPage();
    try {
      await restricted.goto(server.workbenchUrl(folder));
      await waitForWorkbench(restricted, { activityBarItem: 'Lectern' });
      await restricted.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 20_000 });

      // The views: papers (the sample and the workspace's own), and the note that is there.
      await runCommand(restricted, 'Lectern: Focus on Papers View');
      await viewRows(restricted, 'Papers').first().waitFor({ timeout: 30_000 });
      await runCommand(restricted, 'Lectern: Focus on Notes View');
      await viewRows(restricted, 'Notes').filter({ hasText: 'Energy Bounds' }).first().waitFor({ timeout: 20_000 });

      // Search and the reader.
      await pickPaper(restricted, 'Lectern: Search Papers', 'mindbridge', /MindBridge/);
      await webviewFrame(restricted).locator('h1', { hasText: 'MindBridge' }).waitFor({ timeout: 20_000 });

      // Gated: a new note for the paper the reader shows (it has none) is refused, and nothing is written.
      await runCommand(restricted, 'Lectern: Open Note');
      await notifications(restricted, /Lectern: Creating a note is off in Restricted Mode/)
        .first()
        .waitFor({ timeout: 15_000 });
      assert.deepEqual(readdirSync(notesDir), [`${NOTED_PAPER}.md`], 'no note was created');

      // Gated: editing topics is refused before any question is asked.
      await runCommand(restricted, 'Lectern: Rename Topic…');
      await notifications(restricted, /Lectern: Editing topics is off in Restricted Mode/)
        .first()
        .waitFor({ timeout: 15_000 });
      assert.ok(!existsSync(join(folder, '.lectern', 'topics.json')), 'no topics.json was written');
      assert.ok(!(await restricted.locator('.quick-input-widget').isVisible()), 'no topic picker was shown');
      await screenshot(restricted, 'restricted-mode-refused');

      // Not gated: the note that exists opens in the editor, from the reader.
      await pickPaper(restricted, 'Lectern: Search Papers', 'energy bounds', /Energy Bounds/);
      await webviewFrame(restricted).locator('h1', { hasText: 'Energy Bounds' }).waitFor({ timeout: 20_000 });
      await runCommand(restricted, 'Lectern: Open Note');
      await restricted
        .locator('.tab', { hasText: `${NOTED_PAPER}.md` })
        .first()
        .waitFor({ timeout: 15_000 });
    } finally {
      await screenshot(restricted, 'restricted-mode-last').catch(() => undefined);
      await restricted.close().catch(() => undefined);
      await server.stop();
    }
  },
  { timeoutMs: 180_000 },
);
