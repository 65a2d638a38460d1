import * as l10n from '@vscode/l10n';
import pg from 'pg';
import { importPapers } from '../../node/pg/import-papers';
import { checkSchema, migrateDatabase } from '../../node/pg/migrate-database';
import { describeConnection, libraryErrorOf } from '../../node/pg/pg-connection-error';
import { readCorpusFiles } from '../../node/pg/read-corpus-files';
import { CliError } from '../cli-error';
import { countOf, formatDiagnostic } from '../human-output';
import type { Command, CommandContext } from './command-context';

/**
 * `lectern db init --database URL`: creates or upgrades the shared library's schema (a no-op when current;
 * a schema newer than this Lectern is refused). `lectern db import FILE… --database URL`: reads the files
 * through the corpus pipeline and upserts their papers in batches.
 */
export const dbCommand: Command = async (context) => {
  const [action, ...files] = context.args;
  const url = databaseOrFail(context);
  if (action === 'init') return withClient(url, async (client) => initDatabase(client, url, context));
  if (action === 'import') {
    if (files.length === 0)
      throw new CliError(
        l10n.t('Lectern: db import needs FILE… (corpus files or folders): lectern db import papers.bib --database URL'),
        2,
      );
    return importFiles(files, url, context);
  }
  throw new CliError(
    l10n.t('Lectern: unknown db action "{0}". Use "lectern db init" or "lectern db import FILE…", each with --database URL.', action ?? ''),
    2,
  );
};

/** The `--database` connection string, or a usage error. */
export function databaseOrFail(context: CommandContext): string {
  if (!context.database) throw new CliError(l10n.t('Lectern: this command needs --database URL (e.g. postgresql://user@host/lectern).'), 2);
  return context.database;
}

async function initDatabase(client: pg.Client, url: string, { json, print }: CommandContext): Promise<number> {
  const outcome = await migrateDatabase(client);
  if (json) print({ database: describeConnection(url), ...outcome });
  else if (outcome.from === outcome.to)
    console.log(l10n.t('Lectern: {0} is up to date (schema version {1}).', describeConnection(url), outcome.to));
  else console.log(l10n.t('Lectern: {0} schema upgraded from version {1} to {2}.', describeConnection(url), outcome.from, outcome.to));
  return 0;
}

async function importFiles(files: string[], url: string, { json, print, limits, taxonomy }: CommandContext): Promise<number> {
  const read = await readCorpusFiles(files, { limits, taxonomyFile: taxonomy });
  const { corpus, diagnostics } = read;
  // A file's diagnostics as `lectern import` counts them: its own and the corpus-wide ones (duplicate ids) on it.
  const diagnosticsOf = (path: string) => diagnostics.filter((d) => d.file === path).length;
  if (!json) {
    for (const file of corpus.files)
      console.log(`${file.path}: ${countOf(file.papers.length, 'paper')}, ${countOf(diagnosticsOf(file.path), 'diagnostic')}`);
    for (const d of diagnostics) console.log(`  ${formatDiagnostic(d)}`);
  }
  const progress = process.stderr.isTTY && !json;
  const outcome = await withClient(url, async (client) => {
    await checkSchema(client);
    return importPapers(client, corpus.papers, corpus.topics, {
      onBatch: (written) =>
        progress &&
        process.stderr.write(
          `\r${l10n.t('Lectern: {0} of {1} papers written', written.toLocaleString('en-US'), corpus.papers.length.toLocaleString('en-US'))}`,
        ),
    });
  });
  if (progress) process.stderr.write('\n');
  const seconds = (outcome.writeMs + outcome.refreshMs) / 1000;
  if (json)
    print({
      database: describeConnection(url),
      papers: outcome.papers,
      topics: corpus.topics.length,
      batches: outcome.batches,
      files: corpus.files.map((file) => ({ file: file.path, papers: file.papers.length, diagnostics: diagnosticsOf(file.path) })),
      diagnostics,
    });
  else
    console.log(
      l10n.t(
        'Lectern: {0} papers and {1} topics imported into {2} in {3} s.',
        outcome.papers.toLocaleString('en-US'),
        corpus.topics.length,
        describeConnection(url),
        seconds.toFixed(1),
      ),
    );
  return 0;
}

/** Runs `work` on one connection, closed afterwards; failures become a `Lectern:` message with no credentials in it. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'lectern', connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    throw new CliError(libraryErrorOf(error, describeConnection(url)).message, 1);
  } finally {
    await client.end().catch(() => undefined);
  }
}
