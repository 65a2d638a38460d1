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
  const window = bestWindow(text, ranges, width);
  let start = window.from;
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (start > window.firstMatch) start = window.firstMatch;
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
/** Room kept at a window's end: its start moves forward to the next word boundary. */
const SLACK = 16;

/**
 * Where the shown window starts, and its first match: of the windows that begin a third of the width before a
 * match or end just after one, the one with the most different matched words, then the most matches, then the earliest.
 */
function bestWindow(text: string, ranges: Array<[number, number]>, width: number): { from: number; firstMatch: number } {
  if (ranges.length === 0) return { from: 0, firstMatch: 0 };
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]).slice(0, MAX_RANGES_COMPARED);
  const words = sorted.map(([s, e]) => text.slice(s, e).toLowerCase());
  const lead = Math.floor(width / 3);
  // Ascending, so the first match inside a window only moves forward (one pointer) and a tie keeps the earliest.
  const froms = sorted
    .flatMap(([s, e]) => [s - lead, e + SLACK - width])
    .map((from) => Math.max(0, from))
    .sort((a, b) => a - b);
  let best = { from: Math.max(0, sorted[0][0] - lead), firstMatch: sorted[0][0] };
  let bestDistinct = 0;
  let bestCount = 0;
  let first = 0;
  for (const from of froms) {
    while (first < sorted.length && sorted[first][0] < from) first++;
    const to = from + width - SLACK;
    const seen = new Set<string>();
    let count = 0;
    for (let j = first; j < sorted.length && sorted[j][0] < to; j++) {
      if (sorted[j][1] > to) continue;
      seen.add(words[j]);
      count += 1;
    }
    if (count > 0 && (seen.size > bestDistinct || (seen.size === bestDistinct && count > bestCount))) {
      [best, bestDistinct, bestCount] = [{ from, firstMatch: sorted[first][0] }, seen.size, count];
    }
  }
  return best;
}
