import type { CurationEditResult } from '../../../core/topics/edit-curation';
import * as l10n from '@vscode/l10n';

/** Reading and writing one text file (undefined: it does not exist). */
export interface TextFileAccess {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

/** What `writeUnlessChanged` did. */
export type WriteOutcome = { kind: 'written'; before: string | undefined; after: string } | { kind: 'refused'; reason: string };

/**
 * Plans an edit on the file's text and writes the result, unless the file changed meanwhile: it is
 * read again just before writing, and if it differs from what the edit was planned on (another
 * editor, git, a hand edit), the edit is planned again on the new text. What anyone else wrote is
 * never overwritten; after `attempts` changes in a row it gives up. Pure of VS Code (unit-tested).
 */
export async function writeUnlessChanged(
  file: TextFileAccess,
  plan: (text: string | undefined) => CurationEditResult,
  attempts = 4,
): Promise<WriteOutcome> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const before = await file.read();
    const result = plan(before);
    if ('error' in result) return { kind: 'refused', reason: result.error };
    if ((await file.read()) !== before) continue;
    await file.write(result.text);
    return { kind: 'written', before, after: result.text };
  }
  return { kind: 'refused', reason: l10n.t('it kept changing while Lectern was writing to it; try again.') };
}
