import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanWords } from '../src/core/text/tokenize';
import { STOP_WORDS } from '../src/core/text/stop-words';
import { indexTerms } from '../src/core/search/normalize-term';
import { repoRoot } from '../test/support/shared-corpora';
import { NOISE_ID_PREFIX, ZipfCorpus, readZipfSources } from './zipf-corpus';

// The sample's words only: the same corpus on every machine, and no BibTeX to read.
const sources = readZipfSources({ repoRoot, sharedCorporaDir: false });
const corpus = new ZipfCorpus(sources, 1);
const words = (text: string) => scanWords(text).map((word) => text.slice(word.start, word.end).toLowerCase());

test('the corpus is deterministic for a seed, and another seed gives other papers', () => {
  assert.deepEqual([...new ZipfCorpus(sources, 1).papers(400)], [...corpus.papers(400)]);
  const other = [...new ZipfCorpus(sources, 2).papers(400)];
  assert.notDeepEqual(
    other.map((paper) => paper.abstract),
    [...corpus.papers(400)].map((paper) => paper.abstract),
  );
});

test('noise paper i depends only on the seed and i, whatever the corpus size', () => {
  const small = [...corpus.papers(1_000)];
  const large = [...corpus.papers(5_000)];
  for (let i = 0; i < small.length; i++) {
    if (small[i].id.startsWith(NOISE_ID_PREFIX)) assert.deepEqual(small[i], corpus.noisePaper(i));
    if (large[i].id.startsWith(NOISE_ID_PREFIX)) assert.deepEqual(large[i], corpus.noisePaper(i));
  }
});

test('the 76 sample papers are hidden once each, spread through the corpus, never first or last', () => {
  const size = 10_000;
  const papers = [...corpus.papers(size)];
  assert.equal(papers.length, size);
  assert.equal(new Set(papers.map((paper) => paper.id)).size, size);
  const positions = papers.flatMap((paper, i) => (paper.id.startsWith(NOISE_ID_PREFIX) ? [] : [i]));
  assert.deepEqual(
    positions.map((i) => papers[i]),
    corpus.sample,
  );
  assert.equal(positions.length, 76);
  assert.ok(positions[0] > 0 && positions[75] < size - 1);
  const gaps = positions.slice(1).map((p, k) => p - positions[k]);
  assert.ok(Math.min(...gaps) >= size / 76 - 1 && Math.max(...gaps) <= size / 76 + 1, `gaps ${Math.min(...gaps)}…${Math.max(...gaps)}`);
});

test('abstract words follow Zipf’s law: frequency ∝ 1/rank (log-log slope near −1)', () => {
  const counts = new Map<string, number>();
  for (let i = 0; i < 3_000; i++) for (const word of words(corpus.noisePaper(i).abstract)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const frequencies = [...counts.values()].sort((a, b) => b - a);
  // Least squares of log(frequency) on log(rank) over ranks 10-1000 (the head bends, the tail is sparse).
  const points = frequencies.slice(9, 1000).map((f, k) => [Math.log(k + 10), Math.log(f)]);
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const mx = mean(points.map(([x]) => x));
  const my = mean(points.map(([, y]) => y));
  const slope = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  assert.ok(slope > -1.2 && slope < -0.8, `slope ${slope}`);
  // The most frequent words are the vocabulary's first (its real frequencies' order).
  const top = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([word]) => word);
  for (const word of top) assert.ok(sources.vocabulary.indexOf(word) < 12, `${word} at rank ${sources.vocabulary.indexOf(word)}`);
});

test('query words of the ranking cases occur in many noise abstracts, but in no noise title', () => {
  const papers = Array.from({ length: 2_000 }, (_, i) => corpus.noisePaper(i));
  for (const word of ['attention', 'hallucination', 'spiking', 'sycophancy', 'dendrites', 'connectome']) {
    const inAbstracts = papers.filter((paper) => words(paper.abstract).includes(word)).length;
    assert.ok(inAbstracts >= 20, `${word} in ${inAbstracts} of 2000 abstracts`);
  }
  const sampleTitleWords = new Set(corpus.sample.flatMap((paper) => words(paper.title)).filter((word) => !STOP_WORDS.has(word)));
  for (const paper of papers) for (const word of words(paper.title)) assert.ok(!sampleTitleWords.has(word), `${word} in "${paper.title}"`);
});

test('no noise title holds a sample title word in a form the index reads as it: a plural, a part of a compound', () => {
  // The index's term of each whole word of the sample's titles (a compound's joined term, `pretraining`).
  const sampleTitleTerms = new Set(corpus.sample.flatMap((paper) => words(paper.title).flatMap((word) => indexTerms(word).slice(-1))));
  assert.ok(sampleTitleTerms.has('connectome') && sampleTitleTerms.has('fmri') && sampleTitleTerms.has('pretraining'));
  const leaks: string[] = [];
  let withTraining = 0;
  for (let i = 0; i < 20_000; i++) {
    const terms = indexTerms(corpus.noisePaper(i).title);
    for (const term of terms) if (sampleTitleTerms.has(term)) leaks.push(`${term} in "${corpus.noisePaper(i).title}"`);
    if (terms.includes('training')) withTraining += 1;
  }
  assert.deepEqual(leaks.slice(0, 5), []);
  // A sample compound's parts stay free: `Pre-training` bars `pretraining`, not the word `training`.
  assert.ok(withTraining >= 20, `training in ${withTraining} noise titles`);
});

test('noise papers look like the sample: abstract and title lengths from its range', () => {
  const lengths = (texts: string[]) => texts.map((text) => words(text).length);
  const sampleAbstracts = lengths(corpus.sample.map((paper) => paper.abstract));
  const noise = Array.from({ length: 500 }, (_, i) => corpus.noisePaper(i));
  for (const n of lengths(noise.map((paper) => paper.abstract)))
    assert.ok(n >= Math.min(...sampleAbstracts) && n <= Math.max(...sampleAbstracts) + 5);
  for (const paper of noise) assert.ok(paper.title.length > 0 && /^\p{Lu}/u.test(paper.title), paper.title);
});
