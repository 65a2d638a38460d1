import * as l10n from '@vscode/l10n';
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
  const firstLine = context?.firstLine ?? 1;
  forEachLine(text, (line, lineInText, offset) => {
    if (!line.trim()) return;
    const lineNumber = lineInText + firstLine - 1;
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
          damagedRecordMessage(file, where, damaged, item ? l10n.t('line {0} ({1})', lineNumber, item) : l10n.t('line {0}', lineNumber)),
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
      const reason = error?.message ?? l10n.t('syntax error');
      diagnostics.push(
        diagnostic(
          file,
          lineNumber,
          (error?.offset ?? 0) + 1,
          'error',
          item
            ? l10n.t(
                'Lectern: line {0} of {1} ({2}) is not valid JSON ({3}); it was skipped. {4}',
                lineNumber,
                file,
                item,
                reason,
                lineRule,
              )
            : l10n.t('Lectern: line {0} of {1} is not valid JSON ({2}); it was skipped. {3}', lineNumber, file, reason, lineRule),
        ),
      );
      return;
    }
    visit(record, lineNumber, line);
  });
}
