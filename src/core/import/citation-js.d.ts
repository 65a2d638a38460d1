// Types for the parts of `@citation-js/plugin-bibtex` Lectern calls: its BibLaTeX→CSL mapping on entries
// whose fields are already read, and its TeX value grammar (names, TeX → Unicode).
declare module '@citation-js/plugin-bibtex/lib/input/entries.js' {
  /** One entry as citation-js reads it: lower-cased type, citekey, raw (TeX) field values by lower-cased name. */
  export interface CitationJsEntry {
    type: string;
    label: string;
    properties: Record<string, string>;
  }
  /** BibLaTeX (a superset of BibTeX) entries → CSL-JSON items, crossref inheritance within the batch included. */
  export function parse(entries: CitationJsEntry[]): Array<Record<string, unknown>>;
}

declare module '@citation-js/plugin-bibtex/lib/input/value.js' {
  /** A raw field value read as the given field (`author` → a list of CSL names, `title` → CSL rich text). */
  export function parse(text: string, field: string, languages?: string[]): unknown;
}

declare module '@citation-js/plugin-bibtex/lib/mapping/shared.js' {
  /** citation-js's field converters; `NAMES` turns its name grammar's parts (`prefix`…) into CSL names. */
  export const Converters: { NAMES: { toTarget(names: unknown[]): Array<Record<string, unknown>> } };
}
declare module '@citation-js/plugin-bibtex/lib/mapping/shared.js' {
  /** BibLaTeX type keys (`phdthesis`, `mathesis`, `techreport`…) → the genre text citation-js writes for them. */
  export const TYPE_KEYS: Record<string, string>;
}
