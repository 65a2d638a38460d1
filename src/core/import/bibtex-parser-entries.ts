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
export function entriesByStart(text: string, library: ReturnType<typeof parseBibtex> | undefined): Map<number, Entry> {
  const byStart = new Map<number, Entry>();
  let cursor = 0;
  for (const entry of library?.entries ?? []) {
    if (!entry.input) continue;
    const at = text.indexOf(entry.input, cursor);
    if (at < 0) continue;
    byStart.set(at, entry);
    cursor = at + 1;
  }
  return byStart;
}

/** The parser's reading of one chunk, or the message it threw. */
export interface ParsedChunk {
  library?: ReturnType<typeof parseBibtex>;
  thrown?: string;
}

/** Parses one chunk with Lectern's options; `strings`: the macros bare words expand to (the parser's own when undefined). */
export function parseEntries(text: string, strings: Record<string, string> | undefined): ParsedChunk {
  try {
    return { library: parseBibtex(text, { ...BIBTEX_PARSER_OPTIONS, strings }) };
  } catch (err) {
    return { thrown: err instanceof Error ? err.message : String(err) };
  }
}
