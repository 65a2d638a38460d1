/**
 * A note's YAML front matter: reading it, and changing the few keys Lectern owns (`paper`,
 * `title`, `status`, `tags`, `created`) with edits that touch only that key's value.
 *
 * The guarantee: an edit never changes the body, other keys, their order, comments, blank
 * lines, quoting or line endings. Edits are computed from the `yaml` library's source ranges,
 * applied to a copy and the result re-parsed and compared before they are returned; anything
 * surprising returns `{ error }` and the note is left alone.
 */
import {
  isMap,
  isScalar,
  isSeq,
  parse,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { lineColumnAt } from '../text/line-column';
import { applyTextEdits, lineEndingOf, normalizeEdits, type NoteProblem, type TextEdit } from './text-edit';

export type { NoteProblem, TextEdit } from './text-edit';

/** A note's front matter: Lectern's keys read as strings, every other key as YAML gave it. */
export interface NoteFrontMatter {
  /** The paper the note is about (a paper id); the note index keys notes by it, not by file name. */
  paper?: string;
  title?: string;
  status?: string;
  /** Tags from a YAML list, or a comma-separated string; empty when absent. */
  tags: string[];
  /** ISO date the note was created. */
  created?: string;
  [other: string]: unknown;
}

export interface ParsedNote {
  frontMatter: NoteFrontMatter;
  /** Whether the note starts with a closed `---` front matter block (even a broken one). */
  hasFrontMatter: boolean;
  /** The text after the front matter (the whole note when it has none). */
  body: string;
  /** Offset of `body` in the note. */
  bodyOffset: number;
  /** Broken YAML and unusable Lectern keys; the rest of the note is still read. */
  problems: NoteProblem[];
}

/** Values for Lectern's keys; `null` removes the key, `undefined` leaves it as it is. */
export interface FrontMatterChanges {
  paper?: string | null;
  title?: string | null;
  status?: string | null;
  tags?: string[] | null;
  created?: string | null;
}

export type FrontMatterEditResult = { text: string; edits: TextEdit[] } | { error: string };

/** Lectern's keys, in the order it writes them. */
export const LECTERN_KEYS = ['paper', 'title', 'status', 'tags', 'created'] as const;
type LecternKey = (typeof LECTERN_KEYS)[number];

const PAPER_ID = /^[a-z0-9._-]+$/;

// ---- locating the block ----------------------------------------------------------------------

export type FrontMatterBlock =
  | { kind: 'none'; start: number }
  | { kind: 'unclosed'; start: number }
  | {
      kind: 'closed';
      /** Offset of the opening `---`. */
      start: number;
      /** The YAML between the fences: `[contentStart, contentEnd)`; ends with a line break unless empty. */
      contentStart: number;
      contentEnd: number;
      bodyOffset: number;
    };

/** Finds `---` at the very start (after a byte-order mark) and the next line that is `---`. */
export function locateFrontMatter(text: string): FrontMatterBlock {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const opener = /^---[ \t]*\r?\n/.exec(text.slice(start, start + 64));
  if (!opener) return { kind: 'none', start };
  const contentStart = start + opener[0].length;
  let lineStart = contentStart;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (/^---[ \t]*$/.test(line)) {
      return { kind: 'closed', start, contentStart, contentEnd: lineStart, bodyOffset: newline === -1 ? text.length : newline + 1 };
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return { kind: 'unclosed', start };
}

// ---- parsing ---------------------------------------------------------------------------------

/** Reads a note's front matter and body. Never throws: problems are reported with line and column. */
export function parseNote(text: string): ParsedNote {
  const block = locateFrontMatter(text);
  const frontMatter: NoteFrontMatter = { tags: [] };
  if (block.kind === 'none') return { frontMatter, hasFrontMatter: false, body: text, bodyOffset: 0, problems: [] };
  if (block.kind === 'unclosed') {
    return {
      frontMatter,
      hasFrontMatter: false,
      body: text,
      bodyOffset: 0,
      problems: [
        {
          ...lineColumnAt(text, block.start),
          message: 'Lectern: the front matter that starts on line 1 has no closing `---` line; add one after its last key.',
        },
      ],
    };
  }
  const { contentStart, contentEnd, bodyOffset } = block;
  const problems: NoteProblem[] = [];
  const at = (offset: number) => lineColumnAt(text, contentStart + offset);
  const doc = parseYaml(text.slice(contentStart, contentEnd));
  for (const error of doc.errors)
    problems.push({ ...at(error.pos[0]), message: yamlErrorMessage(error.code, error.message, doc, error.pos[0]) });
  const result: ParsedNote = { frontMatter, hasFrontMatter: true, body: text.slice(bodyOffset), bodyOffset, problems };
  if (doc.errors.length > 0) return result;
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return result;
  if (!isMap(contents)) {
    problems.push({
      ...at(contents.range?.[0] ?? 0),
      message:
        'Lectern: the front matter must be `key: value` lines (like `status: reading`); fix or remove the lines between the `---` fences.',
    });
    return result;
  }
  for (const pair of contents.items) {
    const key = keyOf(pair);
    if (key === undefined) continue;
    const value = pair.value as Node | null;
    const offset = (value ?? (pair.key as Node)).range?.[0] ?? 0;
    if (key === 'tags') {
      frontMatter.tags = tagsOf(value);
      if (value && !isSeq(value) && !isScalar(value))
        problems.push({
          ...at(offset),
          message: 'Lectern: `tags` should be a list like `[reading-group, to-cite]`; Lectern ignores it until then.',
        });
    } else if (key === 'paper' || key === 'title' || key === 'status' || key === 'created') {
      const raw = stringOf(value);
      if (value && !isScalar(value)) {
        problems.push({
          ...at(offset),
          message: `Lectern: \`${key}\` should be a single value, not a list or map; Lectern ignores it until then.`,
        });
      } else if (raw === undefined || raw.trim() === '') {
        // An empty key is the same as an absent one.
      } else if (key === 'paper') {
        const id = raw.trim().toLowerCase();
        if (PAPER_ID.test(id)) frontMatter.paper = id;
        else
          problems.push({
            ...at(offset),
            message: `Lectern: \`paper: ${raw.trim()}\` is not a paper id; ids use only a-z, 0-9, \`.\`, \`_\` and \`-\` (copy it from the paper's reader).`,
          });
      } else frontMatter[key] = key === 'title' ? raw : raw.trim();
    } else if (key !== '__proto__') {
      frontMatter[key] = value === null ? null : value.toJS(doc);
    } else {
      Object.defineProperty(frontMatter, key, { value: value?.toJS(doc) ?? null, enumerable: true, writable: true, configurable: true });
    }
  }
  return result;
}

function parseYaml(source: string): Document.Parsed {
  return parseDocument(source, { prettyErrors: false, uniqueKeys: true });
}

function yamlErrorMessage(code: string, message: string, doc: Document.Parsed, offset: number): string {
  if (code === 'DUPLICATE_KEY') {
    const key = isMap(doc.contents) ? doc.contents.items.find((pair) => (pair.key as Node | null)?.range?.[0] === offset) : undefined;
    const name = key ? keyOf(key) : undefined;
    return `Lectern: the front matter has ${name ? `\`${name}\`` : 'a key'} twice; keep one of them.`;
  }
  const detail = message.replace(/ at line \d+, column \d+.*$/s, '').replace(/\.$/, '');
  return `Lectern: the front matter is not valid YAML (${detail}); fix this line — values containing \`: \` or \` #\` need quotes.`;
}

function keyOf(pair: Pair): string | undefined {
  const key = pair.key as Node | null;
  if (!isScalar(key)) return undefined;
  return typeof key.value === 'string' ? key.value : key.value === null ? undefined : String(key.source ?? key.value);
}

/** A scalar's text as written (so `paper: 2403.01230` keeps its trailing zero). */
function stringOf(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  return typeof node.source === 'string' && node.type === 'PLAIN' ? node.source : String(node.value);
}

function tagsOf(node: Node | null): string[] {
  if (isSeq(node)) return normalizeTags(node.items.map((item) => stringOf(item as Node) ?? ''));
  const text = stringOf(node);
  return text === undefined ? [] : normalizeTags(text.split(','));
}

/** Trimmed, non-empty, first occurrence of each. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}

// ---- editing ---------------------------------------------------------------------------------

/**
 * Edits for setting Lectern's keys, against `text` as given. Only the changed keys' values
 * change; a missing key is added at the end of the front matter; a note without front matter
 * gets one at the top. Broken front matter returns `{ error }` (fix it by hand first).
 */
export function setFrontMatterKeys(text: string, changes: FrontMatterChanges): FrontMatterEditResult {
  const wanted = wantedValues(changes);
  if (wanted.size === 0) return { text, edits: [] };
  const eol = lineEndingOf(text);
  const block = locateFrontMatter(text);
  if (block.kind === 'unclosed') return { error: "Lectern: the note's front matter has no closing `---` line; add one, then try again." };
  if (block.kind === 'none') {
    const lines = [...wanted].filter(([, value]) => value !== null).map(([key, value]) => `${key}: ${formatValue(value!, 'PLAIN')}${eol}`);
    if (lines.length === 0) return { text, edits: [] };
    const rest = text.slice(block.start);
    const separator = rest === '' || rest.startsWith('\n') || rest.startsWith('\r\n') ? '' : eol;
    return verified(text, [{ start: block.start, end: block.start, newText: `---${eol}${lines.join('')}---${eol}${separator}` }], wanted);
  }
  const source = text.slice(block.contentStart, block.contentEnd);
  const doc = parseYaml(source);
  if (doc.errors.length > 0) {
    const { line } = lineColumnAt(text, block.contentStart + doc.errors[0].pos[0]);
    return { error: `Lectern: the note's front matter is not valid YAML (line ${line}); fix it, then try again.` };
  }
  const contents = doc.contents;
  const isEmpty = contents === null || (isScalar(contents) && contents.value === null);
  if (!isEmpty && (!isMap(contents) || contents.flow)) {
    return { error: "Lectern: the note's front matter is not `key: value` lines; fix it, then try again." };
  }
  const map = isEmpty ? undefined : (contents as YAMLMap);
  const editor = new KeyEditor(text, block.contentStart, block.contentEnd, eol, map);
  try {
    for (const [key, value] of wanted) editor.set(key, value);
  } catch (error) {
    return { error: `Lectern: could not update the note's front matter safely (${(error as Error).message}); edit it by hand.` };
  }
  return verified(text, editor.edits, wanted);
}

type Wanted = Map<LecternKey, string | string[] | null>;

function wantedValues(changes: FrontMatterChanges): Wanted {
  const wanted: Wanted = new Map();
  for (const key of LECTERN_KEYS) {
    const value = changes[key];
    if (value === undefined) continue;
    wanted.set(key, key === 'tags' && value !== null ? normalizeTags(value as string[]) : value);
  }
  return wanted;
}

/** Applies the edits to a copy and checks the result says exactly what was asked, and nothing else changed. */
function verified(text: string, edits: TextEdit[], wanted: Wanted): FrontMatterEditResult {
  const normalized = normalizeEdits(edits);
  const next = applyTextEdits(text, normalized);
  const fail = (why: string): FrontMatterEditResult => ({
    error: `Lectern: could not update the note's front matter without touching other lines (${why}); edit it by hand.`,
  });
  const before = readBlock(text);
  const after = readBlock(next);
  if (!after || after.doc.errors.length > 0) return fail('the result would not parse');
  if (before) {
    if (next.slice(after.block.bodyOffset) !== text.slice(before.block.bodyOffset)) return fail('the body would change');
  } else if (!next.endsWith(text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0))) return fail('the body would change');
  const valuesAfter = pairValues(after.doc);
  for (const [key, value] of wanted) {
    const node = valuesAfter.get(key);
    const got = key === 'tags' ? (node === undefined ? [] : tagsOf(node)) : node === undefined ? null : (stringOf(node) ?? null);
    const expected = key === 'tags' ? (value ?? []) : value;
    if (JSON.stringify(got) !== JSON.stringify(expected) && !(key === 'tags' && value === null && node === undefined))
      return fail(`\`${key}\``);
  }
  const others = (doc: Document.Parsed | undefined) =>
    JSON.stringify(
      [...(doc ? pairValues(doc) : new Map<string, Node | null>())]
        .filter(([key]) => !wanted.has(key as LecternKey))
        .map(([key, node]) => [key, node?.toJS(doc!) ?? null]),
    );
  if (others(before?.doc) !== others(after.doc)) return fail('another key would change');
  return { text: next, edits: normalized };
}

function readBlock(text: string): { block: Extract<FrontMatterBlock, { kind: 'closed' }>; doc: Document.Parsed } | undefined {
  const block = locateFrontMatter(text);
  return block.kind === 'closed' ? { block, doc: parseYaml(text.slice(block.contentStart, block.contentEnd)) } : undefined;
}

function pairValues(doc: Document.Parsed): Map<string, Node | null> {
  const values = new Map<string, Node | null>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = keyOf(pair);
      if (key !== undefined) values.set(key, pair.value as Node | null);
    }
  }
  return values;
}

/** Builds the edits for one front matter block; throws when a shape is beyond it. */
class KeyEditor {
  readonly edits: TextEdit[] = [];

  constructor(
    private readonly text: string,
    /** Offset of the YAML source in the note: node ranges are relative to it. */
    private readonly base: number,
    private readonly contentEnd: number,
    private readonly eol: string,
    private readonly map: YAMLMap | undefined,
  ) {}

  set(key: LecternKey, value: string | string[] | null): void {
    const pair = this.map?.items.find((item) => keyOf(item) === key);
    if (!pair) {
      if (value !== null) this.edit(this.contentEnd, this.contentEnd, `${this.indent()}${key}: ${formatValue(value, 'PLAIN')}${this.eol}`);
      return;
    }
    if (value === null) return this.removePair(pair);
    const node = pair.value as Node | null;
    if (typeof value === 'string') {
      if (isScalar(node) && stringOf(node) === value) return;
      return this.replaceValue(pair, formatValue(value, isScalar(node) ? node.type : 'PLAIN'));
    }
    if (isSeq(node) && node.items.every((item) => isScalar(item))) {
      if (JSON.stringify(tagsOf(node)) === JSON.stringify(value) && node.items.length === value.length) return;
      return node.flow ? this.editFlowList(node, value) : this.editBlockList(pair, node, value);
    }
    if ((node === null || isScalar(node)) && JSON.stringify(tagsOf(node)) === JSON.stringify(value)) return;
    this.replaceValue(
      pair,
      formatFlowList(value, (tag) => formatScalar(tag, 'flow', 'PLAIN')),
    );
  }

  private edit(start: number, end: number, newText: string): void {
    this.edits.push({ start, end, newText });
  }

  private abs(offset: number): number {
    return this.base + offset;
  }

  /** The indentation of the map's keys (Lectern adds keys at the same column). */
  private indent(): string {
    const first = this.map?.items[0]?.key as Node | undefined;
    if (!first?.range) return '';
    const at = this.abs(first.range[0]);
    return this.text.slice(lineStart(this.text, at), at);
  }

  /** Offset just after the `:` that follows a pair's key. */
  private colonEnd(pair: Pair): number {
    const key = pair.key as Node;
    if (!key.range) throw new Error('a key without a position');
    const match = /^[ \t]*:/.exec(this.text.slice(this.abs(key.range[1]), this.abs(key.range[1]) + 200));
    if (!match) throw new Error('a key without `:` after it');
    return this.abs(key.range[1]) + match[0].length;
  }

  private replaceValue(pair: Pair, newValue: string): void {
    const node = pair.value as Node | null;
    const range = node?.range;
    if (!node || !range || range[0] === range[1]) {
      // `status:` or `status:   # comment`: write right after the colon, before any comment.
      this.edit(this.colonEnd(pair), this.colonEnd(pair), ` ${newValue}`);
      return;
    }
    const start = this.abs(range[0]);
    const end = this.abs(range[1]);
    const old = this.text.slice(start, end);
    const isBlockCollection = (isSeq(node) || isMap(node)) && !(node as YAMLSeq | YAMLMap).flow;
    const isBlockScalar = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
    if (isBlockCollection || isBlockScalar) {
      // These run to the end of their last line: keep that line break, and the comments among a list's lines.
      const tail = /\r?\n[ \t\r\n]*$/.exec(old)?.[0] ?? '';
      if (isBlockCollection && !tail) throw new Error('an unusual list');
      const from = isBlockCollection ? this.colonEnd(pair) : start;
      const comments = isBlockCollection ? this.commentsIn(from, end, [node]) : [];
      const indent = this.keyIndent(pair);
      this.edit(
        from,
        end,
        `${isBlockCollection ? ' ' : ''}${newValue}${comments.map((comment) => `${this.eol}${indent}${comment}`).join('')}${tail}`,
      );
      return;
    }
    this.edit(start, end, newValue);
  }

  /** Removes a key's lines; comments among them stay, each on a line of its own. */
  private removePair(pair: Pair): void {
    const key = pair.key as Node;
    const node = pair.value as Node | null;
    const start = lineStart(this.text, this.abs(key.range![0]));
    const valueEnd = this.abs(node?.range && node.range[1] > node.range[0] ? node.range[1] : key.range![1]);
    const end = this.text[valueEnd - 1] === '\n' ? valueEnd : lineEndAfter(this.text, valueEnd);
    const indent = this.keyIndent(pair);
    this.edit(
      start,
      end,
      this.commentsIn(start, end, [key, node])
        .map((comment) => `${indent}${comment}${this.eol}`)
        .join(''),
    );
  }

  private keyIndent(pair: Pair): string {
    const at = this.abs((pair.key as Node).range![0]);
    return this.text.slice(lineStart(this.text, at), at);
  }

  /** The comments (`#` to the end of the line) in `text[start, end)`, outside the nodes' scalars. */
  private commentsIn(start: number, end: number, nodes: Array<Node | null>): string[] {
    const scalars = nodes.flatMap((node) => scalarRanges(node)).map(([from, to]) => [this.abs(from), this.abs(to)]);
    const comments: string[] = [];
    for (let line = start; line < end;) {
      const newline = this.text.indexOf('\n', line);
      const lineEnd = newline === -1 || newline >= end ? end : newline;
      for (let at = line; at < lineEnd; at++) {
        if (this.text[at] !== '#' || (at > line && !/[ \t]/.test(this.text[at - 1]))) continue;
        if (scalars.some(([from, to]) => from <= at && at < to)) continue;
        comments.push(this.text.slice(at, lineEnd).replace(/\r$/, ''));
        break;
      }
      line = lineEnd + 1;
    }
    return comments;
  }

  /** `[a, b]`: removes gone items with a separator, adds new ones at the end, in place. */
  private editFlowList(list: YAMLSeq, tags: string[]): void {
    const items = list.items as Scalar[];
    const plan = planList(
      items.map((item) => stringOf(item) ?? ''),
      tags,
    );
    const range = list.range!;
    const fmt = (tag: string) => formatScalar(tag, 'flow', 'PLAIN');
    if (!plan) {
      // Reordered: rewrite the list, keeping each kept item as it was written.
      const written = new Map(
        items.map((item) => [stringOf(item) ?? '', this.text.slice(this.abs(item.range![0]), this.abs(item.range![1]))]),
      );
      this.deleteWithoutComments(
        this.abs(range[0]),
        this.abs(range[1]),
        list,
        formatFlowList(tags, (tag) => written.get(tag) ?? fmt(tag)),
      );
      return;
    }
    const start = (i: number) => this.abs(items[i].range![0]);
    const end = (i: number) => this.abs(items[i].range![1]);
    const kept = plan.keep;
    const lastKept = kept.lastIndexOf(true);
    if (lastKept === -1) {
      const newText = plan.add.map(fmt).join(', ');
      if (items.length > 0) this.deleteWithoutComments(start(0), end(items.length - 1), list, newText);
      else this.edit(this.abs(range[0]) + 1, this.abs(range[0]) + 1, newText);
      return;
    }
    if (plan.add.length > 0) this.edit(end(lastKept), end(lastKept), plan.add.map((tag) => `, ${fmt(tag)}`).join(''));
    for (let i = 0; i < items.length;) {
      if (kept[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < items.length && !kept[j + 1]) j++;
      // A run of removed items takes the separator after it, or, at the end, the one before it.
      if (j + 1 < items.length) this.deleteWithoutComments(start(i), start(j + 1), list);
      else this.deleteWithoutComments(end(i - 1), end(j), list);
      i = j + 1;
    }
  }

  /** Replaces `text[start, end)` of a flow list, unless that would drop a comment (then it gives up). */
  private deleteWithoutComments(start: number, end: number, list: YAMLSeq, newText?: string): void {
    if (this.commentsIn(start, end, [list]).length > 0) throw new Error('comments inside a [ ] list');
    this.edit(start, end, newText ?? '');
  }

  /** `- a` lines: removes the lines of gone items, adds lines for new ones after the last item. */
  private editBlockList(pair: Pair, list: YAMLSeq, tags: string[]): void {
    const items = list.items as Scalar[];
    const plan = planList(
      items.map((item) => stringOf(item) ?? ''),
      tags,
    );
    const lines = items.map((item) => {
      const valueStart = this.abs(item.range![0]);
      const valueEnd = this.abs(item.range![1]);
      const start = lineStart(this.text, valueStart);
      const end = this.text[valueEnd - 1] === '\n' ? valueEnd : lineEndAfter(this.text, valueEnd);
      if (!/^[ \t]*-/.test(this.text.slice(start, valueStart))) throw new Error('a list item not on its own line');
      return { start, end, valueEnd, indent: /^[ \t]*/.exec(this.text.slice(start))![0] };
    });
    const fmt = (tag: string) => formatScalar(tag, 'block', 'PLAIN');
    const last = lines[lines.length - 1];
    const endsWithBreak = /\n$/.test(this.text.slice(last.start, last.end));
    const newLine = (tag: string) => `${last.indent}- ${fmt(tag)}${this.eol}`;
    if (!plan) {
      const written = new Map(
        items.map((item, i) => [stringOf(item) ?? '', this.text.slice(lines[i].start, lines[i].end).replace(/\r?\n$/, '') + this.eol]),
      );
      // Reordered: the items in the new order, then what stood between them (comments, blank
      // lines) and the comments of removed items, so nothing written by hand is lost.
      const kept = new Set(tags);
      const rest: string[] = [];
      lines.forEach((line, i) => {
        const gapEnd = i + 1 < lines.length ? lines[i + 1].start : line.end;
        if (line.end < gapEnd) rest.push(this.text.slice(line.end, gapEnd));
        const comment = kept.has(stringOf(items[i]) ?? '') ? undefined : trailingComment(this.text, line.valueEnd, line.end);
        if (comment) rest.push(`${line.indent}${comment}${this.eol}`);
      });
      this.edit(lines[0].start, last.end, tags.map((tag) => written.get(tag) ?? newLine(tag)).join('') + rest.join(''));
      return;
    }
    if (plan.add.length > 0) this.edit(last.end, last.end, (endsWithBreak ? '' : this.eol) + plan.add.map(newLine).join(''));
    for (let i = 0; i < items.length; i++) {
      if (plan.keep[i]) continue;
      const comment = trailingComment(this.text, lines[i].valueEnd, lines[i].end);
      this.edit(lines[i].start, lines[i].end, comment ? `${lines[i].indent}${comment}${this.eol}` : '');
    }
    if (tags.length === 0) this.edit(this.colonEnd(pair), this.colonEnd(pair), ' []');
  }
}

/**
 * How to turn `current` into `wanted` by removing items and appending new ones, or undefined
 * when `wanted` reorders what is kept. The first of repeated items is the one kept.
 */
function planList(current: string[], wanted: string[]): { keep: boolean[]; add: string[] } | undefined {
  const wantedSet = new Set(wanted);
  const seen = new Set<string>();
  const keep = current.map((item) => {
    const kept = wantedSet.has(item.trim()) && !seen.has(item.trim());
    seen.add(item.trim());
    return kept;
  });
  const keptItems = current.filter((_, i) => keep[i]).map((item) => item.trim());
  const add = wanted.filter((tag) => !seen.has(tag));
  const result = [...keptItems, ...add];
  return JSON.stringify(result) === JSON.stringify(wanted) ? { keep, add } : undefined;
}

/** Source ranges of every scalar (and alias) in a node. */
function scalarRanges(node: Node | null | undefined): Array<[number, number]> {
  if (!node) return [];
  if (isSeq(node)) return node.items.flatMap((item) => scalarRanges(item as Node));
  if (isMap(node)) return node.items.flatMap((pair) => [...scalarRanges(pair.key as Node), ...scalarRanges(pair.value as Node)]);
  return node.range ? [[node.range[0], node.range[1]]] : [];
}

function trailingComment(text: string, valueEnd: number, lineEnd: number): string | undefined {
  return /^[ \t]+(#.*?)\r?\n?$/.exec(text.slice(valueEnd, lineEnd))?.[1];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset after the line break ending the line that holds `offset` (the text's end on the last line). */
function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

// ---- writing values --------------------------------------------------------------------------

function formatValue(value: string | string[], style: Scalar['type']): string {
  return typeof value === 'string'
    ? formatScalar(value, 'block', style)
    : formatFlowList(value, (tag) => formatScalar(tag, 'flow', 'PLAIN'));
}

function formatFlowList(items: string[], format: (item: string) => string): string {
  return `[${items.map(format).join(', ')}]`;
}

/**
 * A string as a YAML scalar, in the style it had where that is possible: plain when YAML reads
 * it back as the same string (so `2403.01230`, `true` or `a: b` are quoted), else double-quoted.
 */
export function formatScalar(value: string, context: 'block' | 'flow', style: Scalar['type'] = 'PLAIN'): string {
  if (style === 'QUOTE_SINGLE' && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udfff]/.test(value)) {
    return `'${value.replaceAll("'", "''")}'`;
  }
  if (style !== 'QUOTE_DOUBLE' && isSafePlain(value, context)) return value;
  return doubleQuoted(value);
}

function isSafePlain(value: string, context: 'block' | 'flow'): boolean {
  if (value === '' || value !== value.trim() || /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udfff]/.test(value))
    return false;
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
