import * as l10n from '@vscode/l10n';
import { parseArgs } from 'node:util';
import type { Diagnostic } from '../core/model/diagnostic';
import type { Paper } from '../core/model/paper';
import { CliError } from './cli-error';
import { parseArgsOptions, usageText, type CommandTable } from './command-table';
import type { CommandContext } from './commands/command-context';
import { commandWithDatabase } from './commands/db-library-commands';
import { countOf, formatDiagnostic, styleFor } from './human-output';
import { lecternCommands } from './lectern-commands';
import { openCliLibrary, type CliLibrary } from './open-cli-library';
import { useCliLocale } from './cli-locale';
import { cliVersion } from './package-files';

/** The parsed command line: flags by name, then the command and its arguments. */
interface ParsedArgs {
  flag(name: string): boolean;
  text(name: string): string | undefined;
  texts(name: string): string[];
  command?: string;
  args: string[];
}

function parseCommandLine(argv: string[], table: CommandTable): ParsedArgs {
  // Not strict: Node's own errors are English; each option is checked against the table below, in the user's words.
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: parseArgsOptions(table),
  });
  for (const token of tokens) if (token.kind === 'option') checkOption(token, table);
  const value = (name: string) => values[name];
  const [command, ...args] = positionals;
  return {
    flag: (name) => value(name) === true,
    text: (name) => (typeof value(name) === 'string' ? (value(name) as string) : undefined),
    texts: (name) => {
      const given = value(name);
      return Array.isArray(given) ? given.filter((v): v is string => typeof v === 'string') : [];
    },
    command,
    args,
  };
}

/** An option as parseArgs read it: its name, as typed, and its value if it took one. */
interface OptionToken {
  name: string;
  rawName: string;
  value?: string;
  inlineValue?: boolean;
}

/** Throws a usage error (exit 2) for an option the table lacks, a value missing, or a value given to a flag. */
function checkOption(token: OptionToken, table: CommandTable): void {
  const option = table.options.find((candidate) => candidate.name === token.name);
  const usage = () => usageText(table);
  if (!option) throw new CliError(l10n.t('Lectern: unknown option {0}.\n\n{1}', token.rawName, usage()), 2);
  if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))))
    throw new CliError(l10n.t('Lectern: {0} needs a value, as in {0} {1}.\n\n{2}', token.rawName, option.value ?? 'VALUE', usage()), 2);
  if (option.type === 'boolean' && token.value !== undefined)
    throw new CliError(l10n.t('Lectern: {0} takes no value (given "{1}").\n\n{2}', token.rawName, token.value, usage()), 2);
}

async function main(argv: string[]): Promise<number> {
  // Before anything is read or said: every message (core's diagnostics included) in the user's locale.
  useCliLocale();
  const table = lecternCommands();
  const usage = usageText(table);
  const parsed = parseCommandLine(argv, table);
  const { command, args } = parsed;
  if (parsed.flag('version')) {
    console.log(`lectern ${cliVersion()}`);
    return 0;
  }
  if (parsed.flag('help')) {
    console.log(usage);
    return 0;
  }
  if (!command) throw new CliError(l10n.t('Lectern: name a command.\n\n{0}', usage), 2);
  const entry = table.commands.find((c) => c.name === command);
  if (!entry) throw new CliError(l10n.t('Lectern: unknown command "{0}".\n\n{1}', command, usage), 2);
  let opened: Promise<CliLibrary> | undefined;
  const limits = { maxFileBytes: parseMegabytes(parsed.text('max-file-size')) };
  const noCache = parsed.flag('no-cache');
  const context: CommandContext = {
    command,
    args,
    json: parsed.flag('json'),
    limit: parseLimit(parsed.text('limit')),
    format: parsed.text('format') ?? 'bibtex',
    citationStyle: parsed.text('style'),
    citationLocale: parsed.text('locale'),
    limits,
    database: parsed.text('database'),
    readDatabase: parsed.text('read-database'),
    taxonomy: parsed.text('taxonomy'),
    cache: !noCache,
    style: styleFor(process.stdout),
    print: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    openLibrary: (corpus = parsed.texts('corpus'), sample = parsed.flag('sample')) =>
      (opened ??= openCliLibrary({ corpus, sample, taxonomy: parsed.text('taxonomy'), cache: !noCache, limits }).then((library) => {
        // `list` and `import` print every diagnostic themselves; elsewhere a file that could not be read must not pass unnoticed.
        if (!entry.printsDiagnostics) warnAboutUnreadFiles(library.diagnostics);
        return library;
      })),
    paperOrFail: (library) => paperOrFail(library, command, args[0]),
  };
  // With --database the questions go to the shared library (only the commands it can answer).
  const run = context.database !== undefined ? commandWithDatabase(command, entry.run) : entry.run;
  return (run ?? entry.run)(context);
}

/** Errors (files refused, unreadable or empty of papers through damage) on stderr, so a search over fewer papers than meant is visible. */
function warnAboutUnreadFiles(diagnostics: Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  console.error(l10n.t('Lectern: {0} while reading the corpus (see "lectern list" for all diagnostics):', countOf(errors.length, 'error')));
  for (const d of errors.slice(0, 5)) console.error(`  ${formatDiagnostic(d)}`);
  if (errors.length > 5) console.error(`  ${l10n.t('… and {0} more', errors.length - 5)}`);
}

function paperOrFail(library: CliLibrary['library'], command: string, id: string | undefined): Paper {
  if (!id) throw new CliError(l10n.t('Lectern: {0} needs a paper ID or citekey: see "lectern list"', command), 2);
  // A citekey names a paper wherever an id does (ids first, so a key never hides a paper's own id).
  const paper = library.resolve(id);
  if (!paper)
    throw new CliError(
      l10n.t('Lectern: no paper has the id or citekey "{0}". Run "lectern search" or "lectern list" to find its id.', id),
      1,
    );
  return paper;
}

function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new CliError(l10n.t('Lectern: --limit takes a whole number of 1 or more, not "{0}".', raw), 2);
  return n;
}

/** `--max-file-size MB` in bytes; undefined (the default limit) when not given. */
function parseMegabytes(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(l10n.t('Lectern: --max-file-size takes a whole number of megabytes, 1 or more, not "{0}".', raw), 2);
  return n * 1024 * 1024;
}

function report(error: unknown): number {
  if (error instanceof CliError) {
    console.error(error.message);
    return error.exitCode;
  }
  throw error;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => (process.exitCode = report(error)),
);
