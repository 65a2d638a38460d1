import { TopK } from './top-k';
import type { Lexicon } from './lexicon';
import { lsaEmbedding, type LatentSpace } from './lsa-embedding';
import { centroidsOf, mergeClosestGroups, similarities, sphericalKMeans } from './spherical-kmeans';

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

/** Terms per document vector: enough that the latent space sees most of an abstract's specific words… */
const VECTOR_TERMS = 100;
/** …except in large libraries, where the projection and naming cost grow with them (linear in n all the same). */
const LARGE_LIBRARY = 20_000;
const LARGE_LIBRARY_VECTOR_TERMS = 30;
/** Latent dimensions in a large library: every pass over all its documents costs n × groups × dims. */
const LARGE_LIBRARY_DIMS = 30;
const BIGRAM_BOOST = 1.5;
/** Phrases in more than this share of the analysed papers are too general to name a group. */
const MAX_SHARE = 0.25;
/** Terms in fewer than one in this many analysed papers (and 2) are left out of the vectors. */
const MIN_DF_DIVISOR = 2000;
/** Dimensions of the latent space the documents are clustered in (see `lsaEmbedding`). */
const LATENT_DIMS = 60;
/** A second or third group must be this close relative to the best one… */
const SECONDARY_SHARE = 0.7;
/**
 * …and at least this close in absolute terms: 0.3, or 3/√dims in fewer than 100 dimensions, where
 * unrelated documents are closer by chance (random unit vectors have cosines of about 1/√dims).
 */
const secondaryFloor = (dims: number): number => Math.max(0.3, 3 / Math.sqrt(dims));
const MAX_GROUPS_PER_DOC = 3;
/** …or this close, when the document's own words include one of the group's `SUPPORTING_TERMS` leading phrases. */
const SUPPORTED_SHARE = 0.6;
const SUPPORTING_TERMS = 3;
const NAME_CANDIDATES = 10;
/** k-means finds this many times the groups wanted before the closest are merged. */
const OVERSEGMENT = 2;
const OVERSEGMENT_MIN_DOCS = 500;

/**
 * Finds topics among documents that no taxonomy or metadata topic matched:
 *
 * 1. each document becomes a TF-IDF vector (sublinear tf) of its top 100 terms, words and two-word
 *    phrases; terms only one paper uses (or fewer than one in 2,000), or more than a quarter use
 *    (background), are skipped;
 * 2. latent semantic analysis (`lsaEmbedding`): the vectors projected on the 60 strongest singular
 *    directions of the term matrix (fewer for small sets), so that papers sharing a subject but not
 *    its exact words come close;
 * 3. spherical k-means there (`sphericalKMeans`: k-means++ seeds, restarts, the best total
 *    cosine kept) into twice the groups wanted (from 500 documents), the closest pairs then merged
 *    (`mergeClosestGroups`) down to about √n groups (at most `maxTopics`); groups smaller than `minSize`
 *    dissolve, and a document also joins the groups within `SECONDARY_SHARE` of its best, or within
 *    `SUPPORTED_SHARE` when its own words include one of the group's leading phrases (step 4's candidates);
 * 4. each group is named by the phrases its members weigh most and other papers use least
 *    (two-word phrases count 1.5×); the caller spells them as the papers do. Groups without an
 *    acceptable name dissolve and their documents join the nearest group that stays.
 *
 * Linear in the number of documents (no pairwise comparisons; the decomposition reads at most a
 * few thousand). Deterministic and independent of input order: documents are processed in an
 * order fixed by their content, random directions are drawn per term from its text, and ties are
 * broken by the terms' text.
 */
export function discoverTopics(
  lexicon: Lexicon,
  docs: TermRows,
  df: DocumentFrequency,
  analysedDocs: number,
  limits: { minSize: number; maxTopics: number; latentDims?: number; restarts?: number },
  accept?: (topic: DiscoveredTopic) => boolean,
): DiscoveredTopic[] {
  const n = docs.length;
  const vectors = documentVectors(lexicon, docs, df, analysedDocs);
  const target = Math.max(1, Math.min(limits.maxTopics, Math.round(Math.sqrt(n))));
  const { order, termOrder, termSeed } = canonicalOrders(vectors, n);
  // A small library needs fewer dimensions: about one per eight documents.
  const dims = Math.min(limits.latentDims ?? (n > LARGE_LIBRARY ? LARGE_LIBRARY_DIMS : LATENT_DIMS), Math.max(10, Math.round(n / 8)));
  const space = lsaEmbedding(vectors, order, termOrder, termSeed, dims);
  // Twice the groups wanted, then the closest merged (see `mergeClosestGroups`): NMI +0.01 on arXiv, Zotero and
  // IRIDIA over four seeds, steadier from seed to seed, no loss elsewhere (README, Topics). Not in small sets,
  // where the merging would swallow a distinctive group of three papers into a large neighbour.
  const found = n >= OVERSEGMENT_MIN_DOCS ? target * OVERSEGMENT : target;
  const assignment = sphericalKMeans(space, order, found, limits.restarts);
  if (found > target) mergeClosestGroups(space, order, assignment, found, target);
  const groups = target;
  let placement = placeDocuments(space, order, assignment, groups, limits.minSize);
  const topics = nameGroups(vectors, assignment, groups, placement.memberships, limits.minSize);
  // Groups with no name, or one the caller cannot accept, dissolve; their documents join the nearest group that stays.
  const kept = accept ? topics.filter((topic) => accept(topic)) : topics;
  const living = new Set(kept.map((topic) => topic.group));
  let dissolved = false;
  for (let d = 0; d < n; d += 1) {
    if (assignment[d] >= 0 && !living.has(assignment[d])) {
      assignment[d] = -1;
      dissolved = true;
    }
  }
  // The groups that stay keep the names they were accepted under.
  if (dissolved) placement = placeDocuments(space, order, assignment, groups, limits.minSize);
  addSupportedGroups(space, docs, placement, kept);
  const members = membersByGroup(placement.memberships, groups);
  return kept.map((topic) => ({ ...topic, members: members[topic.group] }));
}

/**
 * Documents as sparse TF-IDF vectors over compact local term ids (CSR rows). `global[local]` is
 * the lexicon's id of a local term.
 */
interface DocumentVectors {
  start: Int32Array;
  terms: Int32Array;
  weights: Float64Array;
  /** Local term → lexicon term id. */
  global: number[];
  isBigram: boolean[];
  /** A local term's place in the text order of the terms (`Lexicon.key`), for deterministic tie-breaking. */
  rank: Int32Array;
  /** The local terms in text order (`termOrder[rank[t]] = t`). */
  termOrder: Int32Array;
  /** `TermKeys.hash` of each local term. */
  hashes: Int32Array;
  /** Per document: a hash of its own terms and counts (a sum, so the order of its entries does not matter). */
  contentHash: Float64Array;
}

/** Step 1: each document's top terms as an L2-normalised TF-IDF vector (sublinear tf). */
function documentVectors(lexicon: Lexicon, docs: TermRows, df: DocumentFrequency, analysedDocs: number): DocumentVectors {
  const n = docs.length;
  const maxDf = analysedDocs >= 20 ? Math.max(2, Math.floor(analysedDocs * MAX_SHARE)) : analysedDocs;
  // A term too few papers share cannot define a group; in a large library such rare terms would crowd out the rest.
  const minDf = Math.max(2, Math.round(analysedDocs / MIN_DF_DIVISOR));
  const termKeys = lexicon.termKeys();
  // Terms used by the vectors get compact local ids (a first pass), then their text order, which breaks ties.
  const localOf = lexicon.scratchSlots();
  const global: number[] = [];
  for (let i = 0; i < docs.start[n]; i += 1) {
    const term = docs.terms[i];
    if (localOf.get(term) >= 0) continue;
    const f = df.get(term);
    if (f < minDf || f > maxDf) continue;
    localOf.set(term, global.length);
    global.push(term);
  }
  const { order: termOrder, hashes } = termKeys.sortByText(global);
  // Plain loops: a typed array's forEach or from with a function costs more than the work here.
  const rank = new Int32Array(global.length);
  for (let i = 0; i < termOrder.length; i += 1) rank[termOrder[i]] = i;
  const isBigram = global.map((term) => lexicon.isBigram(term));
  const idf = new Float64Array(global.length);
  for (let t = 0; t < global.length; t += 1) idf[t] = Math.log(analysedDocs / df.get(global[t]) + 1);
  const vectorTerms = n > LARGE_LIBRARY ? LARGE_LIBRARY_VECTOR_TERMS : VECTOR_TERMS;
  const rows = new VectorRows(n);
  const pick = new TopK((x, y) => rank[x] - rank[y]);
  const contentHash = new Float64Array(n);
  for (let d = 0; d < n; d += 1) {
    pick.reset();
    let h = 0;
    for (let i = docs.start[d]; i < docs.start[d + 1]; i += 1) {
      const id = localOf.get(docs.terms[i]);
      if (id < 0) continue;
      pick.add(id, (1 + Math.log(docs.counts[i])) * idf[id]);
      // From the document's own terms and counts, not their weights: those depend on every other paper,
      // and a paper added elsewhere in the library must not reshuffle the order (and so the topics).
      h = (h + Math.imul(hashes[id], 2654435761 + Math.round(docs.counts[i] * 1000))) | 0;
    }
    contentHash[d] = h;
    rows.appendNormalised(d, pick, pick.top(vectorTerms));
  }
  for (const term of global) localOf.set(term, -1);
  return { start: rows.start, terms: rows.terms, weights: rows.weights, global, isBigram, rank, termOrder, hashes, contentHash };
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

/** A canonical order of the documents and of the terms, and each term's seed, none depending on input or interning order. */
function canonicalOrders(
  vectors: DocumentVectors,
  n: number,
): { order: Int32Array; termOrder: Int32Array; termSeed: (t: number) => number } {
  const { hashes, contentHash, termOrder } = vectors;
  const order = Int32Array.from({ length: n }, (_, d) => d).sort((a, b) => contentHash[a] - contentHash[b]);
  return { order, termOrder, termSeed: (t) => hashes[t] };
}

/**
 * Step 3: the groups of at least `minSize` documents keep their centroids; every document joins the
 * nearest (or none, when it has no coordinates) and records its other close groups. Updates
 * `assignment` in place and returns each document's groups, best first (at most `MAX_GROUPS_PER_DOC`).
 */
function placeDocuments(space: LatentSpace, order: Int32Array, assignment: Int32Array, groups: number, minSize: number): Placement {
  const sizes = new Int32Array(groups);
  for (const g of assignment) if (g >= 0) sizes[g] += 1;
  for (let d = 0; d < assignment.length; d += 1) if (assignment[d] >= 0 && sizes[assignment[d]] < minSize) assignment[d] = -1;
  const centroids = centroidsOf(space, order, assignment, groups);
  const scores = new Float64Array(groups);
  const memberships: Membership[][] = new Array<Membership[]>(assignment.length);
  for (let d = 0; d < assignment.length; d += 1) {
    similarities(space, d, centroids, scores);
    let best = -1;
    let bestScore = 1e-6;
    for (let g = 0; g < groups; g += 1) {
      if (sizes[g] >= minSize && scores[g] > bestScore) {
        best = g;
        bestScore = scores[g];
      }
    }
    for (let g = 0; g < groups; g += 1) if (sizes[g] < minSize) scores[g] = 0;
    assignment[d] = best;
    memberships[d] = closeGroups(scores, best, secondaryFloor(space.dims));
  }
  return { memberships, centroids, live: sizes.map((size) => (size >= minSize ? 1 : 0)) };
}

/** Where `placeDocuments` put the documents: their groups, best first, the groups' centroids, and which groups live (1). */
interface Placement {
  memberships: Membership[][];
  centroids: Float64Array;
  live: Int32Array;
}

/**
 * A document whose own words include one of a group's leading phrases (its first `SUPPORTING_TERMS`
 * naming candidates) also joins that group when it is within `SUPPORTED_SHARE` of its best (and above
 * the floor): the text supports what the latent space only suggests. At most `MAX_GROUPS_PER_DOC`
 * groups in all, best first. Updates `placement.memberships` in place.
 */
function addSupportedGroups(space: LatentSpace, docs: TermRows, placement: Placement, kept: DiscoveredTopic[]): void {
  const { memberships, centroids, live } = placement;
  const groupsOfTerm = new Map<number, number[]>();
  for (const topic of kept) {
    for (const term of topic.terms.slice(0, SUPPORTING_TERMS)) groupsOfTerm.set(term, [...(groupsOfTerm.get(term) ?? []), topic.group]);
  }
  const scores = new Float64Array(live.length);
  const floorScore = secondaryFloor(space.dims);
  for (let d = 0; d < memberships.length; d += 1) {
    const own = memberships[d];
    if (own.length === 0 || own.length >= MAX_GROUPS_PER_DOC) continue;
    const supported = new Set<number>();
    for (let i = docs.start[d]; i < docs.start[d + 1]; i += 1) {
      // Most of a document's terms lead no group: no empty list made for each.
      const groups = groupsOfTerm.get(docs.terms[i]);
      if (groups !== undefined) for (const g of groups) supported.add(g);
    }
    for (const m of own) supported.delete(m.group);
    if (supported.size === 0) continue;
    similarities(space, d, centroids, scores);
    const floor = Math.max(floorScore, own[0].score * SUPPORTED_SHARE);
    for (const g of supported) if (live[g] && scores[g] >= floor) own.push({ group: g, score: scores[g] });
    own.sort((a, b) => b.score - a.score || a.group - b.group);
    own.length = Math.min(own.length, MAX_GROUPS_PER_DOC);
  }
}

/** A document's similarity to a group. */
interface Membership {
  group: number;
  score: number;
}

/** The best group and those within `SECONDARY_SHARE` of it (and above `floorScore`), best first. */
function closeGroups(scores: Float64Array, best: number, floorScore: number): Membership[] {
  if (best < 0) return [];
  const result: Membership[] = [{ group: best, score: scores[best] }];
  const floor = Math.max(floorScore, scores[best] * SECONDARY_SHARE);
  for (let g = 0; g < scores.length; g += 1) {
    if (g !== best && scores[g] >= floor) result.push({ group: g, score: scores[g] });
  }
  result.sort((a, b) => b.score - a.score || a.group - b.group);
  return result.slice(0, MAX_GROUPS_PER_DOC);
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
  const naming = new TopK((x, y) => vectors.rank[x] - vectors.rank[y]);
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
    naming.clear(holders);
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
