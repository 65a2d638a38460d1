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
  /**
   * Smaller groups inside a topic that holds more than a screenful of papers (see `assignTopics`), each a subset of
   * `paperIds`, largest first; a member may sit in none of them. Absent for smaller topics and for "Other".
   *
   * @example [{ name: 'Policy Gradient', paperIds: ['…'] }, { name: 'Model-Based RL', paperIds: ['…'] }]
   */
  subtopics?: Subtopic[];
  /**
   * Papers the user pinned to this topic (`{ "pin": id, "to": name }` in `.lectern/topics.json`), a subset of
   * `paperIds` in corpus order: the tree marks them, and no split by phrase takes them out. Default: none.
   *
   * @example ['2403.01234']
   */
  pinnedIds?: string[];
}

/** A group inside a large topic: a name a researcher would write and its papers (corpus order). */
export interface Subtopic {
  /** Unique among the topic's subtopics, never the topic's own name, e.g. "Policy Gradient". */
  name: string;
  /** Ids of its papers, all members of the parent topic, in corpus order. */
  paperIds: string[];
}
