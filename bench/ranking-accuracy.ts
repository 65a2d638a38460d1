/**
 * How well an engine ranks the sample's papers: for each of the 60 sample ranking cases
 * (`test/fixtures/sample-ranking-queries.ts`), the 0-based rank of the expected sample paper among
 * the engine's first 100 results, whether it is within the case's worst acceptable rank (a top-k
 * hit), and the mean reciprocal rank. Only the sample paper itself counts: a noise paper whose
 * title happens to start with the same words does not.
 */
import type { Paper } from '../src/core/model/paper';
import { SAMPLE_RANKING_QUERIES } from '../test/fixtures/sample-ranking-queries';

/** How many results the accuracy check asks for (as the ranking test's `rankOf`). */
export const ACCURACY_LIMIT = 100;

/** One case as an engine answered it. */
export interface RankingOutcome {
  query: string;
  title: string;
  worstRank: number;
  /** 0-based rank of the expected paper, -1 when it is not among the first 100. */
  rank: number;
}

/** The accuracy of one engine over the 60 cases. */
export interface RankingAccuracy {
  cases: number;
  /** Cases whose paper is within the worst acceptable rank. */
  topKHits: number;
  /** Mean of 1 / (rank + 1), 0 for a paper not found. */
  mrr: number;
  /** The cases missed, with the rank found. */
  missed: RankingOutcome[];
}

/**
 * Runs every case through `search` (the ids of the first `ACCURACY_LIMIT` results, best first)
 * and scores the ranks against the `sample` papers.
 */
export function rankingAccuracy(sample: readonly Paper[], search: (query: string, limit: number) => string[]): RankingAccuracy {
  const titleOf = new Map(sample.map((paper) => [paper.id, paper.title]));
  const outcomes = SAMPLE_RANKING_QUERIES.map(([query, title, worstRank]): RankingOutcome => {
    const ids = search(query, ACCURACY_LIMIT);
    const rank = ids.findIndex((id) => titleOf.get(id)?.startsWith(title) === true);
    return { query, title, worstRank, rank };
  });
  const hit = (o: RankingOutcome) => o.rank >= 0 && o.rank <= o.worstRank;
  const mrr = outcomes.reduce((sum, o) => sum + (o.rank >= 0 ? 1 / (o.rank + 1) : 0), 0) / outcomes.length;
  return {
    cases: outcomes.length,
    topKHits: outcomes.filter(hit).length,
    mrr: Math.round(mrr * 1000) / 1000,
    missed: outcomes.filter((o) => !hit(o)),
  };
}
