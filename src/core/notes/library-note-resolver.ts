import type { PaperLibrary } from '../library/paper-library';
import type { NotePaperResolver } from './note-claims';

/**
 * The note resolver of a library: ids and citekeys through `PaperLibrary.resolve` (ids first), DOIs
 * through a map built once (the first paper in corpus order with a DOI holds it).
 *
 * @example
 * ```ts
 * new NoteIndex(notes, libraryNoteResolver(library)).noteFor('doi-10.1000-xyz')?.path; // → '…/@smith2020.md'
 * ```
 */
export function libraryNoteResolver(library: Pick<PaperLibrary, 'papers' | 'resolve'>): NotePaperResolver {
  let byDoi: Map<string, string> | undefined;
  return {
    resolve: (idOrCiteKey) => library.resolve(idOrCiteKey)?.id,
    byDoi: (doi) => {
      if (!byDoi) {
        byDoi = new Map();
        for (const paper of library.papers) if (paper.doi && !byDoi.has(paper.doi)) byDoi.set(paper.doi, paper.id);
      }
      return byDoi.get(doi.toLowerCase());
    },
  };
}
