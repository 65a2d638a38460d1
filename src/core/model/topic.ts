/**
 * A group of papers in the sidebar tree, produced by `assignTopics`.
 *
 * @example
 * ```ts
 * { name: 'Visual Hallucination', paperIds: ['2403.01234', '2402.11111'], origin: 'taxonomy' }
 * ```
 */
export interface Topic {
  /** A name a researcher would write, e.g. "Brain Decoding from fMRI/MEG". Unique in a corpus. */
  name: string;
  /** Ids of the papers in it, in corpus order. */
  paperIds: string[];
  /**
   * Where the topic came from: `metadata` = the papers' own categories or keywords; `taxonomy` = phrases of the
   * taxonomy (`corpus/topics.json` or a user's) found in title and abstract; `discovered` = term clustering over the
   * corpus; `other` = the catch-all group for papers nothing else claimed; `curated` = made by the user's curation of
   * the tree (`.lectern/topics.json` → `curation`: a split, a move or a pin into a new name).
   */
  origin: 'metadata' | 'taxonomy' | 'discovered' | 'other' | 'curated';
}
