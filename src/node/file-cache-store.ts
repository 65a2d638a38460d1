import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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
    await this.write(key, text);
  }

  async getBytes(key: string): Promise<Uint8Array | undefined> {
    try {
      // Files past the buffer pool's size get an ArrayBuffer of their own, starting at offset 0: views over it stay aligned.
      const buffer = await readFile(join(this.folder, key));
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch {
      return undefined;
    }
  }

  async putBytes(key: string, bytes: Uint8Array): Promise<void> {
    await this.write(key, bytes);
  }

  private async write(key: string, contents: string | Uint8Array): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const target = join(this.folder, key);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, contents);
    await rename(temporary, target);
  }

  /**
   * Keeps the `keep` most recently written entries whose keys start with `prefix` (with the
   * entries named `<key>.<part>` beside them) and deletes the others, so a cache of large
   * libraries does not grow with every new set of options.
   */
  async prune(prefix: string, keep: number): Promise<void> {
    const names = (await readdir(this.folder)).filter((name) => name.startsWith(prefix));
    const mains = names.filter((name) => !names.some((other) => other !== name && name.startsWith(`${other}.`)));
    const written = await Promise.all(mains.map(async (name) => ({ name, at: (await stat(join(this.folder, name))).mtimeMs })));
    const kept = new Set(
      written
        .sort((a, b) => b.at - a.at)
        .slice(0, keep)
        .map((entry) => entry.name),
    );
    const owner = (name: string) => mains.find((main) => name === main || name.startsWith(`${main}.`));
    for (const name of names) {
      const main = owner(name);
      if (main && !kept.has(main)) await rm(join(this.folder, name), { force: true });
    }
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
