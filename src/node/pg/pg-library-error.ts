/** What went wrong with a shared library, for a status bar or an exit code to act on. */
export type PgLibraryFault = 'no-schema' | 'schema-newer' | 'connect' | 'auth' | 'query';

/**
 * A shared-library failure with a message for the user (starts with `Lectern:`, says what to do, never holds a
 * password or a connection string).
 */
export class PgLibraryError extends Error {
  constructor(
    readonly fault: PgLibraryFault,
    message: string,
  ) {
    super(message);
    this.name = 'PgLibraryError';
  }
}
