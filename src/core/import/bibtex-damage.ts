/**
 * BibTeX entries holding a byte that is not text (a NUL, an invalid UTF-8 byte): each such entry is blanked
 * out of the text before it is read (newlines kept, so every other line and column stays exact) and reported
 * at the byte; the other entries load.
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic } from '../model/diagnostic';
import type { LineIndex } from '../text/line-column';
import { bibtexItemStarts, scanBibtex } from './bibtex-scanner';
import { diagnostic } from './import-helpers';
import { damagedRecordMessage, describeDamagedByte, type DamagedBytes } from './import-limits';

/** The text with every damaged entry blanked, and a diagnostic per entry. */
export function blankDamagedEntries(file: string, lines: LineIndex, damage: DamagedBytes): { text: string; diagnostics: Diagnostic[] } {
  const text = lines.text;
  const diagnostics: Diagnostic[] = [];
  // Stryker disable next-line ConditionalExpression: without damage the loop below finds nothing to blank; output identical, only speed differs
  if (damage.size === 0) return { text, diagnostics };
  const starts = bibtexItemStarts(text);
  // In file order, as the damaged bytes come; items never overlap, so neither do these.
  const blanked: Array<{ start: number; end: number }> = [];
  for (const byte of damage.bytes) {
    const previous = blanked.at(-1);
    if (previous && byte.offset < previous.end) continue; // in the entry just blanked: reported with it
    const next = firstAfter(starts, byte.offset);
    const chunkStart = next > 0 ? starts[next - 1] : 0;
    const chunkEnd = starts.at(next); // undefined past the last start: to the end
    // Items come in order: the first to end past the byte holds it, unless the byte is in the gap before it.
    const item = scanBibtex(text.slice(chunkStart, chunkEnd)).find((it) => byte.offset < chunkStart + it.end);
    const at = lines.position(byte.offset);
    // Stryker disable next-line EqualityOperator: a damaged byte is never the `@` an item starts at, so `<` and `<=` agree
    if (!item || byte.offset < chunkStart + item.start) {
      const message = l10n.t(
        'Lectern: {0} has {1} at line {2}, column {3}, outside any entry; it was ignored. Remove it.',
        file,
        describeDamagedByte(byte),
        at.line,
        at.column,
      );
      diagnostics.push(diagnostic(file, at.line, at.column, 'warning', message));
      continue;
    }
    const range = { start: chunkStart + item.start, end: chunkStart + item.end };
    blanked.push(range);
    // By type, so a broken `@preamble` is named as a directive too.
    const directive = item.type === 'string' || item.type === 'comment' || item.type === 'preamble';
    const label = directive
      ? `an \`@${item.type}\``
      : item.key
        ? `entry \`${item.key}\``
        : item.type
          ? `an \`@${item.type}\` entry`
          : 'an entry';
    diagnostics.push(
      diagnostic(file, at.line, at.column, 'error', damagedRecordMessage(file, at, byte, `${label} (line ${lines.line(range.start)})`)),
    );
  }
  const pieces: string[] = [];
  let last = 0;
  for (const range of blanked) {
    pieces.push(text.slice(last, range.start), text.slice(range.start, range.end).replace(/[^\n]/g, ' '));
    last = range.end;
  }
  pieces.push(text.slice(last));
  return { text: pieces.join(''), diagnostics };
}

/** Index of the first element of `sorted` greater than `offset` (its length when none is). */
function firstAfter(sorted: number[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // Stryker disable next-line EqualityOperator: a damaged byte is never at an item's start (a blank or `@`), so `<=` and `<` agree
    if (sorted[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
