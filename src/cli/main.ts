import { parseArgs } from 'node:util';
import type { Diagnostic } from '../core/model/diagnostic';
import type { Paper } from '../core/model/paper';
import { CliError } from './cli-error';
import type { Command, CommandContext } from './commands/command-context';
import { importCommand } from './commands/import-command';
import { listCommand, topicsCommand } from './commands/list-commands';
import { citeCommand } from './commands/cite-command';
import { dbCommand } from './commands/db-commands';
import { commandWithDatabase } from './commands/db-library-commands';
import { relatedCommand, showCommand } from './commands/paper-commands';
import { searchCommand } from './commands/search-command';
import { formatDiagnostic, styleFor } from './human-output';
import { openCliLibrary, type CliLibrary } from './open-cli-library';

const USAGE = `lectern — search, list and cite the papers in a Lectern corpus

Usage:
  lectern search "QUERY" [--limit N]   rank papers (filters: topic: author: year:2020..2023 tag: status:)
  lectern list                         every paper with its topics
  lectern topics                       topics with their paper counts
  lectern related ID [--limit N]       papers most like ID, with the terms they share
  lectern show ID                      one paper in full (ID: a paper id or its citekey)
  lectern cite ID --format apa|in-text|bibtex|csl-json|markdown [--style FILE] [--locale FILE|CODE]
                                       a citation (ID or citekey); apa = the reference in the style
  lectern import FILE                  import one file and report what was read
  lectern db init --database URL       create or upgrade a shared library's schema (PostgreSQL)
  lectern db import FILE… --database URL  import corpus files into the shared library

Options:
  --corpus PATH     a corpus file or folder (repeatable); when none names a corpus file,
                    the bundled sample corpus/ stands in (with its own topics.json)
  --sample          also include the bundled sample beside --corpus (includeSampleCorpus: always)
  --taxonomy FILE   a topics.json for your papers, applied after each folder's .lectern/topics.json
  --no-cache        read every file again instead of the cached library ($LECTERN_CACHE_DIR,
                    else $XDG_CACHE_HOME/lectern, else ~/.cache/lectern)
  --max-file-size MB  skip (with a diagnostic) corpus files larger than MB megabytes (default 100)
  --database URL    search, list, topics, related, show: a shared library (postgresql://user@host/db;
                    the password from PGPASSWORD or PGPASSFILE, never the command line); see docs/POSTGRES.md
  --json            machine-readable output
  --limit N         how many results (default 10)
  --style FILE      cite: a CSL style (.csl) instead of the bundled APA 7th
  --locale FILE|CODE  cite: a CSL locale file (locales-xx-XX.xml); only en-US is bundled
  -h, --help        this help`;

const COMMANDS: Record<string, Command> = {
  search: searchCommand,
  list: listCommand,
  topics: topicsCommand,
  related: relatedCommand,
  show: showCommand,
  cite: citeCommand,
  import: importCommand,
  db: dbCommand,
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      corpus: { type: 'string', multiple: true, default: [] },
      sample: { type: 'boolean', default: false },
      taxonomy: { type: 'string' },
      database: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      limit: { type: 'string' },
      'max-file-size': { type: 'string' },
      format: { type: 'string', default: 'bibtex' },
      style: { type: 'string' },
      locale: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const run = values.database !== undefined ? commandWithDatabase(command, COMMANDS[command]) : COMMANDS[command];
  if (!run) throw new CliError(`Lectern: unknown command "${command}".\n\n${USAGE}`, 2);
  let opened: Promise<CliLibrary> | undefined;
  const limits = { maxFileBytes: parseMegabytes(values['max-file-size']) };
  const context: CommandContext = {
    command,
    args,
    json: values.json,
    limit: parseLimit(values.limit),
    format: values.format,
    citationStyle: values.style,
    citationLocale: values.locale,
    limits,
    database: values.database,
    taxonomy: values.taxonomy,
    style: styleFor(process.stdout),
    print: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    openLibrary: () =>
      (opened ??= openCliLibrary({
        corpus: values.corpus,
        sample: values.sample,
        taxonomy: values.taxonomy,
        cache: !values['no-cache'],
        limits,
      }).then((library) => {
        // `list` prints every diagnostic itself; elsewhere a file that could not be read must not pass unnoticed.
        if (command !== 'list') warnAboutUnreadFiles(library.diagnostics);
        return library;
      })),
    paperOrFail: (library) => paperOrFail(library, command, args[0]),
  };
  return run(context);
}

/** Errors (files refused, unreadable or empty of papers through damage) on stderr, so a search over fewer papers than meant is visible. */
function warnAboutUnreadFiles(diagnostics: Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  console.error(
    `Lectern: ${errors.length === 1 ? '1 error' : `${errors.length} errors`} while reading the corpus (see "lectern list" for all diagnostics):`,
  );
  for (const d of errors.slice(0, 5)) console.error(`  ${formatDiagnostic(d)}`);
  if (errors.length > 5) console.error(`  … and ${errors.length - 5} more`);
}

function paperOrFail(library: CliLibrary['library'], command: string, id: string | undefined): Paper {
  if (!id) throw new CliError(`Lectern: ${command} needs a paper ID or citekey: see "lectern list"`, 2);
  // A citekey names a paper wherever an id does (ids first, so a key never hides a paper's own id).
  const paper = library.resolve(id);
  if (!paper)
    throw new CliError(`Lectern: no paper has the id or citekey "${id}". Run "lectern search" or "lectern list" to find its id.`, 1);
  return paper;
}

function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`Lectern: --limit takes a whole number of 1 or more, not "${raw}".`, 2);
  return n;
}

/** `--max-file-size MB` in bytes; undefined (the default limit) when not given. */
function parseMegabytes(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`Lectern: --max-file-size takes a whole number of megabytes, 1 or more, not "${raw}".`, 2);
  return n * 1024 * 1024;
}

function report(error: unknown): number {
  if (error instanceof CliError) {
    console.error(error.message);
    return error.exitCode;
  }
  if (error instanceof Error && 'code' in error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`Lectern: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  throw error;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => (process.exitCode = report(error)),
);
