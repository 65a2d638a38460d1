import * as l10n from '@vscode/l10n';
import pg from 'pg';
import type { Diagnostic } from '../../core/model/diagnostic';
import type { Topic } from '../../core/model/topic';
import { PaperImport } from '../../node/pg/import-papers';
import { checkSchema, migrateDatabase } from '../../node/pg/migrate-database';
import { describeConnection, libraryErrorOf } from '../../node/pg/pg-connection-error';
import { readCorpusParts, type ReadCorpus } from '../../node/pg/read-corpus-files';
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
  const progress = process.stderr.isTTY && !json;
  const read = await withClient(url, async (client) => {
    await checkSchema(client);
    const session = await PaperImport.start(client, {
      onBatch: (written) => progress && process.stderr.write(`\r${l10n.t('Lectern: {0} papers written', written.toLocaleString('en-US'))}`),
      // The refresh builds the search indexes on a second connection while it counts terms on this one.
      connectAnother: async () => {
        const other = newClient(url);
        await other.connect();
        return other;
      },
    });
    // A library of millions is read and written in parts (readCorpusParts); most libraries are one part.
    const report = new ImportReport();
    // No cap on a file's records: parts bound the memory (the cap's reason), and the arXiv snapshot holds millions.
    const unbounded = { ...limits, maxRecords: Number.MAX_SAFE_INTEGER };
    for await (const part of readCorpusParts(files, { limits: unbounded, taxonomyFile: taxonomy })) {
      report.add(part);
      await session.write(part.corpus.papers);
    }
    return { report, outcome: await session.finish(report.topics()) };
  });
  if (progress) process.stderr.write('\n');
  const { report, outcome } = read;
  const seconds = (outcome.writeMs + outcome.refreshMs) / 1000;
  if (json) {
    print({
      database: describeConnection(url),
      papers: outcome.papers,
      topics: report.topics().length,
      batches: outcome.batches,
      files: report.files.map(([file, counts]) => ({ file, ...counts })),
      diagnostics: report.diagnostics,
    });
    return 0;
  }
  // Each file's diagnostics as `lectern import` counts them: its own and the corpus-wide ones (duplicate ids) on it.
  for (const [file, counts] of report.files)
    console.log(`${file}: ${countOf(counts.papers, 'paper')}, ${countOf(counts.diagnostics, 'diagnostic')}`);
  for (const d of report.diagnostics) console.log(`  ${formatDiagnostic(d)}`);
  console.log(
    l10n.t(
      'Lectern: {0} and {1} imported into {2} in {3} s.',
      countOf(outcome.papers, 'paper'),
      countOf(report.topics().length, 'topic'),
      describeConnection(url),
      seconds.toFixed(1),
    ),
  );
  return 0;
}

/** What the parts of an import held: papers and diagnostics per file, every diagnostic, and the topics by name. */
class ImportReport {
  private readonly byFile = new Map<string, { papers: number; diagnostics: number }>();
  readonly diagnostics: Diagnostic[] = [];
  private readonly topicsByName = new Map<string, Topic>();

  add({ corpus, diagnostics }: ReadCorpus): void {
    for (const file of corpus.files) {
      const counts = this.byFile.get(file.path) ?? { papers: 0, diagnostics: 0 };
      counts.papers += file.papers.length;
      this.byFile.set(file.path, counts);
    }
    for (const d of diagnostics) {
      this.diagnostics.push(d);
      const counts = this.byFile.get(d.file);
      if (counts) counts.diagnostics += 1;
    }
    for (const topic of corpus.topics) if (!this.topicsByName.has(topic.name)) this.topicsByName.set(topic.name, topic);
  }

  get files(): Array<[string, { papers: number; diagnostics: number }]> {
    return [...this.byFile];
  }

  topics(): Topic[] {
    return [...this.topicsByName.values()];
  }
}

/** A connection to `url`, not yet open; its errors surface through the queries that meet them. */
function newClient(url: string): pg.Client {
  const client = new pg.Client({ connectionString: url, application_name: 'lectern', connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  return client;
}

/** Runs `work` on one connection, closed afterwards; failures become a `Lectern:` message with no credentials in it. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = newClient(url);
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    throw new CliError(libraryErrorOf(error, describeConnection(url)).message, 1);
  } finally {
    await client.end().catch(() => undefined);
  }
}
