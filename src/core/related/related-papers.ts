import type { Paper } from '../model/paper';
import { Lexicon } from '../topics/lexicon';
import { compareStrings, termCounts, wordStream } from '../topics/text-terms';
import { surfaceForms } from '../topics/topic-names';
import { WordStream } from '../topics/word-stream';
import { TopK } from '../topics/top-k';

/** A paper similar to another one, with the terms that make them similar. */
export interface RelatedPaper {
  /** The related paper's id. */
  id: string;
  /** Its title, for display. */
  title: string;
  /** Cosine similarity of the two papers' TF-IDF vectors, 0–1. */
  score: number;
  /** The shared terms that contribute most, as the query paper spells them ("visual tokens", "LVLMs"). */
  sharedTerms: string[];
}

/** Terms kept per paper, in its vector and in the inverted index. */
const TERMS_PER_PAPER = 32;
const TITLE_WEIGHT = 3;
const BIGRAM_WEIGHT = 1.2;
/** Terms in more than this share of the papers say nothing about similarity. */
const MAX_SHARE = 0.5;
const SHARED_TERMS = 5;

/**
 * "Related papers" by TF-IDF cosine over title and abstract. Each paper is a vector of words
 * and two-word phrases (stop words and boilerplate such as "we propose" removed, plurals folded,
 * title occurrences counted three times, phrases 1.2×, weights (1 + ln tf) · ln(1 + N/df)),
 * L2-normalised. Only each paper's 32 heaviest terms are kept, in an inverted index: a query
 * walks the postings of its own 32 terms, so nothing is precomputed pairwise and 100k papers
 * cost about as much memory as 3 million postings. Scores therefore slightly under-estimate the
 * full cosine. Results are ordered by score, then id, so ties are deterministic.
 *
 * @example
 * ```ts
 * const related = RelatedPapers.build(papers); // once per corpus (PaperLibrary builds it on first use)
 * related.related('2403.01234', 3);
 * // → [{ id: '2402.11111', title: '…', score: 0.41, sharedTerms: ['visual tokens', 'attention sink', 'LVLMs'] }, …]
 * ```
 */
export class RelatedPapers {
  private scores: Float64Array;

  private constructor(
    private readonly papers: readonly Paper[],
    private readonly indexOf: Map<string, number>,
    private readonly lexicon: Lexicon,
    /** Per paper: its kept terms and weights (CSR rows). */
    private readonly rowStart: Int32Array,
    private readonly rowTerms: Int32Array,
    private readonly rowWeights: Float32Array,
    /** Per term: the papers that kept it (CSR postings). */
    private readonly postingStart: Int32Array,
    private readonly postingDocs: Int32Array,
    private readonly postingWeights: Float32Array,
  ) {
    this.scores = new Float64Array(papers.length);
  }

  /** Indexes `papers` (their order breaks no ties; a repeated id keeps its first paper). */
  static build(papers: Paper[]): RelatedPapers {
    const lexicon = new Lexicon();
    const indexOf = new Map<string, number>();
    papers.forEach((paper, p) => {
      if (!indexOf.has(paper.id)) indexOf.set(paper.id, p);
    });
    const counts = countTerms(papers, lexicon);
    const rows = keepHeaviestTerms(counts, papers.length, lexicon);
    const postings = invertRows(rows, papers.length, lexicon.size);
    const total = rows.rowStart[papers.length];
    return new RelatedPapers(
      papers.slice(),
      indexOf,
      lexicon,
      rows.rowStart,
      rows.rowTerms.slice(0, total),
      rows.rowWeights.slice(0, total),
      postings.postingStart,
      postings.postingDocs,
      postings.postingWeights,
    );
  }

  /** Papers most similar to the paper `id` (never itself), best first, at most `limit` (default 8); [] for an unknown id. */
  related(id: string, limit = 8): RelatedPaper[] {
    const q = this.indexOf.get(id);
    if (q === undefined || limit <= 0) return [];
    const scores = this.scores;
    const touched: number[] = [];
    const { rowStart, rowTerms, rowWeights, postingStart, postingDocs, postingWeights } = this;
    for (let i = rowStart[q]; i < rowStart[q + 1]; i += 1) {
      const term = rowTerms[i];
      const wq = rowWeights[i];
      for (let j = postingStart[term]; j < postingStart[term + 1]; j += 1) {
        const d = postingDocs[j];
        if (d === q) continue;
        if (scores[d] === 0) touched.push(d);
        scores[d] += wq * postingWeights[j];
      }
    }
    const ranked = touched
      .map((d) => ({ d, score: scores[d] }))
      .sort((a, b) => b.score - a.score || compareStrings(this.papers[a.d].id, this.papers[b.d].id))
      .slice(0, limit);
    for (const d of touched) scores[d] = 0;
    if (ranked.length === 0) return [];

    const query = this.papers[q];
    const queryWeight = new Map<number, number>();
    for (let i = rowStart[q]; i < rowStart[q + 1]; i += 1) queryWeight.set(rowTerms[i], rowWeights[i]);
    const forms = surfaceForms(this.lexicon, [query.title, query.abstract], queryWeight.keys(), 1);
    return ranked.map(({ d, score }) => ({
      id: this.papers[d].id,
      title: this.papers[d].title,
      score: Math.round(score * 1e6) / 1e6,
      sharedTerms: this.sharedTerms(queryWeight, d, forms),
    }));
  }

  private sharedTerms(queryWeight: Map<number, number>, d: number, forms: Map<number, string>): string[] {
    const lexicon = this.lexicon;
    const shared: Array<{ term: number; contribution: number; key: string }> = [];
    for (let i = this.rowStart[d]; i < this.rowStart[d + 1]; i += 1) {
      const wq = queryWeight.get(this.rowTerms[i]);
      if (wq !== undefined)
        shared.push({ term: this.rowTerms[i], contribution: wq * this.rowWeights[i], key: lexicon.key(this.rowTerms[i]) });
    }
    shared.sort((a, b) => b.contribution - a.contribution || compareStrings(a.key, b.key));
    // A word already said by a chosen phrase ("visual" in "visual tokens") is not repeated.
    const chosen: number[] = [];
    const words = new Set<number>();
    for (const { term } of shared) {
      if (chosen.length >= SHARED_TERMS) break;
      if (lexicon.isBigram(term)) {
        if (words.has(lexicon.first[term]) && words.has(lexicon.second[term])) continue;
        chosen.push(term);
        words.add(lexicon.first[term]);
        words.add(lexicon.second[term]);
      } else {
        if (words.has(term)) continue;
        chosen.push(term);
        words.add(term);
      }
    }
    // Overlapping phrases read as one: "vision-language" + "language models" → "vision-language models".
    const shown: string[] = [];
    const used = new Set<number>();
    for (const a of chosen) {
      if (used.has(a)) continue;
      used.add(a);
      let text = forms.get(a) ?? lexicon.key(a);
      let tail = a;
      while (lexicon.isBigram(tail)) {
        const end = lexicon.second[tail];
        const follower = chosen.find((b) => !used.has(b) && lexicon.isBigram(b) && lexicon.first[b] === end);
        if (follower === undefined) break;
        const next = forms.get(follower) ?? lexicon.key(follower);
        const firstWord = /^[\p{L}\p{N}]+/u.exec(next)?.[0] ?? '';
        text += next.slice(firstWord.length);
        used.add(follower);
        tail = follower;
      }
      shown.push(text);
    }
    return shown;
  }
}

/** Each paper's term counts (CSR rows over the lexicon) and each term's document frequency. */
interface TermCounts {
  countStart: Int32Array;
  countTerms: Int32Array;
  countValues: Float32Array;
  df: Int32Array;
}

/** Pass 1: term counts per paper (title counted TITLE_WEIGHT times, with bigrams) and document frequencies. */
function countTerms(papers: readonly Paper[], lexicon: Lexicon): TermCounts {
  const n = papers.length;
  const stream = new WordStream();
  const countStart = new Int32Array(n + 1);
  let countTerms = new Int32Array(Math.max(1024, n * 64));
  let countValues = new Float32Array(countTerms.length);
  let df = new Int32Array(1 << 16);
  for (let p = 0; p < n; p += 1) {
    const paper = papers[p];
    wordStream(lexicon, paper.title, paper.abstract, stream);
    const { terms, counts } = termCounts(lexicon, stream, { titleWeight: TITLE_WEIGHT, bigrams: true });
    const from = countStart[p];
    if (from + terms.length > countTerms.length) {
      const size = Math.max(from + terms.length, countTerms.length * 2);
      countTerms = grown(countTerms, new Int32Array(size));
      countValues = grown(countValues, new Float32Array(size));
    }
    if (lexicon.size > df.length) df = grown(df, new Int32Array(Math.max(lexicon.size, df.length * 2)));
    for (let i = 0; i < terms.length; i += 1) {
      countTerms[from + i] = terms[i];
      countValues[from + i] = counts[i];
      df[terms[i]] += 1;
    }
    countStart[p + 1] = from + terms.length;
  }
  return { countStart, countTerms, countValues, df };
}

function grown<T extends Int32Array | Float32Array>(old: T, larger: T): T {
  larger.set(old);
  return larger;
}

/** Each paper's kept terms and their L2-normalised weights (CSR rows). */
interface TermRows {
  rowStart: Int32Array;
  rowTerms: Int32Array;
  rowWeights: Float32Array;
}

/** Pass 2: TF-IDF weights; keeps each paper's TERMS_PER_PAPER heaviest informative terms (in 2 to MAX_SHARE of the papers). */
function keepHeaviestTerms({ countStart, countTerms, countValues, df }: TermCounts, n: number, lexicon: Lexicon): TermRows {
  const keyCache = new Map<number, string>();
  const key = (term: number): string => {
    let k = keyCache.get(term);
    if (k === undefined) keyCache.set(term, (k = lexicon.key(term)));
    return k;
  };
  const maxDf = n >= 20 ? Math.floor(n * MAX_SHARE) : n;
  const rowStart = new Int32Array(n + 1);
  const rowTerms = new Int32Array(n * TERMS_PER_PAPER);
  const rowWeights = new Float32Array(n * TERMS_PER_PAPER);
  const pick = TopK.byText(key);
  for (let p = 0; p < n; p += 1) {
    pick.reset();
    let norm = 0;
    for (let i = countStart[p]; i < countStart[p + 1]; i += 1) {
      const term = countTerms[i];
      const f = df[term];
      const w = (1 + Math.log(countValues[i])) * Math.log(1 + n / f) * (lexicon.isBigram(term) ? BIGRAM_WEIGHT : 1);
      norm += w * w;
      if (f >= 2 && f <= maxDf) pick.add(term, w);
    }
    norm = Math.sqrt(norm) || 1;
    const top = pick.top(TERMS_PER_PAPER);
    const from = rowStart[p];
    for (let i = 0; i < top.length; i += 1) {
      rowTerms[from + i] = pick.terms[top[i]];
      rowWeights[from + i] = pick.weights[top[i]] / norm;
    }
    rowStart[p + 1] = from + top.length;
  }
  return { rowStart, rowTerms, rowWeights };
}

/** The inverted index over the kept terms: per term, the papers that kept it and their weights (CSR postings). */
function invertRows({ rowStart, rowTerms, rowWeights }: TermRows, n: number, termCount: number) {
  const postingStart = new Int32Array(termCount + 1);
  for (let i = 0; i < rowStart[n]; i += 1) postingStart[rowTerms[i] + 1] += 1;
  for (let t = 0; t < termCount; t += 1) postingStart[t + 1] += postingStart[t];
  const fill = postingStart.slice(0, termCount);
  const postingDocs = new Int32Array(rowStart[n]);
  const postingWeights = new Float32Array(rowStart[n]);
  for (let p = 0; p < n; p += 1) {
    for (let i = rowStart[p]; i < rowStart[p + 1]; i += 1) {
      const at = fill[rowTerms[i]]++;
      postingDocs[at] = p;
      postingWeights[at] = rowWeights[i];
    }
  }
  return { postingStart, postingDocs, postingWeights };
}
