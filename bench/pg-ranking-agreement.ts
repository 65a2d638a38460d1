/**
 * How far the shared library's first results agree with the local index's (`npm run bench:pg`'s
 * `rankingAgreement`): a shared-library search ranks a bounded set of candidates with the local index's scoring,
 * where the local index ranks every match, so the local first ten of the same papers are the reference. For each
 * distinct query of each workload: the share of the local first ten among the shared first ten, and whether the
 * two first tens are the same papers in the same order.
 */

/** Agreement over a workload's distinct queries. */
export interface WorkloadAgreement {
  queries: number;
  /** Mean share of the local index's first ten found among the shared library's first ten (1 when both are empty). */
  meanShareOfLocalTopTen: number;
  /** Queries whose first ten are the same papers in the same order. */
  identicalTopTen: number;
}

const TOP = 10;

/** The agreement of `shared` with `local` (each a query's result ids, best first) on each workload's distinct queries. */
export async function measureRankingAgreement(
  workloads: Record<string, readonly string[]>,
  shared: (query: string) => Promise<string[]>,
  local: (query: string) => string[],
): Promise<Record<string, WorkloadAgreement>> {
  const agreement: Record<string, WorkloadAgreement> = {};
  for (const [name, queries] of Object.entries(workloads)) {
    const distinct = [...new Set(queries)];
    let shareSum = 0;
    let identical = 0;
    for (const query of distinct) {
      const expected = local(query).slice(0, TOP);
      const got = (await shared(query)).slice(0, TOP);
      const found = new Set(got);
      shareSum += expected.length === 0 ? (got.length === 0 ? 1 : 0) : expected.filter((id) => found.has(id)).length / expected.length;
      if (expected.join('\n') === got.join('\n')) identical += 1;
    }
    agreement[name] = {
      queries: distinct.length,
      meanShareOfLocalTopTen: distinct.length === 0 ? 1 : Math.round((shareSum / distinct.length) * 1000) / 1000,
      identicalTopTen: identical,
    };
  }
  return agreement;
}
