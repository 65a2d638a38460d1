/** Where a note's `---` front matter block is, before anything parses it. */

/**
 * Where the front matter is: `none` (the note does not start with `---`), `unclosed` (no closing
 * `---` line), or `closed` with its offsets. `start` skips a byte-order mark.
 */
export type FrontMatterBlock =
  | { kind: 'none'; start: number }
  | { kind: 'unclosed'; start: number }
  | {
      kind: 'closed';
      /** Offset of the opening `---`. */
      start: number;
      /** The YAML between the fences: `[contentStart, contentEnd)`; ends with a line break unless empty. */
      contentStart: number;
      contentEnd: number;
      /** Offset just after the closing `---` line: where the body starts. */
      bodyOffset: number;
    };

/**
 * The text with each lone `\r` (a classic Mac line break) turned into `\n`: the same length, so its
 * offsets are the note's, and the `yaml` library (which knows only `\n` and `\r\n`) sees the lines an editor shows.
 */
export function withLineFeeds(text: string): string {
  return text.replace(/\r(?!\n)/g, '\n');
}

/** Finds `---` at the very start (after a byte-order mark) and the next line that is `---`; any line break counts. */
export function locateFrontMatter(note: string): FrontMatterBlock {
  const text = withLineFeeds(note);
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const opener = /^---[ \t]*\r?\n/.exec(text.slice(start, start + 64));
  if (!opener) return { kind: 'none', start };
  const contentStart = start + opener[0].length;
  let lineStart = contentStart;
  // Each pass reads one line; the last line (no `\n` after it) ends the loop.
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    // Stryker disable next-line Regex: a `\r` here is always the one before `\n` (lone ones are line feeds by now), at the line's end
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (/^---[ \t]*$/.test(line)) {
      return { kind: 'closed', start, contentStart, contentEnd: lineStart, bodyOffset: newline === -1 ? text.length : newline + 1 };
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return { kind: 'unclosed', start };
}
