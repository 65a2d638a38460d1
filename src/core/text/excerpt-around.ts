/**
 * The part of `text` around its first highlighted range, about `width` characters, cut at word
 * boundaries, with the ranges moved to match. Used for search result details in the palette and CLI.
 */
export function excerptAround(
  text: string,
  ranges: Array<[number, number]>,
  width = 110,
): { text: string; ranges: Array<[number, number]> } {
  const first = ranges.length > 0 ? Math.min(...ranges.map((r) => r[0])) : 0;
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
