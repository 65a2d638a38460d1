import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldWord } from '../text/fold-word';
import { foldPlural, surfacePrefix } from '../text/fold-plural';
import { scanWords } from '../text/tokenize';
import { indexTerms, phraseTokens } from './normalize-term';

describe('foldWord', () => {
  test('lowercases, removes diacritics and spells special letters', () => {
    assert.equal(foldWord('Müller'), 'muller');
    assert.equal(foldWord('Café'), 'cafe');
    assert.equal(foldWord('Straße'), 'strasse');
    assert.equal(foldWord('Søren'), 'soren');
    assert.equal(foldWord('Łukasz'), 'lukasz');
  });

  test('μ and the micro sign become mu', () => {
    assert.equal(foldWord('μ'), 'mu');
    assert.equal(foldWord('µ'), 'mu');
    assert.equal(foldWord('ΜBench'), 'mubench');
  });

  test('splits ligatures and drops possessive s and apostrophes', () => {
    assert.equal(foldWord('ﬁne'), 'fine');
    assert.equal(foldWord("model's"), 'model');
    assert.equal(foldWord('model’s'), 'model');
    assert.equal(foldWord("don't"), 'dont');
  });
});

describe('foldPlural', () => {
  const cases: Array<[string, string]> = [
    ['networks', 'network'],
    ['models', 'model'],
    ['hallucinations', 'hallucination'],
    ['transformers', 'transformer'],
    ['studies', 'study'],
    ['classes', 'class'],
    ['approaches', 'approach'],
    ['boxes', 'box'],
    ['images', 'image'],
    ['responses', 'response'],
    ['ideas', 'idea'],
    ['llms', 'llm'],
    ['biases', 'bias'],
    ['matrices', 'matrix'],
    ['analyses', 'analysis'],
    ['mice', 'mouse'],
    ['criteria', 'criterion'],
  ];
  for (const [word, stem] of cases) test(`${word} → ${stem}`, () => assert.equal(foldPlural(word), stem));

  test('leaves singulars that end in s alone', () => {
    for (const word of ['analysis', 'corpus', 'status', 'loss', 'bias', 'axis', 'gas', 'lens', 'series']) {
      assert.equal(foldPlural(word), word);
    }
  });

  test('leaves short words and words without s alone', () => {
    assert.equal(foldPlural('gas'), 'gas');
    assert.equal(foldPlural('its'), 'its');
    assert.equal(foldPlural('spiking'), 'spiking');
  });
});

describe('indexTerms', () => {
  test('drops stop words and stems', () => {
    assert.deepEqual(indexTerms('The networks of the brain'), ['network', 'brain']);
  });

  test('indexes a hyphenated word as its parts and the joined compound', () => {
    assert.deepEqual(indexTerms('pre-training'), ['pre', 'training', 'pretraining']);
    assert.deepEqual(indexTerms('μ-Bench'), ['mu', 'bench', 'mubench']);
    assert.deepEqual(indexTerms('state-of-the-art'), ['state', 'art', 'stateoftheart']);
    assert.deepEqual(indexTerms('Vision-Language Models'), ['vision', 'language', 'visionlanguage', 'model']);
  });

  test('an en dash or a spaced hyphen does not join words', () => {
    assert.deepEqual(indexTerms('2020–2023'), ['2020', '2023']);
    assert.deepEqual(indexTerms('pre - training'), ['pre', 'training']);
  });

  test('keeps stop words when asked (author names)', () => {
    assert.deepEqual(indexTerms('An Li', [], true), ['an', 'li']);
    assert.deepEqual(indexTerms('An Li'), ['li']);
  });

  test('the ASCII fast path and the Unicode path agree', () => {
    const text = "Don't pre-training's a-b- -c x--y model's state-of-the-art 'quoted' GPT-4 40.6% networks";
    const ascii = indexTerms(text);
    const unicode = indexTerms(`${text} é`);
    assert.deepEqual(unicode.slice(0, -1), ascii);
    assert.equal(unicode[unicode.length - 1], 'e');
  });

  test('skips over-long runs', () => {
    assert.deepEqual(indexTerms(`${'a'.repeat(60)} brain`), ['brain']);
  });
});

describe('scanWords', () => {
  test('gives offsets into the original text', () => {
    const text = 'μ-Bench: Café’s test';
    const words = scanWords(text);
    assert.deepEqual(
      words.map((w) => text.slice(w.start, w.end)),
      ['μ-Bench', 'Café’s', 'test'],
    );
    assert.deepEqual(
      words[0].parts.map((p) => [text.slice(p.start, p.end), p.folded]),
      [
        ['μ', 'mu'],
        ['Bench', 'bench'],
      ],
    );
    assert.equal(words[1].parts[0].folded, 'cafe');
  });

  test('handles characters outside the BMP', () => {
    const words = scanWords('a 𝐱 b');
    assert.deepEqual(
      words.map((w) => w.parts[0].folded),
      ['a', 'x', 'b'],
    );
  });

  test('a hyphenated word gives its parts and the compound; stop words are dropped', () => {
    assert.deepEqual(indexTerms('Pre-Training'), ['pre', 'training', 'pretraining']);
    assert.deepEqual(indexTerms('the spiking networks'), ['spiking', 'network']);
  });
});

test('phraseTokens keeps stop words and stems', () => {
  assert.deepEqual(phraseTokens('State of the Arts'), ['state', 'of', 'the', 'art']);
});

test('surfacePrefix', () => {
  assert.equal(surfacePrefix('network'), 'network');
  assert.equal(surfacePrefix('study'), 'stud');
  // Irregular plurals: the start they share with the singular (`mice`, `biases`, `criteria`, `corpora`).
  assert.equal(surfacePrefix('mouse'), 'm');
  assert.equal(surfacePrefix('bias'), 'bias');
  assert.equal(surfacePrefix('criterion'), 'criteri');
  assert.equal(surfacePrefix('corpus'), 'corp');
  assert.equal(surfacePrefix(''), undefined);
});
