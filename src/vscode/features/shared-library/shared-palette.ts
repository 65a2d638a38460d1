import type { AnnotationLookup } from '../../../core/tree/group-papers';
import type { ExtraPickSource } from '../shared/paper-picker';
import { annotatedIdsFrom, mergedPickRows } from './shared-pick-rows';
import type { SharedLibrary } from './shared-library';

/**
 * The shared library's part of the palette search (Search Papers, Open Paper): its hits merged with the
 * workspace's into one ranked list; `tag:`/`status:` match the ids the workspace's notes name.
 */
export function sharedPickSource(
  shared: Pick<SharedLibrary, 'search' | 'state' | 'label'>,
  notedPaperIds: () => Iterable<string>,
  annotations: AnnotationLookup,
): ExtraPickSource {
  const annotatedIds = annotatedIdsFrom(notedPaperIds, annotations);
  return {
    rows: async (library, query, workspace, limit) => {
      if (shared.state !== 'connected') return undefined;
      // The palette shows no count, so the library counts no further than the rows shown (at a million papers,
      // counting a common word's matches to 1,000 was most of a keystroke's time).
      const answer = await shared.search(query, { limit, annotatedIds, exactTotalUpTo: limit });
      return answer && mergedPickRows(library, query, workspace, answer, { limit, label: shared.label ?? '' });
    },
  };
}
