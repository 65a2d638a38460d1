import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Paper } from '../model/paper';
import fc from 'fast-check';
import { scanWords } from '../text/tokenize';
import { hitFor, RECENT_TEXTS } from './highlight-terms';
import { PaperSearch } from './paper-search';
import { compoundTerm, termOfFolded } from './normalize-term';

const paper = (id: string, title: string, abstract: string): Paper => ({ id, title, abstract, authors: ['Ada Lovelace'] }) as Paper;

test('highlights are the same the first time a text is seen and from the cache, for any query', () => {
  const p = paper('a', 'Self-Supervised Pre-training of Spiking Networks', 'We pre-train spiking networks; the networks spike.');
  const first = hitFor(p, 1, new Set(['spike', 'pretraining']), []);
  const again = hitFor(p, 1, new Set(['spike', 'pretraining']), []);
  assert.deepEqual(again, first);
  // `Pre-training` as the compound `pretraining`; `Spiking` is not `spike`.
  assert.deepEqual(first.matches.title, [[16, 28]]);
  const other = hitFor(p, 1, new Set(['network', 'lovelace']), [{ key: 'spikenetwork' }]);
  assert.deepEqual(other.terms, ['network', 'lovelace']);
  // Both `networks`; the phrase `spike network` is not in the text (`spiking networks`).
  assert.deepEqual(other.matches.abstract, [
    [21, 29],
    [35, 43],
  ]);
});

test('thousands of texts later, an evicted text is tokenized again with the same result', () => {
  const p = paper('b', 'Attention sinks', 'Visual attention sinks in vision-language models.');
  const first = hitFor(p, 1, new Set(['attention', 'sink']), []);
  for (let i = 0; i < 3000; i++) hitFor(paper(`n${i}`, `noise ${i}`, `abstract number ${i}`), 1, new Set(['noise']), []);
  assert.deepEqual(hitFor(p, 1, new Set(['attention', 'sink']), []), first);
  assert.deepEqual(first.matches.abstract, [
    [7, 16],
    [17, 22],
  ]);
});

// Words that fold in every way highlighting must follow: plurals (regular, `-ies`, irregular),
// case, apostrophes (ASCII and typographic), hyphenated compounds, diacritics, spelled letters,
// ligatures and stop words.
const WORDS = [
  'network',
  'Networks',
  'studies',
  'study',
  'mice',
  'mouse',
  "model's",
  'don’t',
  "don't",
  'dont',
  'pre-training',
  'Pre‐Training',
  'pretraining',
  'training',
  'Schrödinger',
  'schrodinger',
  'straße',
  'strasse',
  'ﬁlter',
  'filter',
  'μ-law',
  'mulaw',
  'the',
  'will',
  'Attention',
  'attentions',
  'classes',
  'class',
  '3D',
  'naïve',
  'state-of-the-art',
  'Self-Attention',
  'k-means',
  '“quoted”',
  'end.',
];
const SEPARATORS = [' ', ' ', ' ', ', ', '\n', ' – ', '; ', '\t'];

/** The definition highlighting must meet: every word part and hyphenated compound whose term is matched, read over the whole text. */
function expectedRanges(text: string, matched: Set<string>): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const word of scanWords(text)) {
    for (const part of word.parts) {
      const term = termOfFolded(part.folded);
      if (term !== undefined && matched.has(term)) ranges.push([part.start, part.end]);
    }
    const compound = word.parts.length > 1 ? compoundTerm(word.parts.map((part) => part.folded)) : undefined;
    if (compound !== undefined && matched.has(compound)) ranges.push([word.start, word.end]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

test('highlighted ranges are every word whose term the query matched, whatever folding the word needs (property)', () => {
  const terms = [...new Set(WORDS.flatMap((word) => scanWords(word).flatMap((w) => w.parts.map((part) => termOfFolded(part.folded)))))];
  const allTerms = [...terms, 'pretraining', 'stateoftheart', 'selfattention', 'kmean', 'mulaw', 'netw', 'stud'].filter(
    (t): t is string => t !== undefined,
  );
  let unique = 0;
  // Fill the cache of recent texts so that new texts take the windowed path (until it is full they are tokenized whole).
  for (let i = 0; i < RECENT_TEXTS; i++) hitFor(paper(`filler${i}`, `filler ${i}`, ''), 1, new Set(['filler']), []);
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 30 }),
      fc.subarray(allTerms, { minLength: 1 }),
      (words, chosen) => {
        // A text never seen before, so that it is not answered from the cache of recent texts.
        const text = `${words.map(([word, sep]) => word + sep).join('')}unique${(unique += 1)}`;
        const matched = new Set(chosen);
        const hit = hitFor(paper(`u${unique}`, 'Title', text), 1, matched, []);
        assert.deepEqual(hit.matches.abstract, expectedRanges(text, matched), text);
        const inText = new Set(scanWords(text).flatMap((w) => w.parts.map((part) => termOfFolded(part.folded))));
        for (const term of hit.terms) assert.ok(matched.has(term), term);
        for (const term of chosen) if (inText.has(term)) assert.ok(hit.terms.includes(term), `${term} in ${text}`);
      },
    ),
    { numRuns: 400 },
  );
});

test('ranges merged for one query leave the cached ranges of the next query intact', () => {
  const p = paper('c', 'Brain decoding of brain signals', 'Decoding the brain-computer interface.');
  // The phrase covers `Brain` and `decoding`: merged into one range, which must not grow the word's own.
  assert.deepEqual(hitFor(p, 1, new Set(['brain', 'decoding']), [{ key: 'braindecoding' }]).matches.title, [
    [0, 14],
    [18, 23],
  ]);
  const words = hitFor(p, 1, new Set(['brain', 'decoding']), []);
  assert.deepEqual(words.matches.title, [
    [0, 5],
    [6, 14],
    [18, 23],
  ]);
  // `brain-computer` holds `brain` as a part, and is its own compound term.
  assert.deepEqual(hitFor(p, 1, new Set(['brain']), []).matches.abstract, [[13, 18]]);
  assert.deepEqual(hitFor(p, 1, new Set(['braincomputer', 'brain']), []).matches.abstract, [[13, 27]]);
  assert.deepEqual(words.terms, ['brain', 'decoding']);
});

test('a word searched joined marks its compound, never a lone piece of it ("over" of "over-fitting" for "oversmoothing")', () => {
  // From an ICLR 2021 abstract (../shared/corpora): both compounds of "over", only one of them asked for.
  const teleport = paper(
    'teleport',
    'Teleport Graph Convolutional Networks',
    'Stacking layers leads to the over-fitting issue and over-smoothing issue.',
  );
  const spaced = paper('spaced', 'Deep graph networks', 'We study over smoothing in deep graph networks over time.');
  const index = PaperSearch.build([teleport, spaced]);
  // Not the last word, which would be read as a prefix still being typed.
  const hits = index.search('oversmoothing networks', { limit: 10 }).results;
  assert.deepEqual(hits.map((hit) => hit.id).sort(), ['spaced', 'teleport'], 'the spaced form is still found');
  const marked = (id: string) => {
    const hit = hits.find((h) => h.id === id)!;
    const text = id === 'teleport' ? teleport.abstract : spaced.abstract;
    return hit.matches.abstract.map(([s, e]) => text.slice(s, e));
  };
  assert.deepEqual(marked('teleport'), ['over-smoothing']);
  assert.deepEqual(marked('spaced'), ['over smoothing', 'networks'], 'the pieces side by side, as one span');
});
