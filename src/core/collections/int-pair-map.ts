/**
 * A map from a pair of non-negative 31-bit integers to a non-negative integer, by open addressing over typed arrays.
 * The topic lexicon interns millions of word pairs: a `Map` keyed by `a * 2^26 + b` holds keys past the small-integer
 * range, which V8 stores and hashes as heap numbers (about a fifth of a 100k-paper corpus's topic time went there).
 *
 * @example
 * const ids = new IntPairMap();
 * ids.set(3, 7, 0);
 * ids.get(3, 7); // 0
 * ids.get(7, 3); // -1
 */
export class IntPairMap {
  private firsts: Int32Array;
  private seconds: Int32Array;
  /** -1 marks an empty slot. */
  private values: Int32Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
    this.values = new Int32Array(capacity).fill(-1);
  }

  /** Number of pairs held. */
  get size(): number {
    return this.count;
  }

  /** The value of the pair `(a, b)`, or -1 when it has none. */
  get(a: number, b: number): number {
    const mask = this.values.length - 1;
    for (let slot = hashPair(a, b) & mask; ; slot = (slot + 1) & mask) {
      const value = this.values[slot];
      if (value < 0) return -1;
      if (this.firsts[slot] === a && this.seconds[slot] === b) return value;
    }
  }

  /** Sets the value (≥ 0) of the pair `(a, b)`, replacing any earlier one. */
  set(a: number, b: number, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    const mask = this.values.length - 1;
    for (let slot = hashPair(a, b) & mask; ; slot = (slot + 1) & mask) {
      if (this.values[slot] < 0) {
        this.firsts[slot] = a;
        this.seconds[slot] = b;
        this.values[slot] = value;
        this.count += 1;
        return;
      }
      if (this.firsts[slot] === a && this.seconds[slot] === b) {
        this.values[slot] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { firsts, seconds, values } = this;
    this.firsts = new Int32Array(values.length * 2);
    this.seconds = new Int32Array(values.length * 2);
    this.values = new Int32Array(values.length * 2).fill(-1);
    this.count = 0;
    for (let slot = 0; slot < values.length; slot++) if (values[slot] >= 0) this.set(firsts[slot], seconds[slot], values[slot]);
  }
}

/** Mixes both halves so that consecutive ids spread over the table (linear probing needs a well-spread hash). */
function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
