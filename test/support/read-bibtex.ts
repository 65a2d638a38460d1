import { importBibtex } from '../../src/core/import/bibtex-importer';

/**
 * What a user sees of a `.bib` file's import, in a form tests compare whole: each paper as
 * `[citekey, title, venue, date, line]` and each diagnostic as `line:column severity message`.
 */
export function readBibtex(text: string): { papers: unknown[][]; diagnostics: string[] } {
  const result = importBibtex('refs.bib', text);
  return {
    papers: result.papers.map((p) => [p.citeKey ?? null, p.title, p.venue ?? null, p.date ?? null, p.source.line]),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
}
