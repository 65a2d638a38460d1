/**
 * Where serialized libraries are kept between runs: the extension's storage folder, the user's
 * cache folder for the CLI (`$LECTERN_CACHE_DIR`, else `$XDG_CACHE_HOME/lectern`, else
 * `~/.cache/lectern`), or memory in tests. Entries are plain text; the loader checks that an
 * entry still matches the corpus (its fingerprint) before using it, so a store never needs to
 * expire anything. Failures are not errors: `get` answers undefined, `put` may reject and the
 * caller only logs it.
 */
export interface IndexCacheStore {
  /** The text stored under `key`, or undefined when there is none or it cannot be read. */
  get(key: string): Promise<string | undefined>;
  /** Replaces the text under `key`. Example: `put('index-cache.json', library.serializeIndex())`. */
  put(key: string, text: string): Promise<void>;
}

/** An `IndexCacheStore` in memory, for tests. */
export class MemoryIndexCacheStore implements IndexCacheStore {
  readonly entries = new Map<string, string>();

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.entries.get(key));
  }

  put(key: string, text: string): Promise<void> {
    this.entries.set(key, text);
    return Promise.resolve();
  }
}
