import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic';
import { CORPUS_FILE_EXTENSIONS, importCorpusFile } from '../import/import-corpus-file';
import { contentFingerprint } from './content-fingerprint';
import type { CorpusFile } from './corpus';

/** Files in a corpus folder that are configuration, not papers. */
export const TAXONOMY_FILE_NAME = 'topics.json';

/**
 * Reads corpus files and folders from the local file system (the CLI, tests and benchmarks;
 * the extension reads through `workspace.fs`). Folders are walked for files with a corpus
 * extension. Anything unreadable becomes a diagnostic, never an exception.
 */
export function readCorpusPaths(paths: string[]): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      files.push(unreadable(path, error));
      continue;
    }
    for (const file of isDirectory ? listCorpusFiles(path, files) : [path]) files.push(readCorpusFile(file));
  }
  return files;
}

/** Reads and imports one file. */
export function readCorpusFile(path: string): CorpusFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return unreadable(path, error);
  }
  const result = importCorpusFile(path, bytes);
  return { path, fingerprint: contentFingerprint(bytes), ...result };
}

/** Corpus files under a folder, sorted; folders that cannot be listed are reported, not fatal. */
function listCorpusFiles(dir: string, unreadableFolders: CorpusFile[]): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch (error) {
      unreadableFolders.push(unreadable(folder, error));
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      let isDirectory = false;
      try {
        isDirectory = statSync(path).isDirectory();
      } catch (error) {
        unreadableFolders.push(unreadable(path, error));
        continue;
      }
      if (isDirectory) walk(path);
      else if (name !== TAXONOMY_FILE_NAME && CORPUS_FILE_EXTENSIONS.includes(extname(name).toLowerCase())) found.push(path);
    }
  };
  walk(dir);
  return found;
}

function unreadable(path: string, error: unknown): CorpusFile {
  const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : String(error);
  const diagnostic: Diagnostic = {
    file: path,
    line: 1,
    column: 1,
    severity: 'error',
    message: `Lectern: cannot read ${path} (${reason}). Check that the file exists and is readable, or remove it from the corpus list.`,
  };
  return { path, fingerprint: contentFingerprint(`unreadable:${reason}`), papers: [], diagnostics: [diagnostic] };
}
