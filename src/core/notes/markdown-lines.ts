/**
 * The line structure of markdown that Lectern's note readers need: line ranges, which lines are
 * inside fenced code, and ATX headings. Setext headings and indented code are not recognised
 * (a `## Highlights` section ends only at a `#` or `##` line).
 */

/** One line of a markdown text, by offsets into that text. */
export interface MarkdownLine {
  /** Offset of the line's first character. */
  start: number;
  /** Offset of its line break (`\r\n` or `\n`), or the text's end. */
  end: number;
  /** Offset of the next line (after the line break). */
  next: number;
  /** The line without its line break. */
  text: string;
  /** Inside a fenced code block, fence lines included. */
  inFence: boolean;
}

/** The result of {@link scanMarkdownLines}. */
export interface MarkdownScan {
  /** Every line of the range, in order (an empty range gives one empty line). */
  lines: MarkdownLine[];
  /** The opening fence (``` or ~~~ run) of a code block still open at the end, if any. */
  openFence?: string;
}

/** Splits `text[from, to)` into lines and marks fenced code. */
export function scanMarkdownLines(text: string, from = 0, to = text.length): MarkdownScan {
  const lines: MarkdownLine[] = [];
  let fence: string | undefined;
  let start = from;
  while (start < to) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 || newline >= to ? to : newline + 1;
    const end = newline === -1 || newline >= to ? to : newline > start && text[newline - 1] === '\r' ? newline - 1 : newline;
    const line = text.slice(start, end);
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      lines.push({ start, end, next, text: line, inFence: true });
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = undefined;
    } else {
      const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
      if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
        fence = open[1];
        lines.push({ start, end, next, text: line, inFence: true });
      } else lines.push({ start, end, next, text: line, inFence: false });
    }
    start = next;
  }
  return { lines, openFence: fence };
}

/** The level and text of an ATX heading line (`## Highlights ##` → 2, `Highlights`), else undefined. */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  const match = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
  if (!match) return undefined;
  const text = (match[2] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim();
  return { level: match[1].length, text };
}

/** Whether a line holds only spaces and tabs. */
export const isBlank = (line: string) => /^[ \t]*$/.test(line);
