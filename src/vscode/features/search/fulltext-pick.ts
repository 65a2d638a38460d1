/**
 * How a search result that matched only in the paper's PDF shows in the palette: "in the PDF, p. 7: …snippet…",
 * and the page Enter opens. Pure (no `vscode`), unit-tested.
 */
import type { SearchHit } from '../../../core/search/paper-search';
import type { FullTextSearchHit } from '../../../core/fulltext/merge-fulltext';
import * as l10n from '@vscode/l10n';

/**
 * The detail line and the page to open for a full-text-only hit; undefined for a hit that matched the paper's
 * title, authors, abstract or keywords (it shows and opens as before).
 *
 * @example fullTextPick(hit) // → { detail: 'in the PDF, p. 7: …dendritic spikes are rare…', page: 7 }
 */
export function fullTextPick(hit: SearchHit): { detail: string; page: number } | undefined {
  const { fullTextOnly, matches } = hit as FullTextSearchHit;
  const first = matches.fulltext?.[0];
  if (!fullTextOnly || !first) return undefined;
  return { detail: l10n.t('in the PDF, p. {0}: {1}', first.page, first.snippet), page: first.page };
}
