import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { importCorpusFile } from '../../core/import/import-corpus-file';
import { CliError } from '../cli-error';
import { formatDiagnostic } from '../human-output';
import type { Command } from './command-context';

/** `lectern import FILE`: imports one file and reports what was read (exit 0 even with diagnostics). */
export const importCommand: Command = ({ args, json, print }) => {
  const file = args[0];
  if (!file) throw new CliError('Lectern: import needs a FILE: lectern import library.bib', 2);
  assertReadableFile(file);
  const result = importCorpusFile(file, readFileSync(file));
  if (json) print({ papers: result.papers, diagnostics: result.diagnostics });
  else {
    console.log(`${file}: ${result.papers.length} papers, ${result.diagnostics.length} diagnostics`);
    for (const d of result.diagnostics) console.log(`  ${formatDiagnostic(d)}`);
  }
  return Promise.resolve(0);
};

function assertReadableFile(file: string): void {
  try {
    if (statSync(file).isDirectory())
      throw new CliError(`Lectern: ${file} is a folder; import takes one file (use --corpus for folders).`, 2);
    accessSync(file, constants.R_OK);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(`Lectern: cannot read ${file} (${code}). Check the path and its permissions.`, 2);
  }
}
