/**
 * The document numbers of the base segment's postings, compressed: each term×field list is cut
 * into blocks of 128 postings, and a block is one byte giving the width `w` (1 to 4 bytes) of its
 * gaps, then each posting's gap to the previous document of the list (the first counts from −1, so
 * every gap is at least 1), `w` bytes little-endian. Common terms, which hold most postings, have
 * gaps under 256: about 1.1 bytes a posting instead of an `Int32`'s 4 (at a million papers,
 * ~300 MB instead of 730 MB).
 *
 * Readers see a list as an `Int32Array` (`list`), decoded on first read and kept in a cache of
 * recently read lists bounded by postings (`cachePostings`): the query path reads `PostingLeaf.docs`
 * as before, and a term typed again, or by the next keystroke, is not decoded twice. Decoding is a
 * byte read and an addition a posting, a fraction of what scoring the posting costs.
 *
 * The lists are immutable: a compaction writes a new `PostingDocs` (`PostingDocsWriter`).
 */

/** Postings per block (one width byte each). */
const BLOCK = 128;
const EMPTY = new Int32Array(0);

/** Bytes a gap takes at most: 1 below 2^8, 2 below 2^16, 3 below 2^24, else 4. */
function widthOf(gap: number): number {
  return gap < 0x100 ? 1 : gap < 0x10000 ? 2 : gap < 0x1000000 ? 3 : 4;
}

/**
 * The sum of `count` gaps of 1 or 2 bytes from `at`, or -1 when one is 0. Four bytes are read at once and their
 * lanes summed and tested for zero together (a cache's check at load went from 56 to 27 ms at 100k papers).
 */
function sumOfNarrowGaps(view: DataView, at: number, width: number, count: number): number {
  const end = at + width * count;
  // Lane masks: a lane is 0 iff the lane's top bit is set in (x − 1s) & ~x (borrows only reach lanes above a 0).
  const ones = width === 1 ? 0x01010101 : 0x00010001;
  const tops = width === 1 ? 0x80808080 : 0x80008000;
  let zero = 0;
  let sum = 0;
  for (; at + 4 <= end; at += 4) {
    const x = view.getUint32(at, true);
    zero |= (x - ones) & ~x & tops;
    const pairs = width === 1 ? (x & 0x00ff00ff) + ((x >>> 8) & 0x00ff00ff) : x;
    sum += (pairs & 0xffff) + (pairs >>> 16);
  }
  for (; at < end; at += width) {
    const gap = width === 1 ? view.getUint8(at) : view.getUint16(at, true);
    if (gap === 0) zero = 1;
    sum += gap;
  }
  return zero === 0 ? sum : -1;
}

/** The sum of `count` gaps of 3 or 4 bytes from `at`, or -1 when one is 0. */
function sumOfWideGaps(b: Uint8Array, at: number, width: number, count: number): number {
  let sum = 0;
  for (const end = at + width * count; at < end; at += width) {
    const gap = (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (width === 4 ? b[at + 3] << 24 : 0)) >>> 0;
    if (gap === 0) return -1;
    sum += gap;
  }
  return sum;
}

/** Compressed posting document numbers by term×field key (see the module comment). */
export class PostingDocs {
  private readonly cache = new Map<number, { docs: Int32Array; used: boolean }>();
  private cached = 0;
  private readonly cacheLimit: number;

  /**
   * `bytes`: the lists, key after key; `starts[key]`: where key `key`'s bytes start (keys + 1 of
   * them, the last `bytes.length`); `offsets[key]`: its first posting's number (the state's
   * `baseOffsets`, keys + 1). `cachePostings`: decoded postings kept (default: a quarter of the
   * postings, between 2^20 and 2^26, i.e. 4 MB to 256 MB; about 180 MB at a million papers, whose
   * compressed lists take 260 MB: the index and its decoded lists stay under 1 GB. With 32 MB the
   * commonest lists were decoded again at nearly every keystroke: 1M keystroke p95 48 → 26 ms of CPU).
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly starts: Float64Array,
    private readonly offsets: Int32Array,
    cachePostings?: number,
  ) {
    const P = offsets[offsets.length - 1] ?? 0;
    this.cacheLimit = cachePostings ?? Math.min(1 << 26, Math.max(1 << 20, P >> 2));
  }

  /** No postings. */
  static empty(): PostingDocs {
    return new PostingDocs(new Uint8Array(0), new Float64Array(1), new Int32Array(1));
  }

  /** The compressed form of CSR documents: key `k` holds `docs[offsets[k]…offsets[k + 1])`, ascending. */
  static encode(offsets: Int32Array, docs: Int32Array): PostingDocs {
    const keyCount = offsets.length - 1;
    let size = 0;
    for (let key = 0; key < keyCount; key++) size += listBytes(docs, offsets[key], offsets[key + 1]);
    const writer = new PostingDocsWriter(keyCount, size);
    for (let key = 0; key < keyCount; key++) {
      for (let p = offsets[key], end = offsets[key + 1]; p < end; p++) writer.add(docs[p]);
      writer.endKey();
    }
    return writer.finish(offsets);
  }

  /** Postings in all lists. */
  get postings(): number {
    return this.offsets[this.offsets.length - 1] ?? 0;
  }

  /**
   * The documents of key `key`, ascending (read only: the array may be shared with later reads);
   * `keep`: false for a read that will not come again (a compaction), which leaves the cache as it is.
   */
  list(key: number, keep = true): Int32Array {
    const cached = this.cache.get(key);
    if (cached) {
      cached.used = true;
      return cached.docs;
    }
    const n = this.offsets[key + 1] - this.offsets[key];
    if (n === 0) return EMPTY;
    const docs = this.decode(key, n);
    if (keep && n <= this.cacheLimit) this.keep(key, docs);
    return docs;
  }

  /**
   * Caches a decoded list, evicting the oldest lists not read since they were cached or last
   * spared (the "second chance" clock: a hit only sets a flag, no reordering per read).
   */
  private keep(key: number, docs: Int32Array): void {
    this.cached += docs.length;
    this.cache.set(key, { docs, used: false });
    for (const [old, entry] of this.cache) {
      if (this.cached <= this.cacheLimit) break;
      this.cache.delete(old);
      if (entry.used && old !== key) {
        entry.used = false;
        this.cache.set(old, entry);
      } else this.cached -= entry.docs.length;
    }
  }

  private decode(key: number, n: number): Int32Array {
    const out = new Int32Array(n);
    const b = this.bytes;
    let at = this.starts[key];
    let doc = -1;
    let i = 0;
    while (i < n) {
      const width = b[at++];
      const end = Math.min(n, i + BLOCK);
      if (width === 1) for (; i < end; i++) out[i] = doc += b[at++];
      else if (width === 2) for (; i < end; i++, at += 2) out[i] = doc += b[at] | (b[at + 1] << 8);
      else if (width === 3) for (; i < end; i++, at += 3) out[i] = doc += b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
      else for (; i < end; i++, at += 4) out[i] = doc += (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
    }
    return out;
  }

  /**
   * Whether the bytes are well formed for `N` documents: starts from 0 to the end of the bytes in
   * order, every block's width 1 to 4, every gap at least 1, every document below `N`, and each
   * list's bytes ending exactly at the next list's start (a damaged cache is refused, not read).
   */
  fits(N: number): boolean {
    const { bytes: b, starts, offsets } = this;
    const keyCount = offsets.length - 1;
    if (starts.length !== keyCount + 1 || starts[0] !== 0 || starts[keyCount] !== b.length) return false;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let key = 0; key < keyCount; key++) {
      const n = offsets[key + 1] - offsets[key];
      let at = starts[key];
      const stop = starts[key + 1];
      if (!(stop >= at)) return false;
      let doc = -1;
      for (let i = 0; i < n; i += BLOCK) {
        const width = b[at++];
        const count = Math.min(BLOCK, n - i);
        if (!(width >= 1 && width <= 4) || at + width * count > stop) return false;
        // A gap of 0 is the only malformed one; the sum says the rest.
        const sum = width <= 2 ? sumOfNarrowGaps(view, at, width, count) : sumOfWideGaps(b, at, width, count);
        if (sum < 0) return false;
        doc += sum;
        at += width * count;
      }
      if (at !== stop || doc >= N) return false;
    }
    return true;
  }
}

/** Bytes of the compressed list `docs[from…to)`. */
function listBytes(docs: Int32Array, from: number, to: number): number {
  let size = 0;
  let previous = -1;
  for (let start = from; start < to; start += BLOCK) {
    const end = Math.min(to, start + BLOCK);
    let width = 1;
    for (let p = start; p < end; p++) {
      const w = widthOf(docs[p] - previous);
      if (w > width) width = w;
      previous = docs[p];
    }
    size += 1 + width * (end - start);
  }
  return size;
}

/** Writes `PostingDocs` list by list, in key order, a document at a time (a compaction, a build). */
export class PostingDocsWriter {
  private bytes: Uint8Array;
  private used = 0;
  private readonly starts: Float64Array;
  private key = 0;
  private readonly block = new Int32Array(BLOCK);
  private inBlock = 0;
  private previous = -1;

  /** `keyCount` lists will be written; `expectedBytes` sizes the buffer (it grows if short). */
  constructor(keyCount: number, expectedBytes = 1024) {
    this.bytes = new Uint8Array(Math.max(16, expectedBytes));
    this.starts = new Float64Array(keyCount + 1);
  }

  /** Adds a document to the current list (above the previous one). */
  add(doc: number): void {
    this.block[this.inBlock++] = doc;
    if (this.inBlock === BLOCK) this.flush();
  }

  /** Ends the current list: the next documents are the next key's. */
  endKey(): void {
    this.flush();
    this.previous = -1;
    this.starts[++this.key] = this.used;
  }

  /** The lists written (every key's list must have been ended), over `offsets` (the postings per key). */
  finish(offsets: Int32Array): PostingDocs {
    const bytes = this.used === this.bytes.length ? this.bytes : this.bytes.slice(0, this.used);
    this.bytes = new Uint8Array(0);
    return new PostingDocs(bytes, this.starts, offsets);
  }

  private flush(): void {
    const n = this.inBlock;
    if (n === 0) return;
    const block = this.block;
    let width = 1;
    let previous = this.previous;
    for (let i = 0; i < n; i++) {
      const w = widthOf(block[i] - previous);
      if (w > width) width = w;
      previous = block[i];
    }
    if (this.used + 1 + width * n > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.used + 1 + width * n, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    const b = this.bytes;
    let at = this.used;
    b[at++] = width;
    previous = this.previous;
    for (let i = 0; i < n; i++) {
      let gap = block[i] - previous;
      previous = block[i];
      for (let k = 0; k < width; k++, gap >>>= 8) b[at++] = gap & 0xff;
    }
    this.used = at;
    this.previous = previous;
    this.inBlock = 0;
  }
}
