/**
 * The note Lectern creates for a paper, from a template the user may replace.
 *
 * Placeholders (`{{name}}`, spaces inside the braces allowed; unknown names are left as typed):
 *
 * | placeholder    | value                                                     |
 * | ---            | ---                                                       |
 * | `{{id}}`       | the paper id, e.g. `2403.01234`                           |
 * | `{{title}}`    | the title                                                 |
 * | `{{authors}}`  | authors joined with `, `                                  |
 * | `{{year}}`     | publication year, empty when unknown                      |
 * | `{{venue}}`    | journal, conference or archive                            |
 * | `{{doi}}`      | DOI without resolver                                      |
 * | `{{url}}`      | the paper's URL, else its DOI or arXiv link               |
 * | `{{arxivId}}`  | arXiv id                                                  |
 * | `{{abstract}}` | the abstract                                              |
 * | `{{topics}}`   | topics joined with `, `                                   |
 * | `{{date}}`     | today, `YYYY-MM-DD` (local time)                          |
 * | `{{citation}}` | APA citation                                              |
 *
 * In the front matter, a placeholder that is a whole value (`key: {{title}}`, `- {{doi}}`) is
 * written as a YAML scalar, quoted when needed; elsewhere values are inserted as they are.
 * In the body, an empty placeholder alone in parentheses (`({{year}})`) is dropped with them,
 * and separators left dangling at the end of its line are trimmed.
 *
 * Whatever the template, the note starts with front matter holding `paper: <id>`, `title:`,
 * and — unless the template sets them — `status: to-read`, `tags: []` and `created: <date>`.
 */
import { formatCitation } from '../cite/format-citation';
import type { Paper } from '../model/paper';
import { formatScalar, locateFrontMatter, parseNote, setFrontMatterKeys, type FrontMatterChanges } from './note-front-matter';
import { lineEndingOf } from './text-edit';

/** Every `{{name}}` a note template may use (see the table above). */
export const NOTE_PLACEHOLDERS = [
  'id',
  'title',
  'authors',
  'year',
  'venue',
  'doi',
  'url',
  'arxivId',
  'abstract',
  'topics',
  'date',
  'citation',
] as const;
/** One of {@link NOTE_PLACEHOLDERS}. */
export type NotePlaceholder = (typeof NOTE_PLACEHOLDERS)[number];

/** The default note: Lectern's front matter, a title, a link back to the paper, two sections. Highlights come with the first highlight. */
export const DEFAULT_NOTE_TEMPLATE = [
  '---',
  'paper: {{id}}',
  'title: {{title}}',
  'status: to-read',
  'tags: []',
  'created: {{date}}',
  '---',
  '',
  '# {{title}}',
  '',
  '[[{{id}}]] · {{authors}} ({{year}})',
  '',
  '## Summary',
  '',
  '## Notes',
  '',
].join('\n');

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The values of the placeholders for a paper. */
export function placeholderValues(paper: Paper, now: Date): Record<NotePlaceholder, string> {
  const url = paper.url ?? (paper.doi ? `https://doi.org/${paper.doi}` : paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : '');
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors.join(', '),
    year: paper.year === undefined ? '' : String(paper.year),
    venue: paper.venue ?? '',
    doi: paper.doi ?? '',
    url,
    arxivId: paper.arxivId ?? '',
    abstract: paper.abstract,
    topics: paper.topics.join(', '),
    date: isoDate(now),
    citation: formatCitation(paper, 'apa'),
  };
}

/** A new note for `paper` from `template` (see the module comment for placeholders). */
export function renderNoteTemplate(template: string, paper: Paper, now: Date): string {
  const values = placeholderValues(paper, now);
  const block = locateFrontMatter(template);
  let rendered: string;
  if (block.kind === 'closed') {
    const head = template.slice(0, block.contentStart);
    const yaml = template.slice(block.contentStart, block.contentEnd);
    const fence = template.slice(block.contentEnd, block.bodyOffset);
    rendered = head + renderFrontMatter(yaml, values) + fence + renderBody(template.slice(block.bodyOffset), values);
  } else {
    rendered = renderBody(template, values);
  }
  const note = parseNote(rendered);
  const changes: FrontMatterChanges = {
    paper: paper.id,
    title: paper.title,
    status: note.frontMatter.status ? undefined : 'to-read',
    tags: note.hasFrontMatter && 'tags' in rawKeys(rendered) ? undefined : [],
    created: note.frontMatter.created ? undefined : values.date,
  };
  const result = setFrontMatterKeys(rendered, changes);
  if (!('error' in result)) return result.text;
  // The template's front matter is not valid YAML once filled in: Lectern writes its own instead.
  const fresh = setFrontMatterKeys('', { ...changes, status: 'to-read', tags: [], created: values.date });
  if ('error' in fresh) throw new Error(fresh.error);
  const eol = lineEndingOf(rendered);
  return fresh.text.replaceAll('\n', eol) + eol + rendered.slice(bodyOffsetOf(rendered)).replace(/^(\r?\n)+/, '');
}

function bodyOffsetOf(text: string): number {
  const block = locateFrontMatter(text);
  return block.kind === 'closed' ? block.bodyOffset : 0;
}

/** The keys present in a note's front matter (even empty ones). */
function rawKeys(text: string): Record<string, true> {
  const block = locateFrontMatter(text);
  const keys: Record<string, true> = {};
  if (block.kind !== 'closed') return keys;
  for (const line of text.slice(block.contentStart, block.contentEnd).split(/\r?\n/)) {
    const match = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*:/.exec(line);
    if (match) keys[match[1]] = true;
  }
  return keys;
}

function isKnown(name: string): name is NotePlaceholder {
  return (NOTE_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Front matter lines: a whole-value placeholder becomes a YAML scalar, others are inserted on one line. */
function renderFrontMatter(yaml: string, values: Record<NotePlaceholder, string>): string {
  return yaml
    .replace(
      /^([ \t]*(?:[^\s#:'"][^:#\n]*:[ \t]+|-[ \t]+))\{\{\s*([A-Za-z]+)\s*\}\}([ \t]*(?:#[^\n]*)?)$/gm,
      (line, lead: string, name: string, tail: string) => (isKnown(name) ? `${lead}${formatScalar(values[name], 'block')}${tail}` : line),
    )
    .replace(PLACEHOLDER, (typed, name: string) => (isKnown(name) ? values[name].replace(/\s*[\r\n]+\s*/g, ' ') : typed));
}

function renderBody(body: string, values: Record<NotePlaceholder, string>): string {
  return body.replace(/[^\n]*\{\{[^\n]*/g, (line) => {
    let hadEmpty = false;
    const out = line
      .replace(/[ \t]*\(\{\{\s*([A-Za-z]+)\s*\}\}\)/g, (typed, name: string) =>
        isKnown(name) && values[name] === '' ? ((hadEmpty = true), '') : typed,
      )
      .replace(PLACEHOLDER, (typed, name: string) => {
        if (!isKnown(name)) return typed;
        if (values[name] === '') hadEmpty = true;
        return values[name];
      });
    const eol = out.endsWith('\r') ? '\r' : '';
    return hadEmpty ? out.slice(0, out.length - eol.length).replace(/[ \t]*(?:[·•—–,;][ \t]*)*$/, '') + eol : out;
  });
}

/** `YYYY-MM-DD` of a date in local time. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
