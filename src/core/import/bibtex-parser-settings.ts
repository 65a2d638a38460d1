/**
 * What Lectern tells `@retorquere/bibtex-parser`: the options it parses with, and the macros it knows
 * before any `@string` (so the scanner's raw values resolve bare words the way the parser does).
 */

/** Options for every parse: no case or sentence changes, no cross-references (the importer applies `crossref` itself). */
export const BIBTEX_PARSER_OPTIONS = {
  // `sentenceCase: false` also turns off the parser's English title casing (it forces `english: false`).
  sentenceCase: false as const,
  unsupported: 'ignore' as const,
  applyCrossRef: false,
  caseProtection: false,
  // Text fields come back as typed; `latexToUnicode` converts them like every other importer's.
  fieldMode: { title: 'verbatim', abstract: 'verbatim', journal: 'verbatim', journaltitle: 'verbatim', booktitle: 'verbatim' } as Record<
    string,
    'verbatim'
  >,
};

/**
 * The macros BibTeX knows without an `@string` (those of its standard styles, such as plain.bst: month
 * abbreviations and a few ACM journals), plus the full month names the parser also accepts. A month macro
 * expands to the month's name, as in BibTeX: `jan # { } # 2020` in a note or title reads "January 2020"
 * (the parser's own table gives "01", which only makes sense in the `month` field; the date reads "January"
 * there just as well).
 */
export const BIBTEX_DEFAULT_STRINGS: Record<string, string> = {
  JAN: 'January',
  JANUARY: 'January',
  FEB: 'February',
  FEBRUARY: 'February',
  MAR: 'March',
  MARCH: 'March',
  APR: 'April',
  APRIL: 'April',
  MAY: 'May',
  JUN: 'June',
  JUNE: 'June',
  JUL: 'July',
  JULY: 'July',
  AUG: 'August',
  AUGUST: 'August',
  SEP: 'September',
  SEPTEMBER: 'September',
  OCT: 'October',
  OCTOBER: 'October',
  NOV: 'November',
  NOVEMBER: 'November',
  DEC: 'December',
  DECEMBER: 'December',
  ACMCS: 'ACM Computing Surveys',
  ACTA: 'Acta Informatica',
  CACM: 'Communications of the ACM',
  IBMJRD: 'IBM Journal of Research and Development',
  IBMSJ: 'IBM Systems Journal',
  IEEESE: 'IEEE Transactions on Software Engineering',
  IEEETC: 'IEEE Transactions on Computers',
  IEEETCAD: 'IEEE Transactions on Computer-Aided Design of Integrated Circuits',
  IPL: 'Information Processing Letters',
  JACM: 'Journal of the ACM',
  JCSS: 'Journal of Computer and System Sciences',
  SCP: 'Science of Computer Programming',
  SICOMP: 'SIAM Journal on Computing',
  TOCS: 'ACM Transactions on Computer Systems',
  TODS: 'ACM Transactions on Database Systems',
  TOG: 'ACM Transactions on Graphics',
  TOMS: 'ACM Transactions on Mathematical Software',
  TOOIS: 'ACM Transactions on Office Information Systems',
  TOPLAS: 'ACM Transactions on Programming Languages and Systems',
  TCS: 'Theoretical Computer Science',
};
