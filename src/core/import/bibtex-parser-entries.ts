/** Small helpers for reading `@retorquere/bibtex-parser` results back onto the scanned text. */
import { parse as parseBibtex, type Entry } from '@retorquere/bibtex-parser';
import { BIBTEX_PARSER_OPTIONS } from './bibtex-parser-settings';
import { parserAcceptsCiteKey } from './bibtex-scanner';
import { uniqueStrings } from './import-helpers';

/** The characters of a citation key the parser rejects, as a list for a message: "`?`, `{`". */
export function badKeyChars(key: string): string {
  const bad = uniqueStrings([...key].filter((ch) => !parserAcceptsCiteKey(ch)));
  return bad.map((ch) => `\`${ch}\``).join(', ');
}

/** `s` as a literal in a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parsed entries by the offset in `text` where each starts (partial entries the parser gave up on are left out). */
export function entriesByStart(text: string, entries: Entry[]): Map<number, Entry> {
  const byStart = new Map<number, Entry>();
  let cursor = 0;
  for (const entry of entries) {
    if (!entry.input) continue;
    // The parser's `input` is a slice of this very text, so it is found; past the last one found, for identical entries.
    const at = text.indexOf(entry.input, cursor);
    byStart.set(at, entry);
    cursor = at + 1;
  }
  return byStart;
}

/** The parser's reading of one chunk: its entries and errors, or the message it threw. */
export interface ParsedChunk {
  entries: Entry[];
  errors: Array<{ error: string; input?: string }>;
  thrown?: string;
}

/** Parses one chunk with Lectern's options; `strings`: the macros bare words expand to (the parser's own when undefined). */
export function parseEntries(text: string, strings: Record<string, string> | undefined): ParsedChunk {
  try {
    const library = parseBibtex(text, { ...BIBTEX_PARSER_OPTIONS, strings });
    // The parser catches its own errors, so no input reaches the `catch`: it keeps the importer's promise never to
    // throw should the parser one day throw. (A `next-line` comment cannot reach the `catch` line's block; this
    // disables the rest of the file's blocks, which are the `catch`'s only.)
    // Stryker disable BlockStatement: unreachable by any input, as above
    return { entries: library.entries, errors: library.errors };
  } catch (err) {
    // Stryker disable next-line all: unreachable by any input, as above
    return { entries: [], errors: [], thrown: err instanceof Error ? err.message : String(err) };
  }
}
