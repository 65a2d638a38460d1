import { PostingDocs } from './posting-docs';

/**
 * The postings of a bulk build as documents are read, in the order they come (document by
 * document), then sorted into the index's CSR form by term×field key in one counting sort. Holds 5
 * bytes a posting while reading (the key, and the term frequency in a byte with the rare larger
 * ones aside) plus the posting's word positions (one byte per occurrence, `term-positions.ts`), in
 * chunks so nothing is copied while growing; a million papers make ~180 million postings.
 */
export class BuildPostings {
  private readonly keys: Uint32Array[] = [];
  private readonly tfs: Uint8Array[] = [];
  /** Frequencies of 255 or more by posting number (a word repeated that often in one field is rare). */
  private readonly largeTfs = new Map<number, number>();
  /** Postings the last chunk holds, and how many of them are used. */
  private capacity = 0;
  private used = 0;
  private count = 0;
  /** Postings before the end of each document, by document number. */
  private documentEnds = new Int32Array(1024);
  private documents = 0;
  private maxTf = 0;
  /** Position bytes in posting order; a posting's never straddle two chunks. */
  private readonly positionChunks: Uint8Array[] = [];
  private readonly positionChunkUsed: number[] = [];
  private positionCount = 0;

  /** `expectedDocuments`: how many documents will be read (sizes the chunks; 0 if unknown). */
  constructor(private readonly expectedDocuments = 0) {}

  /** Adds a posting of the current document, its positions being `positions[from…from + tf)`. */
  push(key: number, tf: number, positions: Uint8Array, from: number): void {
    this.pushPositions(positions, from, tf);
    if (this.used === this.capacity) this.addChunk();
    const chunk = this.keys.length - 1;
    this.keys[chunk][this.used] = key;
    if (tf >= 255) {
      this.largeTfs.set(this.count, tf);
      if (tf > this.maxTf) this.maxTf = tf;
      this.tfs[chunk][this.used] = 255;
    } else this.tfs[chunk][this.used] = tf;
    this.used += 1;
    this.count += 1;
  }

  private pushPositions(positions: Uint8Array, from: number, tf: number): void {
    const last = this.positionChunks.length - 1;
    let chunk = this.positionChunks[last];
    let used = this.positionChunkUsed[last];
    if (chunk === undefined || used + tf > chunk.length) {
      chunk = new Uint8Array(Math.max(tf, this.chunkSize(this.positionCount)));
      this.positionChunks.push(chunk);
      this.positionChunkUsed.push(0);
      used = 0;
    }
    for (let i = 0; i < tf; i++) chunk[used + i] = positions[from + i];
    this.positionChunkUsed[this.positionChunks.length - 1] = used + tf;
    this.positionCount += tf;
  }

  /**
   * The size of a new chunk of items (`count` so far), for the documents still to come at the
   * rate seen so far: a few large allocations rather than hundreds of small ones, as each burst of
   * array-buffer memory makes V8 collect the whole heap (the papers included, gigabytes at a
   * million papers).
   */
  private chunkSize(count: number): number {
    const left = this.expectedDocuments - this.documents;
    const perDocument = this.documents > 0 ? count / this.documents : 0;
    return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(left * perDocument * 1.05)));
  }

  private addChunk(): void {
    const size = this.chunkSize(this.count);
    this.keys.push(new Uint32Array(size));
    this.tfs.push(new Uint8Array(size));
    this.capacity = size;
    this.used = 0;
  }

  /** Ends the current document: the next postings are the next document's (numbered from 0). */
  endDocument(): void {
    if (this.documents === this.documentEnds.length) {
      const next = new Int32Array(this.documents * 2);
      next.set(this.documentEnds);
      this.documentEnds = next;
    }
    this.documentEnds[this.documents++] = this.count;
  }

  /**
   * The postings by key (`df[key]` postings each, documents ascending), releasing the chunks as
   * they are sorted: documents compressed as they are placed (`posting-docs.ts`, no `Int32` per
   * posting even for a moment), term frequencies in bytes when all fit, else in 16 bits; positions
   * in posting order (a key's after those of the keys before it, each posting's after its list's
   * earlier ones).
   */
  // long: one pass that places documents, frequencies and positions together
  toCsr(df: Int32Array): { offsets: Int32Array; docs: PostingDocs; tfs: Uint8Array | Uint16Array; positions: Uint8Array } {
    const keyCount = df.length;
    const offsets = new Int32Array(keyCount + 1);
    for (let key = 0; key < keyCount; key++) offsets[key + 1] = offsets[key] + df[key];
    const tfs = this.maxTf > 255 ? new Uint16Array(this.count) : new Uint8Array(this.count);
    const next = offsets.slice(0, keyCount);
    const layout = this.firstPass(offsets);
    const { nextByte, docStarts, blockWidths, firstBlock } = layout;
    const nextDocByte = docStarts.slice(0, keyCount);
    const docBytes = new Uint8Array(docStarts[keyCount]);
    const lastDoc = new Int32Array(keyCount).fill(-1);
    const positions = new Uint8Array(this.positionCount);
    const ends = this.documentEnds;
    let doc = 0;
    let posting = 0;
    let source = this.positionChunks[0] ?? EMPTY_TFS;
    let sourceChunk = 0;
    let from = 0;
    for (let c = 0; c < this.keys.length; c++) {
      const keys = this.keys[c];
      const chunkTfs = this.tfs[c];
      const n = c === this.keys.length - 1 ? this.used : keys.length;
      for (let i = 0; i < n; i++, posting++) {
        while (ends[doc] <= posting) doc += 1;
        const key = keys[i];
        const at = next[key]++;
        // The document's gap, in its block's width (a block starts with that width).
        const inList = at - offsets[key];
        const width = blockWidths[firstBlock[key] + (inList >> BLOCK_SHIFT)];
        let byte = nextDocByte[key];
        if ((inList & BLOCK_MASK) === 0) docBytes[byte++] = width;
        let gap = doc - lastDoc[key];
        lastDoc[key] = doc;
        for (let k = 0; k < width; k++, gap >>>= 8) docBytes[byte++] = gap & 0xff;
        nextDocByte[key] = byte;
        let tf = chunkTfs[i];
        if (tf === 255) tf = this.largeTfs.get(posting) ?? 255;
        tfs[at] = tf;
        if (from + tf > this.positionChunkUsed[sourceChunk]) {
          this.positionChunks[sourceChunk++] = EMPTY_TFS;
          source = this.positionChunks[sourceChunk];
          from = 0;
        }
        let to = nextByte[key];
        nextByte[key] = to + tf;
        for (let end = from + tf; from < end;) positions[to++] = source[from++];
      }
      // Sorted: let the collector have the chunk while the rest are.
      this.keys[c] = EMPTY_KEYS;
      this.tfs[c] = EMPTY_TFS;
    }
    return { offsets, docs: new PostingDocs(docBytes, docStarts, offsets), tfs, positions };
  }

  /**
   * A first pass over the postings: where each key's position bytes start (the sum of the
   * frequencies of the keys before it), and the width of each block of its compressed documents
   * (the widest gap of the block's postings), hence where its document bytes start.
   */
  // long: one pass for both, as the postings are read in document order
  private firstPass(offsets: Int32Array) {
    const keyCount = offsets.length - 1;
    const nextByte = new Float64Array(keyCount);
    const firstBlock = new Int32Array(keyCount + 1);
    for (let key = 0; key < keyCount; key++) {
      firstBlock[key + 1] = firstBlock[key] + ((offsets[key + 1] - offsets[key] + BLOCK_MASK) >> BLOCK_SHIFT);
    }
    const blockWidths = new Uint8Array(firstBlock[keyCount]).fill(1);
    const inList = new Int32Array(keyCount);
    const lastDoc = new Int32Array(keyCount).fill(-1);
    const ends = this.documentEnds;
    let doc = 0;
    let posting = 0;
    for (let c = 0; c < this.keys.length; c++) {
      const keys = this.keys[c];
      const chunkTfs = this.tfs[c];
      const n = c === this.keys.length - 1 ? this.used : keys.length;
      for (let i = 0; i < n; i++, posting++) {
        while (ends[doc] <= posting) doc += 1;
        const key = keys[i];
        const tf = chunkTfs[i];
        nextByte[key] += tf === 255 ? (this.largeTfs.get(posting) ?? 255) : tf;
        const gap = doc - lastDoc[key];
        lastDoc[key] = doc;
        if (gap >= 0x100) {
          const block = firstBlock[key] + (inList[key] >> BLOCK_SHIFT);
          const width = gap < 0x10000 ? 2 : gap < 0x1000000 ? 3 : 4;
          if (width > blockWidths[block]) blockWidths[block] = width;
        }
        inList[key] += 1;
      }
    }
    let sum = 0;
    for (let key = 0; key < keyCount; key++) {
      const bytes = nextByte[key];
      nextByte[key] = sum;
      sum += bytes;
    }
    const docStarts = new Float64Array(keyCount + 1);
    for (let key = 0; key < keyCount; key++) {
      let bytes = 0;
      for (let block = firstBlock[key], end = firstBlock[key + 1]; block < end; block++) {
        const count = block < end - 1 ? BLOCK_SIZE : offsets[key + 1] - offsets[key] - (block - firstBlock[key]) * BLOCK_SIZE;
        bytes += 1 + blockWidths[block] * count;
      }
      docStarts[key + 1] = docStarts[key] + bytes;
    }
    return { nextByte, firstBlock, blockWidths, docStarts };
  }
}

/** Postings per chunk: at least 5 MB, at most 1.25 GB. */
const MIN_CHUNK = 1 << 20;
const MAX_CHUNK = 1 << 28;
const EMPTY_KEYS = new Uint32Array(0);
const EMPTY_TFS = new Uint8Array(0);
/** The blocks of `posting-docs.ts`: 128 postings. */
const BLOCK_SHIFT = 7;
const BLOCK_SIZE = 1 << BLOCK_SHIFT;
const BLOCK_MASK = BLOCK_SIZE - 1;
