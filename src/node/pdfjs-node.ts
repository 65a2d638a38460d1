/**
 * pdf.js's legacy build loaded once for Node (the corpus worker and the CLI), for text only. Its display layer
 * builds a `DOMMatrix` when it loads and, lacking `@napi-rs/canvas` (not shipped: Lectern never draws in Node),
 * warns that it cannot polyfill the canvas classes; those warnings say nothing to a user, so they are held back
 * while it loads, and a bare `DOMMatrix` stands in (text extraction never uses it).
 */
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

type Pdfjs = typeof PdfjsModule;

let loading: Promise<Pdfjs> | undefined;

/** pdf.js, with its "worker" on this thread (nothing is loaded from a URL). */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Pdfjs> {
  const globals = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown };
  globals.DOMMatrix ??= class DOMMatrix {};
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && /^Warning: Cannot (polyfill|load|access)/.test(args[0]))) warn(...args);
  };
  try {
    const [pdfjs, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]);
    globals.pdfjsWorker = worker;
    return pdfjs;
  } finally {
    console.warn = warn;
  }
}
