import * as l10n from '@vscode/l10n';
import { constants as bufferConstants } from 'node:buffer';
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { fileTooLarge, fileTooLargeToRead, maxBytesOf, notRegularFile, type CorpusReadOptions } from '../core/library/corpus-file-refusal';

/**
 * Reads a corpus file from the local file system, refusing (with a `CorpusFileRefusal`) what must not be
 * read: a file that is not regular is refused from `stat`, so a named pipe is never opened and `/dev/zero`
 * never read; a file over `options.maxBytes` is refused from its size. The read itself is bounded too: the
 * file is opened non-blocking and checked again on the open handle (it may have been swapped meanwhile),
 * and at most `maxBytes + 1` bytes are read (it may have grown). Other failures reject with their `code`.
 *
 * @example await readRegularFile('refs.bib', { maxBytes: 10 * 1024 * 1024 })
 */
export async function readRegularFile(path: string, options?: CorpusReadOptions): Promise<Uint8Array> {
  const maxBytes = maxBytesOf(options);
  refuse(path, await stat(path), maxBytes);
  // O_NONBLOCK: should the path have become a pipe since the stat, opening it must not wait for a writer.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    refuse(path, stats, maxBytes);
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw fileTooLarge(path, undefined, maxBytes);
    if (length === buffer.length) return await readGrown(path, buffer, length, maxBytes, handle);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/**
 * Refuses, from `stat` alone and without opening the file, what {@link readRegularFile} would refuse (not a
 * regular file, over `options.maxBytes`); rejects with the `stat` error (e.g. ENOENT) when there is none.
 */
export async function checkRegularFile(path: string, options?: CorpusReadOptions): Promise<void> {
  refuse(path, await stat(path), maxBytesOf(options));
}

/** The file grew between its stat and the read (but may still be within the limit): read on, up to the limit + 1. */
async function readGrown(
  path: string,
  start: Buffer,
  length: number,
  maxBytes: number,
  handle: Awaited<ReturnType<typeof open>>,
): Promise<Uint8Array> {
  const most = Math.min(maxBytes, MOST_READABLE);
  const buffer = Buffer.allocUnsafe(most + 1);
  start.copy(buffer, 0, 0, length);
  while (length < buffer.length) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  if (length > maxBytes) throw fileTooLarge(path, undefined, maxBytes);
  if (length > most) throw fileTooLargeToRead(path, length, MOST_READABLE);
  return buffer.subarray(0, length);
}

/** The most bytes one read can hold: a buffer of the limit plus one byte (to see a file that grew) must fit. */
const MOST_READABLE = bufferConstants.MAX_LENGTH - 1;

function refuse(path: string, stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw notRegularFile(path, kindOf(stats));
  if (stats.size > maxBytes) throw fileTooLarge(path, stats.size, maxBytes);
  if (stats.size > MOST_READABLE) throw fileTooLargeToRead(path, stats.size, MOST_READABLE);
}

/** What a non-regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return l10n.t('a folder');
  if (stats.isFIFO()) return l10n.t('a named pipe');
  if (stats.isCharacterDevice()) return l10n.t('a character device');
  if (stats.isBlockDevice()) return l10n.t('a block device');
  if (stats.isSocket()) return l10n.t('a socket');
  return l10n.t('something other than a file');
}
