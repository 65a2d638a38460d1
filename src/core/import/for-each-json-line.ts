import type { Diagnostic } from '../model/diagnostic';
import { diagnostic, forEachLine } from './import-helpers';
import { damagedRecordMessage, type ImportContext } from './import-limits';
import { brokenItemLabel, findJsonSyntaxError } from './json-scanner';

/**
 * Calls `visit` with each non-blank line of a JSON Lines file parsed as JSON. A line that does
 * not parse becomes an error diagnostic at the exact column of the syntax error, naming the
 * record where it can, and is skipped; `lineRule` finishes the message ("Each line must be …").
 * A line holding a byte that is not text (see {@link ImportContext.damage}) is skipped the same way,
 * with the diagnostic at that byte.
 */
export function forEachJsonLine(
  file: string,
  text: string,
  diagnostics: Diagnostic[],
  lineRule: string,
  visit: (record: unknown, lineNumber: number, line: string) => void,
  context?: ImportContext,
): void {
  forEachLine(text, (line, lineNumber, offset) => {
    if (!line.trim()) return;
    const damaged = context?.damage.firstIn(offset, offset + line.length);
    if (damaged) {
      const item = brokenItemLabel(line);
      const where = { line: lineNumber, column: damaged.offset - offset + 1 };
      diagnostics.push(
        diagnostic(
          file,
          where.line,
          where.column,
          'error',
          damagedRecordMessage(file, where, damaged, `line ${lineNumber}${item ? ` (${item})` : ''}`),
        ),
      );
      return;
    }
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      const error = findJsonSyntaxError(line);
      const item = brokenItemLabel(line);
      diagnostics.push(
        diagnostic(
          file,
          lineNumber,
          (error?.offset ?? 0) + 1,
          'error',
          `Lectern: line ${lineNumber} of ${file}${item ? ` (${item})` : ''} is not valid JSON (${error?.message ?? 'syntax error'}); it was skipped. ${lineRule}`,
        ),
      );
      return;
    }
    visit(record, lineNumber, line);
  });
}
