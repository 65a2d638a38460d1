import * as l10n from '@vscode/l10n';
import { CorpusFileRefusal } from '../../core/library/corpus-file-refusal';
import { checkRegularFile } from '../../node/read-regular-file';
import { checkCorpusPaths } from '../check-corpus-paths';
import { CliError } from '../cli-error';
import { countOf, formatDiagnostic } from '../human-output';
import type { Command } from './command-context';

/**
 * `lectern import FILE`: reads one file through the same loader as every other command (ids, citekeys,
 * duplicate checks, topics), so it reports exactly the papers and diagnostics `lectern list --corpus FILE`
 * does; exit 0 even with diagnostics. A path that is missing, a folder, not a regular file (a pipe, a
 * device), over `--max-file-size` or of a kind Lectern does not read exits 2 before any read.
 */
export const importCommand: Command = async ({ args, json, print, limits, openLibrary }) => {
  const file = args[0];
  if (!file) throw new CliError(l10n.t('Lectern: import needs a FILE: lectern import library.bib'), 2);
  await refuseOrExit(file, limits.maxFileBytes);
  await checkCorpusPaths([file], 'import');
  const { library, diagnostics } = await openLibrary([file], false);
  const papers = library.papers;
  if (json) print({ papers, diagnostics });
  else {
    console.log(`${file}: ${countOf(papers.length, 'paper')}, ${countOf(diagnostics.length, 'diagnostic')}`);
    for (const d of diagnostics) console.log(`  ${formatDiagnostic(d)}`);
  }
  return 0;
};

/** Exits 2 for a path that cannot be imported, judged from its metadata alone (nothing is opened). */
async function refuseOrExit(file: string, maxBytes: number | undefined): Promise<void> {
  try {
    await checkRegularFile(file, { maxBytes });
  } catch (error) {
    if (error instanceof CorpusFileRefusal) {
      if (error.kind === 'a folder')
        throw new CliError(l10n.t('Lectern: {0} is a folder; import takes one file (use --corpus for folders).', file), 2);
      throw new CliError(error.message, 2);
    }
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(l10n.t('Lectern: cannot read {0} ({1}). Check the path and its permissions.', file, code), 2);
  }
}
