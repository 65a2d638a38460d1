import { ALL_FIELDS } from './index-fields';
import type { InvertedIndex } from './inverted-index';
import type { ParsedQuery } from './parse-query';
import type { PostingLeaf } from './posting-leaf';
import type { LeafSlot } from './match-count';
import { CheckOnce, passingTop, passingTotal, type TotalCount } from './checked-top';
import { prunedTop } from './pruned-top';
import { applyConstraints, constraintCheck, phraseCheck, type DocCheck } from './query-constraints';
import { stopTokensStarting } from './phrase-positions';
import { planQuery, type QueryPlan, type Slot, type TermSpec } from './query-plan';
import { Accumulator, EMPTY_SPARSE, type Sparse } from './score-accumulator';
import type { AnnotationLookup, SearchSettings } from './search-options';
import { intersect, unionCounted, unionMax } from './sparse-ops';
import { expandTerm, type Expansion } from './term-expansion';

/**
 * The share of the library (in postings) a phrase being typed completes its last word within, commonest
 * completions first: each paper holding a completion and the phrase's earlier words has its word positions read
 * (`"brain dec` at 100k: 26 800 such papers for `dec`'s 48 completions, 21 ms a search; within an eighth, ~10 000, 7 ms).
 */
const TYPED_PHRASE_POSTINGS = 1 / 8;
/** Postings a phrase being typed may always complete within: a small library's every completion (they cost little). */
const TYPED_PHRASE_MIN_POSTINGS = 10_000;

/** The papers a plan matches, with scores; `scored` false for filter-only queries (all papers passing the filters, score 0). */
export interface Evaluation {
  candidates: Sparse;
  scored: boolean;
}

/** One search's working state: expansions made, per-query caches. Lives for one call; the index must not change meanwhile. */
export class QueryRun {
  private readonly expansions = new Map<string, number>();
  private readonly expansionCache = new Map<string, Expansion[]>();
  private readonly sparseCache = new Map<string, Sparse>();

  constructor(
    private readonly index: InvertedIndex,
    private readonly settings: SearchSettings,
    private readonly annotations: AnnotationLookup | undefined,
  ) {}

  /** Index terms the query's words and phrases expanded to. */
  matchedTerms(): Set<string> {
    return new Set(this.expansions.keys());
  }

  /**
   * The plan of a parsed query over this index (see `planQuery`), a phrase being typed completing its last word to
   * what that word would complete to as a free word (`TypedWord.words`: the commonest, as Elasticsearch's
   * `match_phrase_prefix` takes the first `max_expansions`), or to a stop word.
   */
  plan(parsed: ParsedQuery): QueryPlan | undefined {
    const plan = planQuery(parsed, (term) => this.index.liveTermId(term) !== undefined, this.settings.prefixMinLength);
    const maxPrefixPostings = Math.max(TYPED_PHRASE_MIN_POSTINGS, Math.floor(this.index.liveCount * TYPED_PHRASE_POSTINGS));
    for (const phrase of plan?.phrases ?? []) {
      if (!phrase.typed) continue;
      // The word's slot finds the papers, its completions the phrase: both bounded alike.
      for (const spec of phrase.slots.flatMap((slot) => slot.alternatives.flat()))
        if (spec.prefix) spec.maxPrefixPostings = maxPrefixPostings;
      const typed = phrase.key.slice(phrase.typed.from);
      const spec = { term: typed, prefix: true, fuzzy: false, maxPrefixPostings };
      // Stop words too, which a phrase holds though the index does not (`"state of th` → `the`).
      // The slot's own spec, so its expansions are made once (`specExpansions` keeps them for the slot).
      const words = [...this.specExpansions(spec, false).map((expansion) => expansion.term), ...stopTokensStarting(typed)];
      phrase.typed = { ...phrase.typed, words: new Set(words) };
    }
    return plan;
  }

  /**
   * Whether a free word being typed stands for several index terms (`co` → `co`, `control`,
   * `cortex`, …): exhaustive scoring then scores every posting of each and keeps each paper's best
   * in a second accumulator, which measured slower than pruning (`prunedTop`) at 100k papers.
   */
  expandsWidely(plan: QueryPlan): boolean {
    for (const slot of plan.soft)
      for (const alt of slot.alternatives)
        for (const spec of alt) if (spec.prefix && this.specExpansions(spec, false).length >= WIDE_EXPANSIONS) return true;
    return false;
  }

  /**
   * The papers matching a plan. `allowOr`: when requiring every word finds nothing, accept papers
   * matching any word, ranked by how many they match. `constrained` false: before the plan's filters,
   * negations and phrases (the caller applies them), for a plan with one free word at most (no `allowOr`).
   */
  evaluate(plan: QueryPlan, allowOr: boolean, constrained = true): Evaluation {
    const index = this.index;
    const required =
      plan.required.length > 0
        ? intersect(
            index,
            plan.required.map((slot) => this.slotSparse(slot, true)),
          )
        : undefined;
    if (required && required.docs.length === 0) return { candidates: EMPTY_SPARSE, scored: true };
    if (plan.soft.length === 0 && !required) {
      const docs = index.liveDocs();
      return { candidates: this.constrain({ docs, scores: new Float64Array(docs.length) }, plan), scored: false };
    }
    const softSparses = plan.soft.map((slot) => this.slotSparse(slot, true));
    let base = required;
    if (softSparses.length > 0) {
      const and = intersect(index, softSparses);
      base = required ? intersect(index, [required, and]) : and;
    }
    if (!constrained) return { candidates: base!, scored: true };
    const result = this.constrain(base!, plan);
    if (result.docs.length > 0 || !allowOr || softSparses.length < 2) return { candidates: result, scored: true };
    let or = unionCounted(index, softSparses);
    if (required) or = intersect(index, [required, or]);
    return { candidates: this.constrain(or, plan), scored: true };
  }

  /**
   * The number of matches and candidates holding the best `limit` of them, exactly scored: with
   * `prune` the pruned evaluation (`prunedTop`, whose total may stop early: `count`) when the plan
   * allows it, else every match (`evaluate`, exact total; but for a phrase, whose texts are read, as pruned: the
   * best candidates checked until `limit` pass, then counted as `count` says). Never pruned: queries of filters
   * only (ranked by year), words with a compound alternative (`pre-training` → `pre`+`training`), and settings
   * that could make a score negative.
   */
  evaluateTop(
    plan: QueryPlan,
    limit: number,
    prune: boolean,
    count: TotalCount,
  ): Evaluation & { total: number; totalIsLowerBound: boolean } {
    const known: Array<number | undefined> = [];
    const required = prune ? this.leafSlots(plan.required, known) : undefined;
    const soft = prune ? this.leafSlots(plan.soft, known) : undefined;
    if (!required || !soft || required.length + soft.length === 0) {
      if (prune && plan.phrases.length > 0 && plan.soft.length < 2) return this.checkedLate(plan, limit, count);
      const found = this.evaluate(plan, true);
      return { ...found, total: found.candidates.docs.length, totalIsLowerBound: false };
    }
    const check = constraintCheck(this.index, plan, this.annotations, this.excludedCheck(plan));
    const index = this.index;
    const sizes = { deadDocs: index.docCount - index.liveCount, known };
    const top = prunedTop(index.aliveMarks(), index.docCount, { required, soft }, limit, check, count, sizes);
    return { candidates: { docs: top.docs, scores: top.scores }, scored: true, total: top.total, totalIsLowerBound: top.totalIsLowerBound };
  }

  /** `evaluateTop` of a plan with a phrase that cannot be pruned: every match scored, the best checked (`passingTop`). */
  private checkedLate(plan: QueryPlan, limit: number, count: TotalCount): Evaluation & { total: number; totalIsLowerBound: boolean } {
    const { candidates } = this.evaluate(plan, false, false);
    const once = new CheckOnce(constraintCheck(this.index, plan, this.annotations, this.excludedCheck(plan))!, this.index.docCount);
    try {
      // Marks the candidates a bulk read of the phrase's word positions rules out, so their texts are never read.
      once.narrow(candidates.docs);
      const top = passingTop(candidates, limit, once);
      const { total, lowerBound } = passingTotal(candidates.docs, once, count);
      return { candidates: top, scored: true, total, totalIsLowerBound: lowerBound };
    } finally {
      once.clear();
    }
  }

  /**
   * The posting lists of slots for `prunedTop` (recording their expansions), or undefined when it
   * cannot take them. Appends to `known` each slot's documents when one term in every field it
   * occurs in stands for it (its document count), else undefined (see `SlotSizes`).
   */
  private leafSlots(slots: Slot[], known: Array<number | undefined>): LeafSlot[] | undefined {
    if (slots.length >= 255 || !this.settings.bm25Sane) return undefined;
    if (slots.some((slot) => slot.alternatives.some((alt) => alt.length !== 1))) return undefined;
    const { boosts, bm25 } = this.settings;
    const out: LeafSlot[] = [];
    for (const slot of slots) {
      const alternatives: PostingLeaf[][] = [];
      for (const [spec] of slot.alternatives) {
        // Each expansion is an alternative: a word scores through its best expansion (`termSparse`).
        for (const e of this.specExpansions(spec, true)) {
          const leaves = this.index.leavesOf(e.termId, e.weight, boosts, bm25, ALL_FIELDS, true, e.idfDocs);
          if (leaves.some((leaf) => !(leaf.scale > 0))) return undefined;
          if (leaves.length > 0) alternatives.push(leaves);
        }
      }
      out.push(alternatives);
      const only = alternatives.length === 1 ? this.specExpansions(slot.alternatives[0][0], false) : [];
      known.push(
        only.length === 1 && this.index.fieldsHolding(only[0].termId) === alternatives[0].length
          ? this.index.termDocCount(only[0].termId)
          : undefined,
      );
    }
    return out;
  }

  /**
   * The scored documents of a set of expansions: each document scores through its best expansion
   * (its fields summed), not their sum, so that `connectome-wide` (indexed as `connectome` and
   * `connectomewide`) counts once for `connectome`, as Lucene's dis_max does for alternatives.
   */
  termSparse(expansions: Expansion[]): Sparse {
    const acc = this.index.scratch();
    const { boosts, bm25 } = this.settings;
    if (expansions.length === 1) {
      this.index.scoreTerm(expansions[0].termId, expansions[0].weight, boosts, bm25, acc, ALL_FIELDS, expansions[0].idfDocs);
      return acc.take();
    }
    // Each expansion summed over its fields in a second accumulator, then kept by max: the same
    // operations as taking each expansion's list apart, without allocating one per expansion.
    const each = expansionScratch(this.index.docCount);
    for (const expansion of expansions) {
      this.index.scoreTerm(expansion.termId, expansion.weight, boosts, bm25, each, ALL_FIELDS, expansion.idfDocs);
      const { docs, scores, size } = each;
      for (let i = 0; i < size; i++) {
        const doc = docs[i];
        acc.addMax(doc, scores[doc]);
        scores[doc] = 0;
      }
      each.size = 0;
    }
    return acc.take();
  }

  private constrain(candidates: Sparse, plan: QueryPlan): Sparse {
    return applyConstraints(this.index, plan, candidates, this.annotations, this.excludedCheck(plan));
  }

  /**
   * Whether a document holds none of the plan's negated words and phrases; undefined when the
   * query negates nothing. A negated phrase's text is read only for documents asked about that
   * hold all its words, so a pruned search that stops early reads few texts.
   */
  private excludedCheck(plan: QueryPlan): DocCheck | undefined {
    if (plan.excluded.length === 0 && plan.excludedPhrases.length === 0) return undefined;
    const index = this.index;
    const marks = new Uint8Array(index.docCount);
    for (const slot of plan.excluded) {
      const sparse = this.slotSparse(slot, false);
      for (let i = 0; i < sparse.docs.length; i++) marks[sparse.docs[i]] = 1;
    }
    const phrases = plan.excludedPhrases.map((phrase) => {
      const withWords = new Uint8Array(index.docCount);
      const sparse = intersect(
        index,
        phrase.slots.map((slot) => this.slotSparse(slot, false)),
      );
      for (let i = 0; i < sparse.docs.length; i++) withWords[sparse.docs[i]] = 1;
      return { holds: phraseCheck(index, phrase), withWords };
    });
    return (doc) => {
      if (marks[doc] !== 0) return false;
      for (const { holds, withWords } of phrases) if (withWords[doc] !== 0 && holds(doc)) return false;
      return true;
    };
  }

  private specSparse(spec: TermSpec, record: boolean): Sparse {
    const expansions = this.specExpansions(spec, record);
    const key = specKey(spec);
    let sparse = this.sparseCache.get(key);
    if (!sparse) this.sparseCache.set(key, (sparse = this.termSparse(expansions)));
    return sparse;
  }

  /** `record`: count the expansions as matched terms (for highlighting); negated words are not. */
  private specExpansions(spec: TermSpec, record: boolean): Expansion[] {
    const key = specKey(spec);
    let expansions = this.expansionCache.get(key);
    if (!expansions) this.expansionCache.set(key, (expansions = expandTerm(this.index, this.settings, spec)));
    if (record && spec.highlight !== false)
      for (const e of expansions) if (!this.expansions.has(e.term)) this.expansions.set(e.term, e.weight);
    return expansions;
  }

  private slotSparse(slot: Slot, record: boolean): Sparse {
    const alternatives = slot.alternatives.map((alt) =>
      alt.length === 1
        ? this.specSparse(alt[0], record)
        : intersect(
            this.index,
            alt.map((spec) => this.specSparse(spec, record)),
          ),
    );
    return alternatives.length === 1 ? alternatives[0] : unionMax(this.index, alternatives);
  }
}

/** Expansions of a word being typed from which a search is pruned by default (`expandsWidely`). */
const WIDE_EXPANSIONS = 2;

/** The second accumulator of `termSparse` (searches are synchronous: one per thread is enough); empty between uses. */
let expansionAccumulator: Accumulator | undefined;

function expansionScratch(docCount: number): Accumulator {
  if (!expansionAccumulator || expansionAccumulator.scores.length < docCount)
    expansionAccumulator = new Accumulator(Math.max(16, docCount));
  return expansionAccumulator;
}

function specKey(spec: TermSpec): string {
  return `${spec.term}\u0000${spec.prefix}\u0000${spec.fuzzy}\u0000${spec.apart === true}\u0000${spec.maxPrefixPostings ?? ''}`;
}
