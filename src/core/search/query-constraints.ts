import { foldedWords, looseKey, matchesAtWordStart, tagMatches } from './filter-match';
import { AUTHORS_FIELD } from './index-fields';
import type { InvertedIndex } from './inverted-index';
import { termOfFolded } from './normalize-term';
import type { TextFilter } from './parse-query';
import { paperHasPhrase } from './phrase-match';
import { phrasePositionCheck, type PositionCheck } from './phrase-positions';
import type { PhraseCheck, QueryPlan } from './query-plan';
import type { AnnotationLookup } from './search-options';
import type { Sparse } from './score-accumulator';

/**
 * Whether document `doc` passes. `prefilter`, when set, is a necessary condition much cheaper per
 * document than the check, with a form for many documents at once (a phrase's word positions).
 */
export type DocCheck = ((doc: number) => boolean) & { prefilter?: PositionCheck };

/**
 * Keeps the candidates that pass a plan's filters, negations and phrases, cheapest checks first.
 * `notExcluded`: whether a document holds none of the plan's negated words or phrases (undefined: none).
 */
export function applyConstraints(
  index: InvertedIndex,
  plan: QueryPlan,
  candidates: Sparse,
  annotations: AnnotationLookup | undefined,
  notExcluded: DocCheck | undefined,
): Sparse {
  const check = constraintCheck(index, plan, annotations, notExcluded);
  if (!check) return candidates;
  const may = mayPassInBulk(check, candidates.docs);
  const docs = new Int32Array(candidates.docs.length);
  const scores = new Float64Array(candidates.docs.length);
  let n = 0;
  for (let i = 0; i < candidates.docs.length; i++) {
    const doc = candidates.docs[i];
    if ((may && may[i] === 0) || !check(doc)) continue;
    docs[n] = doc;
    scores[n++] = candidates.scores[i];
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/**
 * Which of `docs` may pass (1), from the check's prefilter in bulk; undefined when there is none or
 * checking one by one is expected to cost less: few candidates, or a sample says many hold the
 * phrase (then the best ones pass soon, and a pruned search stops checking early).
 */
export function mayPassInBulk(check: DocCheck, docs: Int32Array): Uint8Array | undefined {
  const prefilter = check.prefilter;
  const n = docs.length;
  if (!prefilter || n < BULK_FROM) return undefined;
  let held = 0;
  for (let i = 0; i < SAMPLE; i++) if (prefilter(docs[Math.floor((i * n) / SAMPLE)])) held += 1;
  return held * n > SAMPLE * BULK_UP_TO_HOLDERS ? undefined : prefilter.many(docs);
}

/** Fewer candidates than this are checked one by one. */
const BULK_FROM = 512;
/** Candidates sampled to estimate how many pass the prefilter. */
const SAMPLE = 64;
/** The bulk pass runs when fewer candidates than this are expected to pass the prefilter. */
const BULK_UP_TO_HOLDERS = 4000;

/** Whether a document passes a plan's filters, negations and phrases (cheapest checks first); undefined when the plan has none. */
export function constraintCheck(
  index: InvertedIndex,
  plan: QueryPlan,
  annotations: AnnotationLookup | undefined,
  notExcluded: DocCheck | undefined,
): DocCheck | undefined {
  const checks: DocCheck[] = [];
  for (const filter of plan.filters)
    if (filter.kind === 'year') {
      const { from, to, negated } = filter;
      checks.push((doc) => {
        const year = index.yearAt(doc);
        const pass = year !== 0 && (from === undefined || year >= from) && (to === undefined || year <= to);
        return pass !== negated;
      });
    }
  if (notExcluded) checks.push(notExcluded);
  for (const filter of plan.filters) {
    if (filter.kind !== 'topic' && filter.kind !== 'author') continue;
    const marks = filter.kind === 'topic' ? topicMarks(index, filter) : authorMarks(index, filter);
    const negated = filter.negated;
    checks.push((doc) => (marks[doc] === 1) !== negated);
  }
  for (const filter of plan.filters) {
    if (filter.kind === 'tag' || filter.kind === 'status') checks.push(annotationCheck(index, filter, annotations));
  }
  for (const phrase of plan.phrases) checks.push(phraseCheck(index, phrase));
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0];
  const all: DocCheck = (doc) => {
    for (const check of checks) if (!check(doc)) return false;
    return true;
  };
  const prefilters = checks.flatMap((check) => (check.prefilter ? [check.prefilter] : []));
  if (prefilters.length > 0) all.prefilter = allOf(prefilters);
  return all;
}

/** The conjunction of position checks (each one's bulk form applied to all the documents). */
function allOf(checks: PositionCheck[]): PositionCheck {
  if (checks.length === 1) return checks[0];
  const one = (doc: number) => checks.every((check) => check(doc));
  return Object.assign(one, {
    many: (docs: Int32Array) => {
      const held = checks[0].many(docs);
      for (const check of checks.slice(1)) {
        const also = check.many(docs);
        for (let i = 0; i < held.length; i++) held[i] &= also[i];
      }
      return held;
    },
  });
}

/** Whether a document holds a phrase: its word positions first, then its text (see `phrase-positions.ts`). */
export function phraseCheck(index: InvertedIndex, phrase: PhraseCheck): DocCheck {
  const positions = phrasePositionCheck(index, phrase.key, phrase.typed);
  const onText: DocCheck = (doc) => paperHasPhrase(index.paperAt(doc), phrase, index.asciiBitsAt(doc));
  if (!positions) return onText;
  const check: DocCheck = (doc) => positions(doc) && onText(doc);
  check.prefilter = positions;
  return check;
}

/** Papers with a topic whose name has the filter's words at a word start. */
function topicMarks(index: InvertedIndex, filter: TextFilter): Uint8Array {
  const value = foldedWords(filter.value);
  const marks = new Uint8Array(index.docCount);
  for (const [name, docs] of index.topics()) if (matchesAtWordStart(foldedWords(name), value)) for (const doc of docs) marks[doc] = 1;
  return marks;
}

/** Papers with an author whose name has the filter's words at a word start (the last one as a prefix). */
function authorMarks(index: InvertedIndex, filter: TextFilter): Uint8Array {
  const marks = new Uint8Array(index.docCount);
  const value = foldedWords(filter.value);
  const tokens = value ? value.split(' ') : [];
  if (tokens.length === 0) return marks;
  // Narrow with the authors field of the index, then check the names themselves.
  let candidates: Uint8Array | undefined;
  for (let t = 0; t < tokens.length; t++) {
    const term = termOfFolded(tokens[t], true);
    if (term === undefined) continue;
    const tokenMarks = new Uint8Array(index.docCount);
    const exact = index.liveTermId(term);
    if (exact !== undefined) index.markDocs(exact, 1 << AUTHORS_FIELD, tokenMarks, 1);
    if (t === tokens.length - 1) {
      for (const [, termId] of index.termsWithPrefix(term)) index.markDocs(termId, 1 << AUTHORS_FIELD, tokenMarks, 1);
    }
    if (candidates) for (let d = 0; d < candidates.length; d++) candidates[d] &= tokenMarks[d];
    else candidates = tokenMarks;
  }
  if (!candidates) return marks;
  for (let d = 0; d < candidates.length; d++) {
    if (!candidates[d]) continue;
    const paper = index.paperAt(d);
    if (paper && (paper.authors ?? []).some((name) => matchesAtWordStart(foldedWords(name), value))) marks[d] = 1;
  }
  return marks;
}

/** The check of a `tag:` or `status:` filter against the user's notes. */
function annotationCheck(index: InvertedIndex, filter: TextFilter, lookup: AnnotationLookup | undefined): DocCheck {
  const { value, negated } = filter;
  const key = looseKey(value);
  return (doc) => {
    const note = lookup?.(index.paperAt(doc).id);
    let pass = false;
    if (note) {
      if (filter.kind === 'tag') pass = (note.tags ?? []).some((tag) => typeof tag === 'string' && tagMatches(tag, value));
      else pass = typeof note.status === 'string' && looseKey(note.status) === key;
    }
    return pass !== negated;
  };
}
