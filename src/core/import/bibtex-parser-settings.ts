/**
 * What Lectern tells `@retorquere/bibtex-parser`: the options it parses with, and the macros it knows
 * before any `@string` (so the scanner's raw values resolve bare words the way the parser does).
 */

/** Options for every parse: no case or sentence changes, no cross-references (the importer applies `crossref` itself). */
export const BIBTEX_PARSER_OPTIONS = {
  sentenceCase: false as const,
  english: false,
  unsupported: 'ignore' as const,
  applyCrossRef: false,
  caseProtection: false,
  // Text fields come back as typed; `latexToUnicode` converts them like every other importer's.
  fieldMode: { title: 'verbatim', abstract: 'verbatim', journal: 'verbatim', journaltitle: 'verbatim', booktitle: 'verbatim' } as Record<
    string,
    'verbatim'
  >,
};

/** The parser's built-in macros (month names, a few ACM journals), so raw values agree with it. */
export const BIBTEX_DEFAULT_STRINGS: Record<string, string> = {
  JAN: '01',
  JANUARY: '01',
  FEB: '02',
  FEBRUARY: '02',
  MAR: '03',
  MARCH: '03',
  APR: '04',
  APRIL: '04',
  MAY: '05',
  JUN: '06',
  JUNE: '06',
  JUL: '07',
  JULY: '07',
  AUG: '08',
  AUGUST: '08',
  SEP: '09',
  SEPTEMBER: '09',
  OCT: '10',
  OCTOBER: '10',
  NOV: '11',
  NOVEMBER: '11',
  DEC: '12',
  DECEMBER: '12',
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
