import * as l10n from '@vscode/l10n';
import type { Diagnostic } from '../model/diagnostic';
import type { ImportedPaper, Paper } from '../model/paper';
import { paperIdFor, sanitizeId } from './paper-id';

/**
 * Gives every paper its id. Papers must arrive in a deterministic order (files sorted by path,
 * records in file order): the first holder of an id keeps it and later ones get `-2`, `-3`…,
 * each reported, so the same corpus always yields the same ids. An id the importer set (a
 * `lectern.json` record) is kept, sanitized; the others come from {@link paperIdFor}.
 *
 * `baseOf(paper, i)`: the id a record asks for before duplicates are told apart (default `baseId`; a caller that
 * keeps them per file passes its own, so a file change does not work them out again for every other file).
 *
 * @returns the papers in the same order, each with its `id`, and a warning per renamed duplicate.
 * @example
 * ```ts
 * // Two BibTeX entries with the key smith2020, at lines 1 and 9 of a.bib:
 * assignIds(papers).papers.map((p) => p.id); // → ['smith2020', 'smith2020-2'], plus one warning
 * ```
 */
export function assignIds(
  papers: ImportedPaper[],
  baseOf: (paper: ImportedPaper, index: number) => string = baseId,
): { papers: Paper[]; diagnostics: Diagnostic[] } {
  // Every id given so far and the record holding it, so a warning names that record even when it holds a suffixed id.
  const holders = new Map<string, ImportedPaper>();
  const diagnostics: Diagnostic[] = [];
  const result: Paper[] = [];
  for (const [index, paper] of papers.entries()) {
    const base = baseOf(paper, index);
    let id = base;
    const holder = holders.get(base);
    if (holder) {
      let n = 2;
      while (holders.has(`${base}-${n}`)) n += 1;
      id = `${base}-${n}`;
      diagnostics.push({
        file: paper.source.file,
        line: paper.source.line,
        column: 1,
        severity: 'warning',
        message: l10n.t(
          'Lectern: "{0}" has the same id "{1}" as the record at {2}:{3}; it was loaded as "{4}". If both are the same paper, remove one of them; notes are keyed by id, so "{4}" will move if the first record goes.',
          paper.title,
          base,
          holder.source.file,
          holder.source.line,
          id,
        ),
      });
    }
    holders.set(id, paper);
    result.push({ ...paper, id });
  }
  return { papers: result, diagnostics };
}

/** The id a record asks for: the importer's (sanitized), else `paperIdFor`'s (arXiv id, DOI, citekey, title slug). */
export function baseId(paper: ImportedPaper): string {
  return (paper.id && sanitizeId(paper.id)) || paperIdFor(paper);
}
