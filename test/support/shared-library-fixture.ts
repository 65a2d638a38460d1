/**
 * A shared library for the VS Code tests (extension host and UI journey): a throwaway PostgreSQL cluster holding a
 * few dozen made-up papers the workspace does not have (one of them findable by a rare word), and a login role that
 * must give its password. No mocks: the extension talks to a real server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { importPapers } from '../../src/node/pg/import-papers';
import { migrateDatabase } from '../../src/node/pg/migrate-database';
import { readCorpusFiles } from '../../src/node/pg/read-corpus-files';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

/** The title of the shared paper the tests search for (its rare word: `wombat`). */
export const SHARED_TITLE = 'Wombat Burrow Acoustics as a Benchmark for Shared Retrieval';
/** The login of the tests' lab member and its password. */
export const LAB_USER = 'lab';
export const LAB_PASSWORD = 'c0rrect horse:battery@staple%';
/** Papers in the shared library: more than the tree's smallest page (20), so "Load more…" shows. */
export const SHARED_PAPERS = 45;

export interface SharedLibraryFixture {
  cluster: PostgresCluster;
  /** The connection string the user types: the lab member, no password. */
  url: string;
  /** Runs a statement as the superuser on a connection of its own (the server may have been restarted since). */
  sql(text: string): Promise<void>;
  close(): Promise<void>;
}

/** The made-up papers, as JSON Lines: two themes (so there are topics), the wombat paper among them. */
function sharedPapersJsonl(): string {
  // Keywords in sentence case, as reference managers often write them: the tree shows them in Title Case.
  const themes = [
    { words: 'marsupial burrow acoustics soil sensing', topic: 'Burrow acoustics' },
    { words: 'glacier meltwater sediment transport modelling', topic: 'Glacier sediment' },
  ];
  const lines: string[] = [];
  for (let i = 0; i < SHARED_PAPERS; i++) {
    const theme = themes[i % 2];
    const first = i === 0;
    lines.push(
      JSON.stringify({
        citeKey: `shared-${i}`,
        title: first ? SHARED_TITLE : `${theme.topic} study ${i}: ${theme.words.split(' ')[i % 5]} measurements`,
        authors: [`Member ${i % 7}`],
        year: 2010 + (i % 15),
        keywords: [theme.topic],
        // Paper 2 shares the wombat paper's rare words: its related paper.
        abstract: `${first || i === 2 ? 'Wombat burrows ring at low frequencies. ' : ''}We report ${theme.words} across ${i + 3} sites.`,
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Starts the cluster, creates the schema, imports the papers and the lab member's login (reader role, password). */
export async function openSharedLibraryFixture(): Promise<SharedLibraryFixture> {
  const cluster = await startPostgresCluster();
  const admin = new pg.Client(cluster.url());
  const folder = mkdtempSync(join(tmpdir(), 'lectern-shared-'));
  try {
    await admin.connect();
    await migrateDatabase(admin);
    const file = join(folder, 'shared-papers.jsonl');
    writeFileSync(file, sharedPapersJsonl());
    const read = await readCorpusFiles([file]);
    await importPapers(admin, read.corpus.papers, read.corpus.topics);
    await admin.query(
      `CREATE ROLE ${LAB_USER} LOGIN PASSWORD '${LAB_PASSWORD.replace(/'/g, "''")}' IN ROLE password_required, lectern_reader`,
    );
  } catch (error) {
    await admin.end().catch(() => undefined);
    await cluster.stop();
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  await admin.end();
  return {
    cluster,
    url: cluster.url({ user: LAB_USER }),
    sql: async (text) => {
      const client = new pg.Client(cluster.url());
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    },
    close: () => cluster.stop(),
  };
}
