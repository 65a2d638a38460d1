import type { Paper } from '../model/paper';
import { definedAcronyms, variantKey } from './topic-naming';
import type { Candidate, TopicRegistry } from './topic-registry';

/**
 * Makes topics whose names are variants of one another one topic, whatever their origin: "CNNs",
 * "Convolutional Networks" and "Convolutional Neural Networks"; "FT-ICR MS" and "Fourier Transform
 * Ion Cyclotron Resonance Mass Spectrometry"; "Compressed Sensing" and "Compressive Sensing" (see
 * `variantKey`; `acronyms` as the papers define them, see `libraryAcronyms`). The variant with the most candidate papers
 * names the topic (metadata first, then taxonomy, on ties the earlier registered). Rewrites
 * `candidates` in place, a paper keeping its best score for the merged topic.
 */
export function mergeVariantTopics(registry: TopicRegistry, candidates: Candidate[][], acronyms: ReadonlyMap<string, string>): void {
  const drafts = registry.drafts;
  if (drafts.length < 2) return;
  const size = new Int32Array(drafts.length);
  for (const list of candidates) for (const c of list) size[c.topic] += 1;
  const rank = (t: number): number => (drafts[t].origin === 'taxonomy' ? 2 : drafts[t].origin === 'metadata' ? 1 : 0);
  const canonical = drafts.map((_, t) => t);
  const byKey = new Map<string, number>();
  const order = drafts.map((_, t) => t).sort((a, b) => rank(b) - rank(a) || size[b] - size[a] || a - b);
  for (const t of order) {
    if (drafts[t].origin === 'taxonomy') continue; // a taxonomy's names are the user's: never merged away
    const key = variantKey(drafts[t].name, acronyms);
    const into = byKey.get(key);
    if (into === undefined) byKey.set(key, t);
    else canonical[t] = into;
  }
  if (canonical.every((c, t) => c === t)) return;
  for (let p = 0; p < candidates.length; p += 1) {
    if (!candidates[p].some((c) => canonical[c.topic] !== c.topic)) continue;
    const best = new Map<number, number>();
    for (const c of candidates[p]) best.set(canonical[c.topic], Math.max(best.get(canonical[c.topic]) ?? -Infinity, c.score));
    candidates[p] = [...best].map(([topic, score]) => ({ topic, score })).sort((a, b) => b.score - a.score || a.topic - b.topic);
  }
}

/** The acronyms a library's titles and abstracts define ("convolutional neural networks (CNNs)"). */
export function libraryAcronyms(papers: Paper[]): Map<string, string> {
  return definedAcronyms(withAcronyms(papers));
}

/** Titles and abstracts that may define an acronym ("… (CNN)"). */
function* withAcronyms(papers: Paper[]): Iterable<string> {
  for (const paper of papers) {
    if (paper.abstract.includes('(')) yield paper.abstract;
    if (paper.title.includes('(')) yield paper.title;
  }
}
