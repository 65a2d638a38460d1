/**
 * A small structural BibTeX scanner that follows the grammar of `@retorquere/bibtex-parser`'s verbatim
 * pass, but keeps offsets: where each entry, field and value starts and ends, and where a broken entry
 * breaks. The importer uses it to split huge files into per-entry chunks, to give raw field values and
 * exact line numbers, and to hide fields the parser need not LaTeX-parse (abstracts, file paths).
 * Iterative throughout: no recursion, so nothing here can overflow the stack.
 */

export interface BibValuePart {
  kind: 'braced' | 'quoted' | 'bare';
  /** Content without delimiters (for bare words, the word itself). */
  text: string;
  /** Offset of the opening delimiter (or of the bare word). */
  start: number;
  /** Offset just past the closing delimiter. */
  end: number;
}

export interface BibField {
  /** Lower-cased field name. */
  name: string;
  nameStart: number;
  parts: BibValuePart[];
}

export type BibItemKind = 'entry' | 'string' | 'comment' | 'preamble' | 'broken';

export interface BibScanError {
  offset: number;
  /** What is wrong, phrased for a user (no "Lectern:" prefix, no entry name). */
  reason: string;
  /** `unterminated`: a value runs to the end of the text; `unclosed`: every field is complete but the entry's `}` is missing. */
  kind: 'unterminated' | 'unclosed' | 'syntax';
  /** Field being read when it broke, if any. */
  field?: string;
}

export interface BibItem {
  kind: BibItemKind;
  /** Offset of the `@`. */
  start: number;
  /** Offset just past the item (for a broken item: where scanning resumed). */
  end: number;
  /** Lower-cased directive (`article`, `string`, …). */
  type: string;
  key?: string;
  keyStart?: number;
  fields: BibField[];
  /** For `@string`: the macro name as typed. */
  stringName?: string;
  error?: BibScanError;
}

/** Characters `@retorquere/bibtex-parser` accepts in keys, field names and bare macro names. */
const PARSER_KEY_CHAR = /[+'a-zA-Z0-9&;_:\\./-]|[\p{Lu}\p{Lt}\p{Ll}\p{Lm}\p{Lo}]/u;
/** Extra characters the parser accepts in citation keys. */
const PARSER_CITEKEY_EXTRA = '[]*"';

export function isParserKeyChar(ch: string, allow = ''): boolean {
  return PARSER_KEY_CHAR.test(ch) || allow.includes(ch);
}

/** True when the parser would accept this citation key as typed. */
export function parserAcceptsCiteKey(key: string): boolean {
  for (const ch of key) if (!isParserKeyChar(ch, PARSER_CITEKEY_EXTRA)) return false;
  return true;
}

/** Thrown inside the scanner only; not an `Error`, so no stack trace is captured (broken files throw a lot). */
class ScanFailure {
  constructor(readonly detail: BibScanError) {}
}

/** Scans one chunk of BibTeX text into items, recovering after a broken item like the parser does. */
export function scanBibtex(src: string): BibItem[] {
  const items: BibItem[] = [];
  let pos = 0;
  const n = src.length;

  const skipWs = (): void => {
    while (pos < n) {
      const c = src.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else if (c === 37 /* % */) {
        while (pos < n && src.charCodeAt(pos) !== 10) pos++;
      } else break;
    }
  };
  const fail = (offset: number, reason: string, kind: BibScanError['kind'] = 'syntax', field?: string): never => {
    throw new ScanFailure({ offset, reason, kind, field });
  };
  const readKey = (allow = ''): string => {
    const start = pos;
    while (pos < n && isParserKeyChar(src[pos], allow)) pos++;
    return src.slice(start, pos);
  };
  /** Citation keys: anything up to a comma, whitespace or a delimiter (broader than the parser). */
  const readCiteKey = (): string => {
    const start = pos;
    while (pos < n && !/[\s,{}()=#%]/.test(src[pos])) pos++;
    return src.slice(start, pos);
  };
  const braced = (field: string | undefined): BibValuePart => {
    const open = pos;
    pos++;
    let depth = 0;
    while (pos < n) {
      const c = src.charCodeAt(pos);
      if (c === 92 /* \ */) pos += 2;
      else if (c === 123 /* { */) {
        depth++;
        pos++;
      } else if (c === 125 /* } */) {
        if (depth === 0) {
          pos++;
          return { kind: 'braced', text: src.slice(open + 1, pos - 1), start: open, end: pos };
        }
        depth--;
        pos++;
      } else pos++;
    }
    return fail(open, field ? `the \`{\` that opens field \`${field}\` is never closed` : 'a `{` is never closed', 'unterminated', field);
  };
  const quoted = (field: string | undefined): BibValuePart => {
    const open = pos;
    pos++;
    let depth = 0;
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
        pos++;
        return { kind: 'quoted', text: src.slice(open + 1, pos - 1), start: open, end: pos };
      } else pos++;
    }
    return fail(open, field ? `the \`"\` that opens field \`${field}\` is never closed` : 'a `"` is never closed', 'unterminated', field);
  };
  const single = (field: string | undefined): BibValuePart => {
    skipWs();
    if (src[pos] === '{') return braced(field);
    if (src[pos] === '"') return quoted(field);
    const start = pos;
    const word = readKey();
    if (!word) {
      return fail(
        start,
        pos >= n
          ? `the entry ends where the value of field \`${field ?? '?'}\` should be`
          : `field \`${field ?? '?'}\` has no value (found ${describe(src, pos)})`,
        pos >= n ? 'unterminated' : 'syntax',
        field,
      );
    }
    return { kind: 'bare', text: word, start, end: pos };
  };
  const value = (field: string | undefined): BibValuePart[] => {
    const parts = [single(field)];
    for (;;) {
      skipWs();
      if (src[pos] !== '#') break;
      pos++;
      parts.push(single(field));
    }
    return parts;
  };
  const field = (name: string, nameStart: number): BibField => {
    skipWs();
    if (src[pos] !== '=') {
      fail(
        pos,
        pos >= n ? `the entry ends after field name \`${name}\`` : `field \`${name}\` has no \`=\` (found ${describe(src, pos)})`,
        pos >= n ? 'unterminated' : 'syntax',
        name,
      );
    }
    pos++;
    return { name: name.toLowerCase(), nameStart, parts: value(name) };
  };
  const openGuard = (type: string): string => {
    skipWs();
    if (src[pos] === '{') {
      pos++;
      return '}';
    }
    if (src[pos] === '(') {
      pos++;
      return ')';
    }
    return fail(pos, `expected \`{\` after \`@${type}\` (found ${describe(src, pos)})`);
  };
  const closeGuard = (guard: string, field: string | undefined): void => {
    skipWs();
    if (src[pos] === guard) {
      pos++;
      return;
    }
    if (pos >= n) fail(pos, `the entry is not closed with \`${guard}\``, 'unclosed', field);
    fail(
      pos,
      field
        ? `expected \`,\` or \`${guard}\` after field \`${field}\` (found ${describe(src, pos)})`
        : `expected \`${guard}\` (found ${describe(src, pos)})`,
      'syntax',
      field,
    );
  };

  while (pos < n) {
    // Skip to the next `@`, treating `%` lines as comments, like the parser.
    while (pos < n && src[pos] !== '@') {
      if (src[pos] === '%') {
        while (pos < n && src.charCodeAt(pos) !== 10) pos++;
      } else pos++;
    }
    if (pos >= n) break;
    const start = pos;
    let item: BibItem = { kind: 'broken', start, end: start, type: '', fields: [] };
    try {
      pos++;
      skipWs();
      const type = readKey().toLowerCase();
      item.type = type;
      if (type === 'comment') {
        while (src[pos] === ' ' || src[pos] === '\t') pos++;
        if (src[pos] === '{') braced(undefined);
        else while (pos < n && src.charCodeAt(pos) !== 10) pos++;
        item.kind = 'comment';
      } else if (type === 'preamble') {
        value(undefined);
        item.kind = 'preamble';
      } else if (type === 'string') {
        const guard = openGuard(type);
        skipWs();
        const nameStart = pos;
        const name = readKey();
        if (name) {
          const f = field(name, nameStart);
          item.fields.push(f);
          item.stringName = name;
        }
        closeGuard(guard, undefined);
        item.kind = 'string';
      } else {
        if (!type) fail(pos, `\`@\` is not followed by an entry type (found ${describe(src, pos)})`);
        const guard = openGuard(type);
        skipWs();
        let lastField: string | undefined;
        if (src[pos] === guard) {
          pos++;
        } else {
          let key = '';
          const keyStart = pos;
          if (src[pos] !== ',') key = readCiteKey();
          skipWs();
          if (src[pos] === '=') {
            // `@misc{title = …}`: no key, the first word was a field name.
            pos = keyStart;
            const name = readKey();
            if (!name) fail(keyStart, `expected a citation key or field name after \`@${type}{\``);
            item.fields.push(field(name, keyStart));
            lastField = name;
          } else {
            item.key = key;
            item.keyStart = keyStart;
          }
          let closed = false;
          for (;;) {
            skipWs();
            if (src[pos] !== ',') break;
            pos++;
            skipWs();
            if (src[pos] === guard) {
              pos++;
              closed = true;
              break;
            }
            const nameStart = pos;
            const name = readKey();
            if (!name) continue; // the parser tolerates empty slots: `a = 1, , b = 2`
            item.fields.push(field(name, nameStart));
            lastField = name;
          }
          if (!closed) closeGuard(guard, lastField);
        }
        item.kind = 'entry';
      }
      item.end = pos;
    } catch (err) {
      if (!(err instanceof ScanFailure)) throw err;
      item = { ...item, kind: 'broken', error: err.detail };
      // Resume like the parser: from just after the `@`, at the next `@`.
      pos = start + 1;
      while (pos < n && src[pos] !== '@') pos++;
      item.end = pos;
    }
    items.push(item);
  }
  return items;
}

function describe(src: string, pos: number): string {
  if (pos >= src.length) return 'the end of the entry';
  const snippet = src.slice(pos, pos + 20).split('\n')[0];
  return `\`${snippet || '⏎'}\``;
}

/** Offsets of lines that start a BibTeX item (`@type{` or `@type(` at the start of a line, after optional blanks). */
export function bibtexItemStarts(text: string): number[] {
  const starts: number[] = [];
  const pattern = /^[ \t]*@[A-Za-z][\w-]*[ \t]*[{(]/gm;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) starts.push(m.index);
  return starts;
}

/**
 * Splits a BibTeX author/editor list the way BibTeX does (` and ` at brace depth 0) and turns each name into
 * "First von Last Jr" order. Used when the parser could not read an entry's names; LaTeX is left for the caller.
 */
export function splitBibtexNames(raw: string): string[] {
  const names = splitTopLevel(raw, (s, i) => {
    const m = /^\s+and\s+/i.exec(s.slice(i, i + 8));
    return m ? m[0].length : 0;
  });
  const out: string[] = [];
  for (const name of names) {
    const trimmed = name.trim();
    if (!trimmed || /^\{?others\}?$/i.test(trimmed)) continue;
    const parts = splitTopLevel(trimmed, (s, i) => (s[i] === ',' ? 1 : 0)).map((p) => p.trim());
    if (parts.length >= 3) out.push([parts.slice(2).join(' '), parts[0], parts[1]].filter(Boolean).join(' '));
    else if (parts.length === 2) out.push([parts[1], parts[0]].filter(Boolean).join(' '));
    else out.push(trimmed);
  }
  return out;
}

/** Splits at separators found at brace depth 0; `sepAt` returns the separator length at `i` (0 when none). */
function splitTopLevel(s: string, sepAt: (s: string, i: number) => number): string[] {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const len = sepAt(s, i);
      if (len > 0) {
        out.push(s.slice(last, i));
        last = i + len;
        i += len - 1;
      }
    }
  }
  out.push(s.slice(last));
  return out;
}
