import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { damagedPdf, pageSentence, passwordPdf, scriptedPdf, textPdf } from '../support/pdf-fixtures';
import { paperView, showPaper } from './paper-fixtures';
import { browserSkipReason, ReaderHarness, type ReaderPage } from './reader-harness';

const skip = browserSkipReason();

describe('the PDF tab of the reader, in Chromium under the reader CSP', { skip }, () => {
  let harness: ReaderHarness;

  before(async () => {
    harness = await ReaderHarness.start();
  });

  after(async () => {
    await harness?.close();
  });

  /** A fresh reader showing a paper that has a PDF, with the PDF tab chosen (the host was asked for it). */
  async function readerWithPdfTab(paperId = 'pdf-paper'): Promise<ReaderPage> {
    const reader = await harness.open();
    await reader.send(showPaper(paperView({ id: paperId, title: 'A Paper With a PDF', pdf: 'paper.pdf' })));
    await reader.clearPosted();
    await reader.page.getByRole('tab', { name: 'PDF' }).click();
    return reader;
  }

  /** Posts the PDF as the host does: bytes in a `pdfDocument` message. */
  async function sendPdf(reader: ReaderPage, bytes: Uint8Array, extra: { page?: number; paperId?: string; fileName?: string } = {}) {
    const base64 = Buffer.from(bytes).toString('base64');
    await reader.evaluate(`(() => {
      const data = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
      window.postMessage({ type: 'pdfDocument', paperId: ${JSON.stringify(extra.paperId ?? 'pdf-paper')}, paperTitle: 'A Paper With a PDF',
        fileName: ${JSON.stringify(extra.fileName ?? 'paper.pdf')}, data, page: ${extra.page ?? 'undefined'} }, '*');
    })()`);
  }

  const renderedPages = (reader: ReaderPage) =>
    reader.evaluate<number[]>(`[...document.querySelectorAll('.pdf-page.rendered')].map((p) => Number(p.dataset.pageNumber))`);

  test('the PDF tab asks the host for the PDF, then renders it with a selectable text layer: no CSP violation, nothing fetched from outside', async () => {
    const reader = await readerWithPdfTab();
    assert.deepEqual(await reader.posted(), [{ type: 'openPdf', paperId: 'pdf-paper' }]);
    await sendPdf(reader, await textPdf(5));
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="1"].rendered .textLayer span')`, 20_000);
    const layer = await reader.evaluate<string>(`document.querySelector('.pdf-page[data-page-number="1"] .textLayer').textContent`);
    assert.match(layer, new RegExp(pageSentence(1).replace('.', '\\.')));
    // The canvas has pixels: pdf.js drew the page (not only the text layer).
    const inked = await reader.evaluate<boolean>(`(() => {
      const canvas = document.querySelector('.pdf-page[data-page-number="1"] canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) return true;
      return false;
    })()`);
    assert.ok(inked, 'the page canvas has dark (text) pixels');
    // Selecting the text layer gives the page's words.
    const selected = await reader.evaluate<string>(`(() => {
      const span = [...document.querySelectorAll('.pdf-page[data-page-number="1"] .textLayer span')].find((s) => s.textContent.includes('page 1'));
      const range = document.createRange();
      range.selectNodeContents(span);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    })()`);
    assert.equal(selected, pageSentence(1));
    assert.equal(await reader.evaluate<string>(`getComputedStyle(document.querySelector('.textLayer span')).userSelect`), 'auto');
    assert.equal(await reader.evaluate<string>(`document.querySelector('.pdf-page-count').textContent`), 'of 5');
    const record = await reader.record();
    assert.deepEqual(record.csp, []);
    assert.deepEqual(record.pwned, []);
    assert.deepEqual(reader.foreignRequests(), []);
    assert.deepEqual(reader.pageErrors, []);
    assert.ok(harness.served.includes('/dist/webview/pdf.worker.js'), 'the worker came from the extension’s own files');
    await reader.close();
  });

  test('opens at the page the host names, page navigation and keys move between pages, far pages are not drawn', async () => {
    const reader = await readerWithPdfTab();
    await sendPdf(reader, await textPdf(30), { page: 3 });
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="3"].rendered .textLayer span')`, 20_000);
    assert.equal(await reader.evaluate<string>(`document.querySelector('.pdf-page-input').value`), '3');
    const rendered = await renderedPages(reader);
    assert.ok(!rendered.includes(30), `page 30 is far from view and not drawn (drawn: ${rendered.join(', ')})`);
    assert.ok(rendered.length < 12, `only pages near the view are drawn (drawn: ${rendered.join(', ')})`);
    // Type a page number.
    await reader.page.getByRole('spinbutton', { name: 'Page number' }).fill('20');
    await reader.page.getByRole('spinbutton', { name: 'Page number' }).press('Enter');
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="20"].rendered .textLayer span')`, 20_000);
    await reader.waitFor(`!document.querySelector('.pdf-page[data-page-number="3"].rendered')`, 5_000);
    // Keys on the pages: ] next page, End last page.
    await reader.page.locator('.pdf-scroller').focus();
    await reader.page.keyboard.press(']');
    await reader.waitFor(`document.querySelector('.pdf-page-input').value === '21'`);
    await reader.page.keyboard.press('End');
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="30"].rendered')`, 20_000);
    // The webview state remembers the PDF page for a reload.
    await reader.waitFor(`window.__lectern.state.pdfPage === 30`);
    assert.deepEqual((await reader.record()).csp, []);
    await reader.close();
  });

  test('find in the PDF goes to each match in turn and marks it; zoom changes the page size', async () => {
    const reader = await readerWithPdfTab();
    await sendPdf(reader, await textPdf(6));
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="1"].rendered')`, 20_000);
    await reader.page.keyboard.press('Control+f');
    await reader.waitFor(`document.activeElement?.getAttribute('aria-label') === 'Find in PDF'`);
    await reader.page.keyboard.type('page 4');
    await reader.page.keyboard.press('Enter');
    await reader.waitFor(`document.querySelector('.pdf-find-status').textContent === '1 of 1 (page 4)'`, 10_000);
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="4"] .pdf-find-current')`, 10_000);
    assert.match(await reader.evaluate<string>(`document.querySelector('.pdf-find-current').textContent`), /page 4/);
    await reader.page.locator('.pdf-find-input').fill('even');
    await reader.page.locator('.pdf-find-input').press('Enter');
    // The first match at or after the page in view (4): "even" is on pages 2, 4 and 6.
    await reader.waitFor(`document.querySelector('.pdf-find-status').textContent === '2 of 3 (page 4)'`, 10_000);
    await reader.page.locator('.pdf-find-input').press('Enter');
    await reader.waitFor(`document.querySelector('.pdf-find-status').textContent === '3 of 3 (page 6)'`, 10_000);
    await reader.page.locator('.pdf-find-input').press('Enter');
    await reader.waitFor(`document.querySelector('.pdf-find-status').textContent === '1 of 3 (page 2)'`, 10_000);
    await reader.page.locator('.pdf-find-input').press('Shift+Enter');
    await reader.waitFor(`document.querySelector('.pdf-find-status').textContent === '3 of 3 (page 6)'`, 10_000);
    const width = () => reader.evaluate<number>(`document.querySelector('.pdf-page').getBoundingClientRect().width`);
    const before = await width();
    await reader.page.getByRole('button', { name: 'Zoom in' }).click();
    assert.ok((await width()) > before * 1.2, 'zoom in makes pages wider');
    // Dark pages are a switch.
    await reader.page.getByRole('button', { name: 'Dark pages' }).click();
    assert.equal(await reader.evaluate<boolean>(`document.querySelector('.pdf-viewer').classList.contains('dark-pages')`), true);
    assert.deepEqual((await reader.record()).csp, []);
    await reader.close();
  });

  test('scripts, launch actions and javascript: links in a PDF never run; an http link goes through the host’s link policy', async () => {
    const reader = await readerWithPdfTab();
    await sendPdf(reader, await scriptedPdf());
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="1"] .pdf-links a')`, 20_000);
    const hrefs = await reader.evaluate<string[]>(`[...document.querySelectorAll('.pdf-links a')].map((a) => a.getAttribute('href'))`);
    assert.deepEqual(hrefs, ['https://example.org/paper']);
    await reader.clearPosted();
    await reader.page.locator('.pdf-links a').click();
    assert.deepEqual(await reader.posted(), [{ type: 'openExternal', url: 'https://example.org/paper' }]);
    await reader.page.waitForTimeout(300);
    const record = await reader.record();
    assert.deepEqual(record.pwned, []);
    assert.deepEqual(record.csp, []);
    assert.deepEqual(reader.dialogs, []);
    assert.deepEqual(reader.popups, []);
    assert.deepEqual(reader.navigations, []);
    await reader.close();
  });

  test('a password-protected or damaged PDF, or one the host cannot find, gives a message naming the paper and the file; the abstract still works', async () => {
    const reader = await readerWithPdfTab();
    await sendPdf(reader, await passwordPdf(), { fileName: 'locked #1 (copy).pdf' });
    await reader.waitFor(`document.querySelector('.pdf-problem')`, 20_000);
    const locked = await reader.evaluate<string>(`document.querySelector('.pdf-problem').textContent`);
    assert.match(locked, /^Lectern: the PDF of “A Paper With a PDF” \(locked #1 \(copy\)\.pdf\) is password-protected/);
    await reader.page.getByRole('tab', { name: 'Abstract' }).click();
    assert.equal(await reader.evaluate<string>(`document.querySelector('#abstract').textContent.trim()`), 'An abstract.');
    await reader.close();

    const damaged = await readerWithPdfTab();
    await sendPdf(damaged, damagedPdf(), { fileName: 'broken.pdf' });
    await damaged.waitFor(`document.querySelector('.pdf-problem')`, 20_000);
    assert.match(
      await damaged.evaluate<string>(`document.querySelector('.pdf-problem').textContent`),
      /^Lectern: the PDF of “A Paper With a PDF” \(broken\.pdf\) is damaged or not a PDF/,
    );
    await damaged.close();

    const missing = await readerWithPdfTab();
    await missing.send({ type: 'pdfUnavailable', paperId: 'pdf-paper', message: 'Lectern: no PDF found for “A Paper With a PDF”: gone.' });
    assert.match(
      await missing.evaluate<string>(`document.querySelector('.pdf-problem').textContent`),
      /no PDF found for “A Paper With a PDF”/,
    );
    await missing.clearPosted();
    await missing.page.getByRole('button', { name: 'Attach PDF…' }).click();
    assert.deepEqual(await missing.posted(), [{ type: 'attachPdf', paperId: 'pdf-paper' }]);
    assert.deepEqual((await missing.record()).csp, []);
    // No arXiv id: no Get PDF button.
    assert.equal(await missing.page.getByRole('button', { name: 'Get PDF from arXiv' }).count(), 0);
    await missing.close();

    // An arXiv paper without a PDF offers Get PDF from arXiv.
    const arxiv = await harness.open();
    await arxiv.send(showPaper(paperView({ id: 'arxiv-paper', title: 'An arXiv Paper', arxivId: '2403.01234' })));
    await arxiv.page.getByRole('tab', { name: 'PDF' }).click();
    await arxiv.send({ type: 'pdfUnavailable', paperId: 'arxiv-paper', message: 'Lectern: no PDF found for “An arXiv Paper”.' });
    await arxiv.clearPosted();
    await arxiv.page.getByRole('button', { name: 'Get PDF from arXiv' }).click();
    assert.deepEqual(await arxiv.posted(), [{ type: 'getPdf', paperId: 'arxiv-paper' }]);
    await arxiv.close();
  });

  test('a reloaded panel whose PDF tab was open asks for the PDF at the page it showed', async () => {
    const reader = await harness.open({ state: { paperId: 'pdf-paper', pdfPage: 4 } });
    await reader.send(showPaper(paperView({ id: 'pdf-paper', title: 'A Paper With a PDF', pdf: 'paper.pdf' })));
    assert.deepEqual(
      (await reader.posted()).filter((message) => message.type === 'openPdf'),
      [{ type: 'openPdf', paperId: 'pdf-paper', page: 4 }],
    );
    // Until the PDF arrives, the state keeps the page (a reload now would ask for it again).
    assert.equal(await reader.evaluate<number>('window.__lectern.state.pdfPage'), 4);
    await sendPdf(reader, await textPdf(6), { page: 4 });
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="4"].rendered')`, 20_000);
    assert.equal(await reader.evaluate<string>(`document.querySelector('.pdf-page-input').value`), '4');
    assert.equal(await reader.evaluate<boolean>(`document.querySelector('#reader-article').hidden`), true);
    await reader.close();
  });

  test('a PDF for another paper than the one shown is ignored', async () => {
    const reader = await readerWithPdfTab();
    await sendPdf(reader, await textPdf(1), { paperId: 'someone-else' });
    await reader.page.waitForTimeout(300);
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('.pdf-page').length`), 0);
    await reader.close();
  });
});
