/**
 * The `yaml` helpers the front matter reader and editor share: reading keys, scalars and tags as
 * written, and writing values back in the style they had.
 */
import { isMap, isScalar, isSeq, parse, parseDocument, type Document, type Node, type Pair, type Scalar } from 'yaml';

/** Parses front matter YAML, keeping source ranges; duplicate keys are errors. */
export function parseYaml(source: string): Document.Parsed {
  return parseDocument(source, { prettyErrors: false, uniqueKeys: true });
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
