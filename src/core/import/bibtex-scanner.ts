/**
 * A small structural BibTeX scanner that follows the grammar of `@retorquere/bibtex-parser`'s verbatim
 * pass, but keeps offsets: where each entry, field and value starts and ends, and where a broken entry
 * breaks. The importer uses it to split huge files into per-entry chunks, to give raw field values and
 * exact line numbers, and to hide fields the parser need not LaTeX-parse (abstracts, file paths).
 * Iterative throughout: no recursion, so nothing here can overflow the stack.
 */
import * as l10n from '@vscode/l10n';

/**
 * One part of a field value; `#` joins several.
 *
 * @example `title = {Deep} # " Learning" # suffix` has a `braced`, a `quoted` and a `bare` part.
 */
export interface BibValuePart {
  /** `braced` for `{…}`, `quoted` for `"…"`, `bare` for a number or an `@string` macro name. */
  kind: 'braced' | 'quoted' | 'bare';
  /** Content without delimiters (for bare words, the word itself). */
  text: string;
  /** Offset of the opening delimiter (or of the bare word). */
  start: number;
  /** Offset just past the closing delimiter. */
  end: number;
}

/** One `name = value` of an entry or `@string`. */
export interface BibField {
  /** Lower-cased field name, e.g. `title`. */
  name: string;
  /** Offset of the name's first character. */
  nameStart: number;
  /** The value's parts in order (at least one). */
  parts: BibValuePart[];
}

/** What an `@` item is: an entry (`@article{…}` and any other type), a directive, or `broken` when it could not be read. */
export type BibItemKind = 'entry' | 'string' | 'comment' | 'preamble' | 'broken';

/** Why and where an item could not be read. */
export interface BibScanError {
  /** Offset the problem is reported at: the opening delimiter that never closes, or the unexpected character. */
  offset: number;
  /** What is wrong, phrased for a user (no "Lectern:" prefix, no entry name). */
  reason: string;
  /** `unterminated`: a value runs to the end of the text; `unclosed`: every field is complete but the entry's `}` is missing. */
  kind: 'unterminated' | 'unclosed' | 'syntax';
  /** Field being read when it broke, if any. */
  field?: string;
  /** The field with no value at all (`title = ,`), when that is what broke: the parser reads such an entry, without the field. */
  noValue?: string;
}

/** One `@` item of a BibTeX text, with the offsets of its parts (all offsets are into the scanned text). */
export interface BibItem {
  kind: BibItemKind;
  /** Offset of the `@`. */
  start: number;
  /** Offset just past the item (for a broken item: where scanning resumed). */
  end: number;
  /** Lower-cased directive (`article`, `string`, …). */
  type: string;
  /** Citation key as typed, for entries; `''` for `@article{,`; undefined when the entry starts with a field (`@misc{title = …}`). */
  key?: string;
  /** Offset of the key's first character. */
  keyStart?: number;
  /** Fields in order (duplicates kept); for a broken item, those read before it broke; a `@preamble`'s value as field `preamble`. */
  fields: BibField[];
  /** For `@string`: the macro name as typed. */
  stringName?: string;
  /** Set when `kind` is `broken`. */
  error?: BibScanError;
}

/** Characters `@retorquere/bibtex-parser` accepts in keys, field names and bare macro names. */
const PARSER_KEY_CHAR = /[+'a-zA-Z0-9&;_:\\./-]|[\p{Lu}\p{Lt}\p{Ll}\p{Lm}\p{Lo}]/u;
/** Extra characters the parser accepts in citation keys. */
const PARSER_CITEKEY_EXTRA = '[]*"';

function isParserKeyChar(ch: string, allow = ''): boolean {
  return PARSER_KEY_CHAR.test(ch) || allow.includes(ch);
}

/** True when the parser would accept this citation key as typed. */
export function parserAcceptsCiteKey(key: string): boolean {
  for (const ch of key) if (!isParserKeyChar(ch, PARSER_CITEKEY_EXTRA)) return false;
  return true;
}

/** Thrown inside the scanner only, caught by {@link scanBibtex} for the item being read. */
class ScanFailure extends Error {
  constructor(readonly detail: BibScanError) {
    super(detail.reason);
  }
}

/** Scans one chunk of BibTeX text into items, recovering after a broken item like the parser does. */
export function scanBibtex(src: string): BibItem[] {
  return new BibtexScanner(src).items();
}

/**
 * The scanner's phases, one method each: between items (`items`), one item (`item`) dispatched by its
 * directive to `@comment`, `@preamble`, `@string` or an entry (`entry`, `entryBody`), and the values inside
 * (`value`, `single`, `braced`, `quoted`). All share one cursor, `pos`.
 */
class BibtexScanner {
  private pos = 0;
  private readonly n: number;

  constructor(private readonly src: string) {
    this.n = src.length;
  }

  items(): BibItem[] {
    const { src, n } = this;
    const items: BibItem[] = [];
    // Stryker disable next-line EqualityOperator: `src[n]` is `undefined`, not `@`; the test after the inner loop ends the scan the same way
    while (this.pos < n) {
      // Skip to the next `@`, treating `%` lines as comments, like the parser.
      // Stryker disable next-line EqualityOperator: `src[n]` is `undefined`, not `@`: one more step, then the scan ends the same way
      while (this.pos < n && src[this.pos] !== '@') {
        if (src[this.pos] === '%') this.skipLine();
        else this.pos++;
      }
      if (this.pos >= n) break;
      items.push(this.item(this.pos));
    }
    return items;
  }

  /** One item starting at the `@` at `start`; a broken one ends where scanning resumes, at the next `@`. */
  private item(start: number): BibItem {
    // Stryker disable next-line StringLiteral: `kind` and `type` are always set below (a failure is caught after `type`)
    const item: BibItem = { kind: 'broken', start, end: start, type: '', fields: [] };
    try {
      this.pos++;
      this.skipWs();
      const type = this.readKey().toLowerCase();
      item.type = type;
      if (type === 'comment') this.comment(item);
      else if (type === 'preamble') this.preamble(item);
      else if (type === 'string') this.stringDefinition(item);
      else this.entry(item);
      item.end = this.pos;
      return item;
    } catch (err) {
      // Stryker disable next-line ConditionalExpression: nothing else is thrown in the scan (it reads a string and never recurses); the re-throw keeps a programming error from being reported as a broken entry
      if (!(err instanceof ScanFailure)) throw err;
      // Resume like the parser: from just after the `@`, at the next `@`.
      this.pos = start + 1;
      while (this.pos < this.n && this.src[this.pos] !== '@') this.pos++;
      return { ...item, kind: 'broken', error: err.detail, end: this.pos };
    }
  }

  /** `@comment{…}` (balanced braces) or `@comment` to the end of its line. */
  private comment(item: BibItem): void {
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
    if (this.src[this.pos] === '{') this.braced(undefined);
    else this.skipLine();
    item.kind = 'comment';
  }

  /**
   * `@preamble{value}` or with `(…)`, as BibTeX reads it: the braces delimit the directive, and the value inside
   * is read like a field's (so in `@preamble{"abc}` the `"` is never closed). An empty `@preamble{}` is allowed.
   */
  private preamble(item: BibItem): void {
    const guard = this.openGuard(item.type);
    this.skipWs();
    // Kept as a field named `preamble`: its TeX macros apply to the entries after it (see `TexMacros`).
    const nameStart = this.pos;
    if (this.src[this.pos] !== guard) item.fields.push({ name: 'preamble', nameStart, parts: this.value(undefined) });
    this.closeGuard(guard, undefined);
    item.kind = 'preamble';
  }

  /** `@string{name = value}`; an empty `@string{}` is allowed. */
  private stringDefinition(item: BibItem): void {
    const guard = this.openGuard(item.type);
    this.skipWs();
    const nameStart = this.pos;
    const name = this.readKey();
    if (name) {
      item.fields.push(this.field(name, nameStart));
      item.stringName = name;
    }
    this.closeGuard(guard, undefined);
    item.kind = 'string';
  }

  /** `@type{key, name = value, …}` or with `(…)`; the key may be missing or empty, and the entry empty (`@misc{}`). */
  private entry(item: BibItem): void {
    const type = item.type;
    if (!type) this.fail(this.pos, l10n.t('`@` is not followed by an entry type (found {0})', describe(this.src, this.pos)));
    const guard = this.openGuard(type);
    this.skipWs();
    this.entryBody(item, guard);
    item.kind = 'entry';
  }

  /** The key, then `, name = value` pairs up to the closing `guard`. */
  private entryBody(item: BibItem, guard: string): void {
    const { src } = this;
    let lastField: string | undefined;
    const keyStart = this.pos;
    const key = this.readCiteKey(); // `''` for `@misc{, …}` and `@misc{}`
    this.skipWs();
    if (src[this.pos] === '=') {
      // `@misc{title = …}`: no key, the first word was a field name.
      this.pos = keyStart;
      const name = this.readKey();
      if (!name) this.fail(keyStart, l10n.t('expected a citation key or field name after `@{0}{1}`', item.type, '{'));
      item.fields.push(this.field(name, keyStart));
      lastField = name;
    } else {
      item.key = key;
      item.keyStart = keyStart;
    }
    // Blanks are skipped before each test of `src[this.pos]`: after the key above, and after each value and slot.
    while (src[this.pos] === ',') {
      this.pos++;
      this.skipWs();
      const nameStart = this.pos;
      const name = this.readKey();
      // The parser tolerates empty slots (`a = 1, , b = 2`) and a comma before the closing `}`, read here as one.
      if (!name) continue;
      item.fields.push(this.field(name, nameStart));
      lastField = name;
    }
    this.closeGuard(guard, lastField);
  }

  private field(name: string, nameStart: number): BibField {
    this.skipWs();
    if (this.src[this.pos] !== '=') {
      const atEnd = this.pos >= this.n;
      this.fail(
        this.pos,
        atEnd
          ? l10n.t('the entry ends after field name `{0}`', name)
          : l10n.t('field `{0}` has no `=` (found {1})', name, describe(this.src, this.pos)),
        atEnd ? 'unterminated' : 'syntax',
        name,
      );
    }
    this.pos++;
    return { name: name.toLowerCase(), nameStart, parts: this.value(name) };
  }

  /** A value: parts joined by `#`. */
  private value(field: string | undefined): BibValuePart[] {
    const parts = [this.single(field)];
    for (;;) {
      this.skipWs();
      if (this.src[this.pos] !== '#') break;
      this.pos++;
      parts.push(this.single(field));
    }
    return parts;
  }

  /** One part of a value: `{…}`, `"…"` or a bare word (a number or a macro name). */
  private single(field: string | undefined): BibValuePart {
    this.skipWs();
    if (this.src[this.pos] === '{') return this.braced(field);
    if (this.src[this.pos] === '"') return this.quoted(field);
    const start = this.pos;
    const word = this.readKey();
    if (!word) {
      if (this.pos >= this.n) {
        const reason = field
          ? l10n.t('the entry ends where the value of field `{0}` should be', field)
          : l10n.t('the entry ends where the value of the `@preamble` should be');
        this.fail(start, reason, 'unterminated', field);
      }
      throw new ScanFailure({
        offset: start,
        reason: field
          ? l10n.t('field `{0}` has no value (found {1})', field, describe(this.src, this.pos))
          : l10n.t('the `@preamble` has no value (found {0})', describe(this.src, this.pos)),
        kind: 'syntax',
        field,
        noValue: field,
      });
    }
    return { kind: 'bare', text: word, start, end: this.pos };
  }

  private braced(field: string | undefined): BibValuePart {
    const { src, n } = this;
    const open = this.pos;
    let pos = open + 1;
    let depth = 0;
    // Stryker disable next-line EqualityOperator: `<=` reads `NaN` at `n`, steps past it and fails the same way; the scan resumes from the item's `@`, so the cursor's end does not matter
    while (pos < n) {
      const c = src.charCodeAt(pos);
      if (c === 92 /* \ */) pos += 2;
      else if (c === 123 /* { */) {
        depth++;
        pos++;
      } else if (c === 125 /* } */) {
        pos++;
        if (depth === 0) {
          this.pos = pos;
          return { kind: 'braced', text: src.slice(open + 1, pos - 1), start: open, end: pos };
        }
        depth--;
      } else pos++;
    }
    this.pos = pos;
    const reason = field ? l10n.t('the `{0}` that opens field `{1}` is never closed', '{', field) : l10n.t('a `{` is never closed');
    return this.fail(open, reason, 'unterminated', field);
  }

  private quoted(field: string | undefined): BibValuePart {
    const { src, n } = this;
    const open = this.pos;
    let pos = open + 1;
    let depth = 0;
    // Stryker disable next-line EqualityOperator: `<=` reads `NaN` at `n`, steps past it and fails the same way; the scan resumes from the item's `@`, so the cursor's end does not matter
    while (pos < n) {
      const c = src.charCodeAt(pos);
      if (c === 92) pos += 2;
      else if (c === 123) {
        depth++;
        pos++;
      } else if (c === 125) {
        depth--;
        pos++;
      } else if (c === 34 /* " */ && depth <= 0) {
        this.pos = pos + 1;
        return { kind: 'quoted', text: src.slice(open + 1, pos), start: open, end: pos + 1 };
      } else pos++;
    }
    this.pos = pos;
    const reason = field ? l10n.t('the `"` that opens field `{0}` is never closed', field) : l10n.t('a `"` is never closed');
    return this.fail(open, reason, 'unterminated', field);
  }

  /** The `{` or `(` after `@type`; returns the character that will close it. */
  private openGuard(type: string): string {
    this.skipWs();
    const c = this.src[this.pos];
    if (c === '{' || c === '(') {
      this.pos++;
      return c === '{' ? '}' : ')';
    }
    return this.fail(this.pos, l10n.t('expected `{0}` after `@{1}` (found {2})', '{', type, describe(this.src, this.pos)));
  }

  private closeGuard(guard: string, field: string | undefined): void {
    this.skipWs();
    if (this.src[this.pos] === guard) {
      this.pos++;
      return;
    }
    if (this.pos >= this.n) this.fail(this.pos, l10n.t('the entry is not closed with `{0}`', guard), 'unclosed', field);
    const found = describe(this.src, this.pos);
    this.fail(
      this.pos,
      field
        ? l10n.t('expected `,` or `{0}` after field `{1}` (found {2})', guard, field, found)
        : l10n.t('expected `{0}` (found {1})', guard, found),
      'syntax',
      field,
    );
  }

  private fail(offset: number, reason: string, kind: BibScanError['kind'] = 'syntax', field?: string): never {
    throw new ScanFailure({ offset, reason, kind, field });
  }

  /** Skips blanks and `%` comments. */
  private skipWs(): void {
    const { src, n } = this;
    // Stryker disable next-line EqualityOperator: at `n`, `charCodeAt` is `NaN`, which is no blank: the loop stops there the same way
    while (this.pos < n) {
      const c = src.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else if (c === 37 /* % */) this.skipLine();
      else break;
    }
  }

  /** Moves to the `\n` that ends the current line (or the end of the text). */
  private skipLine(): void {
    while (this.pos < this.n && this.src.charCodeAt(this.pos) !== 10) this.pos++;
  }

  /** A type, field name or macro name: the characters the parser accepts in one. */
  private readKey(): string {
    const start = this.pos;
    while (this.pos < this.n && isParserKeyChar(this.src[this.pos])) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** Citation keys: anything up to a comma, whitespace or a delimiter (broader than the parser). */
  private readCiteKey(): string {
    const start = this.pos;
    while (this.pos < this.n && !/[\s,{}()=#%]/.test(this.src[this.pos])) this.pos++;
    return this.src.slice(start, this.pos);
  }
}

function describe(src: string, pos: number): string {
  if (pos >= src.length) return l10n.t('the end of the entry');
  // Every caller has skipped blanks first, so the snippet is never empty.
  return `\`${src.slice(pos, pos + 20).split('\n')[0]}\``;
}

/** Offsets of lines that start a BibTeX item (`@type{` or `@type(` at the start of a line, after optional blanks). */
export function bibtexItemStarts(text: string): number[] {
  const starts: number[] = [];
  const pattern = /^[ \t]*@[A-Za-z][\w-]*[ \t]*[{(]/gm;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) starts.push(m.index);
  return starts;
}
