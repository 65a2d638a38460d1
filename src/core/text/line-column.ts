/**
 * Offsets (UTF-16 code units into a string) ↔ 1-based line and column, the way editors and the
 * Problems panel count them: a line ends at `\n` (a `\r` before it counts as a character of the line).
 */

/**
 * 1-based line and column of `offset` in `text`. Scans the text up to `offset`, so it is meant for one
 * position; for many positions in one text, build a {@link LineIndex} once.
 *
 * @example lineColumnAt('ab\ncd', 4) // { line: 2, column: 2 }
 */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The line starts of one text, found once, so each later lookup is a binary search: what the importers
 * use to place thousands of records and diagnostics in a large file.
 *
 * @example
 * const lines = new LineIndex('ab\ncd');
 * lines.position(4); // { line: 2, column: 2 }
 * lines.offset(2, 2); // 4
 */
export class LineIndex {
  /** Offset of the first character of each line; `starts[0]` is 0. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based line and column of an offset; the same as {@link lineColumnAt} on this text. */
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    return { line, column: offset - this.starts[line - 1] + 1 };
  }

  /** Offset of a 1-based line and column; the end of the text for a line past the last one. */
  offset(line: number, column: number): number {
    if (line > this.starts.length) return this.text.length;
    return this.starts[Math.max(1, line) - 1] + column - 1;
  }
}
