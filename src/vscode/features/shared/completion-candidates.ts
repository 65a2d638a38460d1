import type { PaperLibrary } from '../../../core/library/paper-library';
import type { Paper } from '../../../core/model/paper';
import type { AnnotationLookup } from '../../../core/tree/group-papers';

/** Most papers a completion list offers; the list is marked incomplete, so typing on asks again. */
export const COMPLETION_LIMIT = 50;

/**
 * The papers a `[[…]]`, `@…` or `\cite{…}` completion offers for what was typed: with nothing typed,
 * the recently opened papers then the library's first; else the paper the text names exactly (id or
 * citekey), then ids and citekeys that start with it (case ignored for citekeys), then search hits
 * for the text read as words (`vaswani2017attention` → `vaswani 2017 attention`).
 */
export function completionCandidates(
  library: PaperLibrary,
  query: string,
  recentIds: readonly string[],
  annotations?: AnnotationLookup,
): Paper[] {
  const chosen = new Map<string, Paper>();
  const add = (paper: Paper | undefined) => {
    if (paper && chosen.size < COMPLETION_LIMIT) chosen.set(paper.id, paper);
  };
  const typed = query.trim();
  if (!typed) {
    for (const id of recentIds) add(library.paper(id));
    for (const paper of library.papers.slice(0, COMPLETION_LIMIT)) add(paper);
    return [...chosen.values()];
  }
  add(library.resolve(typed));
  const lower = typed.toLowerCase();
  if (/^[\p{L}\p{N}_][\p{L}\p{N}_.:-]*$/u.test(lower)) {
    for (const paper of library.papers) {
      if (chosen.size >= 10) break;
      if (paper.id.startsWith(lower) || paper.citeKey?.toLowerCase().startsWith(lower)) add(paper);
    }
  }
  // A citekey's parts are words the search knows.
  const text = lower
    .replace(/[-_:.]+/g, ' ')
    .replace(/(\p{L})(?=\p{N})|(\p{N})(?=\p{L})/gu, '$1$2 ')
    .trim();
  if (text)
    for (const hit of library.search.search(text, { limit: COMPLETION_LIMIT, annotations, highlight: false }).results)
      add(library.paper(hit.id));
  return [...chosen.values()];
}
