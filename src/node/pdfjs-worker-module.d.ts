/** pdf.js's worker module, loaded on the thread that reads a PDF (see `pdfjs-node.ts`); it ships no types. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
