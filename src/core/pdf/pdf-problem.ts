/**
 * What is wrong with a PDF file before pdf.js sees it, in words for a message that starts with the paper and the
 * file: empty, too large, or not a PDF at all. Pure; the reader's viewer reports what pdf.js finds (a password,
 * damage).
 */
import * as l10n from '@vscode/l10n';

/** What {@link pdfProblem} looks at. */
export interface PdfFileFacts {
  /** Size in bytes. */
  size: number;
  /** The largest file Lectern reads, in bytes. */
  maxBytes: number;
  /** The file's first bytes (up to 1 KiB), when read. */
  head?: Uint8Array;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** True when `%PDF-` starts within the first KiB (Acrobat's own tolerance for leading junk). */
function hasPdfHeader(head: Uint8Array): boolean {
  for (let at = 0; at + PDF_MAGIC.length <= Math.min(head.length, 1024); at++)
    if (PDF_MAGIC.every((byte, offset) => head[at + offset] === byte)) return true;
  return false;
}

/** What is wrong with a PDF file before pdf.js sees it (see {@link pdfFileProblem}). */
export type PdfFileProblem = 'empty' | 'too-large' | 'not-pdf';

/**
 * What is wrong with the file, as a kind a cache can keep whatever the display language (words come from
 * {@link describePdfFileProblem}); undefined when the file may be shown.
 *
 * @example pdfFileProblem({ size: 0, maxBytes: 1e8 }) // → 'empty'
 */
export function pdfFileProblem(facts: PdfFileFacts): PdfFileProblem | undefined {
  if (facts.size === 0) return 'empty';
  if (facts.size > facts.maxBytes) return 'too-large';
  if (facts.head && !hasPdfHeader(facts.head)) return 'not-pdf';
  return undefined;
}

/** The rest of a sentence saying what `problem` means for a file of `facts.size` bytes, in the display language. */
export function describePdfFileProblem(problem: PdfFileProblem, facts: Pick<PdfFileFacts, 'size' | 'maxBytes'>): string {
  switch (problem) {
    case 'empty':
      return l10n.t('is empty (0 bytes). Download it again, or attach another copy with Lectern: Attach PDF….');
    case 'too-large':
      return l10n.t(
        'is {0} MB, over lectern.pdf.maxFileSizeMB ({1} MB). Raise the setting to open it.',
        Math.ceil(facts.size / 1_048_576),
        Math.round(facts.maxBytes / 1_048_576),
      );
    case 'not-pdf':
      return l10n.t('is not a PDF (it does not start with %PDF-). It may be a web page saved under a .pdf name; download the PDF again.');
  }
}

/**
 * The rest of a sentence saying what is wrong ("is empty (0 bytes). …"), or undefined when the file may be shown.
 *
 * @example pdfProblem({ size: 0, maxBytes: 1e8 }) // → 'is empty (0 bytes). Download it again, or attach another copy with Lectern: Attach PDF….'
 */
export function pdfProblem(facts: PdfFileFacts): string | undefined {
  const problem = pdfFileProblem(facts);
  return problem && describePdfFileProblem(problem, facts);
}
