/**
 * BibTeX / BibLaTeX import through `@retorquere/bibtex-parser`.
 *
 * The file is cut into per-entry chunks at `@type{` line starts and each chunk is read on its own, so one
 * unbalanced brace costs one entry (not every entry after it), line numbers are exact, and time and memory
 * stay linear on very large files. `@string` macros are collected from the whole file first.
 *
 * A structural scanner (`bibtex-scanner.ts`) supplies raw field values and offsets. The parser checks each
 * entry and reads author/editor names that contain TeX; fields it need not LaTeX-parse (abstracts, file
 * paths, notes) are blanked in the text it sees, and entries whose names are plain text skip it, since it
 * would read them identically (together ~10× faster on real exports). Broken entries are reported with the
 * line of the brace that never closes; two common breakages of one-field-per-line exports (a field or the
 * entry missing its `}`) are repaired with a warning instead.
 */
import { parse as parseBibtex, type Creator, type Entry } from '@retorquere/bibtex-parser';
import type { Diagnostic, ImportResult } from '../model/diagnostic';
import type { ImportedPaper } from '../model/paper';
import { bibtexItemStarts, parserAcceptsCiteKey, scanBibtex, splitBibtexNames, type BibItem, type BibScanError } from './bibtex-scanner';
import {
  cleanText,
  diagnostic,
  firstUrl,
  internalErrorDiagnostic,
  isoDate,
  normalizeArxivId,
  normalizeDoi,
  parseIsoDate,
  parseMonth,
  parseYear,
  shorten,
  uniqueStrings,
} from './import-helpers';
import { LineIndex } from '../text/line-column';

/** Name fields the parser reads for us; every other single-valued field is blanked before parsing. */
const PARSER_FIELDS = new Set(['author', 'editor']);
/** Name lists with nothing for a TeX parser to do. */
const PLAIN_NAMES = /^[\p{L}\p{M}\s,.'’-]*$/u;
/** Above this many distinct undefined macros, the rest are summed up in one diagnostic. */
const MAX_MACRO_DIAGNOSTICS = 50;

const PARSER_OPTIONS = {
  sentenceCase: false as const,
  english: false,
  unsupported: 'ignore' as const,
  applyCrossRef: false,
  caseProtection: false,
  // Text fields come back as typed; `latexToUnicode` converts them like every other importer's.
  fieldMode: { title: 'verbatim', abstract: 'verbatim', journal: 'verbatim', journaltitle: 'verbatim', booktitle: 'verbatim' } as Record<
    string,
    'verbatim'
  >,
};

/** The parser's built-in macros (month names, a few ACM journals), so raw values agree with it. */
const DEFAULT_STRINGS: Record<string, string> = {
  JAN: '01',
  JANUARY: '01',
  FEB: '02',
  FEBRUARY: '02',
  MAR: '03',
  MARCH: '03',
  APR: '04',
  APRIL: '04',
  MAY: '05',
  JUN: '06',
  JUNE: '06',
  JUL: '07',
  JULY: '07',
  AUG: '08',
  AUGUST: '08',
  SEP: '09',
  SEPTEMBER: '09',
  OCT: '10',
  OCTOBER: '10',
  NOV: '11',
  NOVEMBER: '11',
  DEC: '12',
  DECEMBER: '12',
  ACMCS: 'ACM Computing Surveys',
  ACTA: 'Acta Informatica',
  CACM: 'Communications of the ACM',
  IBMJRD: 'IBM Journal of Research and Development',
  IBMSJ: 'IBM Systems Journal',
  IEEESE: 'IEEE Transactions on Software Engineering',
  IEEETC: 'IEEE Transactions on Computers',
  IEEETCAD: 'IEEE Transactions on Computer-Aided Design of Integrated Circuits',
  IPL: 'Information Processing Letters',
  JACM: 'Journal of the ACM',
  JCSS: 'Journal of Computer and System Sciences',
  SCP: 'Science of Computer Programming',
  SICOMP: 'SIAM Journal on Computing',
  TOCS: 'ACM Transactions on Computer Systems',
  TODS: 'ACM Transactions on Database Systems',
  TOG: 'ACM Transactions on Graphics',
  TOMS: 'ACM Transactions on Mathematical Software',
  TOOIS: 'ACM Transactions on Office Information Systems',
  TOPLAS: 'ACM Transactions on Programming Languages and Systems',
  TCS: 'Theoretical Computer Science',
};

interface Chunk {
  text: string;
  /** Offset of the chunk in the file. */
  offset: number;
}

/** What the record builder needs, whichever reader produced it. */
interface RawEntry {
  type: string;
  key: string;
  fields: Record<string, string>;
  keywords?: string[];
  authors?: string[];
  editors?: string[];
}

interface MacroUse {
  offset: number;
  entry: string;
  count: number;
}

export function importBibtex(file: string, text: string): ImportResult {
  const papers: ImportedPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    new BibtexImport(file, text, papers, diagnostics).run();
  } catch (err) {
    diagnostics.push(internalErrorDiagnostic(file, 'BibTeX', err));
  }
  return { papers, diagnostics };
}

class BibtexImport {
  private readonly lines: LineIndex;
  private readonly strings: Record<string, string> = {};
  /** Upper-cased macro name → first use, for one diagnostic per undefined macro. */
  private readonly undefinedMacros = new Map<string, MacroUse & { name: string }>();
  /** Records by citation key, for `crossref` inheritance after everything is read. */
  private readonly byKey = new Map<string, { paper: ImportedPaper; raw: RawEntry }>();
  private readonly withCrossref: Array<{ paper: ImportedPaper; raw: RawEntry }> = [];

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly papers: ImportedPaper[],
    private readonly diagnostics: Diagnostic[],
  ) {
    this.lines = new LineIndex(text);
  }

  run(): void {
    const chunks = this.chunks();
    this.collectStrings(chunks);
    for (let i = 0; i < chunks.length; i++) {
      let chunk = chunks[i];
      let items = scanBibtex(chunk.text);
      // A line starting with `@type{` inside a braced value splits an entry in two; glue the pieces back.
      // Only a value that runs to the end of the chunk can have been cut there; stop as soon as it closes.
      if (items.some((item) => item.error?.kind === 'unterminated')) {
        for (let j = i + 1; j < Math.min(chunks.length, i + 8); j++) {
          const merged: Chunk = { text: this.text.slice(chunk.offset, chunks[j].offset + chunks[j].text.length), offset: chunk.offset };
          const mergedItems = scanBibtex(merged.text);
          if (mergedItems.every((item) => item.kind !== 'broken')) {
            chunk = merged;
            items = mergedItems;
            i = j;
            break;
          }
          if (mergedItems.find((item) => item.kind === 'broken')?.error?.kind !== 'unterminated') break;
        }
      }
      // A broken entry that a repair fixes is read from the repaired text, without a failed parse first.
      const repair = items.length === 1 && items[0].kind === 'broken' ? this.repaired(chunk, items[0]) : undefined;
      if (repair) {
        this.diagnostics.push(repair.warning);
        this.importChunk(repair.chunk, repair.items);
      } else {
        this.importChunk(chunk, items);
      }
    }
    this.applyCrossrefs();
    this.reportUndefinedMacros();
  }

  /** Cuts the text at each line that starts an `@` item. Text before the first item is its own chunk. */
  private chunks(): Chunk[] {
    const starts = bibtexItemStarts(this.text);
    if (starts.length === 0 || starts[0] !== 0) starts.unshift(0);
    const chunks: Chunk[] = [];
    for (let i = 0; i < starts.length; i++) {
      const end = i + 1 < starts.length ? starts[i + 1] : this.text.length;
      chunks.push({ text: this.text.slice(starts[i], end), offset: starts[i] });
    }
    return chunks;
  }

  /** `@string` macros are global: collected from the whole file before any entry is read. */
  private collectStrings(chunks: Chunk[]): void {
    const pending: Array<{ name: string; item: BibItem }> = [];
    for (const chunk of chunks) {
      if (!/@\s*string\s*[{(]/i.test(chunk.text)) continue;
      for (const item of scanBibtex(chunk.text)) {
        if (item.kind === 'string' && item.stringName) pending.push({ name: item.stringName.toUpperCase(), item });
      }
    }
    // Two passes so a macro may use one defined later in the file.
    for (let pass = 0; pass < 2; pass++) {
      for (const { name, item } of pending) {
        this.strings[name] = item.fields[0].parts.map((p) => (p.kind === 'bare' ? (this.resolve(p.text) ?? '') : p.text)).join('');
      }
    }
  }

  private resolve(word: string): string | undefined {
    if (/^\d+$/.test(word)) return word;
    const upper = word.toUpperCase();
    return this.strings[upper] ?? DEFAULT_STRINGS[upper];
  }

  private importChunk(chunk: Chunk, items: BibItem[]): void {
    const entries = items.filter((item) => item.kind === 'entry' || item.kind === 'broken');
    if (entries.length === 0) {
      for (const item of items) this.noteMacros(chunk, item);
      return;
    }
    if (entries.every((item) => this.readableWithoutParser(item))) {
      // Fast path: well-formed entries whose names hold no TeX read the same without the parser.
      for (const item of items) {
        this.noteMacros(chunk, item);
        if (item.kind !== 'entry') continue;
        const raw = this.rawFromScan(item);
        splitNamesSimply(raw);
        this.addPaper(raw, chunk.offset + item.start);
      }
      return;
    }
    const prepared = this.prepare(chunk.text, items);
    const needsStrings = items.some((item) => item.kind === 'broken' || item.fields.some((f) => f.parts.some((p) => p.kind === 'bare')));
    const parsed = this.parse(prepared.text, needsStrings);

    // Match parsed entries to scanned items by where their text starts.
    const parsedAt = new Map<number, Entry>();
    if (parsed.library) {
      let cursor = 0;
      for (const entry of parsed.library.entries) {
        if (!entry.input) continue; // a partial entry the parser gave up on
        const at = prepared.text.indexOf(entry.input, cursor);
        if (at < 0) continue;
        parsedAt.set(at, entry);
        cursor = at + 1;
      }
    }
    const errorsByItem = this.libraryErrorsByItem(prepared.text, items, parsed);

    for (const item of items) {
      if (item.kind === 'string' || item.kind === 'comment' || item.kind === 'preamble') {
        this.noteMacros(chunk, item);
        continue;
      }
      const entry = parsedAt.get(item.start);
      const libraryError = errorsByItem.get(item);
      if (item.kind === 'entry') {
        this.noteMacros(chunk, item);
        const raw = this.rawFromScan(item);
        if (entry) {
          this.applyCreators(raw, entry);
          if (prepared.renamedKey.has(item.start)) {
            this.warnAt(
              chunk.offset + (item.keyStart ?? item.start),
              `Lectern: citation key \`${raw.key}\` contains characters BibTeX tools reject (${badKeyChars(raw.key)}); the entry was loaded, but rename the key so LaTeX can cite it.`,
            );
          }
        } else {
          splitNamesSimply(raw);
          this.warnAt(
            chunk.offset + item.start,
            `Lectern: ${this.entryLabel(raw.key, raw.fields.title)} could not be fully read by the BibTeX parser (${shorten(libraryError ?? 'unknown error', 160)}); it was loaded with its names split the simple way — check its \`author\` field.`,
          );
        }
        this.addPaper(raw, chunk.offset + item.start);
        continue;
      }
      // Broken per the scanner.
      if (entry) {
        // The parser is more lenient than the scanner here (e.g. no comma after the key): trust it.
        const raw = this.rawFromParser(entry, item);
        this.addPaper(raw, chunk.offset + item.start);
        continue;
      }
      const repair = this.repaired(chunk, item);
      if (repair) {
        this.diagnostics.push(repair.warning);
        this.importChunk(repair.chunk, repair.items);
        continue;
      }
      this.reportBroken(chunk, item, libraryError);
    }
  }

  /**
   * True for an entry the scanner read completely whose key the parser accepts and whose names are plain
   * text (letters, spaces, commas, dots, hyphens, apostrophes): the parser would read it exactly the same.
   */
  private readableWithoutParser(item: BibItem): boolean {
    if (item.kind !== 'entry') return false;
    if (item.key && !parserAcceptsCiteKey(item.key)) return false;
    for (const field of item.fields) {
      if (!PARSER_FIELDS.has(field.name)) continue;
      if (field.parts.length !== 1 || field.parts[0].kind === 'bare') return false;
      if (!PLAIN_NAMES.test(field.parts[0].text)) return false;
    }
    return true;
  }

  /**
   * The text the parser sees: single-valued fields other than names replaced by blanks of the same shape
   * (offsets and line numbers stay exact), and citation keys the parser rejects replaced by underscores.
   */
  private prepare(text: string, items: BibItem[]): { text: string; renamedKey: Set<number> } {
    const pieces: string[] = [];
    let last = 0;
    const renamedKey = new Set<number>();
    const cut = (start: number, end: number, replacement: string): void => {
      pieces.push(text.slice(last, start), replacement);
      last = end;
    };
    for (const item of items) {
      // Broken entries too: the fields read before the break are complete and can be blanked.
      if (item.kind !== 'entry' && item.kind !== 'broken') continue;
      if (item.key && item.keyStart !== undefined && !parserAcceptsCiteKey(item.key)) {
        cut(item.keyStart, item.keyStart + item.key.length, item.key.replace(/[^A-Za-z0-9_:.-]/g, '_'));
        renamedKey.add(item.start);
      }
      for (const field of item.fields) {
        if (PARSER_FIELDS.has(field.name) || field.parts.length !== 1 || field.parts[0].kind === 'bare') continue;
        const part = field.parts[0];
        if (part.end - part.start <= 2) continue;
        cut(
          part.start + 1,
          part.end - 1,
          text.slice(part.start + 1, part.end - 1).replace(/[^\n]+/g, (run) => ' '.repeat(run.length)),
        );
      }
    }
    if (last === 0) return { text, renamedKey };
    pieces.push(text.slice(last));
    return { text: pieces.join(''), renamedKey };
  }

  private parse(text: string, needsStrings: boolean): { library?: ReturnType<typeof parseBibtex>; thrown?: string } {
    try {
      const hasStrings = needsStrings && Object.keys(this.strings).length > 0;
      const library = parseBibtex(text, hasStrings ? { ...PARSER_OPTIONS, strings: this.strings } : PARSER_OPTIONS);
      return { library };
    } catch (err) {
      return { thrown: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Parser errors, keyed by the scanned item they concern (unresolved macros are handled from the scan). */
  private libraryErrorsByItem(
    text: string,
    items: BibItem[],
    parsed: { library?: ReturnType<typeof parseBibtex>; thrown?: string },
  ): Map<BibItem, string> {
    const byItem = new Map<BibItem, string>();
    const entryItems = items.filter((item) => item.kind === 'entry' || item.kind === 'broken');
    if (parsed.thrown !== undefined) {
      for (const item of entryItems) byItem.set(item, parsed.thrown);
      return byItem;
    }
    for (const error of parsed.library?.errors ?? []) {
      const message = error.error.split('\n')[0];
      const unresolved = /^Unresolved @string reference "(.*)"/.exec(message);
      if (unresolved) {
        // Located from the scan for readable entries; for broken ones, searched in the text.
        const word = unresolved[1];
        for (const item of items) {
          if (item.kind !== 'broken') continue;
          const at = text.slice(item.start, item.end).search(new RegExp(`(?<=[=#]\\s*)${escapeRegExp(word)}\\b`));
          if (at >= 0) this.addMacroUse(word, item.start + at, item.key ?? '');
        }
        continue;
      }
      let offset = error.input ? text.indexOf(error.input) : -1;
      if (offset < 0) {
        const location = /at line (\d+), column (\d+)/.exec(message);
        if (location) offset = new LineIndex(text).offset(Number(location[1]), Number(location[2]));
      }
      const item =
        entryItems.find((it) => offset >= it.start && offset < Math.max(it.end, it.start + 1)) ??
        entryItems.find((it) => offset >= it.start) ??
        entryItems[0];
      if (item && !byItem.has(item)) byItem.set(item, translateParserError(message));
    }
    return byItem;
  }

  private rawFromScan(item: BibItem): RawEntry {
    const fields: Record<string, string> = {};
    for (const field of item.fields) {
      if (field.name in fields) continue; // first occurrence wins, like BibTeX
      fields[field.name] = field.parts.map((p) => (p.kind === 'bare' ? (this.resolve(p.text) ?? p.text) : p.text)).join('');
    }
    return { type: item.type, key: item.key ?? '', fields };
  }

  /** Fields as the parser read them, plus those the scanner read (and blanked) before the point it gave up. */
  private rawFromParser(entry: Entry, item: BibItem): RawEntry {
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(entry.fields)) {
      if (typeof value === 'string') fields[name] = value;
    }
    const scanned = this.rawFromScan(item).fields;
    for (const [name, value] of Object.entries(scanned)) if (!(name in fields)) fields[name] = value;
    const raw: RawEntry = { type: entry.type, key: entry.key ?? '', fields };
    if (Array.isArray(entry.fields.keywords)) raw.keywords = entry.fields.keywords;
    this.applyCreators(raw, entry);
    return raw;
  }

  private applyCreators(raw: RawEntry, entry: Entry): void {
    const names = (creators: Creator[] | undefined): string[] | undefined =>
      creators
        ?.map((c) => (c.name ? c.name : [c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' ')))
        .filter((name) => !/^others$/i.test(name.trim()))
        .map(bibText)
        .filter(Boolean);
    raw.authors = names(entry.fields.author);
    raw.editors = names(entry.fields.editor);
  }

  /** Records undefined macros used by a readable item (exact offsets from the scan). */
  private noteMacros(chunk: Chunk, item: BibItem): void {
    if (item.kind === 'broken') return;
    for (const field of item.fields) {
      for (const part of field.parts) {
        if (part.kind === 'bare' && this.resolve(part.text) === undefined) {
          this.addMacroUse(part.text, chunk.offset + part.start, item.key ?? item.stringName ?? '');
        }
      }
    }
  }

  private addMacroUse(name: string, offset: number, entry: string): void {
    const upper = name.toUpperCase();
    const use = this.undefinedMacros.get(upper);
    if (use) use.count++;
    else this.undefinedMacros.set(upper, { name, offset, entry, count: 1 });
  }

  private reportUndefinedMacros(): void {
    const uses = [...this.undefinedMacros.values()];
    for (const use of uses.slice(0, MAX_MACRO_DIAGNOSTICS)) {
      const where = use.entry ? `entry \`${use.entry}\`` : 'an entry';
      const more = use.count > 1 ? ` and ${use.count - 1} more use${use.count > 2 ? 's' : ''}` : '';
      this.warnAt(
        use.offset,
        `Lectern: \`@string\` macro \`${use.name}\` is not defined (used by ${where}${more}); its name was kept as the value. Define it with \`@string{${use.name} = {…}}\` in this file.`,
      );
    }
    if (uses.length > MAX_MACRO_DIAGNOSTICS) {
      const rest = uses.slice(MAX_MACRO_DIAGNOSTICS);
      this.warnAt(
        rest[0].offset,
        `Lectern: ${rest.length} more \`@string\` macros are not defined (${rest
          .slice(0, 5)
          .map((u) => `\`${u.name}\``)
          .join(
            ', ',
          )}, …); their names were kept as values. Add the \`@string\` definitions to this file — macros defined in other .bib files are not read.`,
      );
    }
  }

  /**
   * Two repairs for the commonest breakage in reference-manager exports, where each field is on its own line:
   * an entry whose fields are all complete but whose closing `}` is missing is closed where the next entry
   * starts; a field whose line leaves a `{` open and is followed by another `name =` line (or the closing `}`)
   * is closed at the end of its line. The repaired entry must then read cleanly, or nothing is changed.
   */
  private repaired(chunk: Chunk, item: BibItem): { chunk: Chunk; items: BibItem[]; warning: Diagnostic } | undefined {
    const error = item.error;
    if (!error || (error.kind !== 'unterminated' && error.kind !== 'unclosed')) return undefined;
    const entryText = chunk.text.slice(item.start, item.end);
    const startLine = this.lines.line(chunk.offset + item.start);
    let repaired: string | undefined;
    let explain: (label: string) => { line: number; message: string } = () => ({ line: startLine, message: '' });
    // A field that lost its `}` first: its value swallows the following lines, so the entry also looks unclosed.
    const lines = entryText.split('\n');
    const repairedLines: number[] = [];
    for (let i = 0; i + 1 < lines.length; i++) {
      if (!/^\s*[A-Za-z][\w-]*\s*=\s*\{/.test(lines[i])) continue;
      const balance = braceBalance(lines[i].slice(lines[i].indexOf('=')));
      if (balance <= 0) continue;
      if (!/^\s*([A-Za-z][\w-]*\s*=|\}\s*$)/.test(lines[i + 1])) continue;
      lines[i] = lines[i].replace(/,?\s*$/, (tail) => '}'.repeat(balance) + tail);
      repairedLines.push(i);
    }
    if (repairedLines.length > 0) {
      repaired = lines.join('\n');
      const fieldLine = startLine + repairedLines[0];
      const field = /^\s*([A-Za-z][\w-]*)/.exec(lines[repairedLines[0]])?.[1] ?? '?';
      explain = (label) => ({
        line: fieldLine,
        message: `Lectern: ${label}: the \`{\` that opens field \`${field}\` on line ${fieldLine} is never closed; the entry was loaded as if the field ended at the end of that line. Add the missing \`}\`.`,
      });
    } else if (error.kind === 'unclosed') {
      const close = /^@\s*[\w-]*\s*\(/.test(entryText) ? ')' : '}';
      repaired = `${entryText.trimEnd()}\n${close}`;
      const lastLine = startLine + entryText.trimEnd().split('\n').length - 1;
      explain = (label) => ({
        line: startLine,
        message: `Lectern: ${label} (line ${startLine}) is not closed with \`${close}\`; it was loaded as if it ended on line ${lastLine}. Add the missing \`${close}\` there.`,
      });
    }
    if (repaired === undefined) return undefined;
    const items = scanBibtex(repaired);
    if (items.length !== 1 || items[0].kind !== 'entry') return undefined;
    const title = items[0].fields
      .find((f) => f.name === 'title')
      ?.parts.map((p) => p.text)
      .join('');
    const { line, message } = explain(this.entryLabel(items[0].key ?? '', title, items[0].type));
    return {
      chunk: { text: repaired, offset: chunk.offset + item.start },
      items,
      warning: diagnostic(this.file, line, 1, 'warning', message),
    };
  }

  private reportBroken(chunk: Chunk, item: BibItem, libraryError: string | undefined): void {
    const error: BibScanError = item.error ?? { offset: item.start, reason: libraryError ?? 'it is not valid BibTeX', kind: 'syntax' };
    // Point at the value that never closes, or at the entry itself when it simply ends too early.
    const at = error.kind === 'syntax' || (error.kind === 'unterminated' && error.field) ? error.offset : item.start;
    const pos = this.lines.position(chunk.offset + at);
    const startLine = this.lines.line(chunk.offset + item.start);
    const title = /\btitle\s*=\s*[{"]+([^}"\n]*)/i.exec(chunk.text.slice(item.start, item.end))?.[1];
    const label = this.entryLabel(item.key ?? '', title, item.type);
    const where = pos.line === startLine ? `line ${startLine}` : `starting on line ${startLine}`;
    this.diagnostics.push(
      diagnostic(
        this.file,
        pos.line,
        pos.column,
        'error',
        `Lectern: ${label} (${where}) could not be read: ${error.reason}; it was skipped. Fix the entry and reload — the entries after it still load.`,
      ),
    );
  }

  private entryLabel(key: string, title?: string, type?: string): string {
    if (type === 'string' || type === 'preamble' || type === 'comment') return `an \`@${type}\``;
    if (key) return `entry \`${key}\``;
    if (title) return `entry "${shorten(bibText(title))}"`;
    return type ? `an \`@${type}\` entry without a citation key` : 'an entry without a citation key';
  }

  private warnAt(offset: number, message: string): void {
    const pos = this.lines.position(offset);
    this.diagnostics.push(diagnostic(this.file, pos.line, pos.column, 'warning', message));
  }

  private addPaper(raw: RawEntry, offset: number): void {
    const line = this.lines.line(offset);
    const f = raw.fields;
    const title = bibText(f.title);
    if (!title) {
      this.diagnostics.push(
        diagnostic(
          this.file,
          line,
          1,
          'warning',
          `Lectern: ${this.entryLabel(raw.key, undefined, raw.type)} (line ${line}) has no title; it was skipped. Add a \`title\` field so it can be listed.`,
        ),
      );
      return;
    }
    const dated = datesOf(f);
    const doi = normalizeDoi(f.doi) ?? doiFromUrl(f.url);
    const eprintIsArxiv = /arxiv/i.test(f.archiveprefix ?? f.eprinttype ?? '') || (!f.archiveprefix && !f.eprinttype);
    const arxivId =
      normalizeArxivId(f.arxivid) ??
      (eprintIsArxiv ? normalizeArxivId(f.eprint) : undefined) ??
      arxivFromUrl(f.url) ??
      (doi ? normalizeArxivId(doi) : undefined);
    const paper: ImportedPaper = {
      title,
      authors: raw.authors?.length ? raw.authors : (raw.editors ?? []),
      abstract: bibText(f.abstract),
      keywords: raw.keywords ? uniqueStrings(raw.keywords.map(bibText)) : uniqueStrings((f.keywords ?? '').split(/[,;]/).map(bibText)),
      categories: [],
      topics: [],
      source: { file: this.file, line },
    };
    if (dated.year !== undefined) paper.year = dated.year;
    if (dated.date) paper.date = dated.date;
    const url = firstUrl(f.url) ?? urlFromHowpublished(f.howpublished);
    if (url) paper.url = url;
    if (doi) paper.doi = doi;
    if (arxivId) paper.arxivId = arxivId;
    if (raw.key) paper.citeKey = raw.key;
    const venue = bibText(f.journal ?? f.journaltitle ?? f.booktitle);
    if (venue) paper.venue = venue;
    this.papers.push(paper);
    const entry = { paper, raw };
    if (raw.key && !this.byKey.has(raw.key.toLowerCase())) this.byKey.set(raw.key.toLowerCase(), entry);
    if (f.crossref) this.withCrossref.push(entry);
  }

  /** `crossref = {conf2020}`: inherit venue and date from the referenced entry when missing. */
  private applyCrossrefs(): void {
    for (const { paper, raw } of this.withCrossref) {
      const parent = this.byKey.get(raw.fields.crossref.trim().toLowerCase());
      if (!parent) continue;
      if (!paper.venue) {
        const venue = bibText(parent.raw.fields.booktitle ?? parent.raw.fields.title ?? parent.raw.fields.journal);
        if (venue) paper.venue = venue;
      }
      if (paper.year === undefined && parent.paper.year !== undefined) {
        paper.year = parent.paper.year;
        if (parent.paper.date) paper.date = parent.paper.date;
      }
    }
  }
}

/** Author/editor names split without the parser (plain names, or when the parser failed on the entry). */
function splitNamesSimply(raw: RawEntry): void {
  raw.authors = raw.fields.author ? splitBibtexNames(raw.fields.author).map(bibText).filter(Boolean) : undefined;
  raw.editors = raw.fields.editor ? splitBibtexNames(raw.fields.editor).map(bibText).filter(Boolean) : undefined;
}

/** BibTeX text: case-protection braces go too, including an outer pair around the whole value (`{{Title}}`). */
function bibText(text: string | undefined): string {
  return cleanText(text ? unwrapOuterBraces(text) : text, true);
}

/** `{{A title with $\epsilon$ math}}` → `A title with $\epsilon$ math`: braces that wrap the whole value. One pass. */
function unwrapOuterBraces(text: string): string {
  const value = text.trim();
  if (!value.startsWith('{') || !value.endsWith('}')) return value;
  let leading = 0;
  while (value[leading] === '{') leading++;
  // Where each of the leading braces closes.
  const closes = new Array<number>(leading).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === '{') stack.push(i);
    else if (c === '}') {
      const open = stack.pop();
      if (open !== undefined && open < leading) closes[open] = i;
    }
  }
  let wrappers = 0;
  while (wrappers < leading && closes[wrappers] === value.length - 1 - wrappers) wrappers++;
  return wrappers === 0 ? value : value.slice(wrappers, value.length - wrappers).trim();
}

function datesOf(f: Record<string, string>): { year?: number; date?: string } {
  if (f.date) {
    const fromDate = parseIsoDate(f.date);
    if (fromDate.year !== undefined) return fromDate;
  }
  const year = parseYear(f.year);
  if (year === undefined) return {};
  const day = f.day && /^\d{1,2}$/.test(f.day.trim()) ? Number(f.day.trim()) : undefined;
  return { year, date: isoDate(year, parseMonth(f.month), day) };
}

function doiFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const match = /doi\.org\/(10\.[^\s]+)/i.exec(url.replace(/\{\\_\}|\\_/g, '_'));
  return match ? normalizeDoi(match[1]) : undefined;
}

function arxivFromUrl(url: string | undefined): string | undefined {
  if (!url || !/arxiv\.org\//i.test(url)) return undefined;
  for (const candidate of url.split(/\s+/)) {
    const id = normalizeArxivId(candidate);
    if (id) return id;
  }
  return undefined;
}

function urlFromHowpublished(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /\\url\{([^}]+)\}/.exec(value) ?? /^\s*(https?:\/\/\S+)\s*$/.exec(value);
  return match ? firstUrl(match[1]) : undefined;
}

function braceBalance(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
  }
  return depth;
}

function badKeyChars(key: string): string {
  const bad = uniqueStrings([...key].filter((ch) => !parserAcceptsCiteKey(ch)));
  return bad.map((ch) => `\`${ch}\``).join(', ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rephrases the parser's messages for people: "Unterminated brace-value" → "a `{` is never closed". */
function translateParserError(message: string): string {
  const core = message.replace(/ at line \d+, column \d+.*$/, '');
  if (/^Unterminated brace-value/.test(core)) return 'a `{` is never closed';
  if (/^Unterminated quote-value/.test(core)) return 'a `"` is never closed';
  if (/^Unclosed math section/.test(core)) return 'a `$` math section is never closed';
  if (/^Runaway key/.test(core)) return 'the entry ends in the middle of a name';
  const eq = /^(\S+) = value expected, equals sign missing/.exec(core);
  if (eq) return `field \`${eq[1]}\` has no \`=\``;
  const mismatch = /^Token mismatch, expected (.+?), found (".*?")/.exec(core);
  if (mismatch) return `expected ${mismatch[1]} but found ${mismatch[2]}`;
  return core;
}
