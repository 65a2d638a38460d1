import type { Paper } from '../model/paper';

/** The formats of Copy Citation: a BibTeX entry, an APA 7 reference, or a markdown link (see {@link formatCitation}). */
export type CitationFormat = 'bibtex' | 'apa' | 'markdown';

/**
 * A paper's citation, ready to paste:
 *
 * - `bibtex`: `@inproceedings` (venue names a conference, workshop or proceedings), `@article`
 *   (any other venue) or `@misc` (no venue, or only arXiv). Key: the citation key, else the paper
 *   id. Fields, in this order and only when known: title, author ("Last, First and …"), journal /
 *   booktitle, year, doi, eprint + archivePrefix = {arXiv}, url (the first, if several). The abstract is left out. In the
 *   title, words with inner capitals or digits ("LVLMs", "fMRI", "ChAda-ViT", "3D") are braced so
 *   styles keep their case; `\ { } % & _ # $ ~ ^` are escaped outside `$…$` math; Unicode is kept
 *   as is (biber and modern BibTeX read UTF-8).
 * - `apa`: an APA 7 reference, `Last, F. M., & Last, F. (2021). Title. *Venue*. https://doi.org/…`
 *   (venue in markdown italics). Missing year → `(n.d.)`; no authors → the title moves first
 *   (`Title. (2021). *Venue*.`); 21+ authors → the first 19, `. . .`, the last. The link is the DOI,
 *   else the arXiv abstract page, else the url; an arXiv paper without a venue names `arXiv` as
 *   its publisher.
 * - `markdown`: `[Title](link)` with the same link, or `lectern:paper/<id>` when the paper has no
 *   link at all, so a note still points at the paper (Lectern resolves that URI; elsewhere it is
 *   inert text). Brackets and emphasis characters in the title are escaped.
 *
 * Throws only for a format outside {@link CitationFormat}.
 *
 * @example
 * ```ts
 * // An arXiv paper without a venue:
 * formatCitation(paper, 'apa');
 * // → 'Kang, S., & Kim, J. (2024). See What You Are Told. arXiv. https://arxiv.org/abs/2403.01234'
 * formatCitation(paper, 'markdown'); // → '[See What You Are Told](https://arxiv.org/abs/2403.01234)'
 * formatCitation(paper, 'bibtex');
 * // → '@misc{2403.01234,\n  title = {See What You Are Told},\n  author = {Kang, Seil and Kim, Jinyeong},\n  year = {2024},\n  eprint = {2403.01234},\n  archivePrefix = {arXiv}\n}'
 * ```
 */
export function formatCitation(paper: Paper, format: CitationFormat): string {
  switch (format) {
    case 'bibtex':
      return bibtex(paper);
    case 'apa':
      return apa(paper);
    case 'markdown':
      return markdown(paper);
    default:
      throw new Error(`Lectern: unknown citation format "${String(format)}"; use bibtex, apa or markdown.`);
  }
}

// ---------------------------------------------------------------------------------------------
// BibTeX

const CONFERENCE =
  /\b(?:proceedings|proc\.|conference|workshop|symposium|congress|meeting|NeurIPS|NIPS|ICLR|ICML|CVPR|ICCV|ECCV|WACV|BMVC|AAAI|IJCAI|ACL|EMNLP|NAACL|COLING|EACL|KDD|SIGIR|WWW|CHI|UIST|MICCAI|ISBI|INTERSPEECH|ICASSP|IROS|ICRA|CoRL|AISTATS|UAI|COLT)\b/i;
const ARXIV_VENUE = /^\s*(?:arxiv|arxiv\.org|arxiv preprint.*|preprint|corr)\s*$/i;

function bibtex(paper: Paper): string {
  const venue = paper.venue?.trim();
  const realVenue = venue && !ARXIV_VENUE.test(venue) ? venue : undefined;
  const type = !realVenue ? 'misc' : CONFERENCE.test(realVenue) ? 'inproceedings' : 'article';
  const fields: Array<[string, string]> = [['title', bibtexTitle(paper.title)]];
  if (paper.authors.length > 0) fields.push(['author', paper.authors.map(bibtexName).join(' and ')]);
  if (realVenue) fields.push([type === 'inproceedings' ? 'booktitle' : 'journal', escapeBibtex(realVenue)]);
  const year = yearOf(paper);
  if (year !== undefined) fields.push(['year', String(year)]);
  if (paper.doi) fields.push(['doi', verbatim(paper.doi)]);
  if (paper.arxivId) {
    fields.push(['eprint', verbatim(paper.arxivId)]);
    fields.push(['archivePrefix', 'arXiv']);
  }
  const url = firstUrl(paper.url);
  if (url) fields.push(['url', verbatim(url)]);
  const key = bibtexKey(paper.citeKey) || bibtexKey(paper.id) || 'paper';
  return `@${type}{${key},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')}\n}`;
}

/** Keys may not contain spaces, commas, braces, quotes or TeX specials. */
function bibtexKey(key: string | undefined): string {
  return (key ?? '').trim().replace(/[\s,{}()"'#%~\\=]+/g, '-');
}

/** DOIs and URLs are read verbatim; only braces could break the entry. */
function verbatim(value: string): string {
  return value.trim().replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

/** Escapes text-mode specials outside `$…$` math. */
function escapeBibtex(text: string): string {
  return splitMath(text)
    .map((part) => (part.math ? part.text : escapeText(part.text)))
    .join('');
}

function escapeText(text: string): string {
  return text.replace(/[\\{}%&_#$~^]/g, (ch) => {
    switch (ch) {
      case '\\':
        return '\\textbackslash{}';
      case '~':
        return '\\textasciitilde{}';
      case '^':
        return '\\textasciicircum{}';
      default:
        return `\\${ch}`;
    }
  });
}

/** Escapes a title and braces the words whose case a style must not change. */
function bibtexTitle(title: string): string {
  return splitMath(title)
    .map((part) =>
      part.math ? part.text : part.text.replace(/\S+/g, (word) => (keepsCase(word) ? `{${escapeText(word)}}` : escapeText(word))),
    )
    .join('');
}

/** "LVLMs", "fMRI", "ChAda-ViT", "3D", "ResNet-50" keep their case; "Vision-Language" or "Brain" need not. */
function keepsCase(word: string): boolean {
  return word.split(/[-/–]/).some((part) => {
    const letters = part.replace(/[^\p{L}\p{N}]/gu, '');
    return letters.length > 1 && /\p{Lu}/u.test(letters.slice(1));
  });
}

function splitMath(text: string): Array<{ math: boolean; text: string }> {
  const parts: Array<{ math: boolean; text: string }> = [];
  const pattern = /(?<!\\)\$(?!\s)[^$\n]+?(?<![\s\\])\$/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ math: false, text: text.slice(last, match.index) });
    parts.push({ math: true, text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ math: false, text: text.slice(last) });
  return parts;
}

const PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'zu',
  'bin',
  'ibn',
  'al',
  'el',
  'st.',
]);
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/i;

interface NameParts {
  given: string;
  family: string;
  suffix?: string;
}

/** Splits "Jan van der Berg Jr." into given "Jan", family "van der Berg", suffix "Jr."; "Berg, Jan" is read as written. */
function nameParts(name: string): NameParts {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean.includes(',')) {
    const [family, ...rest] = clean.split(',').map((s) => s.trim());
    if (rest.length >= 2 && SUFFIX.test(rest[0])) return { family, suffix: rest[0], given: rest.slice(1).join(' ') };
    return { family, given: rest.join(' ') };
  }
  const words = clean.split(' ');
  let suffix: string | undefined;
  if (words.length > 2 && SUFFIX.test(words[words.length - 1])) suffix = words.pop();
  if (words.length === 1) return { given: '', family: words[0], suffix };
  let start = words.length - 1;
  for (let i = 1; i < words.length - 1; i += 1) {
    if (PARTICLES.has(words[i].toLowerCase()) && words[i] === words[i].toLowerCase()) {
      start = i;
      break;
    }
  }
  return { given: words.slice(0, start).join(' '), family: words.slice(start).join(' '), suffix };
}

function bibtexName(name: string): string {
  const { given, family, suffix } = nameParts(name);
  const parts = [family, suffix, given].filter((p): p is string => Boolean(p)).map(escapeBibtex);
  return parts.length === 1 && /\s/.test(parts[0]) ? `{${parts[0]}}` : parts.join(', ');
}

function yearOf(paper: Paper): number | undefined {
  if (paper.year !== undefined) return paper.year;
  const match = /^(\d{4})/.exec(paper.date ?? '');
  return match ? Number(match[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// APA 7

function apa(paper: Paper): string {
  const year = yearOf(paper);
  const date = `(${year ?? 'n.d.'}).`;
  const title = endSentence(paper.title.trim());
  const parts: string[] = [];
  if (paper.authors.length > 0) parts.push(apaAuthors(paper.authors), date, title);
  else parts.push(title, date);
  const venue = paper.venue?.trim();
  if (venue && !ARXIV_VENUE.test(venue)) parts.push(`*${venue.replace(/[.\s]+$/, '')}*.`);
  else if (paper.arxivId) parts.push('arXiv.');
  const link = linkOf(paper);
  if (link) parts.push(link);
  return parts.join(' ');
}

function apaAuthors(authors: string[]): string {
  const names = authors.map(apaName);
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]}, & ${names[1]}`;
  if (names.length <= 20) return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
  return `${names.slice(0, 19).join(', ')}, . . . ${names[names.length - 1]}`;
}

/** "Jean-Paul M. Sartre" → "Sartre, J.-P. M."; a one-word name (often a group) stays as written. */
function apaName(name: string): string {
  const { given, family, suffix } = nameParts(name);
  const initials = given
    .split(/\s+/)
    .filter(Boolean)
    .map((word) =>
      word
        .split('-')
        .map((part) => (part ? `${[...part][0].toUpperCase()}.` : ''))
        .join('-'),
    )
    .join(' ');
  const head = initials ? `${family}, ${initials}` : endSentence(family);
  return suffix ? `${head}, ${suffix}` : head;
}

function endSentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** DOI, else arXiv abstract page, else the record's url. */
function linkOf(paper: Paper): string | undefined {
  if (paper.doi) return `https://doi.org/${paper.doi.trim()}`;
  if (paper.arxivId) return `https://arxiv.org/abs/${paper.arxivId.trim()}`;
  return firstUrl(paper.url);
}

/** Reference managers sometimes store several space-separated URLs; the first one is the link. */
function firstUrl(url: string | undefined): string | undefined {
  return url?.trim().split(/\s+/)[0] || undefined;
}

// ---------------------------------------------------------------------------------------------
// Markdown

function markdown(paper: Paper): string {
  const text = paper.title.trim().replace(/[\\[\]*_`]/g, (ch) => `\\${ch}`);
  const link = linkOf(paper) ?? `lectern:paper/${encodeURIComponent(paper.id)}`;
  return `[${text}](${link.replace(/[()\s<>]/g, (ch) => encodeURIComponent(ch).replace('(', '%28').replace(')', '%29'))})`;
}
