import { importCorpusFile } from '../../core/import/import-corpus-file';
import { CorpusFileRefusal } from '../../core/library/corpus-file-refusal';
import { readRegularFile } from '../../node/read-regular-file';
import { CliError } from '../cli-error';
import { formatDiagnostic } from '../human-output';
import type { Command } from './command-context';

/**
 * `lectern import FILE`: imports one file and reports what was read (exit 0 even with diagnostics). A path
 * that is a folder, not a regular file (a pipe, a device) or over `--max-file-size` exits 2 before any read.
 */
export const importCommand: Command = async ({ args, json, print, limits }) => {
  const file = args[0];
  if (!file) throw new CliError('Lectern: import needs a FILE: lectern import library.bib', 2);
  const result = importCorpusFile(file, await readOrExit(file, limits.maxFileBytes), { limits });
  if (json) print({ papers: result.papers, diagnostics: result.diagnostics });
  else {
    console.log(`${file}: ${result.papers.length} papers, ${result.diagnostics.length} diagnostics`);
    for (const d of result.diagnostics) console.log(`  ${formatDiagnostic(d)}`);
  }
  return 0;
};

async function readOrExit(file: string, maxBytes: number | undefined): Promise<Uint8Array> {
  try {
    return await readRegularFile(file, { maxBytes });
  } catch (error) {
    if (error instanceof CorpusFileRefusal) {
      if (error.kind === 'a folder')
        throw new CliError(`Lectern: ${file} is a folder; import takes one file (use --corpus for folders).`, 2);
      throw new CliError(error.message, 2);
    }
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(`Lectern: cannot read ${file} (${code}). Check the path and its permissions.`, 2);
  }
}
