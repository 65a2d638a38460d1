import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, viewRows } from '../harness/browser';
import { journey } from '../harness/journey-runner';

// Lectern packaged with only its `browser` entry (no `main`): code-server can run it nowhere but in the
// workbench's web worker extension host, where files are `vscode-remote:` URIs read through `workspace.fs`.

journey(
  'the browser-only Lectern lists the sample topics in the Papers view',
  async ({ page, screenshot }) => {
    await page.locator('.activitybar [aria-label="Lectern"]').first().click();
    const rows = viewRows(page, 'Papers');
    await rows.first().waitFor({ timeout: 60_000 });
    const topics = await rows.allInnerTexts();
    assert.ok(
      topics.some((t) => /Hallucination/i.test(t)),
      `topics shown: ${topics.join(' | ')}`,
    );
    for (const text of topics) assert.match(text, /\n?\s*\d+\s*$/, `a count on "${text}"`);
    await screenshot('web-papers-view');
  },
  { timeoutMs: 120_000 },
);

journey('Search Papers finds a sample paper and one of the workspace’s own corpus files', async ({ page, screenshot }) => {
  await runCommand(page, 'Lectern: Search Papers');
  const input = page.locator('.quick-input-widget input');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await input.fill('attention sink');
  await rows.first().filter({ hasText: 'Visual Attention Sink' }).waitFor({ timeout: 20_000 });
  // papers/e2e-papers.jsonl is in the workspace (a vscode-remote: folder here), not in the extension.
  await input.fill('energy bounds spiking neuromorphic');
  await rows.first().filter({ hasText: 'Energy Bounds for Spiking Neural Networks on Neuromorphic Chips' }).waitFor({ timeout: 20_000 });
  await screenshot('web-search');
  await page.keyboard.press('Escape');
});

journey('the Lectern output channel says it runs as VS Code for the Web', async ({ page, screenshot }) => {
  await runCommand(page, 'Output: Show Output Channels...');
  const input = page.locator('.quick-input-widget input');
  await input.fill('Lectern');
  // The one channel the filter leaves (its row also holds hidden text, so match loosely and accept it).
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Lectern' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.panel .view-lines', { hasText: 'VS Code for the Web' }).first().waitFor({ timeout: 20_000 });
  await screenshot('web-output');
});

/** A JSON Lines corpus file of `count` made-up papers, over 256 KB: large enough to be imported in the corpus worker. */
function largeCorpus(count: number): string {
  const lines = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        citeKey: `bulk-${i}`,
        title: i === count - 1 ? 'Quokka Gradient Descent on Web Workers' : `Bulk Paper ${i} on Numerical Methods`,
        authors: ['Ada Lindqvist'],
        year: 2000 + (i % 25),
        abstract: `Paper ${i} studies solvers, preconditioners and iterative refinement for sparse linear systems. `.repeat(4),
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

journey(
  'a corpus file over 256 KB added to the workspace is imported in the web corpus worker and found by search',
  async ({ page, workspace, screenshot }) => {
    await runCommand(page, 'Lectern: Focus on Papers View');
    await viewRows(page, 'Papers').first().waitFor({ timeout: 60_000 });
    const text = largeCorpus(900);
    assert.ok(text.length > 300 * 1024, `${text.length} bytes`);
    writeFileSync(join(workspace, 'papers', 'bulk.jsonl'), text);
    await page
      .locator('.statusbar-item', { hasText: /9\d\d papers/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await runCommand(page, 'Lectern: Search Papers');
    const input = page.locator('.quick-input-widget input');
    await input.fill('quokka gradient');
    await page
      .locator('.quick-input-list .monaco-list-row')
      .first()
      .filter({ hasText: 'Quokka Gradient Descent on Web Workers' })
      .waitFor({ timeout: 20_000 });
    await screenshot('web-large-file');
    await page.keyboard.press('Escape');
    // The corpus worker starts only for such a file; had it failed, the file would have no papers. VS Code names a
    // nested worker "<host> -> <name>".
    const names = await Promise.all(page.workers().map((worker) => worker.evaluate('self.name').catch(() => '')));
    assert.ok(
      names.some((name) => String(name).endsWith('Lectern corpus worker')),
      `workers: ${names.join(', ')}`,
    );
  },
  { timeoutMs: 120_000 },
);
