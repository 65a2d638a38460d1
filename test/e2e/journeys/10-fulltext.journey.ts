import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { typeInPick, webviewFrame } from '../harness/browser';
import { journey } from '../harness/journey-runner';
import { layoutPdf, linesAt } from '../../support/pdf-fixtures-text';

const TITLE = 'Notes on Cortical Oscillations';
const PAGE_FIVE = 'Quasiperiodic zeitgeber entrainment shifts the phase.';

journey(
  'full-text search: a query only page 5 of a PDF holds finds the paper, says “in the PDF, p. 5”, and Enter opens the PDF there',
  async ({ page, workspace, screenshot }) => {
    // The PDF first (papers/pdf/<id>.pdf), then the .bib that names the paper: its load indexes the PDF in the worker.
    mkdirSync(join(workspace, 'papers', 'pdf'), { recursive: true });
    const pages = [1, 2, 3, 4, 5, 6].map((n) => linesAt(n === 5 ? ['Results.', PAGE_FIVE] : [`Page ${n} of a paper about rhythms.`]));
    writeFileSync(join(workspace, 'papers', 'pdf', 'fulltext2026oscillations.pdf'), await layoutPdf(pages));
    writeFileSync(
      join(workspace, 'papers', 'fulltext-library.bib'),
      `@article{fulltext2026oscillations,\n\ttitle = {${TITLE}},\n\tauthor = {Rhythm, Rae},\n\tyear = {2026},\n\tabstract = {Brain rhythms, briefly.},\n}\n`,
    );

    // Search Papers finds it by words only its PDF holds, and says where.
    const row = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: TITLE })
      .filter({ hasText: 'in the PDF, p. 5' })
      .first();
    await typeInPick(page, 'zeitgeber entrainment', {
      row,
      missing: 'the PDF-only match never appeared in Search Papers',
      timeoutMs: 60_000,
    });
    assert.match(await row.innerText(), /in the PDF, p\. 5: .*Quasiperiodic zeitgeber entrainment shifts the phase\./);
    await screenshot('fulltext-palette');

    // Enter opens the PDF at page 5.
    await page.keyboard.press('Enter');
    const reader = webviewFrame(page);
    const fifth = reader.locator('.pdf-page[data-page-number="5"].rendered .textLayer');
    await fifth.waitFor({ timeout: 30_000 });
    assert.match(await fifth.innerText(), /zeitgeber/);
    assert.equal(await reader.getByRole('spinbutton', { name: 'Page number' }).inputValue(), '5');
    await screenshot('fulltext-pdf-page-5');
  },
  { timeoutMs: 180_000 },
);
