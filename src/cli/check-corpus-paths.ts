import * as l10n from '@vscode/l10n';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { unsupportedKindMessage } from '../core/import/import-corpus-file';
import { errorCode } from '../core/library/resolve-taxonomy';
import { CliError } from './cli-error';

/** How much of a file is read to tell its kind (the content sniffers look at no more). */
const HEAD_BYTES = 64 * 1024;

/**
 * Exits 2 (a `CliError`) before any loading when a path named on the command line does not exist, or is a
 * file of a kind Lectern does not read: a mistyped path must not quietly search the bundled sample or
 * nothing. Anything else wrong with a path (unreadable, a pipe, too large) is left to the loader, which
 * reports it as a diagnostic on the file while the rest of the library loads.
 *
 * @param named how the message names the path, e.g. `--corpus`.
 */
export async function checkCorpusPaths(paths: readonly string[], named: string): Promise<void> {
  for (const path of paths) {
    let isFile: boolean;
    try {
      isFile = (await stat(path)).isFile();
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR')
        throw new CliError(
          l10n.t('Lectern: {0} {1} does not exist. Check the path: it names a corpus file or a folder of them.', named, path),
          2,
        );
      continue;
    }
    const head = isFile ? await readHead(path) : undefined;
    const problem = head && unsupportedKindMessage(path, head);
    if (problem) throw new CliError(problem, 2);
  }
}

/** The first bytes of a regular file, or undefined when it cannot be read (the loader says why). */
async function readHead(path: string): Promise<Uint8Array | undefined> {
  try {
    // Non-blocking: should the file have become a pipe since the stat, opening it must not wait for a writer.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
