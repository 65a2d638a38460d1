import * as l10n from '@vscode/l10n';
import { applyEdits, getNodeValue, modify, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { lineColumnAt } from '../text/line-column';

/**
 * One curation step as the topics file holds it, e.g. `{ rename: 'Shot Learning', to: 'Few-Shot Learning' }`
 * (see `readCuration` for every shape). Written as one line: `{ "rename": "Shot Learning", "to": "Few-Shot Learning" },`.
 */
export type CurationEntry = Record<string, string | string[]>;

/** A replacement of `length` characters at `offset` by `content`: the one change an edit makes to the file. */
export interface TextChange {
  offset: number;
  length: number;
  content: string;
}

/** An edit's outcome: the new text and the one change that makes it, or why the file cannot be edited. */
export type CurationEditResult = { text: string; change: TextChange } | { error: string };

const NEW_FILE_HEADER = [
  '// Lectern topics for this folder: JSON with comments (README, "Shaping the tree").',
  '// "topics": phrases that define topics of papers without keywords or categories.',
  '// "curation": your changes to the Papers tree, applied in this order after topics are assigned.',
  '// Lectern adds one line per change you make in the tree; edit or delete lines freely.',
];
const CURATION_COMMENT = '// Your changes to the Papers tree, applied in this order after topics are assigned (one line each).';

/**
 * Adds `entry` at the end of the `"curation"` list of a topics file (`undefined`: the file does not
 * exist yet, and a commented one is made). Only the lines the edit concerns change: the entry is one
 * new line (with a trailing comma, so the next one adds a line and touches none); a file without a
 * `"curation"` list gets one after its last property, which gains a comma. Comments and formatting
 * stay (jsonc-parser's `modify` where a property is added). A file that does not parse is not edited.
 *
 * @example addCurationEntry(text, { hide: 'Equations' }) // → { text: '…  { "hide": "Equations" },\n  ]\n}\n', change }
 */
export function addCurationEntry(text: string | undefined, entry: CurationEntry): CurationEditResult {
  const line = entryLine(entry);
  if (text === undefined || text.trim() === '') {
    const eol = '\n';
    const created = [...NEW_FILE_HEADER, '{', '  "topics": {},', '  "curation": [', `    ${line},`, '  ]', '}', ''].join(eol);
    return { text: created, change: { offset: 0, length: text?.length ?? 0, content: created } };
  }
  const parsed = curationList(text);
  if ('error' in parsed) return parsed;
  let current = text;
  let list = parsed.list;
  if (!list) {
    const added = addCurationProperty(text, parsed.root);
    if ('error' in added) return added;
    current = added.text;
    list = added.list;
  }
  if (list.type !== 'array') return { error: `"curation" is not a list (${where(current, list.offset)}); make it [ … ] and try again.` };
  return withChange(text, appendToList(current, list, line));
}

/**
 * Removes every `"curation"` step for which `matches` holds (Show Hidden Topics, unpinning): its
 * whole line when the step stands on a line of its own, else just the step. Nothing else changes.
 */
export function removeCurationEntries(text: string, matches: (entry: unknown) => boolean): CurationEditResult {
  const parsed = curationList(text);
  if ('error' in parsed) return parsed;
  let current = text;
  const items = parsed.list?.type === 'array' ? (parsed.list.children ?? []) : [];
  for (let index = items.length - 1; index >= 0; index -= 1) {
    if (matches(getNodeValue(items[index]))) current = removeItem(current, items[index], index);
  }
  return withChange(text, current);
}

/** The `"curation"` steps of a topics file as plain values (none when it has no list or does not parse). */
export function curationEntries(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  const parsed = curationList(text);
  // Through JSON so the values are plain objects (jsonc-parser's have no prototype).
  return 'error' in parsed || parsed.list?.type !== 'array'
    ? []
    : (parsed.list.children ?? []).map((item) => JSON.parse(JSON.stringify(getNodeValue(item))) as unknown);
}

/** The file's root object and its `"curation"` node, or why it cannot be edited. */
function curationList(text: string): { root: Node; list?: Node } | { error: string } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root)
    return {
      error: `it does not parse (${where(text, errors[0]?.offset ?? 0)}); fix what the Problems panel shows there, then try again.`,
    };
  if (root.type !== 'object')
    return { error: l10n.t('it is not a JSON object ({ "topics": …, "curation": [ … ] }); fix it, then try again.') };
  const property = root.children?.find((child) => child.children?.[0]?.value === 'curation');
  return { root, list: property?.children?.[1] };
}

/** Adds `"curation": [ ]` (under a comment line) after the root's last property, through jsonc-parser's `modify`. */
function addCurationProperty(text: string, root: Node): { text: string; list: Node } | { error: string } {
  const unit = indentUnit(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const options = { formattingOptions: { insertSpaces: !unit.includes('\t'), tabSize: unit.length, eol } };
  let next = applyEdits(text, modify(text, ['curation'], [], options));
  const property = parseTree(next)?.children?.find((child) => child.children?.[0]?.value === 'curation');
  if (!property || root.type !== 'object') return { error: l10n.t('Lectern could not add a "curation" list to it.') };
  const start = lineStart(next, property.offset);
  if (next.slice(start, property.offset).trim() === '') {
    const indent = next.slice(start, property.offset);
    next = `${next.slice(0, start)}${indent}${CURATION_COMMENT}${eol}${next.slice(start)}`;
  }
  const list = parseTree(next)?.children?.find((child) => child.children?.[0]?.value === 'curation')?.children?.[1];
  return list ? { text: next, list } : { error: l10n.t('Lectern could not add a "curation" list to it.') };
}

/** `line` as the list's last item: a line of its own before the closing `]` when the list spans lines. */
function appendToList(text: string, list: Node, line: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const close = list.offset + list.length - 1;
  const closeLineStart = lineStart(text, close);
  const items = list.children ?? [];
  const closeIndent = text.slice(closeLineStart, close);
  if (closeIndent.trim() !== '' || (items.length === 0 && !text.slice(list.offset + 1, close).includes('\n'))) {
    // `[]` or a list on one line: open it up when empty, else let jsonc-parser insert the item.
    if (items.length > 0) return insertInline(text, line);
    const indent = leadingSpace(text, list.offset);
    return `${text.slice(0, list.offset)}[${eol}${indent}${indentUnit(text)}${line},${eol}${indent}]${text.slice(close + 1)}`;
  }
  const last = items[items.length - 1];
  const itemIndent = last ? leadingSpace(text, last.offset) : `${closeIndent}${indentUnit(text)}`;
  const withComma = last && !hasCommaAfter(text, last.offset + last.length) ? insertAt(text, last.offset + last.length, ',') : text;
  const shift = withComma.length - text.length;
  return insertAt(withComma, closeLineStart + shift, `${itemIndent}${line},${eol}`);
}

/** jsonc-parser's array insertion for a one-line list, with the item written on one line. */
function insertInline(text: string, line: string): string {
  const placeholder = '\u0000lectern-entry\u0000';
  const edits = modify(text, ['curation', -1], placeholder, {
    isArrayInsertion: true,
    formattingOptions: { insertSpaces: true, tabSize: 2 },
  });
  return applyEdits(text, edits).replace(JSON.stringify(placeholder), line);
}

function removeItem(text: string, item: Node, index: number): string {
  const start = lineStart(text, item.offset);
  const end = item.offset + item.length;
  const rest = text.slice(end).match(/^[ \t]*,?[ \t]*(?:\r?\n|$)/);
  if (text.slice(start, item.offset).trim() === '' && rest) return text.slice(0, start) + text.slice(end + rest[0].length);
  return applyEdits(text, modify(text, ['curation', index], undefined, {}));
}

/** Whether the first thing after `offset` (past spaces and comments) is a comma. */
function hasCommaAfter(text: string, offset: number): boolean {
  return /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*,/.test(text.slice(offset));
}

/** The result with the one change from `before`: the differing middle between common start and end. */
function withChange(before: string, after: string): CurationEditResult {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end += 1;
  return { text: after, change: { offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) } };
}

function entryLine(entry: CurationEntry): string {
  return `{ ${Object.entries(entry)
    .map(
      ([key, value]) =>
        `${JSON.stringify(key)}: ${Array.isArray(value) ? `[${value.map((v) => JSON.stringify(v)).join(', ')}]` : JSON.stringify(value)}`,
    )
    .join(', ')} }`;
}

/** The file's indentation step: the leading whitespace of its first indented property, else two spaces. */
function indentUnit(text: string): string {
  return /^([ \t]+)["{[]/m.exec(text)?.[1] ?? '  ';
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace at the start of the line holding `offset`. */
function leadingSpace(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

function insertAt(text: string, offset: number, content: string): string {
  return text.slice(0, offset) + content + text.slice(offset);
}

function where(text: string, offset: number): string {
  const { line, column } = lineColumnAt(text, offset);
  return `line ${line}, column ${column}`;
}
