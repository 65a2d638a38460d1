/**
 * The `yaml` helpers the front matter reader and editor share: reading keys, scalars and tags as
 * written, and writing values back in the style they had.
 */
import * as l10n from '@vscode/l10n';
import {
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  parse,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type Scalar,
} from 'yaml';

/** Parses front matter YAML, keeping source ranges; duplicate keys are errors. */
export function parseYaml(source: string): Document.Parsed {
  return parseDocument(source, { prettyErrors: false, uniqueKeys: true });
}

/** How many aliases one value may expand (the `yaml` default): more is an alias bomb, reported, never expanded. */
const MAX_ALIAS_COUNT = 100;

/**
 * A value as JavaScript (`null` for a key without one, `? key`), or why it cannot be read: an alias
 * with no anchor before it, one inside its own anchor, or an alias bomb.
 */
export function valueOf(node: Node | null, doc: Document.Parsed): { value: unknown } | { error: string; offset: number } {
  if (node === null) return { value: null };
  const offset = node.range![0]; // Every parsed node has a range.
  let value: unknown;
  try {
    // Stryker disable next-line ObjectLiteral: yaml's default is also 100; it is passed so the message's limit is the one applied
    value = node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = (error as Error).message;
    const name = /Unresolved alias.*?: (.*)/.exec(message)?.[1];
    if (name !== undefined)
      return { error: l10n.t('the alias `*{0}` has no `&{0}` anchor before it', name), offset: aliasOffset(node, name) ?? offset };
    // yaml's toJS throws nothing else on a parsed document (its other errors are for options Lectern does not set);
    // an unknown error would keep its own message.
    // Stryker disable next-line ConditionalExpression: no other error is known to reach this line
    if (/Excessive alias count/.test(message))
      return { error: l10n.t('its aliases expand to more than {0} copies, an alias bomb', MAX_ALIAS_COUNT), offset };
    // Stryker disable next-line ObjectLiteral: not reached, see above
    return { error: message, offset };
  }
  return isCyclic(value) ? { error: l10n.t('an alias in it refers to the value that contains it'), offset } : { value };
}

/** Where the first alias to `name` in a node is. */
function aliasOffset(node: Node, name: string): number | undefined {
  let found: number | undefined;
  visit(node, {
    Alias(_, alias) {
      if (alias.source !== name) return undefined;
      found = alias.range![0];
      return visit.BREAK;
    },
  });
  return found;
}

function isCyclic(value: unknown, path = new Set<unknown>()): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (path.has(value)) return true;
  path.add(value);
  const children = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  const cyclic = children.some((child) => isCyclic(child, path));
  path.delete(value);
  return cyclic;
}

/**
 * Why a pair cannot be edited or removed without changing another key through YAML's anchors and
 * aliases: it holds an anchor some alias uses (`status: &s reading` with `mirror: *s`), or an alias
 * inside a list or map. Undefined when it is safe.
 */
export function aliasConflict(doc: Document.Parsed, pair: Pair): string | undefined {
  const used = new Set<string | undefined>(); // Alias names: never undefined, so a node without an anchor finds none.
  visit(doc, {
    Alias(_, alias) {
      used.add(alias.source);
    },
  });
  let conflict: string | undefined;
  const value = pair.value as Node | null;
  for (const node of [pair.key as Node | null, value]) {
    // `visit` does nothing with null (a key without a value).
    visit(node, {
      Node(_, inner) {
        if (isAlias(inner) && isCollection(value)) conflict = l10n.t('it holds the alias `*{0}`', inner.source);
        else if (used.has(inner.anchor)) conflict = l10n.t('its anchor `&{0}` is used by an alias', String(inner.anchor));
        return conflict === undefined ? undefined : visit.BREAK;
      },
    });
  }
  return conflict;
}

/** A pair's key as a string, or undefined for a non-scalar or null key. */
export function keyOf(pair: Pair): string | undefined {
  const key = pair.key as Node | null;
  if (!isScalar(key) || key.value === null) return undefined;
  // `source` is the key's text before YAML typed it (`1.50`, not `1.5`); for a string it is the string.
  const value = key.value as Primitive;
  return key.source ?? String(value);
}

/** What a YAML scalar holds once read. */
type Primitive = string | number | boolean | bigint;

/** A scalar's text as written (so `paper: 2403.01230` keeps its trailing zero). */
export function stringOf(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const primitive = node.value as Primitive;
  const value = String(primitive);
  // A plain scalar's `source` is its text before YAML typed it (for a string, the string); a quoted or block one is a string.
  return node.type === 'PLAIN' ? (node.source ?? value) : value;
}

/** Tags from a YAML list or a comma-separated string, normalized. */
export function tagsOf(node: Node | null): string[] {
  if (isSeq(node)) return normalizeTags(node.items.map((item) => stringOf(item as Node) ?? ''));
  const text = stringOf(node);
  return text === undefined ? [] : normalizeTags(text.split(','));
}

/** Trimmed, non-empty, first occurrence of each. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}

/** Each top-level key of the front matter and its value node; keys that are not scalars share the key `undefined`. */
export function pairValues(doc: Document.Parsed): Map<string | undefined, Node | null> {
  const values = new Map<string | undefined, Node | null>();
  if (isMap(doc.contents)) for (const pair of doc.contents.items) values.set(keyOf(pair), pair.value);
  return values;
}

/** A value for one of Lectern's keys: a scalar in `style` (plain by default), or a tag list as `[a, b]`. */
export function formatValue(value: string | string[], style?: Scalar['type']): string {
  if (typeof value !== 'string') return formatFlowList(value, (tag) => formatScalar(tag, 'flow'));
  // Stryker disable next-line StringLiteral: every context but 'flow' is read as 'block'
  return formatScalar(value, 'block', style);
}

/** `[a, b]` with each item written by `format`. */
export function formatFlowList(items: string[], format: (item: string) => string): string {
  return `[${items.map(format).join(', ')}]`;
}

// Characters YAML cannot hold in a plain or single-quoted scalar: C0/C1 controls, line/paragraph separators, BOM, non-characters, lone surrogates.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udfff]/;

/**
 * A string as a YAML scalar, in the style it had where that is possible: plain when YAML reads
 * it back as the same string (so `2403.01230`, `true` or `a: b` are quoted), else double-quoted.
 * `context` says where it goes (`block`: after `key: `; `flow`: inside `[ ]`); `style` is the
 * style the value had (default `PLAIN`; `QUOTE_SINGLE`/`QUOTE_DOUBLE` are kept when possible).
 *
 * @example
 * ```ts
 * formatScalar('reading', 'block');    // → 'reading'
 * formatScalar('a: b', 'block');       // → '"a: b"'
 * formatScalar('2403.01230', 'block'); // → '"2403.01230"' (plain, YAML would read a number)
 * ```
 */
export function formatScalar(value: string, context: 'block' | 'flow', style?: Scalar['type']): string {
  if (style === 'QUOTE_SINGLE' && !UNPRINTABLE.test(value)) {
    return `'${value.replaceAll("'", "''")}'`;
  }
  if (style !== 'QUOTE_DOUBLE' && isSafePlain(value, context)) return value;
  return doubleQuoted(value);
}

/** Whether YAML reads `value`, written plain, back as itself (an empty or cut value reads as null or less). */
function isSafePlain(value: string, context: 'block' | 'flow'): boolean {
  if (value !== value.trim() || UNPRINTABLE.test(value)) return false; // `trim` also sees spaces YAML keeps, such as U+00A0.
  try {
    if (context === 'flow') return (parse(`[${value}]`) as unknown[])[0] === value;
    return (parse(`k: ${value}`) as Record<string, unknown>).k === value;
  } catch {
    // Not YAML when written plain: quoted below.
  }
  return false;
}

function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
