/**
 * The `yaml` helpers the front matter reader and editor share: reading keys, scalars and tags as
 * written, and writing values back in the style they had.
 */
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

/** A value as JavaScript, or why it cannot be read: an alias with no anchor before it, one inside its own anchor, or an alias bomb. */
export function valueOf(node: Node, doc: Document.Parsed): { value: unknown } | { error: string; offset: number } {
  const offset = node.range?.[0] ?? 0;
  let value: unknown;
  try {
    value = node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = (error as Error).message;
    const name = /^Unresolved alias.*?: (.*)$/.exec(message)?.[1];
    if (name !== undefined)
      return { error: `the alias \`*${name}\` has no \`&${name}\` anchor before it`, offset: aliasOffset(node, name) ?? offset };
    if (/Excessive alias count/.test(message))
      return { error: `its aliases expand to more than ${MAX_ALIAS_COUNT} copies, an alias bomb`, offset };
    return { error: message, offset };
  }
  return isCyclic(value) ? { error: 'an alias in it refers to the value that contains it', offset } : { value };
}

/** Where the first alias to `name` in a node is. */
function aliasOffset(node: Node, name: string): number | undefined {
  let found: number | undefined;
  visit(node, {
    Alias(_, alias) {
      if (alias.source !== name) return undefined;
      found = alias.range?.[0];
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
  const used = new Set<string>();
  visit(doc, {
    Alias(_, alias) {
      used.add(alias.source);
    },
  });
  let conflict: string | undefined;
  const value = pair.value as Node | null;
  for (const node of [pair.key as Node | null, value]) {
    if (!node) continue;
    visit(node, {
      Node(_, inner) {
        if (isAlias(inner) && isCollection(value)) conflict = `it holds the alias \`*${inner.source}\``;
        else if (!isAlias(inner) && inner.anchor && used.has(inner.anchor))
          conflict = `its anchor \`&${inner.anchor}\` is used by an alias`;
        return conflict === undefined ? undefined : visit.BREAK;
      },
    });
  }
  return conflict;
}

/** A pair's key as a string, or undefined for a non-scalar or null key. */
export function keyOf(pair: Pair): string | undefined {
  const key = pair.key as Node | null;
  if (!isScalar(key)) return undefined;
  return typeof key.value === 'string'
    ? key.value
    : key.value === null
      ? undefined
      : String(key.source ?? (key.value as string | number | boolean | bigint));
}

/** A scalar's text as written (so `paper: 2403.01230` keeps its trailing zero). */
export function stringOf(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const value = node.value as string | number | boolean | bigint; // YAML scalars hold primitives.
  if (typeof value === 'string') return value;
  return typeof node.source === 'string' && node.type === 'PLAIN' ? node.source : String(value);
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

/** Each top-level key of the front matter and its value node. */
export function pairValues(doc: Document.Parsed): Map<string, Node | null> {
  const values = new Map<string, Node | null>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = keyOf(pair);
      if (key !== undefined) values.set(key, pair.value);
    }
  }
  return values;
}

/** A value for one of Lectern's keys: a scalar in `style`, or a tag list as `[a, b]`. */
export function formatValue(value: string | string[], style: Scalar['type']): string {
  return typeof value === 'string'
    ? formatScalar(value, 'block', style)
    : formatFlowList(value, (tag) => formatScalar(tag, 'flow', 'PLAIN'));
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
export function formatScalar(value: string, context: 'block' | 'flow', style: Scalar['type'] = 'PLAIN'): string {
  if (style === 'QUOTE_SINGLE' && !UNPRINTABLE.test(value)) {
    return `'${value.replaceAll("'", "''")}'`;
  }
  if (style !== 'QUOTE_DOUBLE' && isSafePlain(value, context)) return value;
  return doubleQuoted(value);
}

function isSafePlain(value: string, context: 'block' | 'flow'): boolean {
  if (value === '' || value !== value.trim() || UNPRINTABLE.test(value)) return false;
  try {
    if (context === 'flow') {
      const list = parse(`[${value}]`) as unknown;
      return Array.isArray(list) && list.length === 1 && list[0] === value;
    }
    const map = parse(`k: ${value}`) as unknown;
    return typeof map === 'object' && map !== null && (map as Record<string, unknown>).k === value && Object.keys(map).length === 1;
  } catch {
    return false;
  }
}

function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
