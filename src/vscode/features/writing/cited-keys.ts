/**
 * The cited keys of a writing document, whatever its syntax: Pandoc citations in markdown, Quarto
 * and R Markdown, the `\cite` family in LaTeX; and the bibliographies it names. Pure: no `vscode`
 * import, so the rules are unit-tested; the kind comes from the language id or the file name.
 */
import { latexBibliographies, markdownBibliographies, type BibliographyDeclaration } from '../../../core/cite/bibliography-declarations';
import { findLatexCitations } from '../../../core/cite/latex-citations';
import { findPandocCitations } from '../../../core/cite/pandoc-citations';

/** Which citation syntax a document uses. */
export type WritingKind = 'pandoc' | 'latex';

/** One cited key, with the offsets of the key and of the whole mention (`@key`, or the key in `\cite{…}`). */
export interface CitedKey {
  key: string;
  /** The key itself: what an unknown-key warning underlines. */
  start: number;
  end: number;
  /** The mention a link or a reference shows: `@key` / `-@key`, or the key in LaTeX. */
  mentionStart: number;
  /** Pandoc: inside `[…]`. A bare `@word` in a document naming no bibliography may be no citation at all. */
  bracketed: boolean;
}

const MARKDOWN_LANGUAGES = new Set(['markdown', 'quarto', 'rmd', 'rmarkdown', 'pandoc']);
const LATEX_LANGUAGES = new Set(['latex', 'tex', 'latex-expl3', 'doctex', 'rsweave']);

/**
 * The syntax of a document from its language id, else its file name (`.qmd`, `.Rmd`, `.md`, `.tex`),
 * so Quarto and R Markdown files work without their extensions installed.
 *
 * @example
 * ```ts
 * writingKindOf('plaintext', '/w/draft.qmd'); // → 'pandoc'
 * ```
 */
export function writingKindOf(languageId: string, path: string): WritingKind | undefined {
  if (LATEX_LANGUAGES.has(languageId)) return 'latex';
  if (MARKDOWN_LANGUAGES.has(languageId)) return 'pandoc';
  if (/\.(?:qmd|rmd|md|markdown)$/i.test(path)) return 'pandoc';
  if (/\.(?:tex|ltx)$/i.test(path)) return 'latex';
  return undefined;
}

/** Whether a file holds citations worth warning about even when bare (`@key`): Quarto and R Markdown always. */
export function isPandocProject(path: string, text: string): boolean {
  return /\.(?:qmd|rmd)$/i.test(path) || markdownBibliographies(text).length > 0;
}

/** Every cited key of a text, Quarto cross-references (`@fig-x`) left out. */
export function citedKeys(kind: WritingKind, text: string): CitedKey[] {
  if (kind === 'latex') {
    return findLatexCitations(text).map((c) => ({ key: c.key, start: c.start, end: c.end, mentionStart: c.start, bracketed: true }));
  }
  return findPandocCitations(text)
    .filter((c) => !c.crossReference)
    .map((c) => ({ key: c.key, start: c.start, end: c.end, mentionStart: c.markerStart, bracketed: c.bracketed }));
}

/** The bibliographies a text names. */
export function bibliographiesOf(kind: WritingKind, text: string): BibliographyDeclaration[] {
  return kind === 'latex' ? latexBibliographies(text) : markdownBibliographies(text);
}

/** The cited key at `offset` (within the mention, or just after it). */
export function citedKeyAt(keys: readonly CitedKey[], offset: number): CitedKey | undefined {
  return keys.find((key) => key.mentionStart <= offset && offset <= key.end);
}
