import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { textPdf } from '../support/pdf-fixtures';
import { paperView, showPaper } from './paper-fixtures';
import { scrollThrough } from './pdf-scroll-through';
import { browserSkipReason, ReaderHarness } from './reader-harness';

const skip = browserSkipReason();

describe('the reader’s memory on a 500-page PDF, in Chromium', { skip }, () => {
  let harness: ReaderHarness;

  before(async () => {
    harness = await ReaderHarness.start();
  });

  after(async () => {
    await harness?.close();
  });

  test('scrolling through every page keeps only the pages near the view drawn: canvases, text layers and heap stay bounded', async () => {
    const reader = await harness.open();
    await reader.send(showPaper(paperView({ id: 'long', title: 'A Long PDF', pdf: 'long.pdf' })));
    await reader.page.getByRole('tab', { name: 'PDF' }).click();
    const base64 = Buffer.from(await textPdf(500)).toString('base64');
    await reader.evaluate(`(() => {
      const data = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
      window.postMessage({ type: 'pdfDocument', paperId: 'long', paperTitle: 'A Long PDF', fileName: 'long.pdf', data }, '*');
    })()`);
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="1"].rendered .textLayer span')`, 30_000);
    const run = await scrollThrough(reader, 500);
    assert.equal(run.steps.at(-1)?.page, 500, 'the scroll reached the last page');
    assert.ok(run.steps.length > 60, `scrolled in ${run.steps.length} steps`);
    // The view shows about one page; pages within 1.5 views above and below are drawn: a handful, never hundreds.
    assert.ok(run.maxCanvases <= 8, `at most 8 canvases alive at once (max ${run.maxCanvases})`);
    assert.ok(run.maxTextLayers <= 8, `at most 8 text layers alive at once (max ${run.maxTextLayers})`);
    assert.ok(run.maxSpans <= 8 * 4, `text-layer spans of at most 8 pages (max ${run.maxSpans})`);
    // Every page was drawn once and released: the heap after 500 pages is near the heap after the first.
    const grownMb = (run.heapAtEnd - run.heapAtStart) / 1_048_576;
    assert.ok(grownMb < 24, `the JS heap grew by ${grownMb.toFixed(1)} MB over 500 pages (bound: 24 MB)`);
    assert.deepEqual((await reader.record()).csp, []);
    assert.deepEqual(reader.pageErrors, []);
    await reader.close();
  });
});
