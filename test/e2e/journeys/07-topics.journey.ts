import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, viewRows, waitForWorkbench } from '../harness/browser';
import { journey } from '../harness/journey-runner';

/** A topic of the bundled sample's own taxonomy (corpus/topics.json), so discovery does not decide its name. */
const TOPIC = 'Spiking Neural Networks';
const NEW_NAME = 'Spiking Networks (my name)';

journey(
  'renaming a topic from its context menu: the tree shows the new name, .lectern/topics.json holds it, and it stays after a window reload',
  async ({ page, workspace, screenshot }) => {
    const file = join(workspace, '.lectern', 'topics.json');
    rmSync(file, { force: true });
    await runCommand(page, 'Lectern: Focus on Papers View');
    const rows = viewRows(page, 'Papers');
    const topicRow = (name: string) => rows.filter({ hasText: new RegExp(`^\\s*${name.replace(/[()]/g, '\\$&')}\\s*\\d+\\s*$`) }).first();
    await topicRow(TOPIC).waitFor({ timeout: 30_000 });

    await topicRow(TOPIC).click({ button: 'right' });
    // The menu item is focused by hovering and run with Enter (a click right after the menu opens can be ignored).
    const rename = page.locator('.context-view .action-label', { hasText: 'Rename Topic…' });
    await rename.waitFor({ state: 'visible' });
    await rename.hover();
    await page.keyboard.press('Enter');
    // The rename box, not the command palette that may still be closing: it is the one with the rename prompt.
    await page.locator('.quick-input-widget', { hasText: 'The name the Papers view shows' }).waitFor({ state: 'visible' });
    const input = page.locator('.quick-input-widget input');
    assert.equal(await input.inputValue(), TOPIC, 'the box starts from the old name');
    await input.fill(NEW_NAME);
    await input.press('Enter');

    await topicRow(NEW_NAME).waitFor({ timeout: 15_000 });
    assert.equal(await topicRow(TOPIC).count(), 0, 'the old name is gone');
    await screenshot('renamed');
    assert.ok(existsSync(file), `${file} was created`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^\/\/ Lectern topics for this folder/, 'a commented file');
    assert.ok(text.includes(`{ "rename": "${TOPIC}", "to": "${NEW_NAME}" },`), text);

    // The name stays after a window reload: the tree is built again from the corpus and the file.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page, { activityBarItem: 'Lectern' });
    await runCommand(page, 'Lectern: Focus on Papers View', { timeoutMs: 40_000 });
    await topicRow(NEW_NAME).waitFor({ timeout: 30_000 });
    assert.equal(await topicRow(TOPIC).count(), 0);
    assert.equal(readFileSync(file, 'utf8'), text, 'the file is as the rename left it');
    await screenshot('after-reload');
  },
  { timeoutMs: 150_000 },
);
