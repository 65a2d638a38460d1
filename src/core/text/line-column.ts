/** A 1-based position in a text, as editors and the Problems panel show it. */
export interface LineColumn {
  /** Line number, 1 for the first line. */
  line: number;
  /** Column in UTF-16 code units, 1 for the first character of a line. */
  column: number;
}

/**
 * The 1-based line and column of `offset` in `text` (lines end at `\n`; an offset past the end
 * is clamped to the end). Example: `lineColumnAt('ab\ncd', 4)` → `{ line: 2, column: 2 }`.
 */
export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
