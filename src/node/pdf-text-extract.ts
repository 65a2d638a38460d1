/**
 * A PDF's text, page by page, read with pdf.js in Node (its legacy build, which runs on Node 20). Used by the corpus
 * worker and the CLI for full-text search; never on the extension host's thread. pdf.js runs as in the reader: no
 * eval, no scripting, no XFA, no fonts or CMaps fetched, so a PDF's JavaScript and launch actions never run.
 */
import { normalizePageText } from '../core/fulltext/page-text';
import { loadPdfjs } from './pdfjs-node';

/** Why a PDF's text could not be read. */
export type PdfTextFailure = 'password' | 'damaged';

/** Thrown by {@link extractPdfText}. */
export class PdfTextError extends Error {
  constructor(
    readonly failure: PdfTextFailure,
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * The text of each page (index 0 is page 1), lines joined with spaces, words hyphenated at a line end joined again,
 * ligatures and other compatibility characters folded (NFKC). Throws {@link PdfTextError} for a password-protected
 * or damaged PDF.
 *
 * @example (await extractPdfText(bytes))[6] // the text of page 7
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string[]> {
  const { getDocument, VerbosityLevel } = await loadPdfjs();
  const task = getDocument({
    // pdf.js takes ownership of the buffer it is given: a copy keeps the caller's bytes usable.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    if ((error as { name?: unknown } | null)?.name === 'PasswordException') throw new PdfTextError('password', 'PasswordException');
    // pdf.js's own words (English): they go into Lectern's translated message as a detail.
    throw new PdfTextError('damaged', error instanceof Error ? error.message : String(error));
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const lines: string[] = [];
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      pages.push(normalizePageText(lines));
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
