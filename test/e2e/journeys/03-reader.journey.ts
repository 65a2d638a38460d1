import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandRow, pickRow, runCommand, typeInPick, viewRows, waitForWorkbench, webviewFrame } from '../harness/browser';
import { journey } from '../harness/journey-runner';

const MATH_PAPER = 'Energy Bounds for Spiking Neural Networks on Neuromorphic Chips';
const MATH_PAPER_ID = 'spiking-energy-2024';

journey(
  'the reader opens a paper from the tree with rendered math, follows a related paper and back, and keeps a highlight across a window reload',
  async ({ page, workspace, screenshot }) => {
    await runCommand(page, 'Lectern: Focus on Papers View');
    const rows = viewRows(page, 'Papers');
    await rows.first().waitFor({ timeout: 30_000 });
    await expandRow(rows.filter({ hasText: /^\s*Spiking Neural Networks/ }).first());
    await rows.filter({ hasText: MATH_PAPER }).first().click();

    const reader = webviewFrame(page);
    await reader.locator('h1', { hasText: MATH_PAPER }).waitFor({ timeout: 20_000 });
    // $\mathcal{O}(N \log N)$ arrives as MathML from KaTeX, not as TeX source.
    const math = reader.locator('#abstract math');
    await math.first().waitFor({ timeout: 10_000 });
    assert.ok((await math.count()) >= 3, 'every $…$ run renders as MathML');
    assert.doesNotMatch(await reader.locator('#abstract').innerText(), /\\mathcal|\\log|\$/);
    await screenshot('math');

    // A related paper opens in the same panel; Back returns.
    const related = reader.locator('button.related-paper').first();
    const relatedTitle = (await related.locator('.related-title').innerText()).trim();
    await related.click();
    await reader.locator('h1', { hasText: relatedTitle.slice(0, 40) }).waitFor({ timeout: 10_000 });
    await reader.getByRole('button', { name: /^Back/ }).first().click();
    await reader.locator('h1', { hasText: MATH_PAPER }).waitFor({ timeout: 10_000 });
    // The panel's own shortcuts: Alt+Right goes forward again, Alt+Left back.
    await reader.locator('#abstract').click();
    await page.keyboard.press('Alt+ArrowRight');
    await reader.locator('h1', { hasText: relatedTitle.slice(0, 40) }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Alt+ArrowLeft');
    await reader.locator('h1', { hasText: MATH_PAPER }).waitFor({ timeout: 10_000 });

    // Select "leaky integrate-and-fire neurons" in the abstract and highlight it.
    const quote = 'leaky integrate-and-fire neurons';
    await reader.locator('#abstract').evaluate((abstract, wanted) => {
      const walker = document.createTreeWalker(abstract, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error(`"${wanted}" is not in the abstract`);
    }, quote);
    await reader.locator('.selection-toolbar vscode-button', { hasText: 'Highlight' }).click();
    await reader.locator('mark.annotation', { hasText: 'leaky integrate' }).first().waitFor({ timeout: 10_000 });
    await screenshot('highlighted');

    // The highlight lives in the paper's markdown note, readable as a blockquote.
    const note = join(workspace, 'papers', 'notes', `${MATH_PAPER_ID}.md`);
    await page.waitForTimeout(500);
    assert.ok(existsSync(note), `${note} was created`);
    const text = readFileSync(note, 'utf8');
    assert.match(text, /^---\n(?:.*\n)*?paper: spiking-energy-2024\n/);
    assert.match(text, /## Highlights\n\n> leaky integrate-and-fire neurons\n<!-- lectern:highlight id=/);

    // After a window reload the panel comes back (serializer + setState) with the highlight drawn.
    // Wait for the page really to reload: the old workbench still matches every selector until it does.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page, { activityBarItem: 'Lectern' });
    const restored = webviewFrame(page);
    await restored.locator('h1', { hasText: MATH_PAPER }).waitFor({ timeout: 60_000 });
    await restored.locator('mark.annotation', { hasText: 'leaky integrate' }).first().waitFor({ timeout: 20_000 });
    await screenshot('after-reload');
  },
  { timeoutMs: 150_000 },
);

journey('a hostile paper renders as text in the reader: no script runs, no request leaves', async ({ page, screenshot }) => {
  const requests: string[] = [];
  const onRequest = (request: { url(): string }) => {
    if (!/^https?:\/\/127\.0\.0\.1[:/]/.test(request.url()) && !request.url().startsWith('data:') && !request.url().startsWith('blob:'))
      requests.push(request.url());
  };
  page.context().on('request', onRequest);
  try {
    const row = pickRow(page, 'Robust Vision Transformers');
    await typeInPick(page, 'patch attacks heads', { row, missing: 'Search Papers did not list Robust Vision Transformers' });
    await page.keyboard.press('Enter');
    const reader = webviewFrame(page);
    const title = reader.locator('h1', { hasText: 'Robust Vision Transformers' });
    await title.waitFor({ timeout: 20_000 });
    // The markup is shown as text, never parsed.
    assert.match(await title.innerText(), /<img src=x onerror=/);
    assert.equal(
      await reader
        .locator('#reader-main img, #reader-main svg, #reader-main script, #reader-main [onerror], #reader-main [onload]')
        .count(),
      0,
    );
    await reader
      .locator('#abstract a', { hasText: 'click me' })
      .click()
      .catch(() => undefined);
    assert.equal(
      await reader.locator('body').evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      undefined,
      'no payload ran',
    );
    await screenshot('hostile');
    assert.deepEqual(
      requests.filter((url) => /evil\.example/.test(url)),
      [],
      'no beacon request',
    );
  } finally {
    page.context().off('request', onRequest);
  }
});
