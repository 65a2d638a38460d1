import type { TextFilter } from '../../../core/search/parse-query';
import type { SearchHit, SearchResponse } from '../../../core/search/paper-search';
import { looseKey, tagMatches } from '../../../core/search/filter-match';
import type { AnnotationLookup } from '../../../core/tree/group-papers';
import { responsePickItems, type PaperPickModel, type PickLibrary } from '../shared/paper-pick-items';
import { mergeRankedHits } from './merge-ranked-hits';
import * as l10n from '@vscode/l10n';

/**
 * The palette's rows for a query both libraries answered: one list ranked by `mergeRankedHits` (at most `limit`),
 * each workspace row as the workspace-only palette shows it, each shared row marked `shared` with the library's
 * name. No match in either: the usual "no match" row.
 */
export function mergedPickRows(
  local: Pick<PickLibrary, 'paper'>,
  query: string,
  workspace: SearchResponse,
  shared: SearchResponse,
  options: { limit: number; label: string },
): PaperPickModel[] {
  const merged = mergeRankedHits(workspace.results, shared.results, options.limit);
  if (merged.length === 0) return responsePickItems(local, query, workspace);
  return merged.flatMap(({ source, hit, inBoth }) => {
    if (source === 'shared') return [sharedRow(hit, options.label)];
    const rows = responsePickItems(local, query, { ...workspace, results: [hit] });
    return inBoth
      ? rows.map((row) => ({ ...row, description: [row.description, l10n.t('also in the shared library')].filter(Boolean).join(' · ') }))
      : rows;
  });
}

/** A shared paper's row: its title, `shared` and its first two topics, the library's name; Open Note is its one button. */
function sharedRow(hit: SearchHit, label: string): PaperPickModel {
  return {
    paperId: hit.id,
    label: hit.title,
    description: [l10n.t('shared'), ...hit.topics.slice(0, 2)].join(' · '),
    detail: l10n.t('Shared library {0}', label),
    alwaysShow: true,
    buttons: ['openNote'],
  };
}

/**
 * The ids a `tag:`/`status:` filter matches (its negation is the statement's), from the workspace's notes:
 * the same matching as the local search (`tagMatches`, loose status keys), over the papers that have notes.
 */
export function annotatedIdsFrom(notedIds: () => Iterable<string>, lookup: AnnotationLookup): (filter: TextFilter) => string[] {
  return (filter) => {
    const ids: string[] = [];
    for (const id of notedIds()) {
      const note = lookup(id);
      if (!note) continue;
      const pass =
        filter.kind === 'tag'
          ? (note.tags ?? []).some((tag) => typeof tag === 'string' && tagMatches(tag, filter.value))
          : filter.kind === 'status' && typeof note.status === 'string' && looseKey(note.status) === looseKey(filter.value);
      if (pass) ids.push(id);
    }
    return ids;
  };
}
