import * as l10n from '@vscode/l10n';
import { PgLibraryError } from './pg-library-error';

/** A connection string as people may see it: `user@host:port/database`, never the password or other parameters. */
export function describeConnection(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${user}${parsed.hostname || 'localhost'}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname || ''}`;
  } catch {
    return l10n.t('the shared library');
  }
}

/**
 * A failure of the server or the connection as a `PgLibraryError` saying what to do. Messages are built here
 * from the error's code, never copied from the driver, so no password or connection string can leak into them.
 */
export function libraryErrorOf(error: unknown, where: string): PgLibraryError {
  if (error instanceof PgLibraryError) return error;
  const raw = (error as { code?: unknown } | undefined)?.code;
  const code = typeof raw === 'string' ? raw : '';
  const message = error instanceof Error ? error.message : '';
  if (code === '28P01' || code === '28000')
    return new PgLibraryError(
      'auth',
      l10n.t(
        'Lectern: the server refused the credentials for {0}. Check the user name and the password (PGPASSWORD or PGPASSFILE for the CLI).',
        where,
      ),
    );
  if (code === '3D000')
    return new PgLibraryError(
      'connect',
      l10n.t('Lectern: the database of {0} does not exist. Check the database name in the connection string.', where),
    );
  if (code === '57014')
    return new PgLibraryError(
      'query',
      l10n.t('Lectern: {0} took too long to answer and the request was cancelled. Try a narrower query, or try again later.', where),
    );
  if (code === '42501')
    return new PgLibraryError(
      'query',
      l10n.t('Lectern: the database user has no permission for this on {0}. Import with a user in the lectern_writer role.', where),
    );
  if (
    /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|57P0[1-3]|08\d\d\d)$/.test(code) ||
    /timeout|terminat|Connection/i.test(message)
  )
    return new PgLibraryError(
      'connect',
      code
        ? l10n.t(
            'Lectern: cannot reach {0} ({1}). Check that the server is running and the host and port are right, then try again.',
            where,
            code,
          )
        : l10n.t('Lectern: cannot reach {0}. Check that the server is running and the host and port are right, then try again.', where),
    );
  return new PgLibraryError(
    'query',
    code
      ? l10n.t('Lectern: {0} could not answer (SQL state {1}). Try again; if it persists, report it with this code.', where, code)
      : l10n.t('Lectern: {0} could not answer. Try again; if it persists, report it with this code.', where),
  );
}
