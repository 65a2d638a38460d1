import * as l10n from '@vscode/l10n';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../core/model/diagnostic';
import { CORPUS_FILE_EXTENSIONS } from '../core/import/import-corpus-file';
import type { CorpusReadOptions } from '../core/library/corpus-file-refusal';
import type { CorpusListing, CorpusSource, FileStamp } from '../core/library/corpus-source';
import { errorCode } from '../core/library/resolve-taxonomy';
import { readRegularFile } from './read-regular-file';

/**
 * A `CorpusSource` over the local file system, for the CLI, tests and the benchmark: `paths` are
 * files or folders (the CLI's `--corpus`); folders are walked for files with a corpus extension,
 * skipping `topics.json` and `.lectern/`. Folders are the roots whose `.lectern/topics.json` counts.
 * It does not watch. Paths are used as given (relative paths stay relative).
 */
export class NodeCorpusSource implements CorpusSource {
  private constructor(
    private readonly paths: readonly string[],
    readonly roots: readonly string[],
  ) {}

  /** A source over `paths` (files or folders). Example: `await NodeCorpusSource.create(['papers', 'refs.bib'])`. */
  static async create(paths: readonly string[]): Promise<NodeCorpusSource> {
    const roots: string[] = [];
    for (const path of paths) if (await isDirectory(path)) roots.push(path);
    return new NodeCorpusSource(paths, roots);
  }

  async listFiles(): Promise<CorpusListing> {
    const found: string[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const path of this.paths) {
      let folder: boolean;
      try {
        folder = (await stat(path)).isDirectory();
      } catch {
        found.push(path); // reading it reports why it is missing, located on the file
        continue;
      }
      if (folder) await walk(path, found, diagnostics);
      else found.push(path);
    }
    return { paths: found, diagnostics };
  }

  async listFolder(folder: string): Promise<string[]> {
    return (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  }

  /** Refuses pipes, devices, sockets and files over `options.maxBytes` before reading (see `readRegularFile`). */
  readFile(path: string, options?: CorpusReadOptions): Promise<Uint8Array> {
    return readRegularFile(path, options);
  }

  join(folder: string, ...segments: string[]): string {
    return join(folder, ...segments);
  }

  async stat(path: string): Promise<FileStamp | undefined> {
    const stats = await stat(path);
    return { size: stats.size, mtimeMs: stats.mtimeMs };
  }
}

async function walk(folder: string, found: string[], diagnostics: Diagnostic[]): Promise<void> {
  let entries;
  try {
    entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    diagnostics.push(unreadableFolder(folder, errorCode(error)));
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && (await isDirectory(path)));
    if (isFolder) {
      if (entry.name !== '.lectern') await walk(path, found, diagnostics);
    } else if (entry.name !== 'topics.json' && CORPUS_FILE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) {
      found.push(path);
    }
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function unreadableFolder(path: string, reason: string): Diagnostic {
  return {
    file: path,
    line: 1,
    column: 1,
    severity: 'error',
    message: l10n.t(
      'Lectern: cannot read the folder {0} ({1}). Check that it exists and is readable, or remove it from the corpus list.',
      path,
      reason,
    ),
  };
}
