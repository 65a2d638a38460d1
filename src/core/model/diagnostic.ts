import type { ImportedPaper } from './paper';

/**
 * How bad a {@link Diagnostic} is: `error` = a record could not be loaded; `warning` = it was loaded
 * with something dropped or changed (a duplicate id renamed, a field ignored); `info` = worth knowing.
 * The extension maps them to the Problems panel's severities.
 */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * A problem found in a corpus file. Messages start with `Lectern:` and say what to do,
 * e.g. "Lectern: entry `smith2020` has no title; add a `title` field so it can be listed."
 */
export interface Diagnostic {
  /** The corpus file, as the caller named it to the importer (absolute or relative path). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  severity: DiagnosticSeverity;
  /** One sentence for the user: starts with `Lectern:`, names the record, says what to do. */
  message: string;
}

/** What every importer returns. Importers never throw on bad content. */
export interface ImportResult {
  /** The records that could be read, in file order. */
  papers: ImportedPaper[];
  /** Everything skipped or repaired, with its line; empty for a clean file. */
  diagnostics: Diagnostic[];
}
