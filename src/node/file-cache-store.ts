import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { IndexCacheStore } from '../core/library/index-cache-store';

/**
 * An `IndexCacheStore` in a folder of the local file system, one file per key. Writes go to a
 * temporary file that is then renamed, so a reader never sees half an entry.
 */
export class FileCacheStore implements IndexCacheStore {
  constructor(readonly folder: string) {}

  async get(key: string): Promise<string | undefined> {
    try {
      // Decoded in one piece: reading with an encoding builds the string from chunks, which the first search flattens again.
      return (await readFile(join(this.folder, key))).toString('utf8');
    } catch {
      return undefined;
    }
  }

  async put(key: string, text: string): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const target = join(this.folder, key);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, target);
  }
}

/**
 * The CLI's cache folder: `$LECTERN_CACHE_DIR`, else `$XDG_CACHE_HOME/lectern`, else `~/.cache/lectern`.
 * Example: `userCacheFolder({ XDG_CACHE_HOME: '/tmp/c' })` is `/tmp/c/lectern`.
 */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LECTERN_CACHE_DIR) return env.LECTERN_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lectern');
}
