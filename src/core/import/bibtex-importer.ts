/**
 * BibTeX / BibLaTeX import. The file is cut into per-entry chunks at `@type{` line starts, each read on its own: one
 * unbalanced brace costs one entry, line numbers are exact, time and memory stay linear. `@string` macros are collected
 * from the whole file first and expanded within bounds (`bibtex-macros.ts`, `bibtex-field-bounds.ts`). A structural
 * scanner (`bibtex-scanner.ts`) gives raw field values and offsets; `@retorquere/bibtex-parser` checks entries with TeX
 * names (other fields blanked; ~10× faster on real exports) and reads those the scanner gives up on. Broken entries are
 * reported at the brace that never closes; two common breakages (a field or the entry missing its `}`) are repaired.
 */
import * as l10n from '@vscode/l10n';
import type { Entry } from '@retorquere/bibtex-parser';
import type { Diagnostic, ImportResult } from '../model/diagnostic';
import type { ImportedPaper } from '../model/paper';
import { LineIndex } from '../text/line-column';
import { attachCslRecords } from './bibtex-csl';
import { bibtexMessages } from './bibtex-messages';
import { translateParserError } from './bibtex-parser-errors';
import { blankDamagedEntries } from './bibtex-damage';
import { FieldBounds } from './bibtex-field-bounds';
import { expandMacros, resolveBuiltIn, type MacroDefinition, type RefusedMacro } from './bibtex-macros';
import { BIBTEX_DEFAULT_STRINGS } from './bibtex-parser-settings';
import { entryNames, paperFromBibtex, type EntryNames, type RawEntry } from './bibtex-record';
import { repairBibtexEntry } from './bibtex-repair';
import { chunkBibtex, glueSplitEntry, type Chunk } from './bibtex-chunks';
import { parserAcceptsCiteKey, scanBibtex, type BibItem, type BibScanError } from './bibtex-scanner';
import { bibMarkupText, bibText, unescapeBackslashes } from './bibtex-text';
import { TexMacros } from './tex-macros';
import { UndefinedMacros } from './bibtex-undefined-macros';
import { badKeyChars, entriesByStart, escapeRegExp, parseEntries, type ParsedChunk } from './bibtex-parser-entries';
import { diagnostic, internalErrorDiagnostic, shorten } from './import-helpers';
import { defaultImportContext, type ImportContext } from './import-limits';

/** Name fields the parser reads for us; every other single-valued field is blanked before parsing. */
const PARSER_FIELDS = new Set(['author', 'editor']);
// Stryker disable next-line Regex: name lists with nothing for a TeX parser to do; chooses the fast path only (names come from citation-js on both paths); output identical, only speed differs
const PLAIN_NAMES = /^[\p{L}\p{M}\s,.'’-]*$/u;

/**
 * Reads a BibTeX or BibLaTeX file into papers, with a diagnostic (at its line and column) for each entry
 * that was skipped, repaired or only partly read. Never throws.
 *
 * @example importBibtex('refs.bib', '@article{k, title = {A}, year = 2020}').papers[0].year // 2020
 */
export function importBibtex(file: string, text: string, context: ImportContext = defaultImportContext()): ImportResult {
  const papers: ImportedPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    const readable = blankDamagedEntries(file, new LineIndex(text), context.damage);
    diagnostics.push(...readable.diagnostics);
    new BibtexImport(file, readable.text, context, papers, diagnostics).run();
  } catch (err) {
    diagnostics.push(internalErrorDiagnostic(file, 'BibTeX', err));
  }
  return { papers, diagnostics };
}

class BibtexImport {
  private readonly lines: LineIndex;
  private readonly strings: Record<string, string> = {};
  /** For the parser's bare words: BibTeX's built-in macros (the parser's own give `jan` as "01"), then the file's `@string`s. */
  private parserStrings: Record<string, string> = {};
  /** Macros whose definition could not be expanded within the limits (too large, too deep, cyclic). */
  private refusedMacros = new Map<string, RefusedMacro>();
  /** Bare words no `@string` defines (or that were refused), reported once each when the file is read. */
  private readonly undefinedMacros = new UndefinedMacros();
  /** Uses of refused macros, reported once each like undefined ones. */
  private readonly refusedUses = new UndefinedMacros();
  private readonly fieldBounds: FieldBounds;
  /** Records by citation key, for `crossref` inheritance after everything is read. */
  private readonly byKey = new Map<string, { paper: ImportedPaper; raw: RawEntry }>();
  private readonly withCrossref: Array<{ paper: ImportedPaper; raw: RawEntry }> = [];
  /** Every paper read, with what its CSL record is built from once the whole file is read (for `crossref`). */
  private readonly read: Array<{ paper: ImportedPaper; raw: RawEntry; names: EntryNames }> = [];
  /** True while a repaired entry is read: its text is not the file's, so it keeps no `bibtexEntry`. */
  private readingRepair = false;
  /** The TeX macros the file's `@preamble`s define, for every entry's fields. */
  private readonly texMacros: TexMacros;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly context: ImportContext,
    private readonly papers: ImportedPaper[],
    private readonly diagnostics: Diagnostic[],
  ) {
    this.lines = new LineIndex(text);
    this.texMacros = new TexMacros(context.limits.maxFieldChars);
    this.fieldBounds = new FieldBounds(
      context.limits,
      (word) => this.resolve(word),
      (offset, message) => this.warnAt(offset, message),
    );
  }

  run(): void {
    const chunks = chunkBibtex(this.text);
    this.collectStrings(chunks);
    this.collectPreambles(chunks);
    for (let i = 0; i < chunks.length; i++) {
      const { chunk, items, last } = glueSplitEntry(this.text, chunks, i);
      i = last;
      // A broken entry that a repair fixes is read from the repaired text, without a failed parse first.
      // Stryker disable next-line ConditionalExpression: a repair is only tried earlier (an unbroken item has none); output identical, only speed differs
      const repair = items.length === 1 && items[0].kind === 'broken' ? this.repaired(chunk, items[0]) : undefined;
      if (repair) this.importRepaired(repair);
      else this.importChunk(chunk, items);
    }
    this.applyCrossrefs();
    attachCslRecords(this.read);
    this.reportUndefinedMacros();
  }

  /** `@string` macros are global: collected from the whole file, and expanded within the limits, before any entry is read. */
  private collectStrings(chunks: Chunk[]): void {
    // Other files' definitions first, so this file's own win; they have no offset here (their files report their faults).
    const definitions: MacroDefinition[] = (this.context.bibtex?.strings ?? []).map(({ name, parts }) => ({ name, parts, offset: -1 }));
    for (const chunk of chunks) {
      // Stryker disable next-line Regex,ConditionalExpression: skips scanning chunks without `@string`; output identical, only speed differs
      if (!/@\s*string\s*[{(]/i.test(chunk.text)) continue;
      for (const item of scanBibtex(chunk.text)) {
        // Stryker disable next-line ConditionalExpression,LogicalOperator: only `@string` items have a stringName
        if (item.kind === 'string' && item.stringName) {
          definitions.push({ name: item.stringName, parts: item.fields[0].parts, offset: chunk.offset + item.start });
        }
      }
    }
    const table = expandMacros(definitions, this.context.limits, (offset) => this.lines.line(offset));
    for (const [name, value] of table.values) this.strings[name] = value;
    this.parserStrings = { ...BIBTEX_DEFAULT_STRINGS, ...this.strings };
    this.refusedMacros = new Map([...table.refused].filter(([, refused]) => refused.offset >= 0));
    for (const warning of table.warnings) if (warning.offset >= 0) this.warnAt(warning.offset, warning.message);
  }

  /** The TeX macros of every `@preamble` (wherever it is: LaTeX defines them before the bibliography), `@string`s expanded. */
  private collectPreambles(chunks: Chunk[]): void {
    for (const chunk of chunks) {
      // Stryker disable next-line Regex,ConditionalExpression: skips scanning chunks without `@preamble`; output identical, only speed differs
      if (!/@\s*preamble\s*[{(]/i.test(chunk.text)) continue;
      for (const item of scanBibtex(chunk.text)) {
        if (item.kind !== 'preamble') continue;
        const label = this.entryLabel('', undefined, item.type);
        for (const field of item.fields) this.texMacros.define(this.fieldBounds.value(field, chunk.offset + field.nameStart, label) ?? '');
      }
    }
    // Then the other files' (`\providecommand` and `\newcommand` keep this file's).
    for (const parts of this.context.bibtex?.preambles ?? [])
      this.texMacros.define(parts.map((part) => (part.kind === 'bare' ? (this.resolve(part.text) ?? part.text) : part.text)).join(''));
  }

  private resolve(word: string): string | undefined {
    const upper = word.toUpperCase();
    return Object.hasOwn(this.strings, upper) ? this.strings[upper] : resolveBuiltIn(word);
  }

  private importRepaired(repair: { chunk: Chunk; items: BibItem[]; warning: Diagnostic }): void {
    this.diagnostics.push(repair.warning);
    this.readingRepair = true; // (an exception ends the whole import: no `finally` needed)
    this.importChunk(repair.chunk, repair.items);
    this.readingRepair = false;
  }

  private importChunk(chunk: Chunk, items: BibItem[]): void {
    // Fast path, also for a chunk without entries (names from citation-js, fields from the scanner either way).
    // Stryker disable next-line MethodExpression,ConditionalExpression,LogicalOperator,StringLiteral: chooses the fast path only; output identical, only speed differs
    const entries = items.filter((item) => item.kind === 'entry' || item.kind === 'broken');
    // Stryker disable next-line ConditionalExpression,ArrowFunction,BlockStatement: chooses the parser more often only; output identical, only speed differs
    if (entries.every((item) => this.readableWithoutParser(item))) {
      for (const item of items) {
        this.noteMacros(chunk, item);
        if (item.kind !== 'entry') continue;
        this.addPaper(this.rawFromScan(item, chunk.offset), chunk.offset + item.start, chunk.offset + item.end);
      }
      return;
    }
    const prepared = this.prepare(chunk.text, items, chunk.offset);
    // Stryker disable next-line MethodExpression,ConditionalExpression,ArrowFunction,EqualityOperator,StringLiteral: only more chunks get the strings; output identical, only speed differs
    const needsStrings = items.some((item) => item.kind === 'broken' || item.fields.some((f) => f.parts.some((p) => p.kind === 'bare')));
    // Stryker disable next-line ConditionalExpression: `true` gives the table to a chunk without bare words, which changes nothing; only speed differs (`false` is caught by the parser-only month test)
    const parsed = parseEntries(prepared.text, needsStrings ? this.parserStrings : undefined);

    const parsedAt = entriesByStart(prepared.text, parsed.entries);
    const errorsByItem = this.libraryErrorsByItem(prepared.text, chunk.offset, items, parsed);

    for (const item of items) {
      if (item.kind === 'string' || item.kind === 'comment' || item.kind === 'preamble') {
        this.noteMacros(chunk, item);
        continue;
      }
      const entry = parsedAt.get(item.start);
      const libraryError = errorsByItem.get(item);
      if (item.kind === 'entry') {
        this.addScannedEntry(chunk, item, entry, libraryError, prepared.renamedKey.has(item.start));
        continue;
      }
      if (entry) {
        // Broken per the scanner, but the parser is more lenient (e.g. no comma after the key): trust it.
        // Where the scanner stopped is not where the entry ends: it keeps no `bibtexEntry`.
        const raw = this.rawFromParser(entry, item, chunk.offset, chunk.text);
        if (prepared.renamedKey.has(item.start) && item.key) {
          raw.key = item.key; // as on the scanner's path: the key as written, with the warning to rename it
          this.warnRenamedKey(chunk.offset + (item.keyStart ?? item.start), raw.key);
        }
        // Stryker disable next-line OptionalChaining: a broken item always has its error (see `reportBroken`)
        if (item.error?.noValue) this.warnNoValue(chunk.offset + item.error.offset, raw, item.error.noValue);
        this.addPaper(raw, chunk.offset + item.start);
        continue;
      }
      const repair = this.repaired(chunk, item);
      if (repair) {
        this.importRepaired(repair);
        continue;
      }
      this.reportBroken(chunk, item);
    }
  }

  /** A complete entry; `entry`: the parser's reading, else `parserError` says why; `renamedKey`: its key was underscored. */
  private addScannedEntry(
    chunk: Chunk,
    item: BibItem,
    entry: Entry | undefined,
    parserError: string | undefined,
    renamedKey: boolean,
  ): void {
    this.noteMacros(chunk, item);
    const raw = this.rawFromScan(item, chunk.offset);
    if (entry) {
      if (renamedKey) this.warnRenamedKey(chunk.offset + (item.keyStart ?? item.start), raw.key);
    } else {
      // The parser reads only the name fields (the others are blanked): the fault is in one of them.
      const names = ['author', 'editor'].filter((name) => name in raw.fields).map((name) => `\`${name}\``);
      // Stryker disable next-line StringLiteral: unreachable: an entry the parser did not return always has its error (libraryErrorsByItem)
      const reason = shorten(parserError ?? l10n.t('unknown error'), 160);
      this.warnAt(chunk.offset + item.start, bibtexMessages.parserFallback(this.entryLabel(raw.key, raw.fields.title), reason, names));
    }
    this.addPaper(raw, chunk.offset + item.start, chunk.offset + item.end);
  }

  private warnRenamedKey(offset: number, key: string): void {
    this.warnAt(offset, bibtexMessages.badKey(key, badKeyChars(key)));
  }

  /** True for a complete entry with a key the parser accepts and plain names: the parser would read it the same. */
  // Mutants here only send more entries to the parser (or TeX names the fast way), but for the key check's: a rejected key must reach it.
  // Stryker disable BlockStatement,ConditionalExpression,EqualityOperator,LogicalOperator,StringLiteral,BooleanLiteral
  private readableWithoutParser(item: BibItem): boolean {
    if (item.kind !== 'entry') return false;
    // Stryker restore ConditionalExpression
    if (item.key && !parserAcceptsCiteKey(item.key)) return false;
    // Stryker disable ConditionalExpression
    for (const field of item.fields) {
      if (!PARSER_FIELDS.has(field.name)) continue;
      if (field.parts.length !== 1 || field.parts[0].kind === 'bare') return false;
      if (!PLAIN_NAMES.test(field.parts[0].text)) return false;
    }
    return true;
  }
  // Stryker restore BlockStatement,ConditionalExpression,EqualityOperator,LogicalOperator,StringLiteral,BooleanLiteral

  /**
   * The text the parser sees: non-name fields, `@string` definitions and over-long fields blanked in the same shape
   * (offsets stay exact), rejected keys underscored; macros reach the parser only as the bounded `strings` option.
   */
  private prepare(text: string, items: BibItem[], offset: number): { text: string; renamedKey: Set<number> } {
    const pieces: string[] = [];
    let last = 0;
    const renamedKey = new Set<number>();
    const cut = (start: number, end: number, replacement: string): void => {
      pieces.push(text.slice(last, start), replacement);
      last = end;
    };
    const blank = (from: number, to: number): string => text.slice(from, to).replace(/[^\n]/g, ' ');
    for (const item of items) {
      if (item.kind === 'string') cut(item.start, item.end, blank(item.start, item.end));
      // Broken entries too: the fields read before the break are complete and can be blanked.
      if (item.kind !== 'entry' && item.kind !== 'broken') continue;
      const label = this.entryLabel(item.key ?? '', undefined, item.type);
      if (item.key && item.keyStart !== undefined && !parserAcceptsCiteKey(item.key)) {
        cut(item.keyStart, item.keyStart + item.key.length, item.key.replace(/[^A-Za-z0-9_:.-]/g, '_'));
        renamedKey.add(item.start);
      }
      for (const field of item.fields) {
        if (this.fieldBounds.verdict(field, offset + field.nameStart, label) !== 'ok') {
          const from = field.parts[0].start;
          const to = field.parts[field.parts.length - 1].end;
          // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,StringLiteral: which filler the parser sees in a field Lectern drops; output identical
          cut(from, to, to - from >= 2 ? `{}${blank(from + 2, to)}` : '0');
          continue;
        }
        // Stryker disable next-line ConditionalExpression: blanks a multi-part field's first part too (the scanner's value is read); output identical, only speed differs
        if (PARSER_FIELDS.has(field.name) || field.parts.length !== 1 || field.parts[0].kind === 'bare') continue;
        const part = field.parts[0];
        // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: skips blanking `{}` or `{x}`; output identical, only speed differs
        if (part.end - part.start <= 2) continue;
        cut(
          part.start + 1,
          part.end - 1,
          // Stryker disable next-line Regex: each character or each run of them becomes as many spaces: the same text
          text.slice(part.start + 1, part.end - 1).replace(/[^\n]+/g, (run) => ' '.repeat(run.length)),
        );
      }
    }
    // Stryker disable next-line ConditionalExpression: joining the one uncut piece gives the same text; only speed differs
    if (last === 0) return { text, renamedKey };
    pieces.push(text.slice(last));
    return { text: pieces.join(''), renamedKey };
  }

  /** Parser errors by the scanned item they concern (only entries read theirs); unresolved macros are noted, at `chunkOffset` + their place. */
  private libraryErrorsByItem(text: string, chunkOffset: number, items: BibItem[], parsed: ParsedChunk): Map<BibItem, string> {
    const byItem = new Map<BibItem, string>();
    // Stryker disable next-line ConditionalExpression,BlockStatement: reached only if the parser throws, which no input makes it do (see `parseEntries`)
    if (parsed.thrown !== undefined) {
      // Stryker disable next-line all: unreachable, as above
      for (const item of items) byItem.set(item, parsed.thrown);
      return byItem;
    }
    for (const error of parsed.errors) {
      const message = error.error.split('\n')[0];
      const unresolved = /^Unresolved @string reference "(.*)"/.exec(message);
      if (unresolved?.[1] === '') continue; // a field with no value (`title = ,`): the scan reports it
      if (unresolved) {
        // Located from the scan for readable entries; for broken ones, searched in the text.
        const word = unresolved[1];
        for (const item of items) {
          if (item.kind !== 'broken') continue;
          const at = text.slice(item.start, item.end).search(new RegExp(`(?<=[=#]\\s*)${escapeRegExp(word)}\\b`));
          // Stryker disable next-line EqualityOperator: a use follows a `=` or `#`, so it is never at the item's `@` (0)
          if (at < 0) continue;
          // A refused macro is reported as one, pointing at its definition, as on the scanner's path.
          const refused = this.refusedMacros.get(word.toUpperCase());
          const uses = refused ? this.refusedUses : this.undefinedMacros;
          uses.add(word, chunkOffset + item.start + at, item.key ?? '', refused && this.lines.line(refused.offset));
        }
        continue;
      }
      // A failed entry's error has its text from its `@` as `input` (of identical entries, take the next); others (a 4-part name's) are not why one failed.
      // Stryker disable next-line StringLiteral: unreachable: every error but an unresolved macro's has an `input`
      const item = items.find((it) => !byItem.has(it) && text.startsWith(error.input ?? '', it.start));
      if (item) byItem.set(item, translateParserError(message));
    }
    return byItem;
  }

  /** Fields as the scanner read them, macros expanded within the limits; `offset`: the chunk's, in the file. */
  private rawFromScan(item: BibItem, offset: number): RawEntry {
    const fields: Record<string, string> = {};
    const label = this.entryLabel(item.key ?? '', undefined, item.type);
    for (const field of item.fields) {
      if (field.name in fields) continue; // first occurrence wins, like BibTeX
      const value = this.fieldBounds.value(field, offset + field.nameStart, label);
      if (value !== undefined) fields[field.name] = this.texMacros.expand(unescapeBackslashes(value));
    }
    return { type: item.type, key: item.key ?? '', fields };
  }

  /**
   * The scanner's fields before its break (as for any entry: the parser gives TeX as HTML or Unicode, sorts keywords), the
   * parser's after it; one the parser read over `maxFieldChars` is dropped with the same warning as a scanned one.
   */
  private rawFromParser(entry: Entry, item: BibItem, offset: number, text: string): RawEntry {
    const scanned = this.rawFromScan(item, offset).fields;
    const fields: Record<string, string> = {};
    const label = this.entryLabel(item.key ?? '', undefined, item.type);
    for (const [name, parsed] of Object.entries(entry.fields)) {
      const value = typeof parsed === 'string' ? parsed : listText(parsed);
      if (name in scanned || value === undefined) continue;
      if (value.length <= this.context.limits.maxFieldChars) fields[name] = this.texMacros.expand(unescapeBackslashes(value));
      else {
        // Past the scanner's break: the field's name is found in the entry's text to place the warning.
        const at = item.start + Math.max(0, text.slice(item.start).search(new RegExp(`\\b${escapeRegExp(name)}\\s*=`, 'i')));
        // Stryker disable next-line StringLiteral: the verdict reads a part's kind only to resolve a bare word (`bare`)
        this.fieldBounds.verdict({ name, nameStart: at, parts: [{ kind: 'braced', text: value, start: at, end: at }] }, offset + at, label);
      }
    }
    const raw: RawEntry = { type: entry.type, key: entry.key, fields: { ...fields, ...scanned } };
    if (!('keywords' in scanned)) raw.keywords = entry.fields.keywords;
    raw.creators = { author: entry.fields.author, editor: entry.fields.editor };
    return raw;
  }

  /** `title = ,`: the parser read the entry, but the field has no value; it is left out of the entry. */
  private warnNoValue(offset: number, raw: RawEntry, field: string): void {
    delete raw.fields[field.toLowerCase()];
    this.warnAt(offset, bibtexMessages.noValue(this.entryLabel(raw.key, raw.fields.title, raw.type), field, this.lines.line(offset)));
  }

  /** Records undefined macros used by a readable item (exact offsets from the scan); a broken item's are found in the parser's errors. */
  private noteMacros(chunk: Chunk, item: BibItem): void {
    for (const field of item.fields) {
      for (const part of field.parts) {
        if (part.kind === 'bare' && this.resolve(part.text) === undefined) {
          const refused = this.refusedMacros.get(part.text.toUpperCase());
          const uses = refused ? this.refusedUses : this.undefinedMacros;
          // A refused macro's own definition (and those built on it) were reported at the definition.
          if (refused && item.kind === 'string') continue;
          uses.add(part.text, chunk.offset + part.start, item.key ?? item.stringName ?? '', refused && this.lines.line(refused.offset));
        }
      }
    }
  }

  private reportUndefinedMacros(): void {
    for (const { offset, message } of [...this.undefinedMacros.warnings(), ...this.refusedUses.warnings()]) this.warnAt(offset, message);
  }

  /** The entry repaired by {@link repairBibtexEntry}, as a chunk of its own with the warning to show; undefined when it cannot be. */
  private repaired(chunk: Chunk, item: BibItem): { chunk: Chunk; items: BibItem[]; warning: Diagnostic } | undefined {
    const startLine = this.lines.line(chunk.offset + item.start);
    const repair = repairBibtexEntry(chunk.text.slice(item.start, item.end), item.error, startLine);
    if (!repair) return undefined;
    const entry = repair.items[0];
    const message = repair.message(this.entryLabel(entry.key ?? '', scannedTitle(entry), entry.type));
    return {
      chunk: { text: repair.text, offset: chunk.offset + item.start },
      items: repair.items,
      // Columns in the repair count from the entry's `@` on its first line.
      warning: diagnostic(
        this.file,
        repair.line,
        repair.column + (repair.line === startLine ? this.lines.position(chunk.offset + item.start).column - 1 : 0),
        'warning',
        message,
      ),
    };
  }

  private reportBroken(chunk: Chunk, item: BibItem): void {
    // Stryker disable next-line ObjectLiteral,StringLiteral: a broken item always has its error (the scanner makes one only with it); this fallback only satisfies the type
    const error: BibScanError = item.error ?? { offset: item.start, reason: l10n.t('it is not valid BibTeX'), kind: 'syntax' };
    // Point at the value that never closes, or at the entry itself when it simply ends too early.
    const at = error.kind === 'syntax' || (error.kind === 'unterminated' && error.field) ? error.offset : item.start;
    const pos = this.lines.position(chunk.offset + at);
    const startLine = this.lines.line(chunk.offset + item.start);
    // The title as scanned when it was read before the break (braces balanced), else its first words.
    const title = scannedTitle(item) ?? /\btitle\s*=\s*[{"]+([^{}"\n]*)/i.exec(chunk.text.slice(item.start, item.end))?.[1];
    const label = this.entryLabel(item.key ?? '', title, item.type);
    const message = bibtexMessages.unreadable(label, startLine, pos.line === startLine, error.reason);
    this.diagnostics.push(diagnostic(this.file, pos.line, pos.column, 'error', message));
  }

  private entryLabel(key: string, title?: string, type?: string): string {
    return bibtexMessages.entryLabel(key, title && shorten(bibText(title)), type);
  }

  private warnAt(offset: number, message: string): void {
    const pos = this.lines.position(offset);
    this.diagnostics.push(diagnostic(this.file, pos.line, pos.column, 'warning', message));
  }

  /** `end`: where the entry ends in the file, when its text there is the entry as read. */
  private addPaper(raw: RawEntry, offset: number, end?: number): void {
    const line = this.lines.line(offset);
    const title = bibMarkupText(raw.fields.title);
    if (!title) {
      this.warnAt(offset, bibtexMessages.noTitle(this.entryLabel(raw.key, undefined, raw.type), line));
      return;
    }
    const names = entryNames(raw);
    for (const name of names.unsplittable) {
      this.warnAt(offset, bibtexMessages.unsplittableName(this.entryLabel(raw.key, title), line, shorten(name, 80)));
    }
    const paper = paperFromBibtex(raw, title, { file: this.file, line }, names);
    if (end !== undefined && !this.readingRepair) paper.bibtexEntry = this.text.slice(offset, end);
    this.papers.push(paper);
    this.read.push({ paper, raw, names });
    const entry = { paper, raw };
    if (raw.key && !this.byKey.has(raw.key.toLowerCase())) this.byKey.set(raw.key.toLowerCase(), entry);
    if (raw.fields.crossref) this.withCrossref.push(entry);
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
        paper.date = parent.paper.date; // a year always comes with a date
      }
    }
  }
}

function scannedTitle(item: BibItem): string | undefined {
  const title = item.fields.find((f) => f.name === 'title');
  return title?.parts.map((p) => p.text).join('');
}

/** A list field the parser split on ` and ` (`publisher = {A and B}`), joined again; undefined for names (read apart). */
function listText(values: unknown[]): string | undefined {
  // Stryker disable next-line MethodExpression: a list holds only strings or only names, so `some` decides the same
  return values.every((value) => typeof value === 'string') ? values.join(' and ') : undefined;
}
