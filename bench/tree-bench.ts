import type { Paper } from '../src/core/model/paper';
import { assignTopics } from '../src/core/topics/assign-topics';
import { groupPapers } from '../src/core/tree/group-papers';
import { RelatedPapers } from '../src/core/related/related-papers';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const round = (n: number) => Number(n.toFixed(1));

/**
 * What opening the Papers view costs once the corpus is loaded: grouping every paper by topic
 * and taking the first page of the first group (what `getChildren` does), median of `rounds`.
 * `assignTopicsMs` is the one-off topic assignment when a corpus is (re)built; `relatedBuildMs` the
 * related-papers model built on first use, and `relatedQueryMs` the median of 20 "related to" lookups.
 */
export function measureTree(
  papers: Paper[],
  rounds: number,
): { openMs: number; assignTopicsMs: number; groups: number; relatedBuildMs: number; relatedQueryMs: number } {
  const started = performance.now();
  const assigned = assignTopics(
    papers.map((paper) => ({ ...paper, topics: [] })),
    {},
  );
  const assignTopicsMs = performance.now() - started;
  const input = { papers: assigned.papers, topics: assigned.topics };
  const samples: number[] = [];
  let groups = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const grouped = groupPapers(input, 'topic');
    grouped[0]?.paperIds.slice(0, 200);
    samples.push(performance.now() - t0);
    groups = grouped.length;
  }
  const relatedStarted = performance.now();
  const related = RelatedPapers.build(papers);
  const relatedBuildMs = performance.now() - relatedStarted;
  const lookups: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    related.related(papers[Math.floor((i * papers.length) / 20)].id);
    lookups.push(performance.now() - t0);
  }
  return {
    openMs: round(median(samples)),
    assignTopicsMs: round(assignTopicsMs),
    groups,
    relatedBuildMs: round(relatedBuildMs),
    relatedQueryMs: round(median(lookups)),
  };
}
