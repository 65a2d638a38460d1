import { PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The reader bundle's own URL, read while it runs its top level (`currentScript` is unset later). */
const bundleUrl = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : undefined;

let started: Promise<PDFWorker> | undefined;

/**
 * pdf.js's worker, started once per page from the extension's own `dist/webview/pdf.worker.js` (copied there by
 * scripts/build.mjs). A webview may not start a worker from its resource origin, so the script is fetched
 * (`connect-src` allows only the extension's files) and run from a blob (`worker-src blob:`); nothing runs in the page
 * itself if that fails (pdf.js's in-page fallback would need a script the CSP refuses, and is not tried).
 */
export function pdfWorker(): Promise<PDFWorker> {
  started ??= startWorker().catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}

async function startWorker(): Promise<PDFWorker> {
  if (!bundleUrl) throw new Error('the reader does not know where its files are');
  const response = await fetch(new URL('pdf.worker.js', bundleUrl));
  if (!response.ok) throw new Error(`pdf.worker.js could not be loaded (${response.status})`);
  const source = new Blob([await response.text()], { type: 'text/javascript' });
  const url = URL.createObjectURL(source);
  try {
    return PDFWorker.create({ port: new Worker(url, { type: 'module', name: 'Lectern PDF' }) });
  } finally {
    // The worker has its script once constructed; the URL is not needed any more.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
