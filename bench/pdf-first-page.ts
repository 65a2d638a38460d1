/**
 * PDF benchmark: how long the reader's PDF tab takes from receiving a PDF's bytes to its first page drawn (canvas
 * and text layer), for PDFs of 1, 30 and 500 pages (the 1-page PDF is the baseline of the same run: lazy drawing
 * should make the others cost about the same), and how many pages stay drawn after jumping through a 500-page PDF.
 * Runs the real reader bundle under its CSP in headless Chromium (the browser tests' harness), not inside
 * code-server: VS Code's own overhead (reading the file, posting the bytes) is not counted.
 *
 *   node --import tsx bench/pdf-first-page.ts [--rounds 5]
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import os from 'node:os';
import { paperView, showPaper } from '../test/browser/paper-fixtures';
import { scrollThrough } from '../test/browser/pdf-scroll-through';
import { browserSkipReason, ReaderHarness, type ReaderPage } from '../test/browser/reader-harness';
import { textPdf } from '../test/support/pdf-fixtures';

const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 5;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Opens a fresh reader with the PDF tab chosen, posts the PDF and returns ms until page 1 is drawn. */
async function firstPageMs(harness: ReaderHarness, bytes: Uint8Array): Promise<{ ms: number; reader: ReaderPage }> {
  const reader = await harness.open();
  await reader.send(showPaper(paperView({ id: 'bench', pdf: 'bench.pdf' })));
  await reader.page.getByRole('tab', { name: 'PDF' }).click();
  const base64 = Buffer.from(bytes).toString('base64');
  const ms = await reader.evaluate<number>(`new Promise((resolve, reject) => {
    const data = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
    const started = performance.now();
    window.postMessage({ type: 'pdfDocument', paperId: 'bench', paperTitle: 'Bench', fileName: 'bench.pdf', data }, '*');
    const poll = () => {
      if (document.querySelector('.pdf-page[data-page-number="1"].rendered .textLayer span')) resolve(performance.now() - started);
      else if (performance.now() - started > 30000) reject(new Error('page 1 never drawn'));
      else requestAnimationFrame(poll);
    };
    poll();
  })`);
  return { ms, reader };
}

async function main(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) throw new Error(`Lectern bench: ${skip}`);
  const harness = await ReaderHarness.start();
  try {
    const result: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version }, rounds };
    const firstPage: Record<string, { medianMs: number; runsMs: number[]; bytes: number }> = {};
    // The worker starts once per page load: a first, discarded run warms the browser's caches.
    await (await firstPageMs(harness, await textPdf(1))).reader.close();
    for (const pages of [1, 30, 500]) {
      const bytes = await textPdf(pages);
      const runs: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const { ms, reader } = await firstPageMs(harness, bytes);
        runs.push(Math.round(ms));
        await reader.close();
      }
      firstPage[`pages${pages}`] = { medianMs: median(runs), runsMs: runs, bytes: bytes.byteLength };
      console.error(`pdf bench: ${pages} pages, first page ${median(runs)} ms`);
    }
    result.firstPage = firstPage;
    result.ratio30to1 = Number((firstPage.pages30.medianMs / firstPage.pages1.medianMs).toFixed(2));
    result.ratio500to1 = Number((firstPage.pages500.medianMs / firstPage.pages1.medianMs).toFixed(2));
    // Jump through the 500-page PDF: how many pages are drawn at the end (far ones must have been released).
    const { reader } = await firstPageMs(harness, await textPdf(500));
    for (const page of [100, 200, 300, 400, 500, 250]) {
      await reader.evaluate(
        `(() => { const f = document.querySelector('.pdf-page-input'); f.value = '${page}'; f.dispatchEvent(new Event('change')); })()`,
      );
      await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="${page}"].rendered')`, 30_000);
    }
    result.pages500DrawnAfterJumps = await reader.evaluate<number>(`document.querySelectorAll('.pdf-page.rendered').length`);
    result.pages500Canvases = await reader.evaluate<number>(`document.querySelectorAll('.pdf-page canvas').length`);
    await reader.close();
    // Memory on the 500-page PDF: scroll from page 1 to 500, 7 pages a step; what stays alive, and the JS heap.
    const scrolled = await firstPageMs(harness, await textPdf(500));
    const run = await scrollThrough(scrolled.reader, 500);
    result.memory500 = {
      steps: run.steps.length,
      maxLiveCanvases: run.maxCanvases,
      maxLiveTextLayers: run.maxTextLayers,
      maxLiveTextSpans: run.maxSpans,
      heapAtPage1MB: Number((run.heapAtStart / 1_048_576).toFixed(1)),
      heapAtPage500MB: Number((run.heapAtEnd / 1_048_576).toFixed(1)),
      heapRatioEndToStart: Number((run.heapAtEnd / run.heapAtStart).toFixed(2)),
    };
    console.error(`pdf bench: 500 pages scrolled, at most ${run.maxCanvases} canvases alive`);
    await scrolled.reader.close();
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await harness.close();
  }
}

await main();
