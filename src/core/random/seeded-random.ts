/**
 * mulberry32: a tiny, fast, well-mixed 32-bit PRNG. The randomized tests and the benchmark's
 * synthetic corpus use it so that a seed always replays the same history or corpus, and topic discovery so
 * that it gives the same topics on every run.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
