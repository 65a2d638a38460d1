/**
 * The shared library's connection, as the status bar shows it:
 * - `off`: no `lectern.library.database` set (or disconnected by the user);
 * - `connecting`: a connection attempt is running;
 * - `connected`: searches, the tree and the reader use it;
 * - `offline`: the server cannot be reached (down, wrong host, timeout); retried with backoff;
 * - `needs-password`: the server asked for a password and none is stored (Connect asks for it);
 * - `wrong-password`: the server refused the credentials; not retried until the user connects again;
 * - `schema-newer`: the database's schema is newer than this Lectern; not retried (update Lectern);
 * - `no-schema`: the database holds no Lectern library (run `lectern db init`); not retried.
 */
import * as l10n from '@vscode/l10n';
export type ConnectionState =
  'off' | 'connecting' | 'connected' | 'offline' | 'needs-password' | 'wrong-password' | 'schema-newer' | 'no-schema';

/** What made a connection fail, as `PgLibraryError.fault` says (`query`: the server answered with an error). */
export type ConnectionFault = 'connect' | 'auth' | 'no-schema' | 'schema-newer' | 'query' | 'no-password';

/** First reconnect delay; each failure doubles it. */
export const FIRST_RETRY_MS = 2_000;
/** Reconnect delays stop growing here. */
export const MAX_RETRY_MS = 60_000;

/**
 * The state after a connection attempt or a request failed with `fault`. A refused password, a missing or newer
 * schema wait for the user (retrying cannot help); an unreachable server is retried; a query error (a timeout,
 * a statement the server refused) leaves the connection as it was: the server is there.
 */
export function stateAfterFault(fault: ConnectionFault, current: ConnectionState): ConnectionState {
  switch (fault) {
    case 'connect':
      return 'offline';
    case 'auth':
      return 'wrong-password';
    case 'no-password':
      return 'needs-password';
    case 'no-schema':
      return 'no-schema';
    case 'schema-newer':
      return 'schema-newer';
    case 'query':
      return current === 'connecting' ? 'offline' : current;
  }
}

/** Whether the state is retried on its own (with `retryDelayMs`). */
export function retriesAutomatically(state: ConnectionState): boolean {
  return state === 'offline';
}

/**
 * How long to wait before reconnect attempt `failures` (1 after the first failure): 2 s, 4 s, 8 s … capped at
 * 60 s; the count goes back to 0 on a successful connection.
 *
 * @example
 * retryDelayMs(1) // 2000
 * retryDelayMs(10) // 60000
 */
export function retryDelayMs(failures: number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent);
}

/** The key a password is stored under in VS Code's SecretStorage: one per `user@host:port/database`. */
export function secretKeyFor(described: string): string {
  return `lectern.sharedLibrary.password:${described}`;
}

/**
 * Checks a `lectern.library.database` value: a `postgres://` or `postgresql://` URL without a password.
 * Returns a `Lectern:` message saying what to fix, or undefined when it is usable.
 */
export function databaseSettingProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return l10n.t('Lectern: the setting lectern.library.database is not a URL. Write it as postgresql://user@host:5432/database.');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    return l10n.t(
      'Lectern: the setting lectern.library.database must start with postgresql:// (for example postgresql://user@host:5432/database).',
    );
  if (parsed.password)
    return l10n.t(
      "Lectern: the setting lectern.library.database holds a password. Remove it from the setting; run Lectern: Connect to a Shared Library… and type the password there (it is kept in VS Code's secret storage).",
    );
  if (!parsed.hostname)
    return l10n.t('Lectern: the setting lectern.library.database names no host. Write it as postgresql://user@host:5432/database.');
  return undefined;
}

/** The connection string with the password put in (in memory only: it is never written, shown or logged). */
export function withPassword(url: string, password: string | undefined): string {
  if (!password) return url;
  const parsed = new URL(url);
  // The driver percent-decodes the user info; the URL setter would leave a literal `%` as it is.
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
