import type { Diagnostic } from '../model/diagnostic';
import type { CorpusReadOptions } from './corpus-file-refusal';

/**
 * Where corpus files come from: the local file system (the CLI, tests, the benchmark), VS Code's
 * `workspace.fs` (the extension) or memory (fast tests). A source only finds and reads bytes;
 * what the bytes mean (import, ids, taxonomy, topics, index) is decided once, by `LibraryLoader`.
 *
 * Paths are the strings the source hands out: the loader passes them back unchanged, and they
 * become `Paper.source.file` and `Diagnostic.file`.
 */
export interface CorpusSource {
  /**
   * Folders whose `.lectern/topics.json` extends the taxonomy, in order (workspace folders; the
   * CLI's `--corpus` folders). Example: `['/home/ada/thesis']`.
   */
  readonly roots: readonly string[];
  /**
   * The candidate corpus files the user chose (globs, excludes or a folder walk, as the source
   * decides), any order; the bundled sample is not among them (see `LibraryOptions.sampleFolder`).
   * Folders that cannot be read are reported in `diagnostics`, never thrown.
   */
  listFiles(): Promise<CorpusListing>;
  /** The files directly inside `folder` (names, not paths); rejects when the folder cannot be read. */
  listFolder(folder: string): Promise<string[]>;
  /**
   * A file's bytes; rejects when it cannot be read, with an error whose `code` (e.g. `ENOENT`) says why.
   * Before reading, it refuses with a `CorpusFileRefusal` a path that is not a regular file (a pipe, a
   * device, a socket: never opened or read) or whose size is over `options.maxBytes` (default 100 MB),
   * and it never reads more than `maxBytes + 1` bytes.
   */
  readFile(path: string, options?: CorpusReadOptions): Promise<Uint8Array>;
  /** `segments` appended to `folder` with the platform's separator. Example: `join('/w', '.lectern', 'topics.json')`. */
  join(folder: string, ...segments: string[]): string;
  /**
   * Size and modification time, when the source can tell them cheaply: a snapshot whose files
   * all kept their size and time is reused without reading them. Optional; default: always read.
   */
  stat?(path: string): Promise<FileStamp | undefined>;
  /**
   * Calls `listener` when a corpus file is created, changed or deleted (the source filters out
   * excluded files and debounces bursts). Optional: the CLI does not watch.
   */
  watch?(listener: (change: CorpusFileChange) => void): { dispose(): void };
}

/** What `CorpusSource.listFiles` found. */
export interface CorpusListing {
  paths: string[];
  /** Folders or paths that could not be read, located at line 1 of the path. */
  diagnostics: Diagnostic[];
}

/** A file's size and modification time, for a cheap "unchanged?" check. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** One corpus file changed on disk. */
export interface CorpusFileChange {
  path: string;
  /** `changed` also covers a created file. */
  kind: 'changed' | 'deleted';
}
