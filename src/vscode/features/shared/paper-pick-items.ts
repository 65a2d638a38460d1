import type { Paper } from '../../../core/model/paper';
import type { PaperLibrary } from '../../../core/library/paper-library';
import type { SearchResponse } from '../../../core/search/paper-search';
import type { AnnotationLookup } from '../../../core/tree/group-papers';
import { excerptAround } from '../../../core/text/excerpt-around';
import { metadataMatchLine } from '../../../core/search/metadata-match';
import { fullTextPick } from '../search/fulltext-pick';
import * as l10n from '@vscode/l10n';

/** The buttons on a paper row of the search QuickPick, by what they do. */
export type PaperPickButton = 'openNote' | 'copyCitation' | 'revealInTree';

/** Every paper row carries the same buttons, in this order. */
export const PAPER_PICK_BUTTONS: readonly PaperPickButton[] = ['openNote', 'copyCitation', 'revealInTree'];

/**
 * One row of the search QuickPick as plain data (the VS Code layer maps it to a `QuickPickItem`).
 * `paperId` is empty for rows that are not papers (a separator, a hint, "no match").
 */
export interface PaperPickModel {
  paperId: string;
  label: string;
  description?: string;
  detail?: string;
  /** A separator row ("recently opened"). */
  separator?: boolean;
  /** Shown whatever VS Code's own filter thinks: the core search already chose the rows. */
  alwaysShow?: boolean;
  buttons: readonly PaperPickButton[];
  /** The PDF page the row matched on, when it matched only in the PDF: Search Papers opens the PDF there. */
  pdfPage?: number;
}

/** What the pick items read from a library. */
export type PickLibrary = Pick<PaperLibrary, 'papers' | 'paper' | 'search'>;

const EXCERPT_CHARS = 140;

/** The rows for a typed query: the core search's hits, with the abstract around the match; or one "no match" row. */
export function searchPickItems(
  library: PickLibrary,
  query: string,
  options: { limit: number; annotations?: AnnotationLookup },
): PaperPickModel[] {
  return responsePickItems(library, query, library.search.search(query, { limit: options.limit, annotations: options.annotations }));
}

/** The rows for a search's answer (however it was searched: here or in the corpus worker). */
export function responsePickItems(library: Pick<PickLibrary, 'paper'>, query: string, response: SearchResponse): PaperPickModel[] {
  if (response.results.length === 0) {
    return [
      {
        paperId: '',
        label: l10n.t('No papers match "{0}"', query),
        detail: l10n.t('Try fewer words, a shorter prefix, or remove a filter.'),
        alwaysShow: true,
        buttons: [],
      },
    ];
  }
  return response.results.flatMap((hit) => {
    const paper = library.paper(hit.id);
    if (!paper) return [];
    const inPdf = fullTextPick(hit);
    if (inPdf) return [{ ...paperPickItem(paper, inPdf.detail), pdfPage: inPdf.page }];
    const inText = hit.matches.title.length > 0 || hit.matches.abstract.length > 0;
    // Found only through its keywords, authors or categories: say which, since no highlighted word will.
    const excerpt =
      hit.matches.abstract.length > 0
        ? excerptAround(paper.abstract, hit.matches.abstract, EXCERPT_CHARS).text
        : (!inText && metadataMatchLine(paper, hit.terms, query)) || paper.abstract.slice(0, EXCERPT_CHARS);
    return [paperPickItem(paper, excerpt)];
  });
}

/** The rows for an empty query: recently opened papers under a separator, or a hint to type. */
export function recentPickItems(library: PickLibrary, recentIds: readonly string[]): PaperPickModel[] {
  const recent = recentIds.map((id) => library.paper(id)).filter((paper): paper is Paper => paper !== undefined);
  if (recent.length === 0) {
    return [
      {
        paperId: '',
        label: l10n.t('Type to search {0} papers', library.papers.length),
        detail: l10n.t('Words, "phrases", topic:, author:, year:2020..2023'),
        alwaysShow: true,
        buttons: [],
      },
    ];
  }
  return [{ paperId: '', label: l10n.t('recently opened'), separator: true, buttons: [] }, ...recent.map((paper) => paperPickItem(paper))];
}

/** A paper's row: title; its first two topics and year; the given detail, else its first four authors. */
export function paperPickItem(paper: Paper, detail?: string): PaperPickModel {
  return {
    paperId: paper.id,
    label: paper.title,
    description: [paper.topics.slice(0, 2).join(', '), paper.year].filter(Boolean).join(' · '),
    detail: detail ?? (paper.authors.length > 0 ? paper.authors.slice(0, 4).join(', ') : undefined),
    alwaysShow: true,
    buttons: PAPER_PICK_BUTTONS,
  };
}
