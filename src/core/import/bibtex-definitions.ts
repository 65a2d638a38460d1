/**
 * What one BibTeX file defines for the others of its folder. A LaTeX document that cites from
 * `\bibliography{abbrev,journals,authors,articles}` has BibTeX read the four files as one, so a hand-kept library
 * (IRIDIA's, a lab's shared references) defines its `@string` macros for journals and authors, and its
 * `@preamble` macros, in files of their own, and `articles.bib` uses them without a definition of its own.
 */
import { chunkBibtex } from './bibtex-chunks';
import { scanBibtex } from './bibtex-scanner';
import { decodeCorpusBytes } from './decode-corpus-bytes';
import type { BibtexDefinitions } from './import-limits';

/** Definitions of no file. */
export const NO_BIBTEX_DEFINITIONS: BibtexDefinitions = Object.freeze({ strings: [], preambles: [] });

/** Whether a path names a BibTeX file (`.bib`, `.bibtex`, as `detectCorpusFormat` reads them), whose definitions its folder's other BibTeX files share. */
export function isBibtexPath(path: string): boolean {
  return /\.bib(?:tex)?$/i.test(path);
}

/** The `@string`s and `@preamble`s of a BibTeX file's bytes; none when it does not decode as text. */
export function readBibtexDefinitions(file: string, bytes: Uint8Array): BibtexDefinitions {
  const decoded = decodeCorpusBytes(file, bytes, 'BibTeX');
  return 'error' in decoded ? NO_BIBTEX_DEFINITIONS : definitionsIn(decoded.text);
}

/** Whether a BibTeX text defines a `@string` or holds a `@preamble` that the scanner reads (not one in a comment). */
export function holdsBibtexDefinitions(text: string): boolean {
  const { strings, preambles } = definitionsIn(text);
  return strings.length > 0 || preambles.length > 0;
}

function definitionsIn(text: string): BibtexDefinitions {
  const definitions: BibtexDefinitions = { strings: [], preambles: [] };
  for (const chunk of chunkBibtex(text)) {
    // Only chunks that hold a directive are scanned: most of a library is entries.
    if (!/@\s*(?:string|preamble)\s*[{(]/i.test(chunk.text)) continue;
    for (const item of scanBibtex(chunk.text)) {
      if (item.kind === 'string' && item.stringName) definitions.strings.push({ name: item.stringName, parts: item.fields[0].parts });
      else if (item.kind === 'preamble') for (const field of item.fields) definitions.preambles.push(field.parts);
    }
  }
  return definitions;
}

/** Several files' definitions as one, in the order given (a later `@string` of a name wins, as BibTeX reads them). */
export function joinBibtexDefinitions(list: readonly BibtexDefinitions[]): BibtexDefinitions {
  return { strings: list.flatMap((d) => d.strings), preambles: list.flatMap((d) => d.preambles) };
}
