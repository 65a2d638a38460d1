import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandRow, pickRow, runCommand, runPickCommand, typeInPick, viewRows } from '../harness/browser';
import { journey } from '../harness/journey-runner';

const LIBRARY = `@comment{Exported from a reference manager}

@article{gaba2023spiking,
  title = {Spiking Transformers for Event Cameras},
  author = {Gaba, Lena and M{\\"u}ller, Jonas},
  year = {2023},
  abstract = {We train spiking neural networks with transformer attention on event camera streams.}
}

@article{broken2022,
  title = {This Entry Lost Its Closing Brace,
  year = {2022}
`;

journey(
  'adding a .bib file to the workspace adds its papers without a reload; a broken entry shows in Problems with its line',
  async ({ page, workspace, screenshot }) => {
    await runCommand(page, 'Lectern: Focus on Papers View');
    await viewRows(page, 'Papers').first().waitFor({ timeout: 30_000 });
    mkdirSync(join(workspace, 'papers'), { recursive: true });
    const before = Number(
      (
        await page
          .locator('.statusbar-item', { hasText: /\d+ papers/ })
          .first()
          .innerText()
      ).match(/(\d+) papers/)![1],
    );
    writeFileSync(join(workspace, 'papers', 'my-library.bib'), LIBRARY);
    // The file watcher re-imports the new file: the status bar counts its paper.
    await page
      .locator('.statusbar-item', { hasText: `${before + 1} papers` })
      .first()
      .waitFor({ timeout: 15_000 });
    await runPickCommand(page, 'Lectern: Filter Tree…', 'Lectern: Filter Papers');
    await page.locator('.quick-input-widget input').fill('event cameras');
    await page.keyboard.press('Enter');
    const rows = viewRows(page, 'Papers');
    await rows.first().waitFor();
    await expandRow(rows.first());
    await rows.filter({ hasText: 'Spiking Transformers for Event Cameras' }).first().waitFor({ timeout: 15_000 });
    await screenshot('bib-paper-in-tree');
    await runCommand(page, 'Lectern: Clear Filter');

    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: /Lectern:/ }).first();
    await problem.waitFor({ timeout: 15_000 });
    const text = await page.locator('.markers-panel').innerText();
    assert.match(text, /my-library\.bib/);
    assert.match(text, /\[Ln 1[0-9], Col \d+\]/, 'the problem names a line in the broken entry');
    await screenshot('problems-panel');
  },
);

journey('Reveal in Tree selects the paper; Group By year regroups the view', async ({ page, screenshot }) => {
  const row = pickRow(page, 'MindBridge');
  await typeInPick(page, 'mindbridge', { row, missing: 'Search Papers did not list MindBridge' });
  await row.hover();
  await row.locator('.action-label[aria-label="Reveal in Tree"], .action-label[title="Reveal in Tree"]').first().click();
  const selected = viewRows(page, 'Papers').and(page.locator('.selected'));
  await selected.filter({ hasText: 'MindBridge: A Cross-Subject Brain Decoding Framework' }).waitFor({ timeout: 15_000 });
  await screenshot('revealed');

  await typeInPick(page, 'Year', {
    command: 'Lectern: Group By…',
    title: 'Lectern: Group Papers By',
    row: pickRow(page, /^\s*Year/),
    missing: 'Group By did not offer Year',
  });
  await page.keyboard.press('Enter');
  await viewRows(page, 'Papers')
    .filter({ hasText: /^\s*No Year/ })
    .first()
    .waitFor({ timeout: 10_000 });
  await screenshot('grouped-by-year');
  await typeInPick(page, 'Topic', {
    command: 'Lectern: Group By…',
    title: 'Lectern: Group Papers By',
    row: pickRow(page, /^\s*Topic/),
    missing: 'Group By did not offer Topic',
  });
  await page.keyboard.press('Enter');
});
