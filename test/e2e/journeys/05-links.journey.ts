import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFile, webviewFrame } from '../harness/browser';
import { journey } from '../harness/journey-runner';

journey('a [[paper-id]] link in a markdown file opens the paper in the reader', async ({ page, workspace, screenshot }) => {
  writeFileSync(
    join(workspace, 'reading-list.md'),
    '# Reading list\n\nStart with [[mindbridge-a-cross-subject-brain-decoding-framework]] this week.\n',
  );
  await openFile(page, 'reading-list.md');
  const link = page.locator('.monaco-editor .view-line span', { hasText: 'mindbridge-a-cross-subject' }).first();
  await link.waitFor({ timeout: 15_000 });
  // The link provider marks the reference; Ctrl+click follows it.
  await page.locator('.monaco-editor .detected-link', { hasText: 'mindbridge' }).first().waitFor({ timeout: 15_000 });
  await link.click({ modifiers: ['Control'] });
  await webviewFrame(page).locator('h1', { hasText: 'MindBridge: A Cross-Subject Brain Decoding Framework' }).waitFor({ timeout: 20_000 });
  await screenshot('reader-from-link');
});
