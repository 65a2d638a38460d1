import pg from 'pg';
import { importPapers } from '../../src/node/pg/import-papers';
import { migrateDatabase } from '../../src/node/pg/migrate-database';
import { PgLibrary } from '../../src/node/pg/pg-library';
import { readCorpusFiles, type ReadCorpus } from '../../src/node/pg/read-corpus-files';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';
import { seedCorpusPath } from './shared-corpora';

/** A throwaway cluster holding the seed corpus (migrated, imported), an admin client and the library backend on it. */
export interface SeededPgLibrary {
  cluster: PostgresCluster;
  admin: pg.Client;
  library: PgLibrary;
  seed: ReadCorpus;
  /** Rows in `lectern_papers` now. */
  paperCount(): Promise<number>;
  /** Closes the clients and stops the cluster. */
  close(): Promise<void>;
}

/** Starts the cluster and imports the seed corpus (in batches of `batchSize`, default the importer's). */
export async function openSeededPgLibrary(options: { batchSize?: number } = {}): Promise<SeededPgLibrary> {
  const cluster = await startPostgresCluster();
  const admin = new pg.Client(cluster.url());
  await admin.connect();
  await migrateDatabase(admin);
  const seed = await readCorpusFiles([seedCorpusPath]);
  await importPapers(
    admin,
    seed.corpus.papers,
    seed.corpus.topics,
    options.batchSize === undefined ? undefined : { batchSize: options.batchSize },
  );
  const library = await PgLibrary.connect(cluster.url());
  return {
    cluster,
    admin,
    library,
    seed,
    paperCount: async () => Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM lectern_papers')).rows[0].n),
    close: async () => {
      await library.close();
      await admin.end();
      await cluster.stop();
    },
  };
}
