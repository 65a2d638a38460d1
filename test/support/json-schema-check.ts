/**
 * A small JSON Schema (draft-07) checker for the keywords Lectern's own schemas use, so tests can
 * check files against `schemas/*.json` without a validator dependency. A keyword it does not know
 * throws (a schema growing a keyword must grow the checker too, never be half-checked).
 * Returns the problems found, each with its JSON path; `[]` when the value conforms.
 */
type Schema = boolean | { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'definitions', 'default', 'examples', '$comment']);

export function checkJsonSchema(root: Schema, value: unknown): string[] {
  const problems: string[] = [];
  check(root, root, value, '$', problems);
  return problems;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, problems: string[]): void {
  if (schema === true) return;
  if (schema === false) {
    problems.push(`${path}: not allowed`);
    return;
  }
  for (const [keyword, argument] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    const rule = RULES[keyword];
    if (!rule) throw new Error(`json-schema-check: the keyword "${keyword}" is not supported`);
    rule({ root, argument, value, path, problems, schema });
  }
}

interface RuleContext {
  root: Schema;
  schema: { [keyword: string]: unknown };
  argument: unknown;
  value: unknown;
  path: string;
  problems: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

/** Whether `value` conforms to `schema` (for the combinators). */
function passes(root: Schema, schema: unknown, value: unknown, path: string): boolean {
  const problems: string[] = [];
  check(root, schema as Schema, value, path, problems);
  return problems.length === 0;
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`json-schema-check: only local references are supported, not ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part];
  if (node === undefined) throw new Error(`json-schema-check: ${ref} does not exist`);
  return node as Schema;
}

const RULES: Record<string, (context: RuleContext) => void> = {
  $ref: ({ root, argument, value, path, problems }) => check(root, resolveRef(root, argument as string), value, path, problems),
  type: ({ argument, value, path, problems }) => {
    const allowed = Array.isArray(argument) ? (argument as string[]) : [argument as string];
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number')))
      problems.push(`${path}: ${actual}, not ${allowed.join(' or ')}`);
  },
  enum: ({ argument, value, path, problems }) => {
    if (!(argument as unknown[]).some((item) => JSON.stringify(item) === JSON.stringify(value)))
      problems.push(`${path}: not one of the values`);
  },
  pattern: ({ argument, value, path, problems }) => {
    if (typeof value === 'string' && !new RegExp(argument as string, 'u').test(value))
      problems.push(`${path}: "${value}" does not match ${argument as string}`);
  },
  exclusiveMinimum: ({ argument, value, path, problems }) => {
    if (typeof value === 'number' && !(value > (argument as number))) problems.push(`${path}: ${value} is not above ${argument as number}`);
  },
  minItems: ({ argument, value, path, problems }) => {
    if (Array.isArray(value) && value.length < (argument as number)) problems.push(`${path}: fewer than ${argument as number} items`);
  },
  items: ({ root, argument, value, path, problems }) => {
    if (Array.isArray(value)) value.forEach((item, i) => check(root, argument as Schema, item, `${path}[${i}]`, problems));
  },
  minProperties: ({ argument, value, path, problems }) => {
    if (isObject(value) && Object.keys(value).length < (argument as number))
      problems.push(`${path}: fewer than ${argument as number} properties`);
  },
  required: ({ argument, value, path, problems }) => {
    if (!isObject(value)) return;
    for (const key of argument as string[]) if (!(key in value)) problems.push(`${path}: "${key}" is missing`);
  },
  propertyNames: ({ root, argument, value, path, problems }) => {
    if (isObject(value)) for (const key of Object.keys(value)) check(root, argument as Schema, key, `${path} key "${key}"`, problems);
  },
  properties: ({ root, argument, value, path, problems }) => {
    if (!isObject(value)) return;
    for (const [key, sub] of Object.entries(argument as Record<string, Schema>))
      if (key in value) check(root, sub, value[key], `${path}.${key}`, problems);
  },
  patternProperties: ({ root, argument, value, path, problems }) => {
    if (!isObject(value)) return;
    for (const [pattern, sub] of Object.entries(argument as Record<string, Schema>)) {
      for (const key of Object.keys(value))
        if (new RegExp(pattern, 'u').test(key)) check(root, sub, value[key], `${path}.${key}`, problems);
    }
  },
  additionalProperties: ({ root, schema, argument, value, path, problems }) => {
    if (!isObject(value)) return;
    const named = Object.keys((schema.properties as object | undefined) ?? {});
    const patterns = Object.keys((schema.patternProperties as object | undefined) ?? {}).map((p) => new RegExp(p, 'u'));
    for (const key of Object.keys(value)) {
      if (named.includes(key) || patterns.some((pattern) => pattern.test(key))) continue;
      if (argument === false) problems.push(`${path}: unknown property "${key}"`);
      else check(root, argument as Schema, value[key], `${path}.${key}`, problems);
    }
  },
  allOf: ({ root, argument, value, path, problems }) => {
    for (const sub of argument as Schema[]) check(root, sub, value, path, problems);
  },
  anyOf: ({ root, argument, value, path, problems }) => {
    if (!(argument as Schema[]).some((sub) => passes(root, sub, value, path))) problems.push(`${path}: matches none of anyOf`);
  },
  oneOf: ({ root, argument, value, path, problems }) => {
    const matching = (argument as Schema[]).filter((sub) => passes(root, sub, value, path)).length;
    if (matching !== 1) problems.push(`${path}: matches ${matching} of oneOf, not exactly one`);
  },
  not: ({ root, argument, value, path, problems }) => {
    if (passes(root, argument, value, path)) problems.push(`${path}: matches what "not" forbids`);
  },
};
