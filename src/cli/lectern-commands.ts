import * as l10n from '@vscode/l10n';
import { CITATION_FORMATS } from '../core/cite/format-citation';
import { CliError } from './cli-error';
import type { CommandTable } from './command-table';
import { citeCommand } from './commands/cite-command';
import { dbCommand } from './commands/db-commands';
import type { Command } from './commands/command-context';
import { importCommand } from './commands/import-command';
import { listCommand, topicsCommand } from './commands/list-commands';
import { relatedCommand, showCommand } from './commands/paper-commands';
import { searchCommand } from './commands/search-command';
import { COMPLETION_SHELLS, completionScript, type CompletionShell } from './completion-script';

/** `lectern completion bash|zsh|fish`: the shell's completion script, generated from {@link lecternCommands}. */
const completionCommand: Command = ({ args }) => {
  const shell = args[0];
  if (!(COMPLETION_SHELLS as readonly string[]).includes(shell ?? ''))
    throw new CliError(
      l10n.t(
        'Lectern: completion needs a shell: {0} (e.g. eval "$(lectern completion bash)"), not "{1}".',
        COMPLETION_SHELLS.join(', '),
        shell ?? '',
      ),
      2,
    );
  process.stdout.write(completionScript(shell as CompletionShell, lecternCommands()));
  return Promise.resolve(0);
};

// long: one table entry per command and option; splitting it would scatter what --help lists together.
/**
 * Every command and option of `lectern`. Usage (`--help`), argument parsing and the shell completion
 * scripts are all generated from this table: a new command is one entry here. A function, not a constant, so its help
 * texts are translated in the locale the CLI has chosen by the time it is called; names and usages stay English.
 */
export function lecternCommands(): CommandTable {
  return {
    summary: l10n.t('lectern — search, list and cite the papers in a Lectern corpus'),
    commands: [
      {
        name: 'search',
        usage: '"QUERY" [--limit N]',
        help: l10n.t('rank papers (filters: topic: author: year:2020..2023 tag: status:)'),
        run: searchCommand,
      },
      {
        name: 'list',
        usage: '',
        help: l10n.t('every paper with its year and topics, then the diagnostics'),
        run: listCommand,
        printsDiagnostics: true,
      },
      { name: 'topics', usage: '', help: l10n.t('topics with their paper counts'), run: topicsCommand },
      { name: 'related', usage: 'ID [--limit N]', help: l10n.t('papers most like ID, with the terms they share'), run: relatedCommand },
      { name: 'show', usage: 'ID', help: l10n.t('one paper in full (ID: a paper id or its citekey)'), run: showCommand },
      {
        name: 'cite',
        usage: `ID --format ${CITATION_FORMATS.join('|')} [--style FILE] [--locale FILE|CODE]`,
        help: l10n.t('a citation (ID or citekey); apa = the reference in the style'),
        run: citeCommand,
      },
      {
        name: 'import',
        usage: 'FILE',
        help: l10n.t('import one file: its papers and diagnostics, as list reports them'),
        run: importCommand,
        completes: 'file',
        printsDiagnostics: true,
      },
      {
        name: 'db',
        usage: 'init|import [FILE…] --database URL',
        help: l10n.t(
          'a shared library on PostgreSQL: init creates or upgrades its schema,\nimport reads corpus files into it (see docs/POSTGRES.md)',
        ),
        run: dbCommand,
        completes: ['init', 'import'],
      },
      {
        name: 'completion',
        usage: COMPLETION_SHELLS.join('|'),
        help: l10n.t('a shell completion script: eval "$(lectern completion bash)"'),
        run: completionCommand,
        completes: COMPLETION_SHELLS,
      },
    ],
    options: [
      {
        name: 'corpus',
        type: 'string',
        value: 'PATH',
        multiple: true,
        completes: 'file',
        help: l10n.t(
          'a corpus file or folder (repeatable); when none names a corpus file,\nthe bundled sample corpus/ stands in (with its own topics.json)',
        ),
      },
      { name: 'sample', type: 'boolean', help: l10n.t('also include the bundled sample beside --corpus (includeSampleCorpus: always)') },
      {
        name: 'taxonomy',
        type: 'string',
        value: 'FILE',
        completes: 'file',
        help: l10n.t("a topics.json for your papers, applied after each folder's .lectern/topics.json"),
      },
      {
        name: 'no-cache',
        type: 'boolean',
        help: l10n.t(
          'read every file again instead of the cached library ($LECTERN_CACHE_DIR,\nelse $XDG_CACHE_HOME/lectern, else ~/.cache/lectern)',
        ),
      },
      {
        name: 'max-file-size',
        type: 'string',
        value: 'MB',
        help: l10n.t('skip (with a diagnostic) corpus files larger than MB megabytes (default 100)'),
      },
      {
        name: 'database',
        type: 'string',
        value: 'URL',
        help: l10n.t(
          'search, list, topics, related, show, db: a shared library (postgresql://user@host/db;\nthe password from PGPASSWORD or PGPASSFILE, never the command line); see docs/POSTGRES.md',
        ),
      },
      {
        name: 'read-database',
        type: 'string',
        value: 'URL',
        help: l10n.t('with --database: a read replica the searches go to (the primary answers while it is down)'),
      },
      { name: 'json', type: 'boolean', help: l10n.t('machine-readable output') },
      { name: 'limit', type: 'string', value: 'N', help: l10n.t('how many results (default 10)') },
      {
        name: 'format',
        type: 'string',
        value: 'FORMAT',
        completes: CITATION_FORMATS,
        help: l10n.t('cite: the citation format (default bibtex)'),
      },
      {
        name: 'style',
        type: 'string',
        value: 'FILE',
        completes: 'file',
        help: l10n.t('cite: a CSL style (.csl) instead of the bundled APA 7th'),
      },
      {
        name: 'locale',
        type: 'string',
        value: 'FILE|CODE',
        completes: 'file',
        help: l10n.t('cite: a CSL locale file (locales-xx-XX.xml); only en-US is bundled'),
      },
      { name: 'version', type: 'boolean', help: l10n.t("Lectern's version") },
      { name: 'help', short: 'h', type: 'boolean', help: l10n.t('this help') },
    ],
  };
}
