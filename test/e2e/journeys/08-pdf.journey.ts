import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pickRow, typeInPick, webviewFrame } from '../harness/browser';
import { journey } from '../harness/journey-runner';
import { pageSentence, textPdf } from '../../support/pdf-fixtures';

const TITLE = 'Reading Whole Papers in the Editor';

journey(
  'a paper whose .bib file field names a PDF outside the workspace opens in the PDF tab, and page 3 shows its text',
  async ({ page, workspace, screenshot }) => {
    // The PDF lives outside the workspace, in a folder with odd characters, as Zotero's storage does.
    // Beside the workspace, in the run's folder, which the run removes when it passes.
    const storage = mkdtempSync(join(dirname(workspace), 'zotero-'));
    const folder = join(storage, 'storage', 'AB12 CD#34 (é)');
    mkdirSync(folder, { recursive: true });
    const pdfPath = join(folder, 'Whole papers; a study.pdf');
    // 30 pages, as issue 15's first-page target names.
    writeFileSync(pdfPath, await textPdf(30, { title: TITLE }));
    // Zotero's BibTeX export: title:path:mime, with `:` and `\` escaped (`;` inside a path escaped too).
    const escaped = pdfPath.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/;/g, '\\;');
    writeFileSync(
      join(workspace, 'papers', 'pdf-library.bib'),
      `@article{reader2026whole,\n\ttitle = {${TITLE}},\n\tauthor = {Reader, Rita},\n\tyear = {2026},\n\tabstract = {Abstracts choose, PDFs are read.},\n\tfile = {Full Text PDF:${escaped}:application/pdf},\n}\n`,
    );

    // The new .bib is picked up; Search Papers finds the paper and opens it.
    const row = pickRow(page, TITLE);
    await typeInPick(page, 'reading whole papers editor', { row, missing: 'the paper of pdf-library.bib never appeared in Search Papers' });
    await page.keyboard.press('Enter');
    const reader = webviewFrame(page);
    await reader.locator('h1', { hasText: TITLE }).waitFor({ timeout: 20_000 });

    // The PDF tab knows the file, and opens it.
    const tab = reader.getByRole('tab', { name: 'PDF' });
    await tab.waitFor({ timeout: 10_000 });
    assert.match((await tab.getAttribute('title')) ?? '', /Whole papers; a study\.pdf/);
    const opened = Date.now();
    await tab.click();
    await reader.locator('.pdf-page[data-page-number="1"].rendered .textLayer span').first().waitFor({ timeout: 30_000 });
    // Reported, not asserted (a shared machine's timing is the bench's business): issue 15's target is 1 s.
    console.log(`      the first of 30 pages drawn with its text ${Date.now() - opened} ms after the PDF tab was clicked`);
    assert.equal(await reader.locator('.pdf-page-count').innerText(), 'of 30');
    await screenshot('pdf-page-1');

    // Go to page 3: the page field says 3 and page 3's text layer holds its sentence.
    const pageField = reader.getByRole('spinbutton', { name: 'Page number' });
    await pageField.fill('3');
    await pageField.press('Enter');
    const third = reader.locator('.pdf-page[data-page-number="3"].rendered .textLayer');
    await third.waitFor({ timeout: 20_000 });
    assert.match(await third.innerText(), new RegExp(pageSentence(3).replace('.', '\\.')));
    assert.equal(await pageField.inputValue(), '3');
    const box = await reader.locator('.pdf-page[data-page-number="3"]').boundingBox();
    const view = await reader.locator('.pdf-scroller').boundingBox();
    assert.ok(box && view && box.y < view.y + view.height && box.y + box.height > view.y, 'page 3 is in view');
    await screenshot('pdf-page-3');

    // The abstract tab still works.
    await reader.getByRole('tab', { name: 'Abstract' }).click();
    assert.match(await reader.locator('#abstract').innerText(), /Abstracts choose, PDFs are read\./);
  },
  { timeoutMs: 150_000 },
);
