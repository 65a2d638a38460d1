/**
 * What the Highlights section's reader says about a damaged highlight block, one function per problem, so the
 * reader's logic stays readable. Each message starts with `Lectern:`, names the line and says what to fix.
 */
import * as l10n from '@vscode/l10n';

/** The problems of a note's Highlights section (see `note-highlights.ts`). */
export const highlightMessages = {
  duplicateId: (id: string, line: number) =>
    l10n.t(
      'Lectern: the highlight id `{0}` on line {1} is used by an earlier highlight too; give this one another id (e.g. `{0}-2`).',
      id,
      line,
    ),
  noQuote: (id: string, line: number) =>
    l10n.t(
      'Lectern: the highlight `{0}` on line {1} has no quoted text; put its `> quote` line right above the comment, or delete the comment line.',
      id,
      line,
    ),
  textAfterComment: (line: number) =>
    l10n.t(
      'Lectern: the highlight comment on line {0} has text after `-->` that is not a page (`p. 7`); move that text below the line, or write the page as `p. 7`.',
      line,
    ),
  unclosedComment: (line: number) =>
    l10n.t(
      'Lectern: the highlight comment on line {0} does not end with `-->`; put it back at the end of the line (or delete the line to drop the highlight).',
      line,
    ),
  noId: (line: number) =>
    l10n.t(
      'Lectern: the highlight comment on line {0} has no usable `id=`; restore it (e.g. `id=h-3f9a2c`) so Lectern can find the highlight.',
      line,
    ),
  damagedAttributes: (line: number, text: string) =>
    l10n.t(
      'Lectern: part of the highlight comment on line {0} cannot be read (`{1}`); Lectern still shows the highlight but may not place it exactly — restore the `key="value"` text or delete it.',
      line,
      text,
    ),
  badPosition: (value: string, line: number) =>
    l10n.t(
      'Lectern: `position={0}` in the highlight comment on line {1} is not two offsets like `position=120-164`; Lectern finds the highlight by its quote instead — fix or delete it.',
      value,
      line,
    ),
};
