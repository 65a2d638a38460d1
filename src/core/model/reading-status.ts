/**
 * The reading status a note records in its front matter (`status: reading`), and how every view
 * names it. Pure: the core, the host↔webview protocol and the webview share it; the names are translated
 * (`@vscode/l10n`, set up wherever the code runs).
 */
import * as l10n from '@vscode/l10n';

/** Every reading status, in reading order (the tree's status groups and the reader's buttons follow it). */
export const READING_STATUSES = ['to-read', 'reading', 'read'] as const;

/**
 * A paper's reading status, as written in its note's front matter.
 *
 * @example `status: to-read`
 */
export type ReadingStatus = (typeof READING_STATUSES)[number];

/** Whether `value` is one of `READING_STATUSES` (front matter may hold anything). */
export function isReadingStatus(value: unknown): value is ReadingStatus {
  return READING_STATUSES.some((status) => status === value);
}

/**
 * How a status reads in the UI ("To read", "Reading", "Read"). Any other string (a status the user
 * typed by hand in a note) is shown as written.
 *
 * @example readingStatusLabel('to-read') // 'To read'
 */
export function readingStatusLabel(status: string): string {
  if (status === 'to-read') return l10n.t('To read');
  if (status === 'reading') return l10n.t('Reading');
  return status === 'read' ? l10n.t('Read') : status;
}
