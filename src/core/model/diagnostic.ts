import type { ImportedPaper } from './paper';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * A problem found in a corpus file. Messages start with `Lectern:` and say what to do,
 * e.g. "Lectern: entry `smith2020` has no title; add a `title` field so it can be listed."
 */
export interface Diagnostic {
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  severity: DiagnosticSeverity;
  message: string;
}

/** What every importer returns. Importers never throw on bad content. */
export interface ImportResult {
  papers: ImportedPaper[];
  diagnostics: Diagnostic[];
}
