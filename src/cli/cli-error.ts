/** A failure the CLI reports as one message; exit codes: 1 nothing found for an id, 2 usage or unreadable input. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
