/**
 * The postings of a bulk build as documents are read, in the order they come (document by
 * document), then sorted into the index's CSR form by term×field key in one counting sort. Holds 5
 * bytes a posting while reading (the key, and the term frequency in a byte with the rare larger
 * ones aside), in chunks so nothing is copied while growing; a million papers make ~180 million
 * postings.
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

  /** `expectedDocuments`: how many documents will be read (sizes the chunks; 0 if unknown). */
  constructor(private readonly expectedDocuments = 0) {}

  /** Adds a posting of the current document. */
  push(key: number, tf: number): void {
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

  /**
   * A new chunk, sized for the documents still to come at the rate seen so far: a few large
   * allocations rather than hundreds of small ones, as each burst of array-buffer memory makes V8
   * collect the whole heap (the papers included, gigabytes at a million papers).
   */
  private addChunk(): void {
    const left = this.expectedDocuments - this.documents;
    const perDocument = this.documents > 0 ? this.count / this.documents : 0;
    const size = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(left * perDocument * 1.05)));
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
   * they are sorted: term frequencies in bytes when all fit, else in 16 bits.
   */
  toCsr(df: Int32Array): { offsets: Int32Array; docs: Int32Array; tfs: Uint8Array | Uint16Array } {
    const keyCount = df.length;
    const offsets = new Int32Array(keyCount + 1);
    for (let key = 0; key < keyCount; key++) offsets[key + 1] = offsets[key] + df[key];
    const docs = new Int32Array(this.count);
    const tfs = this.maxTf > 255 ? new Uint16Array(this.count) : new Uint8Array(this.count);
    const next = offsets.slice(0, keyCount);
    const ends = this.documentEnds;
    let doc = 0;
    let posting = 0;
    for (let c = 0; c < this.keys.length; c++) {
      const keys = this.keys[c];
      const chunkTfs = this.tfs[c];
      const n = c === this.keys.length - 1 ? this.used : keys.length;
      for (let i = 0; i < n; i++, posting++) {
        while (ends[doc] <= posting) doc += 1;
        const at = next[keys[i]]++;
        docs[at] = doc;
        const tf = chunkTfs[i];
        tfs[at] = tf === 255 ? (this.largeTfs.get(posting) ?? 255) : tf;
      }
      // Sorted: let the collector have the chunk while the rest are.
      this.keys[c] = EMPTY_KEYS;
      this.tfs[c] = EMPTY_TFS;
    }
    return { offsets, docs, tfs };
  }
}

/** Postings per chunk: at least 5 MB, at most 1.25 GB. */
const MIN_CHUNK = 1 << 20;
const MAX_CHUNK = 1 << 28;
const EMPTY_KEYS = new Uint32Array(0);
const EMPTY_TFS = new Uint8Array(0);
