/**
 * mulberry32: a tiny, fast, well-mixed 32-bit PRNG. The randomized tests and the benchmark's
 * synthetic corpus use it so that a seed always replays the same history or corpus, and topic discovery so
 * that it gives the same topics on every run.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + STEP) >>> 0;
    return mix(a);
  };
}

/**
 * Writes the first `count` numbers of `seededRandom(seed)` to out[from …], scaled to [low, high): the same
 * numbers, without a function and its state for each of the tens of thousands of seeds LSA draws from.
 */
export function fillSeededRandom(seed: number, out: Float64Array, from: number, count: number, low = 0, high = 1): void {
  let a = seed >>> 0;
  for (let i = 0; i < count; i++) {
    a = (a + STEP) >>> 0;
    out[from + i] = mix(a) * (high - low) + low;
  }
}

const STEP = 0x6d2b79f5;

function mix(a: number): number {
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
