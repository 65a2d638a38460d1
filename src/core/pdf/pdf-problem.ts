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

/**
 * The rest of a sentence saying what is wrong ("is empty (0 bytes). …"), or undefined when the file may be shown.
 *
 * @example pdfProblem({ size: 0, maxBytes: 1e8 }) // → 'is empty (0 bytes). Download it again, or attach another copy with Lectern: Attach PDF….'
 */
export function pdfProblem(facts: PdfFileFacts): string | undefined {
  if (facts.size === 0) return l10n.t('is empty (0 bytes). Download it again, or attach another copy with Lectern: Attach PDF….');
  if (facts.size > facts.maxBytes)
    return l10n.t(
      'is {0} MB, over lectern.pdf.maxFileSizeMB ({1} MB). Raise the setting to open it.',
      Math.ceil(facts.size / 1_048_576),
      Math.round(facts.maxBytes / 1_048_576),
    );
  if (facts.head && !hasPdfHeader(facts.head))
    return l10n.t('is not a PDF (it does not start with %PDF-). It may be a web page saved under a .pdf name; download the PDF again.');
  return undefined;
}
