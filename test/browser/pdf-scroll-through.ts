/**
 * Scrolls the reader's open PDF from its first page to its last, a few pages at a time, as a reader would, and
 * records after each step how much of the PDF is alive in the page: canvases, text layers and their spans, and (through
 * the Chrome DevTools Protocol, after a garbage collection) the JS heap. Shared by the memory test and `bench:pdf`.
 */
import type { ReaderPage } from './reader-harness';

/** What lived in the page after one scroll step. */
interface LiveCounts {
  page: number;
  canvases: number;
  textLayers: number;
  spans: number;
}

export interface ScrollThrough {
  steps: LiveCounts[];
  maxCanvases: number;
  maxTextLayers: number;
  maxSpans: number;
  /** JS heap in use (bytes, after a garbage collection) with page 1 shown, and at the last page. */
  heapAtStart: number;
  heapAtEnd: number;
}

const COUNTS = `(() => ({
  page: Number(document.querySelector('.pdf-page-input').value),
  canvases: document.querySelectorAll('.pdf-page canvas').length,
  textLayers: document.querySelectorAll('.pdf-page .textLayer').length,
  spans: document.querySelectorAll('.pdf-page .textLayer span').length,
}))()`;

/** Scrolls through the open PDF of `pageCount` pages, `pagesPerStep` at a time, each step once its page is drawn. */
export async function scrollThrough(reader: ReaderPage, pageCount: number, pagesPerStep = 7): Promise<ScrollThrough> {
  const cdp = await reader.page.context().newCDPSession(reader.page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const heapAtStart = await heap();
  const steps: LiveCounts[] = [];
  for (let page = 1; ; page = Math.min(pageCount, page + pagesPerStep)) {
    await reader.evaluate(`(() => {
      const scroller = document.querySelector('.pdf-scroller');
      scroller.scrollTop = document.querySelector('.pdf-page[data-page-number="${page}"]').offsetTop;
    })()`);
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="${page}"].rendered .textLayer span')`, 30_000);
    steps.push(await reader.evaluate<LiveCounts>(COUNTS));
    if (page === pageCount) break;
  }
  const heapAtEnd = await heap();
  await cdp.detach();
  return {
    steps,
    maxCanvases: Math.max(...steps.map((step) => step.canvases)),
    maxTextLayers: Math.max(...steps.map((step) => step.textLayers)),
    maxSpans: Math.max(...steps.map((step) => step.spans)),
    heapAtStart,
    heapAtEnd,
  };
}
