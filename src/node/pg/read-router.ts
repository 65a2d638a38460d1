import type { Pool, QueryResult, QueryResultRow } from 'pg';

/** Anything that runs a parameterised statement: a `pg.Pool`, or a `ReadRouter` in front of two. */
export interface SqlRunner {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** After the replica first fails, reads skip it this long, doubling on each further failure up to the maximum. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Sends a shared library's reads to a read replica (a streaming standby) when one is configured and reachable,
 * else to the primary. A replica that cannot be reached, shuts down or cancels a statement for a replay
 * conflict costs nothing the user sees: that statement runs again on the primary, and the replica is skipped
 * for a while (1 s, doubling to 30 s) before it is tried again. Errors of the statement itself (a timeout, a
 * permission) are the primary's to report, so they are not retried.
 */
export class ReadRouter implements SqlRunner {
  private skipReplicaUntil = 0;
  private retryMs = FIRST_RETRY_MS;
  /** Statements the primary answered because the replica could not (a test and the bench read it). */
  fallbacks = 0;

  constructor(
    private readonly primary: Pool,
    private readonly replica?: Pool,
  ) {}

  async query<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<QueryResult<R>> {
    if (this.replica && Date.now() >= this.skipReplicaUntil) {
      try {
        const result = await this.replica.query<R>(text, values);
        this.retryMs = FIRST_RETRY_MS;
        return result;
      } catch (error) {
        if (!replicaUnavailable(error)) throw error;
        this.skipReplicaUntil = Date.now() + this.retryMs;
        this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
        this.fallbacks += 1;
      }
    }
    return this.primary.query<R>(text, values);
  }

  async end(): Promise<void> {
    await Promise.all([this.primary.end(), this.replica?.end()]);
  }
}

/**
 * Whether a replica's failure is about the replica rather than the statement: refused, reset or timed-out
 * connections, the server shutting down or starting (57P01–57P03), connection exceptions (08xxx), and a
 * standby cancelling a statement that conflicts with replay (40001 there).
 */
function replicaUnavailable(error: unknown): boolean {
  const raw = (error as { code?: unknown } | undefined)?.code;
  const code = typeof raw === 'string' ? raw : '';
  const message = error instanceof Error ? error.message : '';
  return (
    /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|EPIPE|57P0[1-3]|08\d\d\d|40001)$/.test(code) ||
    /timeout exceeded when trying to connect|Connection terminated|connection.*(closed|ended)/i.test(message)
  );
}
