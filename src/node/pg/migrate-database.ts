import * as l10n from '@vscode/l10n';
import type { ClientBase } from 'pg';
import { MIGRATION_0001 } from './migrations/0001-init';
import { MIGRATION_0002 } from './migrations/0002-ranked-candidates';
import { MIGRATION_0003 } from './migrations/0003-field-bm25';
import { MIGRATION_0004 } from './migrations/0004-term-impacts';
import { MIGRATION_0005 } from './migrations/0005-author-field-counts';
import { MIGRATION_0006 } from './migrations/0006-typo-index';
import { PgLibraryError } from './pg-library-error';

/** The schema migrations, in order: version N is `MIGRATIONS[N - 1]`. A new version is appended, never edited. */
const MIGRATIONS: readonly string[] = [MIGRATION_0001, MIGRATION_0002, MIGRATION_0003, MIGRATION_0004, MIGRATION_0005, MIGRATION_0006];

/** The newest schema version this Lectern knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Any number will do as long as it is the same everywhere: two `db init` at once wait for each other. */
const MIGRATION_LOCK = 7_315_001;

/** What `migrateDatabase` did. */
export interface MigrationOutcome {
  /** The schema version before (0: an empty database). */
  from: number;
  /** The schema version now (`SCHEMA_VERSION`). */
  to: number;
}

/**
 * Brings the database's Lectern schema up to `SCHEMA_VERSION`, each migration in its own transaction, under
 * an advisory lock; re-running is a no-op. A schema newer than this Lectern is refused (nothing changes).
 */
export async function migrateDatabase(client: ClientBase): Promise<MigrationOutcome> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS lectern_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const from = await schemaVersion(client);
    refuseNewer(from);
    for (let version = from + 1; version <= SCHEMA_VERSION; version++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[version - 1]);
        await client.query('INSERT INTO lectern_schema (version) VALUES ($1)', [version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { from, to: SCHEMA_VERSION };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

/**
 * Checks that the database holds a schema this Lectern can read: refuses none and an older one (run `lectern db
 * init`), and a newer one (update Lectern).
 */
export async function checkSchema(client: ClientBase): Promise<void> {
  const exists = await client.query<{ present: boolean }>("SELECT to_regclass('lectern_schema') IS NOT NULL AS present");
  const version = exists.rows[0]?.present ? await schemaVersion(client) : 0;
  if (version === 0)
    throw new PgLibraryError(
      'no-schema',
      l10n.t('Lectern: this database holds no Lectern library yet. Run "lectern db init --database URL" first.'),
    );
  refuseNewer(version);
  if (version < SCHEMA_VERSION)
    throw new PgLibraryError(
      'no-schema',
      l10n.t(
        'Lectern: the database\'s library schema is version {0}, older than this Lectern reads ({1}). Run "lectern db init --database URL" as the tables\' owner to upgrade it.',
        version,
        SCHEMA_VERSION,
      ),
    );
}

async function schemaVersion(client: ClientBase): Promise<number> {
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM lectern_schema');
  return result.rows[0]?.version ?? 0;
}

function refuseNewer(version: number): void {
  if (version > SCHEMA_VERSION)
    throw new PgLibraryError(
      'schema-newer',
      l10n.t(
        "Lectern: the database's library schema is version {0}, newer than this Lectern understands (up to {1}). Update Lectern; nothing was changed.",
        version,
        SCHEMA_VERSION,
      ),
    );
}
