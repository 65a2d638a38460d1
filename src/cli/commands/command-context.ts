import type { ImportLimits } from '../../core/import/import-limits';
import type { Paper } from '../../core/model/paper';
import type { Style } from '../human-output';
import type { CliLibrary } from '../open-cli-library';

/** What every command gets: its arguments, the parsed flags, output helpers and (on first use) the library. */
export interface CommandContext {
  command: string;
  args: string[];
  json: boolean;
  /** `--limit`, when given. */
  limit?: number;
  /** `--format` (cite). */
  format: string;
  /** `--style` (cite): a `.csl` file, or `apa` (the bundled style, the default). */
  citationStyle?: string;
  /** `--locale` (cite): a locale code or a CSL locale `.xml` file; default en-US. */
  citationLocale?: string;
  /** Import limits from `--max-file-size` (defaults otherwise). */
  limits: ImportLimits;
  /** `--database URL`: a shared PostgreSQL library (db commands, and search/list/topics/related/show against it). */
  database?: string;
  /** False with `--no-cache`: nothing is read from or written to the user's cache folder. */
  cache: boolean;
  /** `--read-database URL`: a read replica of `database` that its reads go to (the primary while it is down). */
  readDatabase?: string;
  /** `--taxonomy FILE` (db import; the local library applies it through `openLibrary`). */
  taxonomy?: string;
  style: Style;
  /** Prints a value as indented JSON on stdout. */
  print: (value: unknown) => void;
  /**
   * Opens the library the flags name (once; later calls answer the same library). `import` passes its one
   * file as the corpus, without the sample, so that it reports exactly what `list --corpus FILE` does.
   */
  openLibrary: (corpus?: string[], sample?: boolean) => Promise<CliLibrary>;
  /** The paper with the id in `args[0]`, or a CliError (exit 1 unknown id, exit 2 none given). */
  paperOrFail: (library: CliLibrary['library']) => Paper;
}

/** A CLI command: returns the exit code. */
export type Command = (context: CommandContext) => Promise<number>;

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
