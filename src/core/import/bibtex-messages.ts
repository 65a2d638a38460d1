/**
 * What the BibTeX importer says about an entry, one function per problem, so the importer's logic stays readable.
 * Each message starts with `Lectern:`, names the entry (see {@link bibtexMessages.entryLabel}) and says what to do.
 */
import * as l10n from '@vscode/l10n';

/** The BibTeX importer's diagnostics (see `bibtex-importer.ts`). */
export const bibtexMessages = {
  /** How an entry is named in a message: by its key, else its title, else its type. */
  entryLabel: (key: string, title: string | undefined, type: string | undefined) => {
    if (type === 'string' || type === 'preamble' || type === 'comment') return l10n.t('an `@{0}`', type);
    if (key) return l10n.t('entry `{0}`', key);
    if (title) return l10n.t('entry "{0}"', title);
    return type ? l10n.t('an `@{0}` entry without a citation key', type) : l10n.t('an entry without a citation key');
  },
  /** `names`: the name fields the entry has, `author` and/or `editor`. */
  parserFallback: (label: string, reason: string, names: string[]) =>
    l10n.t(
      'Lectern: {0} could not be fully read by the BibTeX parser ({1}); it was loaded with its names split the simple way — check its {2} field.',
      label,
      reason,
      names.length === 2 ? l10n.t('{0} or {1}', names[0], names[1]) : names.join(''),
    ),
  badKey: (key: string, badChars: string) =>
    l10n.t(
      'Lectern: citation key `{0}` contains characters BibTeX tools reject ({1}); the entry was loaded, but rename the key so LaTeX can cite it.',
      key,
      badChars,
    ),
  noValue: (label: string, field: string, line: number) =>
    l10n.t('Lectern: {0}: field `{1}` on line {2} has no value and was left out. Give it a value or remove the field.', label, field, line),
  unreadable: (label: string, startLine: number, sameLine: boolean, reason: string) =>
    l10n.t(
      'Lectern: {0} ({1}) could not be read: {2}; it was skipped. Fix the entry and reload — the entries after it still load.',
      label,
      sameLine ? l10n.t('line {0}', startLine) : l10n.t('starting on line {0}', startLine),
      reason,
    ),
  noTitle: (label: string, line: number) =>
    l10n.t('Lectern: {0} (line {1}) has no title; it was skipped. Add a `title` field so it can be listed.', label, line),
  unsplittableName: (label: string, line: number, name: string) =>
    l10n.t(
      'Lectern: {0} (line {1}) has a name that cannot be split into family and given names: "{2}"; it was kept whole, as written. Write it as `Family, Given` (or in braces for an organisation).',
      label,
      line,
      name,
    ),
};
