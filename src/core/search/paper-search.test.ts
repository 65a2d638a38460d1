import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { CorpusChange } from '../corpus/corpus';
import { assignIds } from '../ids/assign-ids';
import { importDailyPapers } from '../import/daily-papers-importer';
import type { Paper } from '../model/paper';
import { SAMPLE_RANKING_QUERIES } from '../../../test/fixtures/sample-ranking-queries';
import { seedCorpusPath } from '../../../test/support/shared-corpora';
import { PaperSearch, type AnnotationLookup, type SearchResponse } from './paper-search';

function loadSeed(): Paper[] {
  const text = readFileSync(seedCorpusPath, 'utf8');
  return assignIds(importDailyPapers('corpus/daily-papers.txt', text).papers).papers;
}

const seed = loadSeed();
const search = PaperSearch.build(seed);

/** 0-based rank of the first result whose title starts with `title`, or -1. */
function rankOf(index: PaperSearch, query: string, title: string): number {
  return index.search(query, { limit: 100 }).results.findIndex((hit) => hit.title.startsWith(title));
}

function titles(index: PaperSearch, query: string, limit = 10): string[] {
  return index.search(query, { limit }).results.map((hit) => hit.title);
}

test('the seed has the 76 papers the ranking cases expect', () => {
  assert.equal(seed.length, 76);
  assert.equal(search.size, 76);
});

describe('ranking on the seed', () => {
  for (const [query, title, worst] of SAMPLE_RANKING_QUERIES) {
    test(`${query} → ${title} (rank ≤ ${worst + 1})`, () => {
      const rank = rankOf(search, query, title);
      assert.ok(rank >= 0 && rank <= worst, `rank ${rank} for "${query}"; got ${JSON.stringify(titles(search, query, 5))}`);
    });
  }

  test('a typo still finds hallucination papers first', () => {
    for (const title of titles(search, 'halucination', 5)) assert.match(title, /Hallucination/);
  });

  test('a prefix finds the spiking papers first', () => {
    for (const title of titles(search, 'spik', 3)) assert.match(title, /Spiking Neural Networks/);
  });

  test('plural and singular, hyphenated and joined forms give the same results', () => {
    const same = (a: string, b: string) =>
      assert.deepEqual(
        search.search(a, { limit: 100 }).results.map((h) => h.id),
        search.search(b, { limit: 100 }).results.map((h) => h.id),
        `${a} vs ${b}`,
      );
    same('transformer', 'transformers');
    same('hallucination', 'hallucinations');
    same('neural networks', 'neural network');
    same('μ-bench', 'mu-bench');
    same('Müller', 'muller');
  });

  test('phrases are checked on the text', () => {
    const phrase = search.search('"brain decoding"', { limit: 100 });
    assert.ok(phrase.total >= 2);
    const loose = search.search('brain decoding', { limit: 100 });
    assert.ok(loose.total > phrase.total, 'the words alone match more papers than the phrase');
    assert.equal(search.search('"decoding brain"').total, 0);
  });

  test('warm prepares the word positions the first phrase reads, and the phrase finds the same papers', () => {
    const fresh = PaperSearch.build(seed);
    const blocks = () => (fresh as unknown as { index: { state: { positionBlocks?: Uint32Array } } }).index.state.positionBlocks;
    assert.equal(blocks(), undefined);
    fresh.warm();
    assert.ok(blocks() && blocks()!.length > 0);
    const ids = (s: PaperSearch) => s.search('"brain decoding"', { limit: 100 }).results.map((hit) => hit.id);
    assert.deepEqual(ids(fresh), ids(search));
  });

  test('a phrase being typed completes to its commonest words within an eighth of a large library', () => {
    // 11 000 papers write `brain decay`, covering more postings than a phrase being typed reads at this size.
    const many = Array.from({ length: 11_000 }, (_, i) => ({ id: `decay-${i}`, title: `Brain decay ${i}`, abstract: '' }) as Paper);
    const rare = Array.from({ length: 5 }, (_, i) => ({ id: `decoding-${i}`, title: `Brain decoding ${i}`, abstract: '' }) as Paper);
    const large = PaperSearch.build([...many, ...rare]);
    // Every match, to see that none is a `decoding` paper: `decay` alone covers the postings allowed.
    const typed = large.search('"brain dec', { limit: 20_000 });
    assert.equal(typed.results.length, many.length);
    assert.ok(typed.results.every((hit) => hit.id.startsWith('decay-')));
    assert.deepEqual(
      large
        .search('"brain deco', { limit: 20 })
        .results.map((hit) => hit.id)
        .sort(),
      rare.map((paper) => paper.id),
    );
  });

  test('a phrase being typed narrows letter by letter to the phrase, never to nothing, its spans highlighted', () => {
    const typed = '"brain decoding"';
    const exact = search.search(typed, { limit: 100 });
    let before = search.search('"brain', { limit: 100 });
    const ids = (response: SearchResponse) => response.results.map((hit) => hit.id);
    for (let end = '"brain d'.length; end < typed.length; end++) {
      const now = search.search(typed.slice(0, end), { limit: 100 });
      const ids = new Set(before.results.map((hit) => hit.id));
      assert.ok(now.total >= exact.total && now.total <= before.total, typed.slice(0, end));
      assert.ok(
        now.results.every((hit) => ids.has(hit.id)),
        `${typed.slice(0, end)}: only papers the shorter phrase found`,
      );
      before = now;
    }
    assert.deepEqual(
      before.results.map((hit) => hit.id),
      exact.results.map((hit) => hit.id),
    );
    // Two letters are not completed yet: `"brain di` is `"brain"`. From three, every hit shows the completed span.
    assert.deepEqual(ids(search.search('"brain di', { limit: 100 })), ids(search.search('"brain"', { limit: 100 })));
    for (const [typing, span] of [
      ['"brain dif', /^brain diffusion$/i],
      ['"brain dec', /^brain decoding$/i],
    ] as const) {
      const found = search.search(typing, { limit: 100 });
      assert.ok(found.total > 0, typing);
      for (const hit of found.results) {
        const paper = seed.find((p) => p.id === hit.id)!;
        const spans = [
          ...hit.matches.title.map(([a, b]) => paper.title.slice(a, b)),
          ...hit.matches.abstract.map(([a, b]) => paper.abstract.slice(a, b)),
        ];
        assert.ok(
          spans.some((text) => span.test(text)),
          `${typing} in ${paper.title}: ${JSON.stringify(spans)}`,
        );
      }
    }
    // Closed, or followed by a space, the phrase is exact again; a negated phrase being typed stays exact.
    assert.equal(search.search('"brain decod"').total, 0);
    assert.equal(search.search('"brain decod ').total, 0);
    assert.equal(search.search('brain -"brain decod', { limit: 100 }).total, search.search('brain', { limit: 100 }).total);
  });

  test('when no paper has every word, papers with some of them are returned', () => {
    const response = search.search('attention xyzzyq');
    assert.ok(response.total > 0);
    assert.match(response.results[0].title, /Attention/);
  });

  test('negated words exclude papers', () => {
    const all = search.search('attention', { limit: 100 }).results.map((h) => h.id);
    const some = search.search('attention -vision', { limit: 100 }).results.map((h) => h.id);
    assert.ok(some.length > 0 && some.length < all.length);
    for (const id of some) {
      const paper = seed.find((p) => p.id === id)!;
      assert.doesNotMatch(`${paper.title} ${paper.abstract}`, /\bvision\b/i);
    }
    const noPhrase = search.search('attention -"vision-language"', { limit: 100 }).results.map((h) => h.id);
    assert.ok(noPhrase.length > some.length && noPhrase.length < all.length);
    assert.equal(search.search('-attention').total + all.length, seed.length);
  });

  test('an empty query, or one of stop words only, returns nothing', () => {
    assert.deepEqual(search.search(''), { query: '', total: 0, totalIsLowerBound: false, results: [] });
    assert.deepEqual(search.search('   ').results, []);
    assert.deepEqual(search.search('the of and').results, []);
  });

  test('limit caps the results but not the total', () => {
    const response = search.search('attention', { limit: 3 });
    assert.equal(response.results.length, 3);
    assert.ok(response.total > 3);
    assert.equal(search.search('attention', { limit: 0 }).results.length, 0);
  });

  test('highlight: false keeps ids, scores and order but skips terms and ranges', () => {
    const full = search.search('visual attention', { limit: Number.MAX_SAFE_INTEGER });
    const bare = search.search('visual attention', { limit: Number.MAX_SAFE_INTEGER, highlight: false });
    assert.equal(bare.total, full.total);
    assert.equal(bare.results.length, full.total);
    assert.deepEqual(
      bare.results.map((h) => [h.id, h.score]),
      full.results.map((h) => [h.id, h.score]),
    );
    for (const hit of bare.results) assert.deepEqual([hit.terms, hit.matches], [[], { title: [], abstract: [] }]);
  });

  test('results are sorted by score', () => {
    const scores = search.search('visual attention', { limit: 100 }).results.map((h) => h.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });
});

describe('phrases', () => {
  const base = seed[0];
  const make = (id: string, title: string, abstract: string): Paper => ({
    ...base,
    id,
    title,
    abstract,
    authors: [],
    keywords: [],
    topics: [],
  });
  const index = PaperSearch.build([
    make('a', 'Brain-Decoding of Café Visuals', 'We study the STATE OF THE ART in brain decoding.'),
    make('b', 'Affairs', 'The state of affairs is art. Pre training objective.'),
    make('c', 'Models', 'State-of-the-art café models’ results with a pre-training objective.'),
    make('d', 'Studies', "Two studies of the mice's brains."),
  ]);
  const ids = (query: string) =>
    index
      .search(query)
      .results.map((h) => h.id)
      .sort();

  test('match across case, hyphens, joined forms and diacritics', () => {
    assert.deepEqual(ids('"state of the art"'), ['a', 'c']);
    // A joined word finds joined and hyphenated forms only (the index has no word pairs).
    assert.deepEqual(ids('"stateoftheart"'), ['c']);
    assert.deepEqual(ids('"brain decoding"'), ['a']);
    assert.deepEqual(ids('"cafe visuals"'), ['a']);
    assert.deepEqual(ids('"café models"'), ['c']);
    assert.deepEqual(ids('"pre training objective"'), ['b', 'c']);
    assert.deepEqual(ids('"pretraining objective"'), ['c']);
    assert.deepEqual(ids('"study of the mouse brain"'), ['d']);
  });

  test('do not match words out of order or apart', () => {
    assert.deepEqual(ids('"art of the state"'), []);
    assert.deepEqual(ids('"state art"'), []);
    assert.deepEqual(ids('"decoding brain"'), []);
  });

  test('negated phrases exclude only papers holding the phrase', () => {
    assert.deepEqual(ids('art -"state of the art"'), ['b']);
  });
});

describe('match ranges', () => {
  const slices = (text: string, ranges: Array<[number, number]>) => ranges.map(([a, b]) => text.slice(a, b));

  test('point at the matched words of the title', () => {
    const hit = search.search('attention sink').results[0];
    assert.deepEqual(slices(hit.title, hit.matches.title), ['Attention', 'Sink']);
    assert.deepEqual(hit.terms, ['attention', 'sink']);
  });

  test('cover prefix, fuzzy and plural matches', () => {
    let hit = search.search('spik').results[0];
    assert.deepEqual(slices(hit.title, hit.matches.title), ['Spiking']);
    hit = search.search('halucination').results[0];
    assert.deepEqual(slices(hit.title, hit.matches.title), ['Hallucination']);
    hit = search.search('dendrite').results[0];
    const paper = seed.find((p) => p.id === hit.id)!;
    assert.ok(slices(paper.abstract, hit.matches.abstract).includes('dendrites'));
  });

  test('cover a hyphenated word whole and a phrase as one range', () => {
    let hit = search.search('pre-training').results[0];
    assert.deepEqual(slices(hit.title, hit.matches.title), ['Pre-training']);
    // The word whole, not its piece `bench` alone in `Benchmark`.
    hit = search.search('μ-bench').results[0];
    assert.deepEqual(slices(hit.title, hit.matches.title), ['μ-Bench']);
    hit = search.search('"brain decoding"').results[0];
    assert.deepEqual(slices(hit.title, hit.matches.title), ['Brain Decoding']);
  });

  test('every abstract range normalizes to a matched term', () => {
    for (const query of ['visual attention', 'neural representations', 'halucination', 'spik']) {
      for (const hit of search.search(query).results) {
        const paper = seed.find((p) => p.id === hit.id)!;
        for (const [start, end] of hit.matches.abstract) {
          assert.ok(start >= 0 && end <= paper.abstract.length && start < end);
        }
        assert.ok(hit.terms.length > 0);
      }
    }
  });
});

describe('filters', () => {
  const topicOf = (paper: Paper): string[] => {
    if (/spiking/i.test(paper.title)) return ['Spiking Neural Networks'];
    if (/hallucination/i.test(paper.title)) return ['Hallucination in Vision-Language Models'];
    if (/brain decoding|fMRI/i.test(paper.title)) return ['Brain Decoding from fMRI/MEG'];
    return [];
  };
  const papers: Paper[] = seed.map((paper, i) => ({
    ...paper,
    year: i % 11 === 10 ? undefined : 2014 + (i % 10),
    authors: i % 7 === 0 ? ['Geoffrey Hinton', 'Zoë Müller'] : ['Ada Lovelace'],
    topics: topicOf(paper),
  }));
  const index = PaperSearch.build(papers);
  const byId = new Map(papers.map((p) => [p.id, p]));
  const all = (query: string, options: { annotations?: AnnotationLookup } = {}) => index.search(query, { limit: 1000, ...options });

  test('year: a single year, sorted by title when only filters are given', () => {
    const response = all('year:2021');
    const expected = papers.filter((p) => p.year === 2021);
    assert.equal(response.total, expected.length);
    assert.deepEqual(
      response.results.map((h) => h.title),
      expected.map((p) => p.title).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    for (const hit of response.results) assert.equal(hit.score, 0);
  });

  test('year ranges, sorted by year (newest first) then title', () => {
    const response = all('year:2019..2021');
    assert.equal(response.total, papers.filter((p) => p.year !== undefined && p.year >= 2019 && p.year <= 2021).length);
    const years = response.results.map((h) => byId.get(h.id)!.year!);
    assert.deepEqual(
      years,
      [...years].sort((a, b) => b - a),
    );
    assert.ok(all('year:2022..').results.every((h) => byId.get(h.id)!.year! >= 2022));
    assert.ok(all('year:..2015').results.every((h) => byId.get(h.id)!.year! <= 2015));
    assert.equal(all('-year:2014..2023').total, papers.filter((p) => p.year === undefined).length);
  });

  test('year with words ranks by score within the years', () => {
    const response = all('attention year:2016..2020');
    assert.ok(response.total > 0);
    for (const hit of response.results) {
      const year = byId.get(hit.id)!.year!;
      assert.ok(year >= 2016 && year <= 2020);
      assert.ok(hit.score > 0);
    }
  });

  test('topic: prefix and case-insensitive, quoted names, word starts, negation', () => {
    const spiking = papers
      .filter((p) => p.topics.includes('Spiking Neural Networks'))
      .map((p) => p.id)
      .sort();
    assert.equal(spiking.length, 3);
    for (const query of ['topic:spiking', 'topic:SPIK', 'topic:"Spiking Neural Networks"', 'topic:neural']) {
      assert.deepEqual(
        all(query)
          .results.map((h) => h.id)
          .sort(),
        spiking,
        query,
      );
    }
    assert.equal(all('topic:fmri').total, papers.filter((p) => p.topics[0] === 'Brain Decoding from fMRI/MEG').length);
    assert.equal(all('-topic:spiking').total, papers.length - 3);
    assert.equal(all('topic:nonexistent').total, 0);
    assert.equal(rankOf(index, 'hebbian topic:spiking', 'Hebbian Learning'), 0);
    assert.equal(all('hebbian topic:hallucination').total, 0);
  });

  test('author: word prefixes, diacritics folded', () => {
    const expected = papers.filter((p) => p.authors.includes('Geoffrey Hinton')).length;
    for (const query of ['author:hinton', 'author:Hint', 'author:"geoffrey hinton"', 'author:müller', 'author:muller', 'author:zoe']) {
      assert.equal(all(query).total, expected, query);
    }
    assert.equal(all('author:"hinton geoffrey"').total, 0);
    assert.equal(all('author:lovelace').total, papers.length - expected);
  });

  test('tag: and status: come from the annotation lookup', () => {
    const ids = papers.slice(0, 5).map((p) => p.id);
    const annotations: AnnotationLookup = (id) => {
      const i = ids.indexOf(id);
      if (i < 0) return undefined;
      return { status: i < 2 ? 'reading' : 'to-read', tags: i === 0 ? ['ML/Vision', 'neuro'] : ['neuro'] };
    };
    assert.equal(all('status:reading', { annotations }).total, 2);
    assert.equal(all('status:to-read', { annotations }).total, 3);
    assert.equal(all('status:"to read"', { annotations }).total, 3);
    assert.equal(all('tag:neuro', { annotations }).total, 5);
    assert.equal(all('tag:ml', { annotations }).total, 1);
    assert.equal(all('tag:ml/vision', { annotations }).total, 1);
    assert.equal(all('tag:neuro -status:reading', { annotations }).total, 3);
    assert.equal(all('status:reading').total, 0, 'no lookup: nothing has a status');
  });
});

describe('autoSuggest', () => {
  test('completes the last word', () => {
    const suggestions = search.autoSuggest('hallu');
    assert.equal(suggestions[0].suggestion, 'hallucination');
    assert.deepEqual(suggestions[0].terms, ['hallucination']);
  });

  test('keeps the earlier words and narrows by them', () => {
    const suggestions = search.autoSuggest('neural spi');
    assert.equal(suggestions[0].suggestion, 'neural spiking');
    assert.deepEqual(suggestions[0].terms, ['neural', 'spiking']);
    const scores = suggestions.map((s) => s.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  test('completes the last part of a hyphenated word', () => {
    assert.ok(search.autoSuggest('pre-tr').some((s) => s.suggestion === 'pre-training'));
  });

  test('nothing for unknown prefixes, a trailing space, or an empty query; limit respected', () => {
    assert.deepEqual(search.autoSuggest('xyzq'), []);
    assert.deepEqual(search.autoSuggest('neural '), []);
    assert.deepEqual(search.autoSuggest(''), []);
    assert.equal(search.autoSuggest('co', 3).length, 3);
  });
});

describe('cache', () => {
  const queries = [
    'attention sink',
    'halucination',
    'spik',
    '"brain decoding"',
    'pre-training',
    'μ-Bench',
    'neural spi',
    'attention -vision',
    'visual',
  ];

  test('serialize then load gives identical results', () => {
    const text = search.serialize('fp-1');
    const loaded = PaperSearch.load(text, 'fp-1', seed);
    assert.ok(loaded);
    for (const query of queries) assert.deepEqual(loaded.search(query), search.search(query), query);
    assert.deepEqual(loaded.autoSuggest('neural spi'), search.autoSuggest('neural spi'));
    // A loaded index serializes to the same text.
    assert.equal(loaded.serialize('fp-1'), text);
  });

  test('load returns undefined for another fingerprint, another format version, damage or other papers', () => {
    const text = search.serialize('fp-1');
    assert.equal(PaperSearch.load(text, 'fp-2', seed), undefined);
    assert.equal(PaperSearch.load(text.replace(/"version":\d+/, '"version":0'), 'fp-1', seed), undefined);
    assert.equal(PaperSearch.load(text.slice(0, text.length - 200), 'fp-1', seed), undefined);
    assert.equal(PaperSearch.load('not an index', 'fp-1', seed), undefined);
    assert.equal(PaperSearch.load('', 'fp-1', seed), undefined);
    assert.equal(PaperSearch.load(text, 'fp-1', seed.slice(1)), undefined);
  });
});

describe('incremental updates', () => {
  const queries = [
    'attention',
    'attention sink',
    'halucination',
    'spik',
    'neurof',
    '"brain decoding"',
    'pre-training',
    'pre training',
    'μ-Bench',
    'vision language',
    'neural spi',
    'attention xyzzyq',
    'hallucination -vision',
    'representation',
    'co',
  ];
  const compare = (actual: PaperSearch, expected: PaperSearch) => {
    for (const query of queries) assert.deepEqual(actual.search(query, { limit: 100 }), expected.search(query, { limit: 100 }), query);
    for (const prefix of ['neural spi', 'hallu', 'co']) assert.deepEqual(actual.autoSuggest(prefix), expected.autoSuggest(prefix), prefix);
  };
  const edit = (paper: Paper): Paper => ({
    ...paper,
    title: `${paper.title} Revisited`,
    abstract: `${paper.abstract} We also study attention sinks and spiking hallucinations.`,
  });

  test('applyChange after removing, adding and changing papers equals a fresh build', () => {
    const before = seed.slice(0, 60);
    const index = PaperSearch.build(before);
    const removed = before.filter((_, i) => i % 9 === 0);
    const changed = before.filter((_, i) => i % 9 === 4).map(edit);
    const added = seed.slice(60);
    const change: CorpusChange = { added, removed, changed };
    index.applyChange(change);
    const changedById = new Map(changed.map((p) => [p.id, p]));
    const after = [...before.filter((p) => !removed.includes(p)).map((p) => changedById.get(p.id) ?? p), ...added];
    const fresh = PaperSearch.build(after);
    assert.equal(index.size, after.length);
    compare(index, fresh);
    index.vacuum();
    compare(index, fresh);
    const reloaded = PaperSearch.load(index.serialize('x'), 'x', after);
    assert.ok(reloaded);
    compare(reloaded, fresh);
  });

  test('add, replace and remove round-trip to the original results', () => {
    const index = PaperSearch.build(seed.slice(0, 70));
    index.add(seed.slice(70));
    compare(index, search);
    index.add(seed.slice(0, 10).map(edit));
    index.add(seed.slice(0, 10));
    compare(index, search);
    index.remove(['no-such-id', seed[3].id]);
    index.add([seed[3]]);
    compare(index, search);
    for (let round = 0; round < 5; round++) index.add(seed);
    compare(index, search);
  });

  test('removing everything leaves an empty index that can grow again', () => {
    const index = PaperSearch.build(seed);
    index.remove(seed.map((p) => p.id));
    assert.equal(index.size, 0);
    assert.deepEqual(index.search('attention').results, []);
    assert.deepEqual(index.autoSuggest('att'), []);
    index.vacuum();
    index.add(seed);
    compare(index, search);
  });

  test('an empty index answers every query with nothing', () => {
    const empty = PaperSearch.build([]);
    assert.deepEqual(empty.search('attention'), { query: 'attention', total: 0, totalIsLowerBound: false, results: [] });
    assert.deepEqual(empty.search('year:2020').results, []);
    const loaded = PaperSearch.load(empty.serialize('e'), 'e', []);
    assert.ok(loaded);
    assert.equal(loaded.size, 0);
  });
});

describe('robustness', () => {
  const syntax = fc.constantFrom(
    '"',
    '-',
    ':',
    'topic:',
    'year:',
    'author:',
    'tag:',
    'status:',
    '..',
    '2020',
    'μ',
    'pre-training',
    ' ',
    '  ',
    'spik',
    'attention',
    '“',
    '”',
    "'s",
    '’',
    '\u0301',
    '𝐱',
    '\ud800',
    'ﬁ',
    '(',
    ')',
    '*',
    '\\',
    '-"',
    'year:2020..',
    'topic:"',
  );
  const queryArbitrary = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.oneof(syntax, fc.string({ maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join('')),
  );

  test('search and autoSuggest never throw and respect the limit', () => {
    const annotations: AnnotationLookup = () => ({ status: 'reading', tags: ['a'] });
    fc.assert(
      fc.property(queryArbitrary, fc.integer({ min: 0, max: 20 }), (query, limit) => {
        const response = search.search(query, { limit, annotations });
        assert.ok(response.results.length <= limit);
        assert.ok(response.total >= response.results.length);
        for (const hit of response.results) {
          for (const [start, end] of [...hit.matches.title, ...hit.matches.abstract]) assert.ok(start < end);
        }
        assert.ok(Array.isArray(search.autoSuggest(query, limit)));
      }),
      { numRuns: 400 },
    );
  });

  test('odd inputs', () => {
    assert.doesNotThrow(() => search.search(undefined as unknown as string));
    assert.doesNotThrow(() => search.search('a'.repeat(10_000)));
    assert.doesNotThrow(() => search.search('"' + 'brain '.repeat(500) + '"'));
    assert.doesNotThrow(() => search.search('attention', { limit: Number.NaN }));
    assert.doesNotThrow(() => search.autoSuggest(null as unknown as string));
  });
});

test('a short prefix typed again after papers are added or removed completes to the terms the index holds now', () => {
  const paper = (i: number, word: string): Paper => ({
    id: `p${i}`,
    title: `${word} study ${i}`,
    abstract: `on ${word}`,
    authors: [],
    keywords: [],
    categories: [],
    topics: [],
    year: 2020,
    source: { file: 'test', line: i + 1 },
  });
  const papers = Array.from({ length: 40 }, (_, i) => paper(i, i < 30 ? 'control' : 'cortex'));
  const search = PaperSearch.build(papers);
  const terms = (s: PaperSearch) => new Set(s.search('co', { limit: 100 }).results.flatMap((hit) => hit.terms));
  assert.deepEqual([...terms(search)].sort(), ['control', 'cortex']);
  // Cortex becomes the commonest completion, control leaves, a new completion arrives.
  const added = Array.from({ length: 40 }, (_, i) => paper(100 + i, i < 39 ? 'cortex' : 'cohort'));
  search.add(added);
  search.remove(papers.slice(0, 30).map((p) => p.id));
  const now = [...papers.slice(30), ...added];
  const fresh = PaperSearch.build(now);
  assert.deepEqual([...terms(search)].sort(), ['cohort', 'cortex']);
  const ranked = (s: PaperSearch) => s.search('co', { limit: 100 }).results.map((hit) => [hit.id, hit.score]);
  assert.deepEqual(ranked(search), ranked(fresh));
});
