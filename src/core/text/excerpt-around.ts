/**
 * The part of `text` around its highlighted ranges, at most `width` characters, cut at word boundaries, with the
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
  const end = endAtWord(text, start, Math.min(text.length, start + width), ranges);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    text: prefix + text.slice(start, end) + suffix,
    ranges: ranges
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as [number, number]),
  };
}

/**
 * `end` moved back to the space before a word it would cut ("…then g…" reads as a typo), unless that would drop
 * a highlighted word the excerpt holds whole or more than half of the excerpt.
 */
function endAtWord(text: string, start: number, end: number, ranges: Array<[number, number]>): number {
  if (end === text.length) return end;
  const space = text.lastIndexOf(' ', end); // `end` itself when the cut falls on a space
  if (space <= start + (end - start) / 2) return end; // a long word (a URL) is cut rather than lose half the excerpt
  for (const [s, e] of ranges) if (s >= start && e <= end && e > space) return end;
  return space;
}

/** Windows compared: enough for any abstract's matches, bounded for a book-length text. */
const MAX_RANGES_COMPARED = 256;
/** Room kept at a window's end: its start moves forward to the next word boundary. */
const SLACK = 16;

/**
 * Where the shown window starts, and its first match. The matches shown are those of the window, among the windows
 * that end just after a match, with the most different matched words, then the most matches, then the earliest
 * (a window starting elsewhere holds no more than the one ending at its last match). The window then starts a third
 * of the width before its first match, or as late as its last match needs: a lone match gets context on both sides.
 */
function bestWindow(text: string, ranges: Array<[number, number]>, width: number): { from: number; firstMatch: number } {
  if (ranges.length === 0) return { from: 0, firstMatch: 0 };
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]).slice(0, MAX_RANGES_COMPARED);
  const words = sorted.map(([s, e]) => text.slice(s, e).toLowerCase());
  const span = width - SLACK;
  // Ascending, so the first match inside a window only moves forward (one pointer) and a tie keeps the earliest.
  const froms = sorted.map(([, e]) => Math.max(0, e - span)).sort((a, b) => a - b);
  let best = { firstMatch: sorted[0][0], lastEnd: sorted[0][1] };
  let bestDistinct = 0;
  let bestCount = 0;
  let first = 0;
  for (const from of froms) {
    while (first < sorted.length && sorted[first][0] < from) first++;
    const to = from + span;
    const seen = new Set<string>();
    let count = 0;
    let lastEnd = 0;
    for (let j = first; j < sorted.length && sorted[j][0] < to; j++) {
      if (sorted[j][1] > to) continue;
      seen.add(words[j]);
      count += 1;
      lastEnd = Math.max(lastEnd, sorted[j][1]);
    }
    if (count > 0 && (seen.size > bestDistinct || (seen.size === bestDistinct && count > bestCount))) {
      [best, bestDistinct, bestCount] = [{ firstMatch: sorted[first][0], lastEnd }, seen.size, count];
    }
  }
  const from = Math.max(0, best.firstMatch - Math.floor(width / 3), best.lastEnd - span);
  return { from, firstMatch: best.firstMatch };
}
