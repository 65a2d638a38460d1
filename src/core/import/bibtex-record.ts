/**
 * BibTeX fields → a Lectern paper: which fields give the date, DOI, arXiv id, URL and venue, whichever
 * reader (the scanner or the parser) produced the raw values.
 */
import type { Creator } from '@retorquere/bibtex-parser';
import type { CslName } from '../model/csl-item';
import type { ImportedPaper } from '../model/paper';
import { cslNamesOf, cslNamesOfCreators } from './bibtex-names';
import { bibAbstract, bibText } from './bibtex-text';
import {
  cslDisplayName,
  firstUrl,
  isoDate,
  normalizeArxivId,
  normalizeDoi,
  parseIsoDate,
  parseMonth,
  parseYear,
  uniqueStrings,
} from './import-helpers';

/** One BibTeX entry as read: what {@link paperFromBibtex} needs, whichever reader produced it. */
export interface RawEntry {
  /** Lower-cased entry type, e.g. `article`. */
  type: string;
  /** Citation key as typed; `''` when the entry has none. */
  key: string;
  /** Raw field values by lower-cased name (macros resolved, TeX not yet converted). */
  fields: Record<string, string>;
  /** Keywords as the parser split them; undefined when `fields.keywords` is to be split on `,`/`;`. */
  keywords?: string[];
  /** Author and editor names as the BibTeX parser read them, for an entry whose raw name fields the scanner could not give. */
  creators?: { author?: Creator[]; editor?: Creator[] };
}

/** An entry's authors and editors as CSL names, and the names kept whole because they could not be split. */
export interface EntryNames {
  author: CslName[];
  editor: CslName[];
  unsplittable: string[];
}

/** The names of an entry: from its raw fields (citation-js's grammar), else from the parser's creators. */
export function entryNames(raw: RawEntry): EntryNames {
  const names: EntryNames = { author: [], editor: [], unsplittable: [] };
  for (const role of ['author', 'editor'] as const) {
    const value = raw.fields[role];
    if (value !== undefined) {
      const list = cslNamesOf(value);
      names[role] = list.names;
      names.unsplittable.push(...list.unsplittable);
    } else {
      names[role] = cslNamesOfCreators(raw.creators?.[role]);
    }
  }
  return names;
}

/** The paper for an entry whose title (already converted from TeX) is `title`, found at `source`. */
export function paperFromBibtex(raw: RawEntry, title: string, source: { file: string; line: number }, names: EntryNames): ImportedPaper {
  const f = raw.fields;
  const dated = datesOf(f);
  const doi = normalizeDoi(f.doi) ?? doiFromUrl(f.url);
  const eprintIsArxiv = /arxiv/i.test(f.archiveprefix ?? f.eprinttype ?? '') || (!f.archiveprefix && !f.eprinttype);
  const arxivId =
    normalizeArxivId(f.arxivid) ??
    (eprintIsArxiv ? normalizeArxivId(f.eprint) : undefined) ??
    arxivFromUrl(f.url) ??
    (doi ? normalizeArxivId(doi) : undefined);
  const paper: ImportedPaper = {
    title,
    authors: (names.author.length > 0 ? names.author : names.editor).map(cslDisplayName).filter(Boolean),
    abstract: bibAbstract(f.abstract),
    keywords: raw.keywords ? uniqueStrings(raw.keywords.map(bibText)) : uniqueStrings((f.keywords ?? '').split(/[,;]/).map(bibText)),
    categories: [],
    topics: [],
    source,
  };
  if (dated.year !== undefined) paper.year = dated.year;
  if (dated.date) paper.date = dated.date;
  const url = firstUrl(f.url) ?? urlFromHowpublished(f.howpublished);
  if (url) paper.url = url;
  if (doi) paper.doi = doi;
  if (arxivId) paper.arxivId = arxivId;
  if (raw.key) paper.citeKey = raw.key;
  const venue = bibText(f.journal ?? f.journaltitle ?? f.booktitle);
  if (venue) paper.venue = venue;
  return paper;
}

function datesOf(f: Record<string, string>): { year?: number; date?: string } {
  if (f.date) {
    const fromDate = parseIsoDate(f.date);
    if (fromDate.year !== undefined) return fromDate;
  }
  const year = parseYear(f.year);
  if (year === undefined) return {};
  const day = f.day && /^\d{1,2}$/.test(f.day.trim()) ? Number(f.day.trim()) : undefined;
  return { year, date: isoDate(year, parseMonth(f.month), day) };
}

function doiFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const match = /doi\.org\/(10\.[^\s]+)/i.exec(url.replace(/\{\\_\}|\\_/g, '_'));
  return match ? normalizeDoi(match[1]) : undefined;
}

function arxivFromUrl(url: string | undefined): string | undefined {
  if (!url || !/arxiv\.org\//i.test(url)) return undefined;
  for (const candidate of url.split(/\s+/)) {
    const id = normalizeArxivId(candidate);
    if (id) return id;
  }
  return undefined;
}

function urlFromHowpublished(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /\\url\{([^}]+)\}/.exec(value) ?? /^\s*(https?:\/\/\S+)\s*$/.exec(value);
  return match ? firstUrl(match[1]) : undefined;
}
