/**
 * A small strict JSON parser that remembers where every value starts, so that a taxonomy file
 * with a wrong shape can be reported at the exact line and column (JSON.parse gives neither
 * positions for values nor, on Node 20, reliably for syntax errors).
 */

export type JsonNode =
  | { kind: 'object'; offset: number; entries: JsonEntry[] }
  | { kind: 'array'; offset: number; items: JsonNode[] }
  | { kind: 'string'; offset: number; value: string }
  | { kind: 'number'; offset: number; value: number }
  | { kind: 'boolean'; offset: number; value: boolean }
  | { kind: 'null'; offset: number };

export interface JsonEntry {
  key: string;
  keyOffset: number;
  value: JsonNode;
}

/** A syntax error: where it is and what to fix. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `text` or throws `JsonSyntaxError`. A leading byte-order mark is ignored. */
export function parseJsonWithPositions(text: string): JsonNode {
  const parser = new Parser(text);
  parser.skipSpace();
  const node = parser.value();
  parser.skipSpace();
  if (parser.pos < text.length) {
    throw new JsonSyntaxError(
      parser.pos,
      `unexpected ${describe(text, parser.pos)} after the end of the JSON value; remove it, or wrap everything in one object`,
    );
  }
  return node;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function describe(text: string, pos: number): string {
  if (pos >= text.length) return 'end of file';
  const ch = text[pos];
  return ch === '\n' ? 'line break' : `'${ch}'`;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  skipSpace(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        this.pos += 1;
      } else if (c === 47 /* / */ && (text[this.pos + 1] === '/' || text[this.pos + 1] === '*')) {
        throw new JsonSyntaxError(this.pos, 'JSON allows no comments; put notes in a "$comment" property instead');
      } else {
        return;
      }
    }
  }

  value(): JsonNode {
    const { text } = this;
    const start = this.pos;
    const ch = text[start];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return { kind: 'string', offset: start, value: this.string() };
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const [word, node] of [
      ['true', { kind: 'boolean', offset: start, value: true }],
      ['false', { kind: 'boolean', offset: start, value: false }],
      ['null', { kind: 'null', offset: start }],
    ] as const) {
      if (text.startsWith(word, start)) {
        this.pos += word.length;
        return node;
      }
    }
    if (ch === "'") throw new JsonSyntaxError(start, 'JSON strings use double quotes ("…"), not single quotes');
    if (ch === undefined)
      throw new JsonSyntaxError(start, 'the file ends where a value was expected; it may be cut short or miss a closing bracket');
    if (/[A-Za-z_$]/.test(ch)) throw new JsonSyntaxError(start, 'a bare word is not a JSON value; put text in double quotes');
    throw new JsonSyntaxError(start, `expected a value but found ${describe(text, start)}`);
  }

  private object(): JsonNode {
    const offset = this.pos;
    const entries: JsonEntry[] = [];
    this.pos += 1;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return { kind: 'object', offset, entries };
    }
    for (;;) {
      this.skipSpace();
      const keyOffset = this.pos;
      const ch = this.text[this.pos];
      if (ch === '}') throw new JsonSyntaxError(this.pos, "trailing comma before '}'; remove the comma after the last property");
      if (ch !== '"') {
        throw new JsonSyntaxError(
          this.pos,
          ch === "'"
            ? 'property names need double quotes ("name"), not single quotes'
            : `expected a property name in double quotes but found ${describe(this.text, this.pos)}`,
        );
      }
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw new JsonSyntaxError(this.pos, `expected ':' after the property name "${key}"`);
      this.pos += 1;
      this.skipSpace();
      const value = this.value();
      entries.push({ key, keyOffset, value });
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos += 1;
        continue;
      }
      if (next === '}') {
        this.pos += 1;
        return { kind: 'object', offset, entries };
      }
      throw new JsonSyntaxError(
        this.pos,
        next === '"'
          ? "expected ',' between properties; a comma is probably missing at the end of the previous property"
          : `expected ',' or '}' after the value of "${key}" but found ${describe(this.text, this.pos)}`,
      );
    }
  }

  private array(): JsonNode {
    const offset = this.pos;
    const items: JsonNode[] = [];
    this.pos += 1;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return { kind: 'array', offset, items };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']')
        throw new JsonSyntaxError(this.pos, "trailing comma before ']'; remove the comma after the last item");
      items.push(this.value());
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos += 1;
        continue;
      }
      if (next === ']') {
        this.pos += 1;
        return { kind: 'array', offset, items };
      }
      throw new JsonSyntaxError(
        this.pos,
        next === '"'
          ? "expected ',' between items; a comma is probably missing after the previous item"
          : `expected ',' or ']' in a list but found ${describe(this.text, this.pos)}`,
      );
    }
  }

  private string(): string {
    const { text } = this;
    const start = this.pos;
    this.pos += 1;
    let out = '';
    let runStart = this.pos;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 34 /* " */) {
        out += text.slice(runStart, this.pos);
        this.pos += 1;
        return out;
      }
      if (c === 10 || c === 13) throw new JsonSyntaxError(start, 'this string is not closed on its line; add the closing double quote');
      if (c < 32) throw new JsonSyntaxError(this.pos, 'control characters (such as tabs) must be escaped inside strings, e.g. \\t');
      if (c === 92 /* \ */) {
        out += text.slice(runStart, this.pos);
        const esc = text[this.pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc !== undefined && esc in simple) {
          out += simple[esc];
          this.pos += 2;
        } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else {
          throw new JsonSyntaxError(this.pos, 'invalid escape in a string; write a backslash as \\\\');
        }
        runStart = this.pos;
        continue;
      }
      this.pos += 1;
    }
    throw new JsonSyntaxError(start, 'this string is not closed; add the closing double quote');
  }

  private number(): JsonNode {
    const start = this.pos;
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(start, start + 64));
    if (!match) throw new JsonSyntaxError(start, 'malformed number; write numbers like 2, 0.5 or 1e3');
    this.pos += match[0].length;
    return { kind: 'number', offset: start, value: Number(match[0]) };
  }
}
