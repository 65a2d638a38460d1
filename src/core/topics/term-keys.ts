/**
 * Terms' text order and hashes, kept across the discoveries of one library (the library's, then one per topic
 * split): the same terms recur in every split, and building, hashing and comparing their texts (`Lexicon.key`)
 * again each time cost more than the splits' clustering. Only for tie-breaking and seeding: every order here is
 * the order of the texts and every hash that of the text, so results are the same.
 */
export class TermKeys {
  /** Position of a term in the text order of the first (the library's) discovery's terms; absent for others. */
  private rankOf?: Map<number, number>;
  /** `hashText` of the term at each position of that order. */
  private hashByRank = new Int32Array(0);

  /** `text(term)`: the term's stem text (`Lexicon.key`; not imported, as the lexicon holds these keys). */
  constructor(private readonly text: (term: number) => string) {}

  /**
   * Lexicon ids sorted by their text (`compareStrings` of `Lexicon.key`), as indexes into `terms`, and each
   * term's FNV-1a hash of its text. Terms of the first sort compare by their place in it, the text only where
   * one is new: the same order, fewer string comparisons.
   */
  sortByText(terms: ArrayLike<number>): { order: Int32Array; hashes: Int32Array } {
    const known = this.rankOf;
    const count = terms.length;
    const order = Int32Array.from({ length: count }, (_, i) => i);
    const hashes = new Int32Array(count);
    if (known === undefined) {
      const keys = Array.from({ length: count }, (_, i) => this.text(terms[i]));
      order.sort((a, b) => compareStrings(keys[a], keys[b]));
      this.rankOf = new Map();
      this.hashByRank = new Int32Array(count);
      for (let i = 0; i < count; i += 1) hashes[i] = hashText(keys[i]);
      for (let i = 0; i < count; i += 1) {
        this.rankOf.set(terms[order[i]], i);
        this.hashByRank[i] = hashes[order[i]];
      }
      return { order, hashes };
    }
    const rank = new Int32Array(count);
    const keys: Array<string | undefined> = new Array<string | undefined>(count);
    for (let i = 0; i < count; i += 1) {
      const r = known.get(terms[i]);
      if (r === undefined) {
        const key = this.text(terms[i]);
        rank[i] = -1;
        keys[i] = key;
        hashes[i] = hashText(key);
      } else {
        rank[i] = r;
        hashes[i] = this.hashByRank[r];
      }
    }
    const textAt = (i: number): string => (keys[i] ??= this.text(terms[i]));
    order.sort((a, b) => (rank[a] >= 0 && rank[b] >= 0 ? rank[a] - rank[b] : compareStrings(textAt(a), textAt(b))));
    return { order, hashes };
  }
}

/** Code-unit order, as `compareStrings` (not imported: text-terms imports the lexicon, which imports this). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FNV-1a of a string (32 bits). */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
