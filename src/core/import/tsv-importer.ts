/**
 * Tab-separated paper lists (`.tsv`), such as the OpenReview/ICLR lists crawled for a conference: a header
 * row naming the columns, then one paper per row. Read as IANA `text/tab-separated-values`: a tab ends a
 * value and a line break ends a row, with no quoting, so quotes, backslashes and TeX stay as written. A value
 * wrapped whole in double quotes with only doubled quotes inside (`"A ""B"" C"`, as spreadsheets write it)
 * is unwrapped. Columns are matched by name, case-insensitively, the same names Lectern JSON reads.
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic, ImportResult } from '../model/diagnostic';
import type { ImportedPaper } from '../model/paper';
import { cleanText, diagnostic, internalErrorDiagnostic, oversizedFieldMessage, shorten } from './import-helpers';
import { damagedRecordMessage, defaultImportContext, type ImportContext } from './import-limits';
import { lecternPaper } from './lectern-json-importer';

/** Header names (lower-cased) that hold a paper's title; one of them must be present. */
const TITLE_COLUMNS = ['title', 'paper_title', 'paper title'];

/** One row of the file: its 1-based line, where it starts in the text, and its cells with their 1-based columns. */
interface TsvRow {
  line: number;
  offset: number;
  length: number;
  cells: Array<{ text: string; column: number }>;
}

/**
 * Reads a TSV paper list into papers. Never throws; every row that cannot be read, or is read with
 * something dropped, gets a diagnostic at its line and column.
 *
 * @example importTsv('iclr.tsv', 'paper_id\ttitle\tabstract\nx1\tA Title\tAn abstract.').papers[0].title // 'A Title'
 */
export function importTsv(file: string, text: string, context: ImportContext = defaultImportContext()): ImportResult {
  const papers: ImportedPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    const rows = splitRows(text);
    const header = rows.shift();
    if (!header) return { papers, diagnostics };
    const names = header.cells.map((cell) => unquote(cell.text).trim().toLowerCase());
    const titleColumn = names.findIndex((name) => TITLE_COLUMNS.includes(name));
    if (titleColumn < 0) {
      diagnostics.push(noTitleColumn(file, header));
      return { papers, diagnostics };
    }
    for (const row of rows) {
      const paper = readRow(file, row, names, titleColumn, context, diagnostics);
      if (paper) papers.push(paper);
    }
  } catch (err) {
    diagnostics.push(internalErrorDiagnostic(file, 'TSV', err));
  }
  return { papers, diagnostics };
}

/** Whether `text` looks like a TSV paper list: its first non-empty line has tabs and a title column. */
export function looksLikeTsv(text: string): boolean {
  const first = /^[^\S\n]*(\S[^\n]*)/m.exec(text)?.[1] ?? '';
  return first.includes('\t') && first.split('\t').some((name) => TITLE_COLUMNS.includes(unquote(name).trim().toLowerCase()));
}

/** The non-blank lines of `text`, each split at its tabs. */
function splitRows(text: string): TsvRow[] {
  const rows: TsvRow[] = [];
  let offset = 0;
  let line = 1;
  while (offset <= text.length) {
    const end = text.indexOf('\n', offset);
    const stop = end < 0 ? text.length : end;
    const raw = text.slice(offset, stop);
    if (/\S/.test(raw)) {
      const cells: TsvRow['cells'] = [];
      let column = 1;
      for (const cell of raw.split('\t')) {
        cells.push({ text: cell, column });
        column += cell.length + 1;
      }
      rows.push({ line, offset, length: raw.length, cells });
    }
    if (end < 0) break;
    offset = end + 1;
    line += 1;
  }
  return rows;
}

function readRow(
  file: string,
  row: TsvRow,
  names: string[],
  titleColumn: number,
  context: ImportContext,
  diagnostics: Diagnostic[],
): ImportedPaper | undefined {
  const damaged = context.damage.firstIn(row.offset, row.offset + row.length);
  if (damaged) {
    const where = { line: row.line, column: damaged.offset - row.offset + 1 };
    const message = damagedRecordMessage(file, where, damaged, `row ${row.line}`);
    diagnostics.push(diagnostic(file, where.line, where.column, 'error', message));
    return undefined;
  }
  if (row.cells.length <= titleColumn) {
    diagnostics.push(shortRow(file, row, names.length, titleColumn));
    return undefined;
  }
  if (row.cells.length !== names.length) diagnostics.push(raggedRow(file, row, names));
  const record: Record<string, string> = {};
  names.forEach((name, i) => {
    const cell = row.cells[i];
    if (!cell || name === '' || name in record) return;
    if (cell.text.length > context.limits.maxFieldChars) {
      const message = oversizedFieldMessage(name, cell.text.length, context.limits.maxFieldChars, l10n.t('row {0} of {1}', row.line, file));
      diagnostics.push(diagnostic(file, row.line, cell.column, 'warning', message));
      return;
    }
    record[name] = unquote(cell.text);
  });
  const titleCell = row.cells[titleColumn];
  const title = cleanText(record[names[titleColumn]]);
  if (!title) {
    diagnostics.push(
      diagnostic(
        file,
        row.line,
        titleCell.column,
        'warning',
        l10n.t(
          'Lectern: row {0} of {1} has no title (column "{2}" is empty); it was skipped. Add the title so it can be listed.',
          row.line,
          file,
          names[titleColumn],
        ),
      ),
    );
    return undefined;
  }
  record.title = title;
  return lecternPaper(file, row.line, title, record);
}

/** `"A ""B"" C"` → `A "B" C`; anything else as written (a value that merely starts with a quote keeps it). */
function unquote(value: string): string {
  return /^"(?:[^"]|"")*"$/.test(value) ? value.slice(1, -1).replace(/""/g, '"') : value;
}

function noTitleColumn(file: string, header: TsvRow): Diagnostic {
  const found = header.cells.map((cell) => `"${shorten(cell.text, 30)}"`).join(', ');
  return diagnostic(
    file,
    header.line,
    1,
    'error',
    l10n.t(
      'Lectern: the header row of {0} (line {1}) has no "title" column (it names {2}); no paper was read. Put a header row first, with tab-separated column names including "title" (and "abstract", "authors", "keywords", "link" as you have them).',
      file,
      header.line,
      found,
    ),
  );
}

/** A row that stops before its title: most often the rest of a value that held a line break. */
function shortRow(file: string, row: TsvRow, columns: number, titleColumn: number): Diagnostic {
  return diagnostic(
    file,
    row.line,
    1,
    'warning',
    l10n.t(
      'Lectern: row {0} of {1} has {2}, but the header names {3} and the title is column {4}; it was skipped. A line break inside a value splits its row: join the lines (TSV values cannot hold line breaks or tabs).',
      row.line,
      file,
      valueCount(row.cells.length),
      columnCount(columns),
      titleColumn + 1,
    ),
  );
}

function raggedRow(file: string, row: TsvRow, names: string[]): Diagnostic {
  const extra = row.cells.length > names.length;
  const column = extra ? row.cells[names.length].column : row.length + 1;
  const args = [row.line, file, valueCount(row.cells.length), columnCount(names.length)] as const;
  const message = extra
    ? l10n.t(
        'Lectern: row {0} of {1} has {2}, but the header names {3}; the values after the {4} were ignored. A tab inside a value splits it: replace it with a space.',
        ...args,
        ordinal(names.length),
      )
    : l10n.t(
        'Lectern: row {0} of {1} has {2}, but the header names {3}; the missing ones were read as empty. Add a tab for each empty value.',
        ...args,
      );
  return diagnostic(file, row.line, column, 'warning', message);
}

function valueCount(n: number): string {
  return n === 1 ? l10n.t('1 value') : l10n.t('{0} values', n);
}

function columnCount(n: number): string {
  return n === 1 ? l10n.t('1 column') : l10n.t('{0} columns', n);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
