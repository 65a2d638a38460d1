import type { Lexicon } from './lexicon';
import { compareStrings } from './text-terms';
import { TopK } from './top-k';

/** A group found by discovery: phrases that could name it and its member documents. */
export interface DiscoveredTopic {
  /** Term ids (words or bigrams) that could name the group, best first. */
  terms: number[];
  /** Per term of `terms`: the share of the analysed documents with the term that are in the group. */
  concentration: number[];
  /** The group's number (stable between `accept` and the result). */
  group: number;
  /** Documents (indexes into the `docs` given), with their similarity to the group. */
  members: Array<{ doc: number; score: number }>;
}

/** How many analysed documents contain a term (see `DocumentFrequencies`). */
interface DocumentFrequency {
  get(term: number): number;
}

/** Documents' term counts in compressed rows, to keep 100k documents off the garbage collector. */
export class TermRows {
  /** Row `d` holds entries `start[d]` to `start[d + 1]` (exclusive). */
  start = new Int32Array(1025);
  /** Term ids (see `Lexicon`). */
  terms = new Int32Array(16_384);
  /** Weighted counts, parallel to `terms`. */
  counts = new Float32Array(16_384);
  /** Number of rows (documents). */
  length = 0;

  /** Appends a copy of row `row` of `other`. */
  appendRow(other: TermRows, row: number): void {
    this.append(
      other.terms.subarray(other.start[row], other.start[row + 1]),
      other.counts.subarray(other.start[row], other.start[row + 1]),
    );
  }

  /** Appends one document's row: parallel term ids and counts, as `termCounts` returns them. */
  append(terms: ArrayLike<number>, counts: ArrayLike<number>): void {
    const from = this.start[this.length];
    const to = from + terms.length;
    if (to > this.terms.length) {
      const size = Math.max(to, this.terms.length * 2);
      const grownTerms = new Int32Array(size);
      grownTerms.set(this.terms);
      this.terms = grownTerms;
      const grownCounts = new Float32Array(size);
      grownCounts.set(this.counts);
      this.counts = grownCounts;
    }
    if (this.length + 2 > this.start.length) {
      const grown = new Int32Array(this.start.length * 2);
      grown.set(this.start);
      this.start = grown;
    }
    if (terms instanceof Int32Array && counts instanceof Float32Array) {
      this.terms.set(terms, from);
      this.counts.set(counts, from);
    } else {
      for (let i = 0; i < terms.length; i += 1) {
        this.terms[from + i] = terms[i];
        this.counts[from + i] = counts[i];
      }
    }
    this.length += 1;
    this.start[this.length] = to;
  }
}

/** Document frequencies by term id, growing with the lexicon. */
export class DocumentFrequencies {
  /** Count per term id; ids past the end count 0. */
  counts = new Int32Array(1 << 14);

  /** Counts one document's distinct terms. */
  add(terms: ArrayLike<number>): void {
    for (let i = 0; i < terms.length; i += 1) {
      const t = terms[i];
      if (t >= this.counts.length) {
        const grown = new Int32Array(Math.max(this.counts.length * 2, t + 1));
        grown.set(this.counts);
        this.counts = grown;
      }
      this.counts[t] += 1;
    }
  }

  /** Number of documents with `term`. */
  get(term: number): number {
    return term < this.counts.length ? this.counts[term] : 0;
  }
}

const KEYPHRASES_PER_DOC = 8;
const VECTOR_TERMS = 30;
const CENTROID_TERMS = 100;
/** The last pass compares documents with wider centroids, so that one whose weightiest terms are rare still finds its group. */
const FINAL_CENTROID_TERMS = 1000;
const BIGRAM_BOOST = 1.5;
/** Phrases in more than this share of the analysed papers are too general to name a group. */
const MAX_SHARE = 0.25;
/** Terms in fewer than one in this many analysed papers (and 2) are left out of the vectors. */
const MIN_DF_DIVISOR = 2000;
/** Cosine to a group's centroid a paper needs to join it: any shared weighty term. */
const MIN_SIMILARITY = 0.02;
/** A second or third group must be this close relative to the best one… */
const SECONDARY_SHARE = 0.45;
/** …and at least this close in absolute terms. */
const SECONDARY_FLOOR = 0.08;
const MAX_GROUPS_PER_DOC = 3;
const ITERATIONS = 5;
const NAME_CANDIDATES = 10;

/**
 * Finds topics among documents that no taxonomy or metadata topic matched:
 *
 * 1. each document becomes a TF-IDF vector of its top terms (words and two-word phrases; terms
 *    only one paper uses, or more than a quarter use, are skipped) and its top keyphrases (the
 *    same with phrases weighing 1.5×);
 * 2. seeds: a greedy cover picks the keyphrase shared by most not-yet-covered documents, again
 *    and again, up to about √n groups (at most `maxTopics`), each shared by `minSize` documents;
 * 3. a few rounds of spherical k-means move each document to the most similar group centroid
 *    (documents similar to none stay out; groups smaller than `minSize` dissolve);
 * 4. each group is named by the phrases its members weigh most and other papers use least
 *    (two-word phrases count 1.5×); the caller spells them as the papers do.
 *
 * Linear in the number of documents (no pairwise comparisons). Deterministic: every tie is broken
 * by the terms' text, never by input order or interning order.
 */
export function discoverTopics(
  lexicon: Lexicon,
  docs: TermRows,
  df: DocumentFrequency,
  analysedDocs: number,
  limits: { minSize: number; maxTopics: number },
  accept?: (topic: DiscoveredTopic) => boolean,
): DiscoveredTopic[] {
  const n = docs.length;
  const vectors = documentVectors(lexicon, docs, df, analysedDocs);
  const target = Math.max(1, Math.min(limits.maxTopics, Math.round(Math.sqrt(n))));
  const { assignment, groups } = seedGroups(vectors, n, target, limits.minSize);
  if (groups === 0) return [];
  let memberships = refineGroups(vectors, assignment, groups, limits.minSize, ITERATIONS);
  const topics = nameGroups(vectors, assignment, groups, memberships, limits.minSize);
  if (!accept) return topics;
  // Groups the caller cannot name dissolve; their documents join the nearest group that stays.
  const kept = topics.filter((topic) => accept(topic));
  if (kept.length === topics.length) return topics;
  const dead = new Set(topics.filter((topic) => !kept.includes(topic)).map((topic) => topic.group));
  for (let d = 0; d < n; d += 1) if (dead.has(assignment[d])) assignment[d] = -1;
  memberships = refineGroups(vectors, assignment, groups, limits.minSize, 0);
  return nameGroups(vectors, assignment, groups, memberships, limits.minSize).filter((topic) => !dead.has(topic.group));
}

/**
 * Documents as sparse TF-IDF vectors over compact local term ids (CSR rows), with their
 * keyphrases. `global[local]` is the lexicon's id of a local term.
 */
interface DocumentVectors {
  start: Int32Array;
  terms: Int32Array;
  weights: Float64Array;
  /** Local term → lexicon term id. */
  global: number[];
  isBigram: boolean[];
  /** A local term's stem text, for deterministic tie-breaking. */
  key: (local: number) => string;
  /** Per document, its top keyphrases (local ids). */
  keyphrases: number[][];
  /** Keyphrase (local id) → the documents that have it. */
  phraseDocs: Map<number, number[]>;
}

/** Step 1: each document's top terms as an L2-normalised TF-IDF vector, and its keyphrases (bigrams boosted). */
function documentVectors(lexicon: Lexicon, docs: TermRows, df: DocumentFrequency, analysedDocs: number): DocumentVectors {
  const n = docs.length;
  const maxDf = analysedDocs >= 20 ? Math.max(2, Math.floor(analysedDocs * MAX_SHARE)) : analysedDocs;
  // A term too few papers share cannot define a group; in a large library such rare terms would crowd out the rest.
  const minDf = Math.max(2, Math.round(analysedDocs / MIN_DF_DIVISOR));
  // Terms used by the vectors get compact local ids.
  const localOf = lexicon.scratchSlots();
  const global: number[] = [];
  const keys: Array<string | undefined> = [];
  const key = (local: number): string => (keys[local] ??= lexicon.key(global[local]));
  const isBigram: boolean[] = [];
  const local = (term: number): number => {
    let id = localOf.get(term);
    if (id < 0) {
      id = global.length;
      localOf.set(term, id);
      global.push(term);
      isBigram.push(lexicon.isBigram(term));
    }
    return id;
  };
  const rows = new VectorRows(n);
  const phraseDocs = new Map<number, number[]>();
  const keyphrases: number[][] = [];
  const pick = new TopK(key);
  for (let d = 0; d < n; d += 1) {
    pick.reset();
    for (let i = docs.start[d]; i < docs.start[d + 1]; i += 1) {
      const term = docs.terms[i];
      const f = df.get(term);
      if (f < minDf || f > maxDf) continue;
      pick.add(local(term), (1 + Math.log(docs.counts[i])) * Math.log(analysedDocs / f + 1));
    }
    rows.appendNormalised(d, pick, pick.top(VECTOR_TERMS));
    pick.boost((t) => (isBigram[t] ? BIGRAM_BOOST : 1));
    const phrases = pick.top(KEYPHRASES_PER_DOC).map((i) => pick.terms[i]);
    keyphrases.push(phrases);
    for (const t of phrases) {
      let list = phraseDocs.get(t);
      if (!list) phraseDocs.set(t, (list = []));
      list.push(d);
    }
  }
  for (const term of global) localOf.set(term, -1);
  return { start: rows.start, terms: rows.terms, weights: rows.weights, global, isBigram, key, keyphrases, phraseDocs };
}

/** Growing CSR rows of (local term, weight), one row per document in order. */
class VectorRows {
  readonly start: Int32Array;
  terms: Int32Array;
  weights: Float64Array;

  constructor(n: number) {
    this.start = new Int32Array(n + 1);
    this.terms = new Int32Array(n * 8 + 16);
    this.weights = new Float64Array(n * 8 + 16);
  }

  /** Row `d`: the picked terms `top` of `pick`, weights divided by their L2 norm. */
  appendNormalised(d: number, pick: TopK, top: number[]): void {
    let norm = 0;
    for (const i of top) norm += pick.weights[i] ** 2;
    norm = Math.sqrt(norm) || 1;
    const start = this.start[d];
    if (start + top.length > this.terms.length) {
      const grownTerms = new Int32Array((start + top.length) * 2);
      grownTerms.set(this.terms);
      this.terms = grownTerms;
      const grownWeights = new Float64Array((start + top.length) * 2);
      grownWeights.set(this.weights);
      this.weights = grownWeights;
    }
    for (let i = 0; i < top.length; i += 1) {
      this.terms[start + i] = pick.terms[top[i]];
      this.weights[start + i] = pick.weights[top[i]] / norm;
    }
    this.start[d + 1] = start + top.length;
  }
}

/**
 * Step 2: seeds by greedy cover — again and again, the keyphrase shared by most not-yet-covered
 * documents (bigrams 1.5×, ties by text) takes them, up to `target` groups of `minSize`.
 */
function seedGroups(vectors: DocumentVectors, n: number, target: number, minSize: number): { assignment: Int32Array; groups: number } {
  const { phraseDocs, keyphrases, isBigram, key } = vectors;
  const phrases = [...phraseDocs.keys()].filter((t) => phraseDocs.get(t)!.length >= minSize);
  const uncovered = new Int32Array(vectors.global.length);
  for (const t of phrases) uncovered[t] = phraseDocs.get(t)!.length;
  const assignment = new Int32Array(n).fill(-1);
  let groups = 0;
  while (groups < target) {
    let best = -1;
    let bestScore = 0;
    for (const t of phrases) {
      if (uncovered[t] < minSize) continue;
      const score = uncovered[t] * (isBigram[t] ? BIGRAM_BOOST : 1);
      if (score > bestScore || (score === bestScore && best >= 0 && compareStrings(key(t), key(best)) < 0)) {
        best = t;
        bestScore = score;
      }
    }
    if (best < 0) break;
    for (const d of phraseDocs.get(best)!) {
      if (assignment[d] >= 0) continue;
      assignment[d] = groups;
      for (const t of keyphrases[d]) uncovered[t] -= 1;
    }
    groups += 1;
  }
  return { assignment, groups };
}

/**
 * Step 3: rounds of spherical k-means over the seeds, updating `assignment` in place (documents
 * similar to no group get -1), then one last pass that also records each document's other close
 * groups. Returns each document's groups (best first, at most `MAX_GROUPS_PER_DOC`) with their similarity.
 */
function refineGroups(vectors: DocumentVectors, assignment: Int32Array, groups: number, minSize: number, rounds: number): Membership[][] {
  const n = assignment.length;
  const scores = new Float64Array(groups);
  const memberships: Membership[][] = new Array<Membership[]>(n);
  for (let round = 0; round <= rounds; round += 1) {
    const last = round === rounds;
    const postings = centroidPostings(vectors, assignment, groups, minSize, last ? FINAL_CENTROID_TERMS : CENTROID_TERMS);
    let changed = 0;
    for (let d = 0; d < n; d += 1) {
      scores.fill(0);
      for (let i = vectors.start[d]; i < vectors.start[d + 1]; i += 1) {
        const list = postings[vectors.terms[i]];
        if (list) for (let j = 0; j < list.length; j += 2) scores[list[j]] += vectors.weights[i] * list[j + 1];
      }
      let best = -1;
      // The last pass places every document that shares any weighty term with a group.
      let bestScore = last ? 1e-6 : MIN_SIMILARITY;
      for (let g = 0; g < groups; g += 1) {
        const score = Math.round(scores[g] * 1e9) / 1e9;
        scores[g] = score;
        if (score > bestScore) {
          best = g;
          bestScore = score;
        }
      }
      if (best !== assignment[d]) changed += 1;
      assignment[d] = best;
      if (last) memberships[d] = closeGroups(scores, best);
    }
    // Converged enough (at most 1 % of the documents moved): one last pass records the memberships.
    if (!last && changed <= n / 100) round = rounds - 1;
  }
  return memberships;
}

/** A document's similarity to a group. */
interface Membership {
  group: number;
  score: number;
}

/** The best group and those within `SECONDARY_SHARE` of it (and above `SECONDARY_FLOOR`), best first. */
function closeGroups(scores: Float64Array, best: number): Membership[] {
  if (best < 0) return [];
  const result: Membership[] = [{ group: best, score: scores[best] }];
  const floor = Math.max(SECONDARY_FLOOR, scores[best] * SECONDARY_SHARE);
  for (let g = 0; g < scores.length; g += 1) {
    if (g !== best && scores[g] >= floor) result.push({ group: g, score: scores[g] });
  }
  result.sort((a, b) => b.score - a.score || a.group - b.group);
  return result.slice(0, MAX_GROUPS_PER_DOC);
}

/** The centroids of the groups of at least `minSize` documents, as postings: term → [group, weight, group, weight, …]. */
function centroidPostings(
  vectors: DocumentVectors,
  assignment: Int32Array,
  groups: number,
  minSize: number,
  width: number,
): Array<number[] | undefined> {
  const termCount = vectors.global.length;
  const acc = new Float64Array(termCount);
  const centroid = new TopK(vectors.key);
  const byGroup = bucket(assignment, groups);
  const postings = new Array<number[] | undefined>(termCount);
  for (let g = 0; g < groups; g += 1) {
    if (byGroup[g].length < minSize) continue;
    centroid.reset();
    for (const d of byGroup[g]) {
      for (let i = vectors.start[d]; i < vectors.start[d + 1]; i += 1) {
        const t = vectors.terms[i];
        if (acc[t] === 0) centroid.add(t, 0);
        acc[t] += vectors.weights[i];
      }
    }
    centroid.setWeights(acc);
    const top = centroid.top(width).map((i) => centroid.terms[i]);
    let norm = 0;
    for (const t of top) norm += acc[t] * acc[t];
    norm = Math.sqrt(norm) || 1;
    for (const t of top) (postings[t] ??= []).push(g, acc[t] / norm);
    centroid.clear(acc);
  }
  return postings;
}

/**
 * Step 4: each group of at least `minSize` documents is named by the terms its members weigh most
 * × the share of the term's papers that are in the group (bigrams 1.5×; a bigram scoring half the
 * best word goes first). The caller spells them as the papers do.
 */
function nameGroups(
  vectors: DocumentVectors,
  assignment: Int32Array,
  groups: number,
  memberships: Membership[][],
  minSize: number,
): DiscoveredTopic[] {
  const { start, terms, weights, isBigram } = vectors;
  const termCount = vectors.global.length;
  const holdersOverall = new Int32Array(termCount);
  for (let i = 0; i < start[assignment.length]; i += 1) holdersOverall[terms[i]] += 1;
  const holders = new Int32Array(termCount);
  const acc = new Float64Array(termCount);
  const byGroup = bucket(assignment, groups);
  const members = membersByGroup(memberships, groups);
  const topics: DiscoveredTopic[] = [];
  const naming = new TopK(vectors.key);
  for (let g = 0; g < groups; g += 1) {
    const core = byGroup[g];
    if (core.length < minSize) continue;
    naming.reset();
    for (const d of core) {
      for (let i = start[d]; i < start[d + 1]; i += 1) {
        const t = terms[i];
        if (holders[t] === 0) naming.add(t, 0);
        holders[t] += 1;
        acc[t] += weights[i];
      }
    }
    const needed = Math.max(2, Math.ceil(core.length * 0.25));
    naming.setWeights(acc);
    naming.boost((t) => (holders[t] < needed ? 0 : (holders[t] / holdersOverall[t]) * (isBigram[t] ? BIGRAM_BOOST : 1)));
    const ranked = naming.top(NAME_CANDIDATES).filter((i) => holders[naming.terms[i]] >= needed);
    // A two-word phrase names a group better than a single word that scores up to twice as high.
    const phrase = ranked.find((i) => isBigram[naming.terms[i]]);
    if (phrase !== undefined && ranked[0] !== phrase && naming.weights[phrase] >= 0.5 * naming.weights[ranked[0]]) {
      ranked.splice(ranked.indexOf(phrase), 1);
      ranked.unshift(phrase);
    }
    const names = ranked.map((i) => naming.terms[i]);
    const concentration = names.map((t) => holders[t] / holdersOverall[t]);
    for (const t of naming.terms) holders[t] = 0;
    naming.clear(acc);
    if (names.length > 0) {
      topics.push({ group: g, terms: names.map((t) => vectors.global[t]), concentration, members: members[g] });
    }
  }
  return topics;
}

/** Each group's members (primary or close), in document order. */
function membersByGroup(memberships: Membership[][], groups: number): Array<Array<{ doc: number; score: number }>> {
  const result: Array<Array<{ doc: number; score: number }>> = Array.from({ length: groups }, () => []);
  memberships.forEach((list, doc) => {
    for (const { group, score } of list) result[group].push({ doc, score });
  });
  return result;
}

/** Document indexes per group, in document order. */
function bucket(assignment: Int32Array, groups: number): number[][] {
  const result: number[][] = Array.from({ length: groups }, () => []);
  for (let d = 0; d < assignment.length; d += 1) if (assignment[d] >= 0) result[assignment[d]].push(d);
  return result;
}
