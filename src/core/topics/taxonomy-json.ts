// The ES module build: esbuild cannot follow the UMD build's runtime `require` calls (on Node it prefers `main`).
import * as l10n from '@vscode/l10n';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/**
 * The taxonomy file read with Microsoft's `jsonc-parser` (the parser behind VS Code's own
 * settings files): comments and trailing commas are accepted, every value keeps its offset so
 * that a wrong shape is reported at its exact line and column, and after a syntax error the
 * rest of the file is still read.
 */

/** A JSON value with the offset where it starts in the file. */
export type JsonNode =
  | { kind: 'object'; offset: number; entries: JsonEntry[] }
  | { kind: 'array'; offset: number; items: JsonNode[] }
  | { kind: 'string'; offset: number; value: string }
  | { kind: 'number'; offset: number; value: number }
  | { kind: 'boolean'; offset: number; value: boolean }
  | { kind: 'null'; offset: number };

/** One property of an object, in file order (a repeated key appears twice). */
export interface JsonEntry {
  /** The property name, unescaped. */
  key: string;
  /** Offset of the key's opening quote. */
  keyOffset: number;
  /** The property's value. */
  value: JsonNode;
}

/** A syntax error: where it is and what to fix. */
export interface JsonSyntaxError {
  /** Offset of the offending character (the end of the text when it is cut short). */
  offset: number;
  /** What is wrong and how to fix it, e.g. "a comma is probably missing at the end of the previous property or item". */
  message: string;
}

/**
 * Parses `text` (JSON with comments). A leading byte-order mark is ignored. The parser recovers
 * from syntax errors, so `root` holds what could be read even when `error` (the first syntax
 * error, with advice) is set; `root` is undefined only when nothing could be read.
 */
export function parseJsonWithComments(text: string): { root?: JsonNode; error?: JsonSyntaxError } {
  // A space keeps every offset where it was.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  const root = tree ? toJsonNode(tree) : undefined;
  if (errors.length > 0 || !tree) {
    const first = errors[0] ?? { error: 4 /* ValueExpected */, offset: 0, length: 0 };
    return { root, error: describeError(source, first, tree) };
  }
  return { root };
}

function toJsonNode(node: Node): JsonNode {
  const { offset } = node;
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        offset,
        // After a syntax error a property may lack its value: it is left out.
        entries: (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          return key && value ? [{ key: String(key.value), keyOffset: key.offset, value: toJsonNode(value) }] : [];
        }),
      };
    case 'array':
      return { kind: 'array', offset, items: (node.children ?? []).map(toJsonNode) };
    case 'string':
      return { kind: 'string', offset, value: String(node.value) };
    case 'number':
      return { kind: 'number', offset, value: Number(node.value) };
    case 'boolean':
      return { kind: 'boolean', offset, value: node.value === true };
    default:
      return { kind: 'null', offset };
  }
}

/** Turns jsonc-parser's error code into a message that says what to fix, at the most useful offset. */
function describeError(text: string, error: ParseError, tree: Node | undefined): JsonSyntaxError {
  const { offset, length } = error;
  const found = describe(text, offset);
  const at = (message: string, where = offset): JsonSyntaxError => ({ offset: where, message });
  const atEnd = text.slice(offset).trim() === '';
  if (tree && offset >= tree.offset + tree.length && !atEnd) {
    return at(l10n.t('unexpected {0} after the end of the JSON value; remove it, or wrap everything in one object', found));
  }
  switch (printParseErrorCode(error.error)) {
    case 'InvalidSymbol':
      if (text[offset] === "'") return at(l10n.t('JSON strings and property names use double quotes ("…"), not single quotes'));
      if (/[A-Za-z_$]/.test(text[offset] ?? '')) return at(l10n.t('a bare word is not a JSON value; put text in double quotes'));
      return at(l10n.t('expected a value but found {0}', found));
    case 'InvalidNumberFormat':
      return at(l10n.t('malformed number; write numbers like 2, 0.5 or 1e3'));
    case 'PropertyNameExpected':
      return at(l10n.t('expected a property name in double quotes but found {0}', found));
    case 'ValueExpected':
      return atEnd
        ? at(l10n.t('the file ends where a value was expected; it may be cut short or miss a closing bracket'))
        : at(l10n.t('expected a value but found {0}', found));
    case 'ColonExpected':
      return at(l10n.t("expected ':' after the property name but found {0}", found));
    case 'CommaExpected':
      return text[offset] === '"' || text[offset] === '{' || text[offset] === '['
        ? at(l10n.t("expected ',' here; a comma is probably missing at the end of the previous property or item"))
        : at(l10n.t("expected ',' but found {0}", found));
    case 'CloseBraceExpected':
      return atEnd
        ? at(l10n.t("the file ends where ',' or '}' was expected; it may be cut short or miss a closing bracket"))
        : at(l10n.t("expected ',' or '{0}' after a property but found {1}", '}', found));
    case 'CloseBracketExpected':
      return at(l10n.t("expected ',' or ']' in a list but found {0}", found));
    case 'UnexpectedEndOfComment':
      return at(l10n.t('this comment is not closed; end it with */'));
    case 'UnexpectedEndOfString':
      return at(l10n.t('this string is not closed on its line; add the closing double quote'));
    case 'InvalidCharacter':
      return at(
        l10n.t('control characters (such as tabs) must be escaped inside strings, e.g. \\t'),
        firstMatch(text, offset, length, (i) => text.charCodeAt(i) < 32),
      );
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return at(
        l10n.t('invalid escape in a string; write a backslash as \\\\'),
        firstMatch(text, offset, length, (i) => text[i] === '\\' && !/^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(i, i + 6))),
      );
    default:
      return at(l10n.t('unexpected {0}', found));
  }
}

/** The first offset in `[offset, offset + length)` where `matches` holds, or `offset`. */
function firstMatch(text: string, offset: number, length: number, matches: (index: number) => boolean): number {
  for (let i = offset; i < Math.min(offset + length, text.length); i += 1) if (matches(i)) return i;
  return offset;
}

function describe(text: string, offset: number): string {
  if (offset >= text.length) return l10n.t('end of file');
  const ch = text[offset];
  return ch === '\n' ? l10n.t('line break') : `'${ch}'`;
}
