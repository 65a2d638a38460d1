import * as assert from 'node:assert/strict';
import { expandRow, runPickCommand, viewRows, webviewFrame } from '../harness/browser';
import { journey } from '../harness/journey-runner';

journey(
  'the Lectern icon opens the Papers view with the sample topics and counts; a topic expands to its papers',
  async ({ page, screenshot }) => {
    await page.locator('.activitybar [aria-label="Lectern"]').first().click();
    const rows = viewRows(page, 'Papers');
    await rows.first().waitFor({ timeout: 30_000 });
    const topics = await rows.allInnerTexts();
    // The sample's topics; the workspace's own two papers, which the bundled taxonomy does not name, are in Other.
    const named = topics.filter((text) => !/^\s*Other\s*\d+\s*$/.test(text));
    assert.ok(named.length >= 6 && named.length <= 14, `topics shown: ${topics.join(' | ')}`);
    // Each topic row shows its paper count as the description.
    for (const text of topics) assert.match(text, /\n?\s*\d+\s*$/, `a count on "${text}"`);
    assert.ok(
      topics.some((t) => /Hallucination/i.test(t)),
      'a hallucination topic',
    );
    const hallucination = rows.filter({ hasText: /Hallucination/i }).first();
    await expandRow(hallucination);
    await rows.filter({ hasText: 'See What You Are Told: Visual Attention Sink' }).first().waitFor({ timeout: 10_000 });
    await screenshot('topic-expanded');
    await expandRow(hallucination, false);
  },
);

journey('Search Papers finds the attention-sink paper first, forgives a typo, and Enter opens it', async ({ page, screenshot }) => {
  await runPickCommand(page, 'Lectern: Search Papers');
  const input = page.locator('.quick-input-widget input');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await input.fill('attention sink');
  await rows
    .first()
    .filter({ hasText: 'See What You Are Told: Visual Attention Sink in Large Multimodal Models' })
    .waitFor({ timeout: 10_000 });
  await screenshot('search-results');
  await input.fill('spikng neurl networks');
  await rows.filter({ hasText: 'Spiking Neural Networks' }).first().waitFor({ timeout: 10_000 });
  await input.fill('attention sink');
  await rows.first().filter({ hasText: 'Visual Attention Sink' }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: 'See What You Are Told' }).first().waitFor({ timeout: 15_000 });
  await webviewFrame(page).locator('h1', { hasText: 'Visual Attention Sink' }).waitFor({ timeout: 20_000 });
  // Opened from a search: the query's terms are marked in the abstract.
  await webviewFrame(page).locator('mark.search-term', { hasText: /sink/i }).first().waitFor({ timeout: 10_000 });
  await screenshot('paper-opened');
});
