import type { TopicTaxonomy } from './assign-topics';

/** Where a curation step stands in its file: 1-based line and column, as the Problems panel counts. */
export interface StepPosition {
  line: number;
  column: number;
}

/**
 * One change the user made to the topic tree, read from the `"curation"` list of
 * `.lectern/topics.json` (see `readCuration`). Steps apply in file order, after topics are
 * assigned (see `applyCuration`), so each one acts on the tree the steps before it left.
 *
 * @example { kind: 'rename', topic: 'Shot Learning', to: 'Few-Shot Learning', file: '/w/.lectern/topics.json', at: { line: 9, column: 5 } }
 */
export type CurationStep = StepBase &
  (
    | { kind: 'rename'; topic: string; to: string }
    | { kind: 'merge'; topics: string[]; into: string }
    | { kind: 'split'; topic: string; into: string; phrase?: string; papers?: PaperRef[] }
    | { kind: 'move'; paper: PaperRef; from?: string; to: string }
    | { kind: 'pin'; paper: PaperRef; to: string }
    | { kind: 'hide'; topic: string }
  );

interface StepBase {
  /** The file the step came from, for diagnostics. */
  file: string;
  /** The position of the step's `{`. */
  at: StepPosition;
}

/** A paper id (or citekey) as written in a step, with its position (an unknown paper is reported there). */
export interface PaperRef {
  id: string;
  at: StepPosition;
}

/**
 * A taxonomy with the user's curation of the tree: what `parseTaxonomy` and `resolveTaxonomy`
 * return. It travels wherever the taxonomy does (the worker, the cache fingerprint), so every
 * corpus build applies the same curation. Default `curation`: none.
 *
 * @example { topics: [], curation: [{ kind: 'hide', topic: 'Equations', file, at }] }
 */
export interface CuratedTaxonomy extends TopicTaxonomy {
  /** The steps of every `.lectern/topics.json` (then `--taxonomy FILE`), in order. */
  curation?: CurationStep[];
}

/** The curation steps a taxonomy carries (none for a plain `TopicTaxonomy`). */
export function curationOf(taxonomy: TopicTaxonomy | undefined): CurationStep[] {
  return taxonomy && 'curation' in taxonomy && Array.isArray(taxonomy.curation) ? (taxonomy.curation as CurationStep[]) : [];
}
