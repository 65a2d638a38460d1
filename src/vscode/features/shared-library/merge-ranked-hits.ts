import type { SearchHit } from '../../../core/search/paper-search';

/** Where a search hit came from: the workspace's own library or the shared PostgreSQL library. */
export type HitSource = 'workspace' | 'shared';

/** A hit of the merged palette list, with its source. */
export interface SourcedHit {
  source: HitSource;
  hit: SearchHit;
  /** The paper is in both libraries (the workspace's copy is shown: its note and topics are the user's). */
  inBoth?: boolean;
}

/**
 * Reciprocal rank fusion's constant: a hit at rank r (from 0) counts 1 / (K + r + 1). 60 is the value of the
 * original paper (Cormack et al., 2009); any constant well above the list length keeps the fusion an interleave.
 */
const FUSION_K = 60;

/**
 * One ranked list from the workspace's hits and the shared library's. Their scores are on different scales (the
 * local index's BM25+ against PostgreSQL's weighted `ts_rank` × IDF), so only ranks are compared: reciprocal rank
 * fusion, which for two lists without common papers interleaves them (workspace first at equal rank) and lifts a
 * paper both libraries find. A paper in both is listed once, as the workspace's.
 *
 * @example
 * mergeRankedHits([a, b], [c], 10) // → a (workspace), c (shared), b (workspace)
 */
export function mergeRankedHits(workspace: readonly SearchHit[], shared: readonly SearchHit[], limit: number): SourcedHit[] {
  const fused = new Map<string, { entry: SourcedHit; score: number; order: number }>();
  const add = (hits: readonly SearchHit[], source: HitSource, sourceOrder: number) => {
    hits.forEach((hit, rank) => {
      const score = 1 / (FUSION_K + rank + 1);
      const known = fused.get(hit.id);
      if (known) {
        known.score += score;
        known.entry.inBoth = true;
      } else fused.set(hit.id, { entry: { source, hit }, score, order: rank * 2 + sourceOrder });
    });
  };
  add(workspace, 'workspace', 0);
  add(shared, 'shared', 1);
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, Math.max(0, limit))
    .map((item) => item.entry);
}
