/**
 * A streaming read replica of a throwaway cluster (`startPostgresCluster`), for the tests and `npm run bench:pg`
 * of "past one machine": `pg_basebackup -R` copies the primary into another temporary folder (with the
 * standby settings written for it), and the copy starts as a hot standby on another free port of 127.0.0.1,
 * following the primary's WAL. Stopped and deleted at the end, also when the process exits early.
 */
import pg from 'pg';
import { clusterUrl, serverFolder, type PostgresCluster } from './postgres-cluster';

/** A running standby: its port, connection strings and a way to stop it (safe twice). */
export interface PostgresReplica {
  port: number;
  url: PostgresCluster['url'];
  /** Stops the standby and deletes its folder (the primary keeps running). */
  stop(): Promise<void>;
}

/** How long a standby may take to replay what the primary has committed before `waitForReplay` gives up. */
const REPLAY_TIMEOUT_MS = 60_000;

/** Starts a hot standby of `primary`, replicating by streaming; `tuning` adds server settings. */
export async function startStreamingReplica(primary: PostgresCluster, tuning: Record<string, string> = {}): Promise<PostgresReplica> {
  const server = serverFolder('lectern-pg-replica-');
  try {
    // -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile too.
    server.run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', server.data, '-R', '-X', 'stream']);
    const port = await server.start({ hot_standby: 'on', ...tuning });
    return { port, url: clusterUrl(port), stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Waits until `replica` has replayed everything `primary` had committed when called (its WAL position then). */
export async function waitForReplay(primary: PostgresCluster, replica: PostgresReplica): Promise<void> {
  const lsn = await scalar(primary.url(), 'SELECT pg_current_wal_lsn()::text AS value');
  const deadline = Date.now() + REPLAY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const behind = await scalar(replica.url(), 'SELECT (pg_last_wal_replay_lsn() < $1::pg_lsn)::text AS value', [lsn]);
    if (behind === 'false') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the replica on port ${replica.port} did not replay the primary's WAL up to ${lsn} within ${REPLAY_TIMEOUT_MS} ms`);
}

async function scalar(url: string, text: string, values: unknown[] = []): Promise<string> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<{ value: string }>(text, values)).rows[0].value;
  } finally {
    await client.end();
  }
}
