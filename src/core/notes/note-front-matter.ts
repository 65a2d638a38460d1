/**
 * A note's YAML front matter: reading it, and changing the few keys Lectern owns (`paper`,
 * `title`, `status`, `tags`, `created`) with edits that touch only that key's value.
 *
 * The guarantee: an edit never changes the body, other keys, their order, comments, blank
 * lines, quoting or line endings. Edits are computed from the `yaml` library's source ranges,
 * applied to a copy and the result re-parsed and compared before they are returned; anything
 * surprising returns `{ error }` and the note is left alone.
 */
import * as l10n from '@vscode/l10n';
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { locateFrontMatter, withLineFeeds, type FrontMatterBlock } from './front-matter-block';
import { KeyEditor, type LecternKey } from './front-matter-key-editor';
import { aliasConflict, formatValue, keyOf, normalizeTags, pairValues, parseYaml, stringOf, tagsOf, valueOf } from './front-matter-yaml';
import { lineColumnAt } from '../text/line-column';
import { applyTextEdits, normalizeEdits, type NoteProblem, type TextEdit } from './text-edit';

export type { NoteProblem, TextEdit } from './text-edit';
export { locateFrontMatter, type FrontMatterBlock } from './front-matter-block';
export { formatScalar, normalizeTags } from './front-matter-yaml';

/** A note's front matter: Lectern's keys read as strings, every other key as YAML gave it. */
export interface NoteFrontMatter {
  /** The paper the note is about (a paper id); the note index keys notes by it, not by file name. */
  paper?: string;
  /** The paper's title, as written (Lectern copies it in when it creates the note). */
  title?: string;
  /** The reading status, trimmed, e.g. `to-read`, `reading`, `read`; any other word is kept as written. */
  status?: string;
  /** Tags from a YAML list, or a comma-separated string; empty when absent. */
  tags: string[];
  /** ISO date the note was created. */
  created?: string;
  /** Every other key, as YAML reads it (lists, maps, numbers…). */
  [other: string]: unknown;
}

/** The result of {@link parseNote}. */
export interface ParsedNote {
  /** The keys read; `{ tags: [] }` when the note has no (readable) front matter. */
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

/**
 * Values for Lectern's keys, for {@link setFrontMatterKeys}; `null` removes the key, `undefined`
 * (or leaving it out) leaves it as it is.
 *
 * @example
 * ```ts
 * { status: 'read', tags: ['vlm', 'to-cite'] } // set two keys, keep the rest
 * { created: null }                             // remove `created:`
 * ```
 */
export interface FrontMatterChanges {
  /** The paper id the note is about. */
  paper?: string | null;
  /** The note's title. */
  title?: string | null;
  /** The reading status (`to-read`, `reading`, `read`). */
  status?: string | null;
  /** The whole tag list (trimmed, duplicates dropped); `[]` writes an empty list. */
  tags?: string[] | null;
  /** ISO date, e.g. `2026-11-29`. */
  created?: string | null;
}

/** The new text and the edits that make it (against the text given), or why the note was left alone. */
export type FrontMatterEditResult = { text: string; edits: TextEdit[] } | { error: string };

/** Lectern's keys, in the order it writes them. */
export const LECTERN_KEYS: readonly LecternKey[] = ['paper', 'title', 'status', 'tags', 'created'];

const PAPER_ID = /^[a-z0-9._-]+$/;

// ---- parsing ---------------------------------------------------------------------------------

/**
 * Reads a note's front matter and body. Never throws: problems are reported with line and column.
 *
 * @example
 * ```ts
 * parseNote('---\npaper: 2403.01234\nstatus: reading  # since Monday\ntags: [vlm]\n---\n# Notes\n');
 * // → { frontMatter: { paper: '2403.01234', status: 'reading', tags: ['vlm'] }, hasFrontMatter: true,
 * //     body: '# Notes\n', bodyOffset: 70, problems: [] }
 * ```
 */
export function parseNote(text: string): ParsedNote {
  try {
    return readNote(text);
  } catch (error) {
    // Not expected (every known hostile case is handled below); a note that breaks the reader is reported, never thrown.
    return {
      frontMatter: { tags: [] },
      hasFrontMatter: false,
      body: text,
      bodyOffset: 0,
      problems: [
        { line: 1, column: 1, message: l10n.t("Lectern: this note's front matter could not be read ({0}).", (error as Error).message) },
      ],
    };
  }
}

function readNote(text: string): ParsedNote {
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
          message: l10n.t('Lectern: the front matter that starts on line 1 has no closing `---` line; add one after its last key.'),
        },
      ],
    };
  }
  const { contentStart, contentEnd, bodyOffset } = block;
  const problems: NoteProblem[] = [];
  const lines = withLineFeeds(text); // Lone `\r` line breaks count as lines, as the editor counts them.
  const at = (offset: number) => lineColumnAt(lines, contentStart + offset);
  const doc = parseYaml(lines.slice(contentStart, contentEnd));
  for (const error of doc.errors)
    problems.push({ ...at(error.pos[0]), message: yamlErrorMessage(error.code, error.message, doc, error.pos[0]) });
  const result: ParsedNote = { frontMatter, hasFrontMatter: true, body: text.slice(bodyOffset), bodyOffset, problems };
  if (doc.errors.length > 0) return result;
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return result;
  if (!isMap(contents)) {
    problems.push({
      ...at(contents.range[0]),
      message: l10n.t(
        'Lectern: the front matter must be `key: value` lines (like `status: reading`); fix or remove the lines between the `---` fences.',
      ),
    });
    return result;
  }
  for (const pair of contents.items) readPair(pair, frontMatter, doc, (offset, message) => problems.push({ ...at(offset), message }));
  return result;
}

/** Reads one `key: value` of the front matter into `frontMatter`; what Lectern cannot accept goes to `report` with its offset in the block. */
function readPair(pair: Pair, frontMatter: NoteFrontMatter, doc: Document.Parsed, report: (offset: number, message: string) => void): void {
  const key = keyOf(pair);
  if (key === undefined) return;
  const value = pair.value as Node | null;
  const offset = (value ?? (pair.key as Node)).range![0]; // A key (a scalar here) or its value: parsed, so placed.
  if (isLecternKey(key) && isAlias(value)) {
    report(offset, l10n.t('Lectern: `{0}` is the alias `*{1}`; write the value itself, Lectern ignores it until then.', key, value.source));
  } else if (key === 'tags') {
    frontMatter.tags = tagsOf(value);
    if (value && !isSeq(value) && !isScalar(value))
      report(offset, l10n.t('Lectern: `tags` should be a list like `[reading-group, to-cite]`; Lectern ignores it until then.'));
  } else if (isLecternKey(key)) {
    const raw = stringOf(value);
    if (value && !isScalar(value)) {
      report(offset, l10n.t('Lectern: `{0}` should be a single value, not a list or map; Lectern ignores it until then.', key));
    } else if (raw === undefined || raw.trim() === '') {
      // An empty key is the same as an absent one.
    } else if (key === 'paper') {
      const id = raw.trim().toLowerCase();
      if (PAPER_ID.test(id)) frontMatter.paper = id;
      else
        report(
          offset,
          l10n.t(
            "Lectern: `paper: {0}` is not a paper id; ids use only a-z, 0-9, `.`, `_` and `-` (copy it from the paper's reader).",
            raw.trim(),
          ),
        );
    } else frontMatter[key as 'title' | 'status' | 'created'] = key === 'title' ? raw : raw.trim(); // `tags` was read above.
  } else {
    const read = valueOf(value, doc);
    if ('error' in read) {
      report(read.offset, l10n.t('Lectern: `{0}` cannot be read: {1}; Lectern ignores it until then.', key, read.error));
    } // Defined, not assigned: assigning `__proto__` would set the object's prototype instead of a key.
    else Object.defineProperty(frontMatter, key, { value: read.value, enumerable: true, writable: true, configurable: true });
  }
}

function isLecternKey(key: string): key is LecternKey {
  return (LECTERN_KEYS as readonly string[]).includes(key);
}

function yamlErrorMessage(code: string, message: string, doc: Document.Parsed, offset: number): string {
  if (code === 'DUPLICATE_KEY') {
    const key = isMap(doc.contents) ? doc.contents.items.find((pair) => (pair.key as Node).range![0] === offset) : undefined;
    const name = key ? keyOf(key) : undefined;
    return l10n.t('Lectern: the front matter has {0} twice; keep one of them.', name ? `\`${name}\`` : l10n.t('a key'));
  }
  // `message` is yaml's own, without a position (`prettyErrors: false`) or a final period.
  return l10n.t('Lectern: the front matter is not valid YAML ({0}); fix this line — values containing `: ` or ` #` need quotes.', message);
}

// ---- editing ---------------------------------------------------------------------------------

/**
 * Edits for setting Lectern's keys, against `text` as given. Only the changed keys' values
 * change; a missing key is added at the end of the front matter; a note without front matter
 * gets one at the top. Broken front matter returns `{ error }` (fix it by hand first).
 *
 * @example
 * ```ts
 * setFrontMatterKeys('---\npaper: 2403.01234\nstatus: reading  # since Monday\ntags: [vlm]\n---\n', {
 *   status: 'read',
 *   tags: ['vlm', 'to-cite'],
 * }).text;
 * // → '---\npaper: 2403.01234\nstatus: read  # since Monday\ntags: [vlm, to-cite]\n---\n' (the comment stays)
 * ```
 */
export function setFrontMatterKeys(text: string, changes: FrontMatterChanges): FrontMatterEditResult {
  try {
    return computeEdits(text, wantedValues(changes));
  } catch (error) {
    // Not expected (every known hostile shape is refused below): an edit that breaks is refused, never thrown.
    return { error: l10n.t("Lectern: could not update the note's front matter safely ({0}); edit it by hand.", (error as Error).message) };
  }
}

type Wanted = Map<LecternKey, string | string[] | null>;

function computeEdits(text: string, wanted: Wanted): FrontMatterEditResult {
  if (wanted.size === 0) return { text, edits: [] };
  const block = locateFrontMatter(text);
  if (block.kind === 'unclosed')
    return { error: l10n.t("Lectern: the note's front matter has no closing `---` line; add one, then try again.") };
  if (block.kind === 'none') {
    const eol = firstLineBreak(text);
    const lines = [...wanted].filter(([, value]) => value !== null).map(([key, value]) => `${key}: ${formatValue(value!)}${eol}`);
    if (lines.length === 0) return { text, edits: [] };
    const separator = /^(?:\r|\n|$)/.test(text.slice(block.start)) ? '' : eol;
    return verified(text, [{ start: block.start, end: block.start, newText: `---${eol}${lines.join('')}---${eol}${separator}` }], wanted);
  }
  // Lone `\r` line breaks: edit a copy with `\n` (same offsets), then write `\r` back; mixed with `\n` they are refused.
  const region = text.slice(block.contentStart, block.contentEnd); // The only text an edit copies from.
  const crOnly = /\r(?!\n)/.test(region);
  if (crOnly && region.includes('\n')) {
    return {
      error: l10n.t("Lectern: the note's front matter mixes line endings (`\\r` alone and `\\n`); make them the same, then try again."),
    };
  }
  const lines = crOnly ? withLineFeeds(text) : text;
  const doc = parseYaml(lines.slice(block.contentStart, block.contentEnd));
  const lineOf = (offset: number) => lineColumnAt(lines, block.contentStart + offset).line;
  if (doc.errors.length > 0) {
    return {
      error: l10n.t("Lectern: the note's front matter is not valid YAML (line {0}); fix it, then try again.", lineOf(doc.errors[0].pos[0])),
    };
  }
  const contents = doc.contents;
  const isEmpty = contents === null || (isScalar(contents) && contents.value === null);
  if (!isEmpty && (!isMap(contents) || contents.flow)) {
    return { error: l10n.t("Lectern: the note's front matter is not `key: value` lines; fix it, then try again.") };
  }
  const map = isEmpty ? undefined : (contents as YAMLMap);
  if (map) {
    for (const pair of map.items) {
      const key = keyOf(pair);
      const read = valueOf(pair.value as Node | null, doc);
      if ('error' in read) {
        return {
          error: l10n.t(
            "Lectern: `{0}` on line {1} of the note's front matter cannot be read ({2}); fix it, then try again.",
            String(key),
            lineOf(read.offset),
            read.error,
          ),
        };
      }
      const conflict = key !== undefined && wanted.has(key as LecternKey) ? aliasConflict(doc, pair) : undefined;
      if (conflict) {
        const line = lineOf((pair.key as Node).range![0]);
        return {
          error: l10n.t('Lectern: `{0}` on line {1} cannot be changed on its own: {2}. Edit it by hand.', String(key), line, conflict),
        };
      }
    }
  }
  const editor = new KeyEditor(lines, block.contentStart, block.contentEnd, crOnly ? '\n' : firstLineBreak(region, text), map);
  try {
    for (const [key, value] of wanted) editor.set(key, value);
  } catch (error) {
    return { error: l10n.t("Lectern: could not update the note's front matter safely ({0}); edit it by hand.", (error as Error).message) };
  }
  const edits = crOnly ? editor.edits.map((edit) => ({ ...edit, newText: edit.newText.replaceAll('\n', '\r') })) : editor.edits;
  return verified(text, edits, wanted);
}

/** The first line break (`\r\n`, `\n` or a lone `\r`) of the first text that has one; `\n` when none has. */
function firstLineBreak(...texts: string[]): string {
  for (const text of texts) {
    const found = /\r\n|\n|\r/.exec(text);
    if (found) return found[0];
  }
  return '\n';
}

function wantedValues(changes: FrontMatterChanges): Wanted {
  const wanted: Wanted = new Map();
  for (const key of LECTERN_KEYS) {
    const value = changes[key];
    if (value === undefined) continue;
    wanted.set(key, key === 'tags' && value !== null ? normalizeTags(value as string[]) : value);
  }
  return wanted;
}

/**
 * The after-edit safety check of {@link setFrontMatterKeys}, exported so tests can hand it edits
 * that must be refused: applies `edits` to a copy of `text` and returns the result only if it
 * re-parses, the body is unchanged, each of `changes`' keys reads back as asked, and every other
 * key reads the same; otherwise `{ error }`.
 */
export function checkFrontMatterEdits(text: string, edits: readonly TextEdit[], changes: FrontMatterChanges): FrontMatterEditResult {
  try {
    return verified(text, edits, wantedValues(changes));
  } catch (error) {
    return { error: l10n.t('Lectern: could not check the front matter edit ({0}); edit it by hand.', (error as Error).message) };
  }
}

/** Applies the edits to a copy and checks the result says exactly what was asked, and nothing else changed. */
function verified(text: string, edits: readonly TextEdit[], wanted: Wanted): FrontMatterEditResult {
  const normalized = normalizeEdits(edits);
  const next = applyTextEdits(text, normalized);
  const fail = (why: string): FrontMatterEditResult => ({
    error: l10n.t("Lectern: could not update the note's front matter without touching other lines ({0}); edit it by hand.", why),
  });
  const before = readBlock(text);
  const after = readBlock(next);
  if (!after || after.doc.errors.length > 0) return fail(l10n.t('the result would not parse'));
  if (before) {
    if (next.slice(after.block.bodyOffset) !== text.slice(before.block.bodyOffset)) return fail(l10n.t('the body would change'));
  } else if (!next.endsWith(text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0))) return fail(l10n.t('the body would change'));
  const valuesAfter = pairValues(after.doc);
  for (const [key, value] of wanted) {
    const node = valuesAfter.get(key) ?? null; // A removed key reads as an empty one: no tags, no value.
    const got = key === 'tags' ? tagsOf(node) : (stringOf(node) ?? null);
    const expected = key === 'tags' ? (value ?? []) : value;
    if (JSON.stringify(got) !== JSON.stringify(expected)) return fail(`\`${key}\``);
  }
  const others = (doc: Document.Parsed | undefined) =>
    JSON.stringify(
      [...(doc ? pairValues(doc) : new Map<string | undefined, Node | null>())]
        .filter(([key]) => !wanted.has(key as LecternKey))
        .map(([key, node]): [string | undefined, unknown] => {
          const read = valueOf(node, doc!);
          return [key, 'error' in read ? { unreadable: read.error } : read.value];
        }),
    );
  if (others(before?.doc) !== others(after.doc)) return fail(l10n.t('another key would change'));
  return { text: next, edits: normalized };
}

function readBlock(text: string): { block: Extract<FrontMatterBlock, { kind: 'closed' }>; doc: Document.Parsed } | undefined {
  const block = locateFrontMatter(text);
  return block.kind === 'closed' ? { block, doc: parseYaml(withLineFeeds(text).slice(block.contentStart, block.contentEnd)) } : undefined;
}
