/**
 * The part of `text` around its highlighted ranges, about `width` characters, cut at word boundaries, with the
 * ranges moved to match. Used for search result details in the palette and CLI. The window is the one that shows
 * the most different matched words (then the most matches, then the earliest): for "oversmoothing graph", the
 * sentence naming both rather than the first "graph" of an abstract that names it ten times.
 */
export function excerptAround(
  text: string,
  ranges: Array<[number, number]>,
  width = 110,
): { text: string; ranges: Array<[number, number]> } {
  const first = bestWindowStart(text, ranges, width);
  let start = Math.max(0, first - Math.floor(width / 3));
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (start > first) start = first;
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    text: prefix + text.slice(start, end) + suffix,
    ranges: ranges
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as [number, number]),
  };
}

/** Windows compared: enough for any abstract's matches, bounded for a book-length text. */
const MAX_RANGES_COMPARED = 256;

/** Where the shown window's first match starts: the start of the range opening the best window (0 without ranges). */
function bestWindowStart(text: string, ranges: Array<[number, number]>, width: number): number {
  if (ranges.length === 0) return 0;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]).slice(0, MAX_RANGES_COMPARED);
  const words = sorted.map(([s, e]) => text.slice(s, e).toLowerCase());
  // Matches must fit after the third of the width kept before the first one.
  const reach = width - Math.floor(width / 3);
  let best = 0;
  let bestDistinct = 0;
  let bestCount = 0;
  for (let i = 0; i < sorted.length; i++) {
    const seen = new Set<string>();
    let count = 0;
    for (let j = i; j < sorted.length && sorted[j][1] <= sorted[i][0] + reach; j++) {
      seen.add(words[j]);
      count += 1;
    }
    if (seen.size > bestDistinct || (seen.size === bestDistinct && count > bestCount)) {
      [best, bestDistinct, bestCount] = [i, seen.size, count];
    }
  }
  return sorted[best][0];
}
