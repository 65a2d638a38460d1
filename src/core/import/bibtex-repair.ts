/**
 * Repairs of BibTeX entries broken the way reference-manager exports break them. Pure text in, text out;
 * the importer decides whether to use the result.
 */
import * as l10n from '@vscode/l10n';
import { scanBibtex, type BibItem, type BibScanError } from './bibtex-scanner';

/** A broken entry made readable, with what to tell the user. */
export interface BibtexRepair {
  /** The entry's text with the repair applied (same first line as the original). */
  text: string;
  /** The repaired text, scanned: exactly one complete entry. */
  items: BibItem[];
  /** 1-based line of the file the warning points at. */
  line: number;
  /** 1-based column the warning points at, counted in `text`'s line (the caller shifts it on the entry's first line). */
  column: number;
  /** The warning, given how to name the entry (e.g. "entry `smith2020`"); starts with `Lectern:`. */
  message: (label: string) => string;
}

/**
 * Two repairs for the commonest breakage in reference-manager exports, where each field is on its own line:
 * an entry whose fields are all complete but whose closing `}` is missing is closed where the next entry
 * starts; a field whose line leaves a `{` open and is followed by another `name =` line (or the closing `}`)
 * is closed at the end of its line. The repaired entry must then read cleanly, or nothing is changed.
 */
export function repairBibtexEntry(entryText: string, error: BibScanError | undefined, startLine: number): BibtexRepair | undefined {
  if (!error || (error.kind !== 'unterminated' && error.kind !== 'unclosed')) return undefined;
  // Closing the entry cannot help a value that runs to the end (`unterminated`): the `}` added would close the value, and
  // the entry would still be open, so the scan below refuses it.
  const repair = closeOpenFieldLines(entryText, startLine) ?? closeEntry(entryText, startLine);
  // A broken entry's text runs to the next `@`, so it scans as one item: it must now be a whole entry.
  const items = scanBibtex(repair.text);
  if (items[0].kind !== 'entry') return undefined;
  return { ...repair, items };
}

/** A field whose line leaves a `{` open, followed by another field's line: closed at the end of its line. */
function closeOpenFieldLines(entryText: string, startLine: number): Omit<BibtexRepair, 'items'> | undefined {
  // A field that lost its `}` first: its value swallows the following lines, so the entry also looks unclosed.
  const lines = entryText.split('\n');
  let first: { index: number; field: string; column: number } | undefined;
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: past the last line, the next-line test below reads `undefined` and fails, as the bound does
  for (let i = 0; i + 1 < lines.length; i++) {
    const opening = /^\s*([A-Za-z][\w-]*)\s*=\s*\{/.exec(lines[i]);
    if (!opening) continue;
    const balance = braceBalance(lines[i]);
    if (balance <= 0 || !/^\s*([A-Za-z][\w-]*\s*=|\}\s*$)/.test(lines[i + 1])) continue;
    lines[i] = lines[i].replace(/,?\s*$/, (tail) => '}'.repeat(balance) + tail);
    // The column of the `{` that opens the field: the last character of the match.
    first ??= { index: i, field: opening[1], column: opening[0].length };
  }
  if (!first) return undefined;
  const { field } = first;
  const fieldLine = startLine + first.index;
  return {
    text: lines.join('\n'),
    line: fieldLine,
    column: first.column,
    message: (label) =>
      // The braces are arguments: a literal `{` in the message would hide the placeholders after it.
      l10n.t(
        'Lectern: {0}: the `{1}` that opens field `{2}` on line {3} is never closed; the entry was loaded as if the field ended at the end of that line. Add the missing `{4}`.',
        label,
        '{',
        field,
        fieldLine,
        '}',
      ),
  };
}

/** An entry whose fields are all complete but whose closing `}` is missing: closed after its last line. */
function closeEntry(entryText: string, startLine: number): Omit<BibtexRepair, 'items'> {
  const close = /@\s*[\w-]*\s*\(/.test(entryText) ? ')' : '}'; // the text's only `@` is its first character
  const lastLine = startLine + entryText.trimEnd().split('\n').length - 1;
  return {
    text: `${entryText.trimEnd()}\n${close}`,
    line: startLine,
    column: 1,
    message: (label) =>
      l10n.t(
        'Lectern: {0} (line {1}) is not closed with `{2}`; it was loaded as if it ended on line {3}. Add the missing `{2}` there.',
        label,
        startLine,
        close,
        lastLine,
      ),
  };
}

function braceBalance(s: string): number {
  let depth = 0;
  // Stryker disable next-line EqualityOperator: `s[s.length]` is `undefined`, which changes no count
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
  }
  return depth;
}
