import { grown } from '../collections/grown-array';

/**
 * A document as a sequence of word ids, title first. Reusable: `wordStream` overwrites it, so
 * analysing 100k papers allocates almost nothing per paper.
 */
export class WordStream {
  /** Word ids (see `Lexicon`), the first `length` of them in use. */
  ids = new Int32Array(1024);
  /** 1 where a hard break (punctuation, start of title or abstract) precedes the word. */
  breaks = new Uint8Array(1024);
  /** Number of words in the stream. */
  length = 0;
  /** Words before this index come from the title. */
  titleEnd = 0;

  /** Appends a word id; `hardBreak` when punctuation separates it from the previous word. */
  push(id: number, hardBreak: boolean): void {
    this.ids = grown(this.ids, this.length + 1);
    this.breaks = grown(this.breaks, this.length + 1);
    this.ids[this.length] = id;
    this.breaks[this.length] = hardBreak ? 1 : 0;
    this.length += 1;
  }
}
