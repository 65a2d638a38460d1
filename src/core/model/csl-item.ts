/**
 * The full bibliographic record of a paper, as CSL-JSON: the data model Zotero, Pandoc and
 * citeproc share (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). Importers
 * fill it in; citation formatting reads it; the simple fields of `Paper` (title, display
 * authors, year, venue) are derived from it.
 */

/**
 * One personal or organisational name. A person has `family` (and usually `given`); particles and
 * suffixes are kept apart so styles can sort and abbreviate correctly ("van Gogh", "St. Pierre",
 * "Jr."). A name that cannot be split safely, or an organisation, is a `literal`.
 *
 * @example
 * ```ts
 * const person: CslName = { family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' };
 * const group: CslName = { literal: 'World Health Organization' };
 * ```
 */
export interface CslName {
  family?: string;
  given?: string;
  /** A particle that stays with the family name when sorting ("van" in "van Gogh" as APA sorts it). */
  'non-dropping-particle'?: string;
  /** A particle dropped when the family name stands alone ("de" in "Charles de Gaulle"). */
  'dropping-particle'?: string;
  suffix?: string;
  /** The name as one unit: organisations, or a name the parser could not split. */
  literal?: string;
}

/**
 * A CSL date: `date-parts` holds `[year, month?, day?]` (a second array for a range); `literal`
 * is text kept as written when it is not a date ("forthcoming"); `raw` an unparsed date string.
 *
 * @example `{ 'date-parts': [[2021, 3, 14]] }`
 */
export interface CslDate {
  'date-parts'?: Array<Array<number | string>>;
  literal?: string;
  raw?: string;
  season?: number | string;
  circa?: boolean | number | string;
}

/**
 * A CSL-JSON item. The named properties are the ones Lectern reads; any other CSL variable an
 * import carries (for example `collection-title`, `event-title`, `original-date`) is kept
 * under its CSL name and passed to the citation processor untouched.
 *
 * @example
 * ```ts
 * const item: CslItem = {
 *   id: 'smith2020',
 *   type: 'article-journal',
 *   title: 'Ocean acidification and carbonate chemistry',
 *   author: [{ family: 'Smith', given: 'Jane A.' }],
 *   issued: { 'date-parts': [[2020, 5]] },
 *   'container-title': 'Marine Chemistry',
 *   volume: '221',
 *   page: '103–118',
 *   DOI: '10.1016/j.marchem.2020.103118',
 * };
 * ```
 */
export interface CslItem {
  /** The record's id within the citation processor; Lectern sets it to the paper's citekey. */
  id: string;
  /** A CSL item type: `article-journal`, `paper-conference`, `book`, `chapter`, `thesis`, `report`, `legal_case`, … */
  type: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: CslDate;
  'container-title'?: string;
  volume?: string | number;
  issue?: string | number;
  page?: string;
  publisher?: string;
  'publisher-place'?: string;
  edition?: string | number;
  number?: string | number;
  genre?: string;
  authority?: string;
  ISBN?: string;
  ISSN?: string;
  DOI?: string;
  URL?: string;
  note?: string;
  abstract?: string;
  /** The citekey as Better BibTeX and Pandoc write it in CSL-JSON. */
  'citation-key'?: string;
  [variable: string]: unknown;
}
