import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Paper } from '../model/paper';
import { fromBase64, toBase64 } from './base64';
import { PaperSearch } from './paper-search';
import { EXACT_TOTAL_UP_TO, PHRASE_COUNT_CHECKS } from './search-options';

// Few words, drawn with a Zipf-like skew, in short fields of few lengths: papers collide on every
// word and tie on score by the dozen, which is where a pruned ranking could go wrong.
const WORDS = [
  'neural',
  'network',
  'networks',
  'spiking',
  'spike',
  'attention',
  'vision',
  'language',
  'model',
  'models',
  'brain',
  'decoding',
  'saliency',
  'maps',
  'hallucination',
  'pretraining',
  'pre',
  'training',
  'cortex',
  'visual',
  'neuron',
  'neurons',
  'learning',
  'graph',
  // Rare non-ASCII spellings: phrase checks on such texts take another path.
  'Bráin',
  'décoding',
];
const AUTHORS = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Émile Borel'];
const TOPICS = ['Spiking Neural Networks', 'Vision Transformers', 'Brain Decoding'];

const zipfWord = fc.double({ min: 0, max: 1, noNaN: true }).map((u) => WORDS[Math.floor(u * u * u * WORDS.length) % WORDS.length]);
const text = (min: number, max: number) => fc.array(zipfWord, { minLength: min, maxLength: max }).map((words) => words.join(' '));

const paperArb = fc.record({
  title: text(1, 4),
  abstract: text(0, 10),
  authors: fc.subarray(AUTHORS, { maxLength: 2 }),
  topics: fc.subarray(TOPICS, { maxLength: 1 }),
  year: fc.integer({ min: 2018, max: 2023 }),
});

/** A query token: a word, a typo of one, a phrase, a negated word or phrase, or a filter. */
const tokenArb = fc.oneof(
  { weight: 6, arbitrary: zipfWord },
  {
    weight: 2,
    arbitrary: fc.tuple(zipfWord, fc.nat()).map(([w, i]) => (w.length > 4 ? w.slice(0, i % w.length) + w.slice((i % w.length) + 1) : w)),
  },
  { weight: 1, arbitrary: fc.tuple(zipfWord, zipfWord).map(([a, b]) => `"${a} ${b}"`) },
  { weight: 1, arbitrary: zipfWord.map((w) => `"${w}"`) },
  { weight: 1, arbitrary: zipfWord.map((w) => `-${w}`) },
  { weight: 1, arbitrary: fc.tuple(zipfWord, zipfWord).map(([a, b]) => `-"${a} ${b}"`) },
  { weight: 1, arbitrary: fc.constantFrom('year:2020..', 'topic:spiking', 'author:ada', '-year:..2019', 'pre-training') },
);
/** A phrase being typed: its quote not closed yet, its last word maybe cut short or not begun (`"brain d`, `"brain `). */
const unclosedPhraseArb = fc
  .tuple(fc.array(zipfWord, { minLength: 1, maxLength: 2 }), zipfWord, fc.nat({ max: 8 }))
  .map(([words, last, keep]) => `"${words.join(' ')} ${last.slice(0, keep)}`);
/** The last word is often cut short, as while typing; some queries end in a phrase being typed. */
const queryArb = fc
  .tuple(fc.array(tokenArb, { minLength: 1, maxLength: 4 }), fc.nat({ max: 6 }), fc.option(unclosedPhraseArb, { freq: 4 }))
  .map(([tokens, cut, unclosed]) => {
    const last = tokens[tokens.length - 1];
    if (cut > 0 && /^[a-z]+$/.test(last) && last.length > cut) tokens[tokens.length - 1] = last.slice(0, last.length - cut);
    return unclosed === null ? tokens.join(' ') : [...tokens, unclosed].join(' ');
  });

function ranked(search: PaperSearch, query: string, limit: number, prune: boolean) {
  const response = search.search(query, { limit, prune, highlight: false, exactTotalUpTo: Infinity });
  return { total: response.total, hits: response.results.map((hit) => [hit.id, hit.score]) };
}

/** The pruned answer with a total threshold: same hits as the exhaustive one; total exact below the threshold, else a bounded lower bound. */
function assertThresholdAgrees(search: PaperSearch, query: string, limit: number, exactUpTo: number): void {
  const exhaustive = search.search(query, { limit, prune: false, highlight: false });
  const pruned = search.search(query, { limit, prune: true, highlight: false, exactTotalUpTo: exactUpTo });
  const hits = (r: typeof pruned) => r.results.map((hit) => [hit.id, hit.score]);
  assert.deepEqual(hits(pruned), hits(exhaustive), query);
  assert.equal(exhaustive.totalIsLowerBound, false);
  if (pruned.totalIsLowerBound) {
    assert.ok(pruned.total >= exactUpTo && pruned.total <= exhaustive.total, `${query}: ${pruned.total} of ${exhaustive.total}`);
  } else {
    assert.equal(pruned.total, exhaustive.total, query);
  }
  if (exhaustive.total < exactUpTo) assert.equal(pruned.totalIsLowerBound, false, query);
}

test('pruned ranking equals exhaustive scoring: same total, ids, order and scores, also after updates', () => {
  fc.assert(
    fc.property(
      fc.array(paperArb, { minLength: 1, maxLength: 120 }),
      fc.array(queryArb, { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 15 }),
      fc.nat({ max: 40 }),
      fc.integer({ min: 0, max: 60 }),
      (records, queries, limit, changes, exactUpTo) => {
        const papers: Paper[] = records.map((r, i) => ({ id: `p${i}`, ...r }) as Paper);
        const search = PaperSearch.build(papers.slice(changes));
        // Later papers arrive one by one (the delta segment); some leave (tombstones).
        search.add(papers.slice(0, changes));
        search.remove(papers.filter((_, i) => i % 7 === 3).map((p) => p.id));
        for (const query of queries) {
          assert.deepEqual(ranked(search, query, limit, true), ranked(search, query, limit, false), query);
          assertThresholdAgrees(search, query, limit, exactUpTo);
        }
      },
    ),
    { numRuns: 300 },
  );
});

/** The same index without word positions (as a cache written before them would load): phrases are then checked on the text alone. */
function withoutPositions(search: PaperSearch, papers: Paper[]): PaperSearch {
  const text = search.serialize('fp');
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  const header = JSON.parse(text.slice(first + 1, second)) as {
    ids: string[];
    terms: string[];
    postings: number;
    tfBytes: number;
    positionBytes?: number;
  };
  const image = fromBase64(text.slice(second + 1));
  // The image's positions sit between the per-document tables and the documents (see index-snapshot.ts).
  const keys = header.terms.length * 4 + 1;
  const positionsStart = 12 * keys + 4 * header.terms.length + 11 * header.ids.length + header.tfBytes * header.postings;
  const positionsEnd = positionsStart + header.positionBytes!;
  const stripped = new Uint8Array(image.length - header.positionBytes!);
  stripped.set(image.subarray(0, positionsStart));
  stripped.set(image.subarray(positionsEnd), positionsStart);
  const { positionBytes: _, ...rest } = header;
  const loaded = PaperSearch.load(`${text.slice(0, first)}\n${JSON.stringify(rest)}\n${toBase64(stripped)}`, 'fp', papers);
  assert.ok(loaded && !(loaded as unknown as { index: { hasPositions(): boolean } }).index.hasPositions());
  return loaded;
}

test('phrases checked on word positions rank and count as phrases checked on the text, pruned or not', () => {
  fc.assert(
    fc.property(
      fc.array(paperArb, { minLength: 1, maxLength: 120 }),
      fc.array(fc.tuple(fc.array(tokenArb, { maxLength: 2 }), unclosedPhraseArb), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 15 }),
      (records, queries, limit) => {
        const papers: Paper[] = records.map((r, i) => ({ id: `p${i}`, ...r }) as Paper);
        const search = PaperSearch.build(papers);
        const onText = withoutPositions(search, papers);
        for (const [tokens, phrase] of queries) {
          for (const query of [[...tokens, phrase].join(' '), [...tokens, `${phrase}"`].join(' ')]) {
            for (const prune of [true, false]) {
              assert.deepEqual(ranked(search, query, limit, prune), ranked(onText, query, limit, prune), query);
            }
          }
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('pruned ranking finds the best among thousands of look-alikes', () => {
  const papers: Paper[] = Array.from({ length: 4000 }, (_, i) => ({
    id: `p${i}`,
    title: i % 97 === 0 ? 'spiking attention spiking' : `noise ${WORDS[i % WORDS.length]}`,
    abstract: `attention ${WORDS[(i * 7) % WORDS.length]} ${WORDS[(i * 13) % WORDS.length]}`,
    authors: [AUTHORS[i % AUTHORS.length]],
    year: 2018 + (i % 6),
  })) as Paper[];
  const search = PaperSearch.build(papers);
  for (const query of [
    'attention',
    'spiking attention',
    'spik',
    'atention -vision',
    'attention year:2020..',
    'hallucination spiking',
    '"noise spiking" attention',
  ]) {
    assert.deepEqual(ranked(search, query, 10, true), ranked(search, query, 10, false), query);
    assertThresholdAgrees(search, query, 10, 100);
  }
  // Past the threshold the total is a lower bound, and says so.
  const common = search.search('attention year:2020..', { limit: 10, prune: true, exactTotalUpTo: 100 });
  assert.equal(common.totalIsLowerBound, true);
  assert.ok(common.total >= 100 && common.total < search.search('attention year:2020..', { limit: 10, prune: false }).total);
  // With one result wanted, few candidates are checked for the ranking: the count itself goes on to the threshold.
  const one = search.search('attention -year:..2019', { limit: 1, prune: true, exactTotalUpTo: 500 });
  assert.equal(one.totalIsLowerBound, true);
  assert.ok(one.total >= 500 && one.total < search.search('attention -year:..2019', { limit: 1, prune: false }).total, `${one.total}`);
});

test('a phrase rare among thousands of candidates ranks and counts as when checked one by one', () => {
  // Every paper holds `brain` and `decoding`, mostly apart, so the candidates are checked in bulk on positions.
  const papers: Paper[] = Array.from({ length: 3000 }, (_, i) => ({
    id: `p${i}`,
    title: i % 101 === 0 ? 'Brain decoding' : `brain ${WORDS[i % WORDS.length]} decoding`,
    abstract: i % 37 === 0 ? `the brain-decoding ${WORDS[(i * 7) % WORDS.length]}` : `decoding ${WORDS[(i * 7) % WORDS.length]} brain`,
    year: 2020,
  })) as Paper[];
  const search = PaperSearch.build(papers.slice(0, 2500));
  // Later papers in the delta segment, some earlier ones removed.
  search.add(papers.slice(2500));
  search.remove(papers.filter((_, i) => i % 202 === 0).map((p) => p.id));
  const live = papers.filter((_, i) => i % 202 !== 0);
  const onText = withoutPositions(PaperSearch.build(live), live);
  for (const query of [
    '"brain decoding"',
    '"brain decoding" spiking',
    '"brain d',
    'decoding "brain decoding" -"brain spiking"',
    '"decoding brain"',
  ]) {
    for (const limit of [1, 10, 50]) {
      assert.deepEqual(ranked(search, query, limit, true), ranked(onText, query, limit, true), query);
      assert.deepEqual(ranked(search, query, limit, false), ranked(onText, query, limit, false), query);
      assert.deepEqual(ranked(search, query, limit, true), ranked(search, query, limit, false), query);
      for (const exactUpTo of [5, 100]) assertThresholdAgrees(search, query, limit, exactUpTo);
    }
  }
  // Rare among the candidates (every paper), as the bulk check needs.
  const { total } = search.search('"brain decoding"', { limit: 0 });
  assert.ok(total > 100 && total < papers.length / 4, `${total}`);
});

/** Words sharing their first letters, as a library's completions of `co` or `pr` do (skewed: the first are common). */
const COMPLETING = [
  'control',
  'cortex',
  'coding',
  'cognitive',
  'connectivity',
  'correlation',
  'convolutional',
  'context',
  'cohort',
  'coherence',
  'process',
  'prediction',
  'prior',
  'protein',
  'prune',
];
const COMMON = ['knowledge', 'visual', 'neural', 'model', 'learning', 'brain', 'attention', 'memory'];

test('a word and the start of the next, completed to many words, rank as exhaustively', () => {
  const skewed = (words: string[]) =>
    fc.double({ min: 0, max: 1, noNaN: true }).map((u) => words[Math.floor(u * u * words.length) % words.length]);
  const word = fc.oneof({ weight: 3, arbitrary: skewed(COMMON) }, { weight: 2, arbitrary: skewed(COMPLETING) });
  const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((ws) => ws.join(' '));
  const query = fc.tuple(fc.subarray(COMMON, { minLength: 0, maxLength: 2 }), fc.constantFrom('c', 'co', 'con', 'cor', 'p', 'pr', 'pro'));
  fc.assert(
    fc.property(
      fc.array(fc.record({ title: words(1, 4), abstract: words(3, 20) }), { minLength: 200, maxLength: 600 }),
      fc.array(query, { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 12 }),
      (records, queries, limit) => {
        const search = PaperSearch.build(records.map((r, i) => ({ id: `p${i}`, year: 2020, ...r }) as Paper));
        for (const [before, typed] of queries) {
          const text = [...before, typed].join(' ');
          assert.deepEqual(ranked(search, text, limit, true), ranked(search, text, limit, false), text);
        }
      },
    ),
    { numRuns: 25 },
  );
});

test('scores of many-word queries add the words in the exhaustive order, to the last bit', () => {
  // Words of very different frequencies, so the order by frequency differs from the order typed.
  const papers: Paper[] = Array.from({ length: 3000 }, (_, i) => ({
    id: `p${i}`,
    title: [WORDS[i % 3], WORDS[3 + (i % 5)], WORDS[8 + (i % 11)], WORDS[19 + (i % 5)]].join(' '),
    abstract: Array.from({ length: 3 + (i % 9) }, (_, k) => WORDS[(i * (k + 3)) % WORDS.length]).join(' '),
    year: 2020,
  })) as Paper[];
  const search = PaperSearch.build(papers);
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 5 }), fc.integer({ min: 1, max: 30 }), (words, limit) => {
      const query = words.join(' ');
      assert.deepEqual(ranked(search, query, limit, true), ranked(search, query, limit, false), query);
    }),
    { numRuns: 200 },
  );
});

test('two or three words, one of them written as a compound, rank as exhaustively, also when no paper holds them all', () => {
  // `pre training` may be `pretraining` too: such a word is not pruned, and is scored among the other word's papers.
  // `graph` stands alone in its papers, so with it no paper holds both words and any word counts.
  const papers: Paper[] = Array.from({ length: 600 }, (_, i) => ({
    id: `p${i}`,
    title: i % 11 === 0 ? 'graph' : `${WORDS[i % 23]} ${i % 5 === 0 ? 'pre-training' : WORDS[(i * 7) % 23]}`,
    abstract: i % 11 === 0 ? 'graph graph' : Array.from({ length: 2 + (i % 6) }, (_, k) => WORDS[(i * (k + 3) + k) % 23]).join(' '),
    year: 2020,
  })) as Paper[];
  const search = PaperSearch.build(papers.slice(0, 550));
  search.add(papers.slice(550));
  search.remove(papers.filter((_, i) => i % 9 === 4).map((p) => p.id));
  const compound = fc.constantFrom('pre training', 'pre-training', 'pretraining', 'pre train', 'pre tr');
  const other = fc.oneof(
    fc.constantFrom(...WORDS.slice(0, 23), 'graph'),
    fc.constantFrom(...WORDS.slice(0, 23)).map((w) => w.slice(0, 3)),
  );
  fc.assert(
    fc.property(compound, other, fc.boolean(), fc.option(other), fc.integer({ min: 1, max: 40 }), (words, word, first, third, limit) => {
      const query = [first ? `${word} ${words}` : `${words} ${word}`, third ?? ''].join(' ').trim();
      assert.deepEqual(ranked(search, query, limit, true), ranked(search, query, limit, false), query);
    }),
    { numRuns: 300 },
  );
});

test('by default a phrase query counts only while its texts cost about what its results did, and says so; a plain query counts exactly', () => {
  const papers: Paper[] = Array.from({ length: 3000 }, (_, i) => ({
    id: `p${i}`,
    title: `${WORDS[i % WORDS.length]} language models ${WORDS[(i * 5) % WORDS.length]}`,
    abstract: i % 3 === 0 ? 'vision language models' : `models of ${WORDS[(i * 7) % WORDS.length]}`,
    year: 2020,
  })) as Paper[];
  const search = PaperSearch.build(papers);
  const query = '"language models" -"vision language"';
  const pruned = search.search(query, { limit: 5, highlight: false });
  const exhaustive = search.search(query, { limit: 5, highlight: false, prune: false });
  const hits = (r: typeof pruned) => r.results.map((hit) => [hit.id, hit.score]);
  assert.equal(exhaustive.total, 2000 - papers.filter((p, i) => i % 3 !== 0 && p.title.startsWith('vision ')).length);
  assert.deepEqual(hits(pruned), hits(exhaustive));
  // Counting read at most PHRASE_COUNT_CHECKS papers beyond the ranking's: a lower bound, said so.
  assert.equal(pruned.totalIsLowerBound, true);
  assert.ok(pruned.total >= 5 && pruned.total < 1000, `${pruned.total}`);
  // Asked for, the count goes on to the threshold, or to the end.
  const upTo = search.search(query, { limit: 5, highlight: false, exactTotalUpTo: EXACT_TOTAL_UP_TO });
  assert.deepEqual([upTo.total, upTo.totalIsLowerBound, hits(upTo)], [1000, true, hits(exhaustive)]);
  const exact = search.search(query, { limit: 5, highlight: false, exactTotalUpTo: Infinity });
  assert.deepEqual([exact.total, exact.totalIsLowerBound, hits(exact)], [exhaustive.total, false, hits(exhaustive)]);
  // A phrase whose candidates its word positions mostly rule out reads few texts: still counted exactly by default.
  const few = '"models of hallucination"';
  const fewExact = search.search(few, { limit: 5, highlight: false, prune: false }).total;
  assert.ok(fewExact > 5 && fewExact < PHRASE_COUNT_CHECKS, `${fewExact}`);
  const rare = search.search(few, { limit: 5, highlight: false });
  assert.deepEqual([rare.total, rare.totalIsLowerBound], [fewExact, false]);
  const plain = search.search('language', { limit: 5 });
  assert.deepEqual([plain.total, plain.totalIsLowerBound], [3000, false]);
  // Two free words are pruned by default, and still counted exactly, with a filter or a negated word too; and
  // asked for every match (the Papers tree's filter), the same.
  for (const words of ['language models', 'models hallucination', 'language models year:2020..', 'language models -vision']) {
    for (const limit of [5, Number.MAX_SAFE_INTEGER]) {
      const byDefault = search.search(words, { limit, highlight: false });
      const every = search.search(words, { limit, highlight: false, prune: false });
      assert.ok(every.total > 0, words);
      assert.deepEqual([byDefault.total, byDefault.totalIsLowerBound, hits(byDefault)], [every.total, false, hits(every)], words);
    }
  }
});
