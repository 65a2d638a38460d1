/**
 * The edits that set one of Lectern's keys inside an existing front matter block, touching only
 * that key's value: its lines, a list's items, never a comment or another key.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { formatFlowList, formatScalar, formatValue, keyOf, stringOf, tagsOf } from './front-matter-yaml';
import type { TextEdit } from './text-edit';

/** The keys Lectern owns in a note's front matter. */
export type LecternKey = 'paper' | 'title' | 'status' | 'tags' | 'created';

/** Builds the edits for one front matter block; throws when a shape is beyond it. */
export class KeyEditor {
  private readonly changes: TextEdit[] = [];
  /** New keys, inserted at the end of the front matter after everything else ends there (a block list's new items). */
  private readonly additions: TextEdit[] = [];

  /** The edits so far, new keys last. */
  get edits(): TextEdit[] {
    return [...this.changes, ...this.additions];
  }

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
      if (value === null) return; // Nothing to remove.
      const line = `${this.indent()}${key}: ${formatValue(value)}${this.eol}`;
      this.additions.push({ start: this.contentEnd, end: this.contentEnd, newText: line });
      return;
    }
    if (value === null) return this.removePair(pair);
    const node = pair.value as Node | null;
    if (typeof value === 'string') {
      if (isScalar(node) && stringOf(node) === value) return;
      return this.replaceValue(pair, formatValue(value, isScalar(node) ? node.type : undefined));
    }
    if (isSeq(node) && node.items.every((item) => isScalar(item))) {
      // The same tags give no edit (the list's plan keeps every item and adds none); repeated or blank items go.
      return node.flow ? this.editFlowList(node, value) : this.editBlockList(pair, node, value);
    }
    if ((node === null || isScalar(node)) && JSON.stringify(tagsOf(node)) === JSON.stringify(value)) return;
    this.replaceValue(
      pair,
      formatFlowList(value, (tag) => formatScalar(tag, 'flow')),
    );
  }

  private edit(start: number, end: number, newText: string): void {
    this.changes.push({ start, end, newText });
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
    const keyEnd = this.abs((pair.key as Node).range![1]);
    const match = /^[ \t]*:/.exec(this.text.slice(keyEnd, keyEnd + 200));
    if (!match) throw new Error('a key without `:` after it');
    return keyEnd + match[0].length;
  }

  private replaceValue(pair: Pair, newValue: string): void {
    const node = pair.value as Node | null;
    const range = node?.range;
    if (!range || range[0] === range[1]) {
      // `status:` or `status:   # comment` (or `? status`, no value): write right after the colon, before any comment.
      this.edit(this.colonEnd(pair), this.colonEnd(pair), ` ${newValue}`);
      return;
    }
    const start = this.abs(range[0]);
    const end = this.abs(range[1]);
    // Block lists, maps and scalars (`|`, `>`) run to the end of their last line: that line break (and blank lines) stay.
    const tail = /\r?\n[ \t\r\n]*$/.exec(this.text.slice(start, end))?.[0] ?? '';
    if (!((isSeq(node) || isMap(node)) && !node.flow)) {
      this.edit(start, end, `${newValue}${tail}`);
      return;
    }
    // A block list or map: the value goes after the colon, and the comments among its lines stay on lines of their own.
    const from = this.colonEnd(pair);
    const indent = this.keyIndent(pair);
    const comments = this.commentsIn(from, end, [node]).map((comment) => `${this.eol}${indent}${comment}`);
    this.edit(from, end, ` ${newValue}${comments.join('')}${tail}`);
  }

  /** Removes a key's lines; comments among them stay, each on a line of its own. */
  private removePair(pair: Pair): void {
    const key = pair.key as Node;
    const node = pair.value as Node | null;
    const start = lineStart(this.text, this.abs(key.range![0]));
    // An empty value (`status:`) sits on the key's line.
    const valueEnd = this.abs((node ?? key).range![1]);
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
    // Stryker disable next-line EqualityOperator: at `line === end` the inner loop reads nothing and the next line is past `end`
    for (let line = start; line < end;) {
      const newline = this.text.indexOf('\n', line);
      // Stryker disable next-line ConditionalExpression,UnaryOperator,EqualityOperator: a `\n` always follows (the closing `---`), so never -1; at `newline === end` both give `end`
      const lineEnd = newline === -1 || newline >= end ? end : newline;
      // Stryker disable next-line EqualityOperator: `lineEnd` is a line break, or `end` inside a line where no `#` after a space starts
      for (let at = line; at < lineEnd; at++) {
        if (this.text[at] !== '#' || (at > line && !/[ \t]/.test(this.text[at - 1]))) continue;
        // Stryker disable next-line EqualityOperator: a `#` never starts a scalar (it would be quoted) nor follows a space at its end
        if (scalars.some(([from, to]) => from <= at && at < to)) continue;
        // Stryker disable next-line Regex: the only `\r` a comment can hold is the one before its `\n` (lone ones are refused or made `\n`)
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
    const plan = planList(items.map(textOf), tags);
    const range = list.range!;
    const fmt = (tag: string) => formatScalar(tag, 'flow');
    if (!plan) {
      // Reordered: rewrite the list, keeping each kept item as it was written.
      const written = new Map(items.map((item) => [textOf(item), this.text.slice(this.abs(item.range![0]), this.abs(item.range![1]))]));
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
    this.edit(end(lastKept), end(lastKept), plan.add.map((tag) => `, ${fmt(tag)}`).join('')); // Nothing to add: an empty edit, dropped.
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
    const plan = planList(items.map(textOf), tags);
    const lines = items.map((item) => {
      const valueStart = this.abs(item.range![0]);
      const valueEnd = this.abs(item.range![1]);
      const start = lineStart(this.text, valueStart);
      const end = this.text[valueEnd - 1] === '\n' ? valueEnd : lineEndAfter(this.text, valueEnd);
      const prefix = this.text.slice(start, valueStart);
      if (!/^[ \t]*-/.test(prefix)) throw new Error('a list item not on its own line');
      return { start, end, valueEnd, indent: prefix.slice(0, prefix.indexOf('-')) };
    });
    // Stryker disable next-line StringLiteral: every context but 'flow' is read as 'block'
    const fmt = (tag: string) => formatScalar(tag, 'block');
    const last = lines[lines.length - 1]; // Its line ends with a line break: the closing `---` comes after it.
    const newLine = (tag: string) => `${last.indent}- ${fmt(tag)}${this.eol}`;
    if (!plan) {
      const written = new Map(
        // Stryker disable next-line Regex: an item on several lines (`- |`) is a tag with a line break, never wanted, so never reused
        items.map((item, i) => [textOf(item), this.text.slice(lines[i].start, lines[i].end).replace(/\r?\n$/, '') + this.eol]),
      );
      // Reordered: the items in the new order, then what stood between them (comments, blank
      // lines) and the comments of removed items, so nothing written by hand is lost.
      const kept = new Set(tags);
      const rest: string[] = [];
      lines.forEach((line, i) => {
        const gapEnd = i + 1 < lines.length ? lines[i + 1].start : line.end;
        rest.push(this.text.slice(line.end, gapEnd));
        const comment = kept.has(textOf(items[i])) ? undefined : trailingComment(this.text, line.valueEnd, line.end);
        if (comment) rest.push(`${line.indent}${comment}${this.eol}`);
      });
      this.edit(lines[0].start, last.end, tags.map((tag) => written.get(tag) ?? newLine(tag)).join('') + rest.join(''));
      return;
    }
    this.edit(last.end, last.end, plan.add.map(newLine).join('')); // Nothing to add: an empty edit, dropped.
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
  // Stryker disable next-line ArrayDeclaration: a string here reads as the "range" of its first two letters, which no offset is inside
  if (!node) return [];
  if (isSeq(node)) return node.items.flatMap((item) => scalarRanges(item as Node));
  if (isMap(node)) return node.items.flatMap((pair) => [...scalarRanges(pair.key as Node), ...scalarRanges(pair.value as Node)]);
  return [[node.range![0], node.range![1]]];
}

/** The text a list item is planned by: a null item (`- ~`) is '', which is never a tag. */
function textOf(item: Scalar): string {
  // Stryker disable next-line StringLiteral: any text no tag equals gives the same plan; '' is never a tag (normalizeTags drops it)
  return stringOf(item) ?? '';
}

function trailingComment(text: string, valueEnd: number, lineEnd: number): string | undefined {
  // Stryker disable next-line Regex: the text starts right after the item's value and runs to its line's break, which is always there
  return /^[ \t]+(#.*?)\r?\n?$/.exec(text.slice(valueEnd, lineEnd))?.[1];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset after the line break ending the line that holds `offset`: in the front matter every line has one (`---` follows). */
function lineEndAfter(text: string, offset: number): number {
  return text.indexOf('\n', offset) + 1;
}
