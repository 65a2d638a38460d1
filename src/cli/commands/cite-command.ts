import * as l10n from '@vscode/l10n';
import { CITATION_FORMATS, formatCitation, type CitationFormat } from '../../core/cite/format-citation';
import { CliError } from '../cli-error';
import { formatDiagnostic } from '../human-output';
import { loadCitationStyle } from '../load-citation-style';
import type { Command } from './command-context';

/**
 * `lectern cite ID --format apa|in-text|bibtex|csl-json|markdown [--style FILE] [--locale FILE|CODE]`:
 * the citation of the paper with that id or citekey. `apa` is the reference in plain text (APA 7th
 * unless `--style` names a `.csl` file). A style or locale file that cannot be used exits 1 with
 * its diagnostic; an unknown locale code is a warning and en-US is used.
 */
export const citeCommand: Command = async ({ args, json, format, citationStyle, citationLocale, print, openLibrary }) => {
  if (!(CITATION_FORMATS as readonly string[]).includes(format))
    throw new CliError(l10n.t('Lectern: unknown citation format "{0}"; use --format {1}.', format, CITATION_FORMATS.join(', ')), 2);
  const id = args[0];
  if (!id) throw new CliError(l10n.t('Lectern: cite needs a paper ID or citekey: see "lectern list"'), 2);
  const needsStyle = format === 'apa' || format === 'in-text';
  const resolved = needsStyle ? loadCitationStyle({ style: citationStyle, locale: citationLocale }) : undefined;
  if (resolved) {
    for (const notice of resolved.notices) console.error(notice);
    if (resolved.diagnostics.length > 0)
      throw new CliError(
        resolved.diagnostics.map((d) => formatDiagnostic({ ...d, message: d.message.replace(/ Using .* meanwhile\.$/, '') })).join('\n'),
        1,
      );
  }
  const { library } = await openLibrary();
  const paper = library.resolve(id);
  if (!paper)
    throw new CliError(l10n.t('Lectern: no paper has the id or citekey "{0}". Run "lectern search" or "lectern list" to find it.', id), 1);
  const citation = formatCitation(paper, format as CitationFormat, { style: resolved?.style, markup: 'text' });
  if (json) print({ id: paper.id, citeKey: paper.citeKey, format, style: resolved?.style.title, citation });
  else console.log(citation);
  return 0;
};
