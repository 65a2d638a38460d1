import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickRow, runCommand, typeInPick, waitForWorkbench, webviewFrame } from '../harness/browser';
import { journey } from '../harness/journey-runner';
import { pageSentence, textPdf } from '../../support/pdf-fixtures';

const TITLE = 'Highlighting Whole Papers Page by Page';
const KEY = 'marker2026highlight';

/** The note (under papers/notes) that has a line matching `pattern`, once one does. */
async function noteMatching(notes: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = existsSync(notes) ? readdirSync(notes).filter((name) => name.endsWith('.md')) : [];
    const found = files.map((name) => readFileSync(join(notes, name), 'utf8')).find((text) => pattern.test(text));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no note in ${notes} matches ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

journey(
  'pdf highlights: a sentence highlighted on page 3 of the PDF goes into the note with p. 3, and is drawn again after a window reload',
  async ({ page, workspace, screenshot }) => {
    // The PDF is named after the citekey in the PDF folder (lectern.pdf.folders, default papers/pdf).
    mkdirSync(join(workspace, 'papers', 'pdf'), { recursive: true });
    writeFileSync(join(workspace, 'papers', 'pdf', `${KEY}.pdf`), await textPdf(6, { title: TITLE }));
    writeFileSync(
      join(workspace, 'papers', 'pdf-highlights.bib'),
      `@article{${KEY},\n\ttitle = {${TITLE}},\n\tauthor = {Marker, Mo},\n\tyear = {2026},\n\tabstract = {Highlights made in the PDF land in the note.},\n}\n`,
    );

    const row = pickRow(page, TITLE);
    await typeInPick(page, 'highlighting whole papers page', {
      row,
      missing: 'the paper of pdf-highlights.bib never appeared in Search Papers',
    });
    await page.keyboard.press('Enter');
    const reader = webviewFrame(page);
    await reader.locator('h1', { hasText: TITLE }).waitFor({ timeout: 20_000 });
    await reader.getByRole('tab', { name: 'PDF' }).click();
    await reader.locator('.pdf-page[data-page-number="1"].rendered .textLayer span').first().waitFor({ timeout: 30_000 });

    // Page 3, then select its sentence in the text layer and highlight it.
    const pageField = reader.getByRole('spinbutton', { name: 'Page number' });
    await pageField.fill('3');
    await pageField.press('Enter');
    const sentence = pageSentence(3);
    const span = reader.locator('.pdf-page[data-page-number="3"].rendered .textLayer span', { hasText: sentence });
    await span.waitFor({ timeout: 20_000 });
    await span.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await reader.locator('.selection-toolbar vscode-button', { hasText: 'Highlight' }).click();
    await reader.locator('.pdf-page[data-page-number="3"] mark.pdf-annotation', { hasText: 'page 3' }).first().waitFor({ timeout: 15_000 });
    await screenshot('pdf-highlighted');

    // The note on disk has it: the quote, its anchor, and the page.
    const note = await noteMatching(join(workspace, 'papers', 'notes'), /--> p\. 3$/m);
    assert.match(
      note,
      new RegExp(`## Highlights\\n\\n> ${sentence.replace('.', '\\.')}\\n<!-- lectern:highlight id=h-[0-9a-f]{6} position=\\d+-\\d+ `),
    );
    // The side list names the page.
    assert.equal(await reader.locator('.pdf-annotations .annotation-page').first().innerText(), 'p. 3');

    // After a window reload the reader comes back on the PDF at page 3, with the highlight drawn again.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page, { activityBarItem: 'Lectern' });
    const restored = webviewFrame(page);
    await restored
      .locator('.pdf-page[data-page-number="3"] mark.pdf-annotation', { hasText: 'page 3' })
      .first()
      .waitFor({ timeout: 60_000 });
    await screenshot('pdf-highlight-after-reload');
  },
  { timeoutMs: 180_000 },
);
