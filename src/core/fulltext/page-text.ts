/**
 * One page's text from its lines as a PDF gives them: compatibility characters folded (the `ﬁ` ligature becomes
 * `fi`), a word hyphenated at a line end joined again (`hyphen-` + `ation` → `hyphenation`), lines joined with a
 * space and runs of white space collapsed.
 *
 * @example normalizePageText(['Spiking neu-', 'rons ﬁre']) // → 'Spiking neurons fire'
 */
export function normalizePageText(lines: readonly string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
    if (!line) continue;
    // A letter, a hyphen at the end of the previous line and a lower-case letter starting this one: one word.
    if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(line)) text = text.slice(0, -1) + line;
    else text = text ? `${text} ${line}` : line;
  }
  return text;
}
