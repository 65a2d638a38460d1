/**
 * The `## Highlights` section of a note: each highlight is the quoted text as a blockquote, a
 * one-line HTML comment anchoring it (hidden by markdown viewers), then the reader's comment:
 *
 * ```markdown
 * ## Highlights
 *
 * > attention sinks on visual tokens
 * <!-- lectern:highlight id=h-3f9a2c prefix="We call these " suffix=" and show that" created=2026-11-29 -->
 *
 * This is why VAR works.
 * ```
 *
 * A highlight made in the paper's PDF says its page after the anchor (`p. 7`, shown by markdown viewers, the page
 * it was made on) and where it was on that page (`position=`, offsets in the page's text: a W3C TextPositionSelector,
 * used when the quote occurs there; the quote itself wins when the PDF text changed):
 *
 * ```markdown
 * > sinks appear on every page
 * <!-- lectern:highlight id=h-07a1b2 position=1204-1231 prefix="Attention " suffix=" of the model" --> p. 7
 * ```
 *
 * Highlights without `p. N` are the abstract's, as before.
 *
 * The markdown is the truth: the blockquote is the quote (edit it and the highlight changes),
 * the text after the anchor up to the next highlight or the section's end is the comment,
 * deleting a block deletes the highlight. `prefix`/`suffix` are JSON strings with `>` escaped,
 * so they never end the HTML comment. A highlight's blockquote is the CommonMark blockquote
 * right above its anchor (lazy continuation lines included).
 *
 * The section runs from a level-2 heading `Highlights` (any case) to the next `#`/`##` heading
 * outside fenced code. Edits touch only the section, or create it at the end of the note.
 */
import * as l10n from '@vscode/l10n';
import type { AnnotationView } from '../../shared/protocol';
import { highlightMessages } from './highlight-messages';
import { atxHeading, isBlank, scanMarkdownLines, type MarkdownLine } from './markdown-lines';
import { locateFrontMatter } from './note-front-matter';
import { lineEndingOf, type NoteProblem, type TextEdit } from './text-edit';

/** The result of {@link parseHighlights}. */
export interface ParsedHighlights {
  /** Every readable highlight, in note order (quote, anchor context, comment, date). */
  annotations: AnnotationView[];
  /** What could not be read as written (a damaged anchor, a highlight without a quote, a repeated id), with line and column. */
  problems: NoteProblem[];
}

/** A PDF highlight's `p. N` label in its note, for a link that opens the PDF there. */
export interface HighlightPageLabel {
  /** The highlight's id. */
  id: string;
  /** The page it names (1-based). */
  page: number;
  /** Offsets of the `p. N` text in the note. */
  start: number;
  end: number;
}

/** Where a highlight is in its note: `[start, end)` is its whole block (quote, anchor, comment). */
export interface HighlightLocation {
  /** Offset of the block's first line (its first quote line, else the anchor). */
  start: number;
  /** Offset after the block (the next block, or the section's end). */
  end: number;
  /** Offsets of the anchor comment line. */
  anchorStart: number;
  anchorEnd: number;
}

const SECTION_TITLE = 'highlights';
/** The anchor comment and, for a PDF highlight, its page label after it. */
const ANCHOR_BODY = /<!--[ \t]*lectern:highlight\b(.*?)-->[ \t]*(?:(p\.[ \t]*(\d{1,7}))[ \t]*)?$/i;
const POSITION_VALUE = /^(\d{1,9})-(\d{1,9})$/;
const ANCHOR_LINE = /^[ \t]*<!--[ \t]*lectern:highlight\b/i;
const QUOTE_LINE = /^ {0,3}>/;
const VALID_ID = /^[A-Za-z0-9._:-]+$/;

interface Section {
  /** Index of the heading line; the section's lines are `(heading, endLine)`. */
  heading: number;
  endLine: number;
  /** Offset where the section ends: the next heading's line, or the text's end. */
  end: number;
}

interface Block {
  annotation?: AnnotationView;
  /** Offset of the first quote line, or of the anchor line when there is no quote. */
  start: number;
  anchor: MarkdownLine;
  /** Offset where the block's comment region ends (next block or section end). */
  regionEnd: number;
  /** End of the last non-blank comment line (without line break), and the offset after its break. */
  contentEnd: number;
  contentNext: number;
}

interface Scan {
  text: string;
  lines: MarkdownLine[];
  sections: Section[];
  blocks: Block[];
  problems: NoteProblem[];
  openFence?: string;
}

/** Reads every highlight of a note; a damaged anchor is a problem, the others are still read. */
export function parseHighlights(noteText: string): ParsedHighlights {
  const scan = scanHighlights(noteText);
  return { annotations: scan.blocks.flatMap((block) => (block.annotation ? [block.annotation] : [])), problems: scan.problems };
}

/** The `p. N` labels of the note's PDF highlights, in note order. */
export function highlightPageLabels(noteText: string): HighlightPageLabel[] {
  const labels: HighlightPageLabel[] = [];
  for (const block of scanHighlights(noteText).blocks) {
    const { annotation, anchor } = block;
    if (!annotation?.page) continue;
    const match = ANCHOR_BODY.exec(anchor.text);
    if (!match?.[2]) continue;
    const start = anchor.start + anchor.text.lastIndexOf(match[2]);
    labels.push({ id: annotation.id, page: annotation.page, start, end: start + match[2].length });
  }
  return labels;
}

/** Where the highlight `id` is, or undefined. */
export function locateHighlight(noteText: string, id: string): HighlightLocation | undefined {
  const block = scanHighlights(noteText).blocks.find((candidate) => candidate.annotation?.id === id);
  return block && { start: block.start, end: block.regionEnd, anchorStart: block.anchor.start, anchorEnd: block.anchor.end };
}

/**
 * Edits adding a highlight at the end of the (last) Highlights section, creating the section at
 * the end of the note when there is none. Throws if the id is taken or the quote empty.
 */
export function addHighlight(noteText: string, annotation: AnnotationView): TextEdit[] {
  if (!annotation.selector.exact) throw new Error(l10n.t('Lectern: a highlight needs quoted text.'));
  if (!VALID_ID.test(annotation.id))
    throw new Error(l10n.t('Lectern: `{0}` is not a usable highlight id; use letters, digits, `.`, `_`, `:` or `-`.', annotation.id));
  if (annotation.page !== undefined && !(Number.isInteger(annotation.page) && annotation.page >= 1))
    throw new Error(l10n.t('Lectern: a PDF highlight needs a page number of 1 or more, not {0}.', annotation.page));
  const scan = scanHighlights(noteText);
  if (scan.blocks.some((block) => block.annotation?.id === annotation.id))
    throw new Error(l10n.t('Lectern: the note already has a highlight `{0}`.', annotation.id));
  const eol = lineEndingOf(noteText);
  const block = renderBlock(annotation, eol);
  const section = scan.sections[scan.sections.length - 1];
  if (!section) {
    let lead = noteText.length > 0 && !noteText.endsWith('\n') ? eol : '';
    if (scan.openFence) lead += `${scan.openFence}${eol}`;
    const before = noteText + lead;
    if (before.length > 0 && !/\n[ \t]*\r?\n$/.test(before)) lead += eol;
    return [{ start: noteText.length, end: noteText.length, newText: `${lead}## Highlights${eol}${eol}${block}` }];
  }
  // After the section's last non-blank line (the heading itself when it is empty).
  let last = section.heading;
  for (let i = section.endLine - 1; i > section.heading; i--) {
    if (!isBlank(scan.lines[i].text) || scan.lines[i].inFence) {
      last = i;
      break;
    }
  }
  const line = scan.lines[last];
  const at = line.next;
  const open = openFenceAfter(scan.lines, section.heading, last);
  let prefix = at === line.end ? eol : '';
  if (open) prefix += `${open}${eol}`;
  const rest = noteText.slice(at);
  const suffix = rest === '' || /^[ \t]*\r?\n/.test(rest) ? '' : eol;
  return [{ start: at, end: at, newText: `${prefix}${eol}${block}${suffix}` }];
}

/** Edits removing the highlight's block (quote, anchor and comment); none when it is not there. */
export function removeHighlight(noteText: string, id: string): TextEdit[] {
  const block = scanHighlights(noteText).blocks.find((candidate) => candidate.annotation?.id === id);
  return block ? [{ start: block.start, end: block.regionEnd, newText: '' }] : [];
}

/** Edits replacing a highlight's comment (empty removes it); none when it is not there or unchanged. */
export function updateHighlightComment(noteText: string, id: string, comment: string): TextEdit[] {
  const block = scanHighlights(noteText).blocks.find((candidate) => candidate.annotation?.id === id);
  if (!block || block.annotation!.comment === normalizeComment(comment)) return [];
  const eol = lineEndingOf(noteText);
  const lines = renderComment(comment, eol);
  const { anchor } = block;
  if (block.contentEnd > anchor.next) {
    return lines
      ? [{ start: anchor.next, end: block.contentEnd, newText: `${eol}${lines}` }]
      : [{ start: anchor.next, end: block.contentNext, newText: '' }];
  }
  if (!lines) return [];
  const rest = noteText.slice(anchor.next);
  const before = anchor.next === anchor.end ? eol : '';
  const after = rest === '' || /^[ \t]*\r?\n/.test(rest) ? eol : eol + eol;
  return [{ start: anchor.next, end: anchor.next, newText: `${before}${eol}${lines}${after}` }];
}

/**
 * A fresh highlight id (`h-` and six hex digits) not among `existing`; `random` (default `Math.random`)
 * is for tests. Example: `createHighlightId([], () => 0.5)` → `'h-800000'`.
 */
export function createHighlightId(existing: Iterable<string>, random: () => number = Math.random): string {
  const taken = new Set(existing);
  for (;;) {
    const id = `h-${Math.floor(random() * 0x1000000)
      .toString(16)
      .padStart(6, '0')}`;
    if (!taken.has(id)) return id;
  }
}

// ---- reading ---------------------------------------------------------------------------------

function scanHighlights(text: string): Scan {
  const block = locateFrontMatter(text);
  const { lines, openFence } = scanMarkdownLines(text, block.kind === 'closed' ? block.bodyOffset : 0);
  const sections: Section[] = [];
  let current: Section | undefined;
  lines.forEach((line, index) => {
    if (line.inFence) return;
    const heading = atxHeading(line.text);
    if (!heading || heading.level > 2) return;
    if (current) {
      current.endLine = index;
      current.end = line.start;
      current = undefined;
    }
    if (heading.level === 2 && heading.text.toLowerCase() === SECTION_TITLE) {
      current = { heading: index, endLine: lines.length, end: text.length };
      sections.push(current);
    }
  });
  const scan: Scan = { text, lines, sections, blocks: [], problems: [], openFence };
  for (const section of sections) readSection(scan, section);
  const seen = new Set<string>();
  for (const found of scan.blocks) {
    const id = found.annotation?.id;
    if (id === undefined) continue;
    if (seen.has(id)) {
      scan.problems.push(problemAt(scan, found.anchor, highlightMessages.duplicateId(id, lineNumber(scan, found.anchor))));
      found.annotation = undefined;
    }
    seen.add(id);
  }
  return scan;
}

function readSection(scan: Scan, section: Section): void {
  const { lines } = scan;
  const found: Array<{ start: number; anchorIndex: number; quoteFrom?: number }> = [];
  let previousAnchor = section.heading;
  for (let i = section.heading + 1; i < section.endLine; i++) {
    if (lines[i].inFence || !ANCHOR_LINE.test(lines[i].text)) continue;
    // The blockquote right above: the first `>` line of the non-blank run above the anchor.
    let quoteFrom: number | undefined;
    for (let j = i - 1; j > previousAnchor && !lines[j].inFence && !isBlank(lines[j].text); j--) {
      if (QUOTE_LINE.test(lines[j].text)) quoteFrom = j;
    }
    found.push({ start: quoteFrom === undefined ? lines[i].start : lines[quoteFrom].start, anchorIndex: i, quoteFrom });
    previousAnchor = i;
  }
  found.forEach((candidate, k) => {
    const anchor = lines[candidate.anchorIndex];
    const regionEnd = k + 1 < found.length ? found[k + 1].start : section.end;
    let contentEnd = anchor.next;
    let contentNext = anchor.next;
    for (let i = candidate.anchorIndex + 1; i < section.endLine && lines[i].start < regionEnd; i++) {
      if (!isBlank(lines[i].text) || lines[i].inFence) {
        contentEnd = lines[i].end;
        contentNext = lines[i].next;
      }
    }
    const block: Block = { start: candidate.start, anchor, regionEnd, contentEnd, contentNext };
    scan.blocks.push(block);
    const attributes = readAnchor(scan, anchor);
    if (!attributes) return;
    if (candidate.quoteFrom === undefined) {
      scan.problems.push(problemAt(scan, anchor, highlightMessages.noQuote(attributes.id, lineNumber(scan, anchor))));
      return;
    }
    const exact = lines
      .slice(candidate.quoteFrom, candidate.anchorIndex)
      .map((line) => line.text.replace(/^ {0,3}> ?/, ''))
      .join('\n');
    const comment = scan.text.slice(anchor.next, regionEnd);
    block.annotation = {
      id: attributes.id,
      selector: { exact, prefix: attributes.prefix, suffix: attributes.suffix },
      comment: unescapeComment(comment),
      ...(attributes.created ? { created: attributes.created } : {}),
      ...(attributes.page ? { page: attributes.page } : {}),
      ...(attributes.page && attributes.position ? { position: attributes.position } : {}),
    };
  });
}

interface AnchorAttributes {
  id: string;
  prefix: string;
  suffix: string;
  created?: string;
  page?: number;
  position?: { start: number; end: number };
}

/** The anchor's attributes; undefined (and a problem) when it cannot identify a highlight. */
function readAnchor(scan: Scan, line: MarkdownLine): AnchorAttributes | undefined {
  const at = lineNumber(scan, line);
  const body = ANCHOR_BODY.exec(line.text);
  if (!body) {
    scan.problems.push(
      problemAt(scan, line, /-->/.test(line.text) ? highlightMessages.textAfterComment(at) : highlightMessages.unclosedComment(at)),
    );
    return undefined;
  }
  const values = new Map<string, string>();
  const damaged: string[] = [];
  const pattern = /[ \t]*([A-Za-z][\w-]*)=("(?:[^"\\]|\\.)*"|[^\s"]*)|[ \t]+$/y;
  const rest = body[1];
  let offset = 0;
  while (offset < rest.length) {
    pattern.lastIndex = offset;
    const match = pattern.exec(rest);
    if (!match || match[0] === '') {
      damaged.push(rest.slice(offset).trim());
      break;
    }
    offset = pattern.lastIndex;
    if (!match[1]) continue;
    const raw = match[2];
    if (raw.startsWith('"')) {
      try {
        values.set(match[1].toLowerCase(), JSON.parse(raw) as string);
      } catch {
        damaged.push(`${match[1]}=${raw}`);
      }
    } else values.set(match[1].toLowerCase(), raw);
  }
  const id = values.get('id');
  if (!id || !VALID_ID.test(id)) {
    scan.problems.push(problemAt(scan, line, highlightMessages.noId(at)));
    return undefined;
  }
  if (damaged.length > 0) {
    scan.problems.push(problemAt(scan, line, highlightMessages.damagedAttributes(at, damaged.join(' ').slice(0, 60))));
  }
  const created = values.get('created');
  const page = body[3] ? Number(body[3]) : undefined;
  const position = readPosition(scan, line, values.get('position'));
  return {
    id,
    prefix: values.get('prefix') ?? '',
    suffix: values.get('suffix') ?? '',
    ...(created ? { created } : {}),
    ...(page ? { page } : {}),
    ...(position ? { position } : {}),
  };
}

/** A `position=START-END` value (offsets in the page's text); a damaged one is a problem and is left out. */
function readPosition(scan: Scan, line: MarkdownLine, value: string | undefined): { start: number; end: number } | undefined {
  if (value === undefined) return undefined;
  const match = POSITION_VALUE.exec(value);
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (match && start < end) return { start, end };
  scan.problems.push(problemAt(scan, line, highlightMessages.badPosition(value.slice(0, 30), lineNumber(scan, line))));
  return undefined;
}

function problemAt(scan: Scan, line: MarkdownLine, message: string): NoteProblem {
  const column = /^[ \t]*/.exec(line.text)![0].length + 1;
  return { line: lineNumber(scan, line), column, message };
}

function lineNumber(scan: Scan, line: MarkdownLine): number {
  let count = 1;
  for (let i = scan.text.indexOf('\n'); i !== -1 && i < line.start; i = scan.text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The comment text of a region: without surrounding blank lines, line breaks as `\n`, escapes undone. */
function unescapeComment(region: string): string {
  const lines = region.split(/\r?\n/).map((line) => line.replace(/^([ \t]*)\\(#{1,2}(?:[ \t]|$)|<!--[ \t]*lectern:)/i, '$1$2'));
  while (lines.length > 0 && isBlank(lines[0])) lines.shift();
  return lines.join('\n').trimEnd();
}

// ---- writing ---------------------------------------------------------------------------------

function renderBlock(annotation: AnnotationView, eol: string): string {
  const quote = annotation.selector.exact
    .split(/\r\n|\r|\n/)
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join(eol);
  const attributes = [`id=${annotation.id}`];
  if (annotation.selector.prefix) attributes.push(`prefix=${quoteValue(annotation.selector.prefix)}`);
  if (annotation.selector.suffix) attributes.push(`suffix=${quoteValue(annotation.selector.suffix)}`);
  if (annotation.page && annotation.position) attributes.splice(1, 0, `position=${annotation.position.start}-${annotation.position.end}`);
  if (annotation.created)
    attributes.push(`created=${/^[\w.:+-]+$/.test(annotation.created) ? annotation.created : quoteValue(annotation.created)}`);
  const comment = renderComment(annotation.comment, eol);
  const page = annotation.page ? ` p. ${annotation.page}` : '';
  return `${quote}${eol}<!-- lectern:highlight ${attributes.join(' ')} -->${page}${eol}${comment ? `${eol}${comment}${eol}` : ''}`;
}

/** A JSON string whose `>` are escaped, so `-->` never appears inside the anchor. */
function quoteValue(value: string): string {
  return JSON.stringify(value).replace(/>/g, '\\u003e');
}

function normalizeComment(comment: string): string {
  return unescapeComment(escapeComment(comment).join('\n'));
}

/**
 * A comment's lines as written in the note: lines that would end the section (`#`/`##`
 * headings) or look like an anchor get a backslash, and a code fence left open is closed.
 */
function escapeComment(comment: string): string[] {
  const lines = comment.split(/\r\n|\r|\n/).map((line) => line.replace(/[ \t]+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  const escaped = lines.map((line) => line.replace(/^([ \t]*)(#{1,2}(?:[ \t]|$)|<!--[ \t]*lectern:)/i, '$1\\$2'));
  const { openFence } = scanMarkdownLines(escaped.join('\n'));
  if (openFence) escaped.push(openFence);
  return escaped;
}

function renderComment(comment: string, eol: string): string {
  return escapeComment(comment).join(eol);
}

/** The fence still open after line `last` of a section, if its code block is not closed by then. */
function openFenceAfter(lines: MarkdownLine[], heading: number, last: number): string | undefined {
  let fence: string | undefined;
  for (let i = heading + 1; i <= last; i++) {
    if (!lines[i].inFence) {
      fence = undefined;
      continue;
    }
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(lines[i].text)?.[1];
    if (!fence && marker) fence = marker;
    else if (
      fence &&
      marker &&
      marker[0] === fence[0] &&
      marker.length >= fence.length &&
      /^ {0,3}(`{3,}|~{3,})[ \t]*$/.test(lines[i].text)
    )
      fence = undefined;
  }
  return fence;
}
