import * as l10n from '@vscode/l10n';
import { DEFAULT_IMPORT_LIMITS } from '../import/import-limits';

/**
 * Why a `CorpusSource` would not read a file: it is not a regular file (a named pipe, a device such as
 * `/dev/zero`, a socket — reading one can block forever or never end), or it is larger than the limit.
 * Sources decide this from the file's metadata before any byte is read; the loader turns the error into
 * one located diagnostic carrying `message`, and the rest of the library loads.
 */
export class CorpusFileRefusal extends Error {
  constructor(
    readonly path: string,
    /** `not-regular` or `too-large`. */
    readonly reason: 'not-regular' | 'too-large',
    message: string,
    /** What the path is when it is not a regular file, e.g. "a named pipe", "a folder". */
    readonly kind?: string,
  ) {
    super(message);
    this.name = 'CorpusFileRefusal';
  }
}

/** How a source reads one file: the most bytes it may read. */
export interface CorpusReadOptions {
  /**
   * Largest file read, in bytes; a larger one is refused from its size, before reading, and a read
   * stops after `maxBytes + 1` bytes (a file that grew meanwhile is refused too). Default: 100 MB.
   */
  maxBytes?: number;
}

/** The refusal of a file that is not a regular file; `kind` names what it is, e.g. "a named pipe". */
export function notRegularFile(path: string, kind: string): CorpusFileRefusal {
  return new CorpusFileRefusal(
    path,
    'not-regular',
    l10n.t(
      'Lectern: {0} is not a regular file (it is {1}); it was not read. Lectern reads only regular files: remove it from the corpus or replace it with a file.',
      path,
      kind,
    ),
    kind,
  );
}

/** The refusal of a file over `maxBytes`; `size` is its size, or undefined when it grew past the limit while being read. */
export function fileTooLarge(path: string, size: number | undefined, maxBytes: number): CorpusFileRefusal {
  return new CorpusFileRefusal(
    path,
    'too-large',
    size === undefined
      ? l10n.t(
          'Lectern: {0} grew past the {1} limit for one corpus file; it was not read. Split it into smaller files, or raise the limit (setting `lectern.import.maxFileSizeMB`, or `--max-file-size MB` for the CLI).',
          path,
          megabytes(maxBytes),
        )
      : l10n.t(
          'Lectern: {0} is {1}, over the {2} limit for one corpus file; it was not read. Split it into smaller files, or raise the limit (setting `lectern.import.maxFileSizeMB`, or `--max-file-size MB` for the CLI).',
          path,
          megabytes(size),
          megabytes(maxBytes),
        ),
  );
}

/**
 * The refusal of a file within the limit but larger than one read can hold (`most`, 4 GB in Node 20): the
 * arXiv snapshot is such a file. It names the way out, splitting the file by lines.
 */
export function fileTooLargeToRead(path: string, size: number, most: number): CorpusFileRefusal {
  return new CorpusFileRefusal(
    path,
    'too-large',
    l10n.t(
      'Lectern: {0} is {1}, more than one file Lectern can read ({2}); it was not read. Split it into smaller files (a JSON Lines file by lines, e.g. `split -l 1000000 {0} part-`) and import those.',
      path,
      megabytes(size),
      megabytes(most),
    ),
  );
}

/** `options.maxBytes`, or the default limit. */
export function maxBytesOf(options: CorpusReadOptions | undefined): number {
  const max = options?.maxBytes;
  return typeof max === 'number' && Number.isFinite(max) && max > 0 ? Math.floor(max) : DEFAULT_IMPORT_LIMITS.maxFileBytes;
}

/** "2,048 MB (2,147,483,648 bytes)"; under a megabyte, "1,025 bytes". */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${bytes.toLocaleString('en-US')} bytes`;
  return `${mb.toLocaleString('en-US', { maximumFractionDigits: mb < 10 ? 1 : 0 })} MB (${bytes.toLocaleString('en-US')} bytes)`;
}
