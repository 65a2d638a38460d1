/**
 * Where serialized libraries are kept between runs: the extension's storage folder, the user's
 * cache folder for the CLI (`$LECTERN_CACHE_DIR`, else `$XDG_CACHE_HOME/lectern`, else
 * `~/.cache/lectern`), or memory in tests. Entries are text (`get`/`put`) or bytes
 * (`getBytes`/`putBytes`: the search index, viewed in place on loading and too large for a string
 * at a million papers); the loader checks that an entry still matches the corpus (its
 * fingerprint) before using it, so a store never needs to expire anything. Failures are not
 * errors: `get` answers undefined, `put` may reject and the caller only logs it.
 */
export interface IndexCacheStore {
  /** The text stored under `key`, or undefined when there is none or it cannot be read. */
  get(key: string): Promise<string | undefined>;
  /** Replaces the text under `key`. Example: `put('library.json', text)`. */
  put(key: string, text: string): Promise<void>;
  /** The bytes stored under `key` (in a buffer of their own, which the caller may keep), or undefined. */
  getBytes(key: string): Promise<Uint8Array | undefined>;
  /** Replaces the bytes under `key`. Example: `putBytes('index-cache.json', library.serializeIndex())`. */
  putBytes(key: string, bytes: Uint8Array): Promise<void>;
}

/** An `IndexCacheStore` in memory, for tests. */
export class MemoryIndexCacheStore implements IndexCacheStore {
  readonly entries = new Map<string, string | Uint8Array>();

  get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    return Promise.resolve(typeof entry === 'string' ? entry : entry && new TextDecoder().decode(entry));
  }

  put(key: string, text: string): Promise<void> {
    this.entries.set(key, text);
    return Promise.resolve();
  }

  getBytes(key: string): Promise<Uint8Array | undefined> {
    const entry = this.entries.get(key);
    return Promise.resolve(typeof entry === 'string' ? new TextEncoder().encode(entry) : entry?.slice());
  }

  putBytes(key: string, bytes: Uint8Array): Promise<void> {
    this.entries.set(key, bytes.slice());
    return Promise.resolve();
  }
}
