import * as l10n from '@vscode/l10n';
import { readingStatusLabel } from '../src/core/model/reading-status';

/**
 * A reading status as the reader shows it, translated ("To read", "Reading", "Read"); a status typed by hand in a
 * note is shown as written (`readingStatusLabel`).
 */
export function statusLabel(status: string): string {
  if (status === 'to-read') return l10n.t('To read');
  if (status === 'reading') return l10n.t('Reading');
  return status === 'read' ? l10n.t('Read') : readingStatusLabel(status);
}
