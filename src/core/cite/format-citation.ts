import * as l10n from '@vscode/l10n';
import { cslOf } from '../model/csl-of';
import type { CslItem } from '../model/csl-item';
import type { Paper } from '../model/paper';
import { activeCitationStyle } from './active-citation-style';
import type { CitationStyle } from './citation-style';
import { renderInText, renderReference, type CitationMarkup } from './csl-engine';
import { cslToBibtex } from './csl-to-bibtex';

/**
 * The formats of Copy Citation and `lectern cite` (see {@link formatCitation}): `apa` the reference
 * in the citation style, `in-text` the in-text citation, `bibtex`, `csl-json`, and `markdown` a link.
 */
export type CitationFormat = 'apa' | 'in-text' | 'bibtex' | 'csl-json' | 'markdown';

/** The formats, in the order Copy Citation and the CLI list them. */
export const CITATION_FORMATS: readonly CitationFormat[] = ['apa', 'in-text', 'bibtex', 'csl-json', 'markdown'];

/** Options of {@link formatCitation}. */
export interface CitationOptions {
  /** The CSL style for `apa` and `in-text`. Default: the style the host set with `useCitationStyle` (bundled APA 7th unless `lectern.citation.style` names another). */
  style?: CitationStyle;
  /** Markup of `apa` and `in-text`. Default: `markdown` for `apa` (titles and journals in `*emphasis*`), `text` for `in-text`. */
  markup?: CitationMarkup;
}

/**
 * A paper's citation, ready to paste. The record is the paper's CSL-JSON ({@link cslOf}); its id is the citekey.
 *
 * - `apa`: its entry in the reference list of the citation style, formatted by citeproc-js: APA 7th
 *   (the bundled `apa.csl`) unless the host set another style. Markdown emphasis by default,
 *   e.g. `Smith, J. (2020). Title. *Journal*, *3*(2), 1–9. https://doi.org/…`; `markup: 'text'` drops it.
 * - `in-text`: the in-text citation in the same style, e.g. `(Smith & Jones, 2020)`.
 * - `bibtex`: the paper's original `.bib` entry, byte for byte, when it came from one; else an
 *   entry generated from the record (see {@link cslToBibtex}).
 * - `csl-json`: the record as indented JSON (one CSL-JSON item).
 * - `markdown`: `[Title](link)` with the DOI, else the arXiv abstract page, else the url, or
 *   `lectern:paper/<id>` when the paper has no link at all, so a note still points at the paper
 *   (Lectern resolves that URI; elsewhere it is inert text). Brackets and emphasis characters in
 *   the title are escaped.
 *
 * Throws for a format outside {@link CitationFormat}, or (for `apa` and `in-text`) when no style is
 * loaded or citeproc-js cannot use the style; the errors start with `Lectern:`.
 *
 * @example
 * ```ts
 * formatCitation(paper, 'apa'); // → 'Kang, S., & Kim, J. (2024). *See what you are told* …'
 * formatCitation(paper, 'in-text'); // → '(Kang & Kim, 2024)'
 * formatCitation(paper, 'markdown'); // → '[See What You Are Told](https://arxiv.org/abs/2403.01234)'
 * ```
 */
export function formatCitation(paper: Paper, format: CitationFormat, options: CitationOptions = {}): string {
  switch (format) {
    case 'apa':
      return renderReference(options.style ?? activeCitationStyle(), citationRecord(paper), options.markup ?? 'markdown');
    case 'in-text':
      return renderInText(options.style ?? activeCitationStyle(), citationRecord(paper), options.markup ?? 'text');
    case 'bibtex':
      return paper.bibtexEntry ?? cslToBibtex(citationRecord(paper), paper.arxivId);
    case 'csl-json':
      return JSON.stringify(citationRecord(paper), null, 2);
    case 'markdown':
      return markdownLink(paper);
    default:
      throw new Error(l10n.t('Lectern: unknown citation format "{0}"; use {1}.', String(format), CITATION_FORMATS.join(', ')));
  }
}

const CONFERENCE =
  /\b(?:proceedings|proc\.|conference|workshop|symposium|congress|meeting|NeurIPS|NIPS|ICLR|ICML|CVPR|ICCV|ECCV|WACV|BMVC|AAAI|IJCAI|ACL|EMNLP|NAACL|COLING|EACL|KDD|SIGIR|WWW|CHI|UIST|MICCAI|ISBI|INTERSPEECH|ICASSP|IROS|ICRA|CoRL|AISTATS|UAI|COLT)\b/i;

const ARXIV_VENUE = /^\s*(?:arxiv|arxiv\.org|arxiv preprint.*|preprint|corr)\s*$/i;

/**
 * The paper's CSL record. For a paper whose importer kept none, names are split with their
 * particles and suffixes (see `cslNameFromDisplay` in `cslOf`), a venue naming a conference makes it a
 * conference paper, and a paper whose importer kept no record but which has an arXiv id gets what
 * Zotero's arXiv translator stores: without a venue a preprint (publisher arXiv, number
 * `arXiv:ID`, arXiv's DOI when it has none of its own), with one the abstract page as its URL.
 */
function citationRecord(paper: Paper): CslItem {
  if (paper.csl) return cslOf(paper);
  const item = { ...cslOf(paper) };
  const arxivId = paper.arxivId?.trim();
  const venue = paper.venue && !ARXIV_VENUE.test(paper.venue) ? paper.venue : undefined;
  if (venue && CONFERENCE.test(venue)) item.type = 'paper-conference';
  if (!arxivId) return item;
  if (!venue) {
    delete item['container-title'];
    return { ...item, type: 'article', publisher: 'arXiv', number: `arXiv:${arxivId}`, DOI: item.DOI ?? `10.48550/arXiv.${arxivId}` };
  }
  return { ...item, URL: item.URL ?? `https://arxiv.org/abs/${arxivId}` };
}

function markdownLink(paper: Paper): string {
  const text = paper.title.trim().replace(/[\\[\]*_`]/g, (ch) => `\\${ch}`);
  const link = linkOf(paper) ?? `lectern:paper/${encodeURIComponent(paper.id)}`;
  return `[${text}](${link.replace(/[()\s<>]/g, (ch) => encodeURIComponent(ch).replace('(', '%28').replace(')', '%29'))})`;
}

/** DOI, else arXiv abstract page, else the record's url (the first, when a reference manager stored several). */
function linkOf(paper: Paper): string | undefined {
  if (paper.doi) return `https://doi.org/${paper.doi.trim()}`;
  if (paper.arxivId) return `https://arxiv.org/abs/${paper.arxivId.trim()}`;
  return paper.url?.trim().split(/\s+/)[0] || undefined;
}
