import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldPlural } from '../text/fold-plural';
import { endsLikeANoun } from './generic-words';
import { Lexicon } from './lexicon';
import { termCounts, wordStream } from './text-terms';
import { phraseName, surfaceForms, titleCase } from './topic-names';

test('plural folding keeps words recognisable', () => {
  const cases: Record<string, string> = {
    networks: 'network',
    studies: 'study',
    patches: 'patch',
    processes: 'process',
    lvlms: 'lvlm',
    snns: 'snn',
    images: 'image',
    responses: 'response',
    analysis: 'analysis',
    bias: 'bias',
    biases: 'bias',
    class: 'class',
    loss: 'loss',
    series: 'series',
    gas: 'gas',
    focus: 'focus',
    its: 'its',
    this: 'this',
  };
  for (const [word, folded] of Object.entries(cases)) assert.equal(foldPlural(word), folded, word);
});

test('Title Case capitalises plain words and keeps acronyms and small words', () => {
  assert.equal(titleCase('vision-language models'), 'Vision-Language Models');
  assert.equal(titleCase('out-of-distribution generalization'), 'Out-of-Distribution Generalization');
  assert.equal(titleCase('PARAMETRIC ACTIVATION FUNCTION'), 'Parametric Activation Function');
  assert.equal(titleCase('FT-ICR MS'), 'FT-ICR MS');
  assert.equal(titleCase('LISTA'), 'LISTA');
  assert.equal(titleCase('state-of-the-art in-context learning'), 'State-of-the-Art In-Context Learning');
  assert.equal(titleCase('brain decoding from fMRI'), 'Brain Decoding from fMRI');
  assert.equal(titleCase('LVLMs in the wild'), 'LVLMs in the Wild');
});

test('topic names must end like nouns', () => {
  assert.ok(endsLikeANoun('Spiking Neural Networks'));
  assert.ok(endsLikeANoun('Signal'));
  assert.ok(!endsLikeANoun('Spiking Neural'));
  assert.ok(!endsLikeANoun('Artificial'));
  assert.ok(!endsLikeANoun('Fine-Grained'));
});

test('terms skip stop words and boilerplate, and bigrams never cross punctuation', () => {
  const lexicon = new Lexicon();
  const stream = wordStream(lexicon, 'Spiking Neural Networks', 'We propose a novel method. Neural networks, spiking ones.');
  const { terms, counts } = termCounts(lexicon, stream, { titleWeight: 3, bigrams: true });
  const byKey = Object.fromEntries(terms.map((t, i) => [lexicon.key(t), counts[i]]));
  assert.deepEqual(byKey, {
    spiking: 4,
    neural: 4,
    'spiking neural': 3,
    network: 4,
    'neural network': 4,
  });
  assert.equal(lexicon.findBigram(lexicon.findWord('network'), lexicon.findWord('spiking')), -1, 'no bigram across the comma');
});

test('phrase names are spelled as the papers spell them, widened to the words that always come with them', () => {
  const lexicon = new Lexicon();
  const texts = [
    'Large vision-language models hallucinate.',
    'We study vision-language models and their errors.',
    'Vision-language models fail; vision-language models help.',
  ];
  for (const text of texts) wordStream(lexicon, '', text);
  const visionLanguage = lexicon.bigramId(lexicon.findWord('vision'), lexicon.findWord('language'));
  assert.equal(phraseName(lexicon, texts, visionLanguage), 'Vision-Language Models');
});

test('names are spelled without the ligatures of text taken from PDFs', () => {
  const lexicon = new Lexicon();
  const texts = ['Variational optical \uFB02ow estimation.', 'A dense optical \uFB02ow \uFB01eld.', 'Optical flow for endoscopy.'];
  for (const text of texts) wordStream(lexicon, '', text);
  const opticalFlow = lexicon.bigramId(lexicon.findWord('optical'), lexicon.findWord('flow'));
  assert.ok(opticalFlow >= 0, 'the ligature is read as the letters it stands for');
  assert.equal(phraseName(lexicon, texts, opticalFlow), 'Optical Flow');
  assert.equal(surfaceForms(lexicon, texts, [opticalFlow]).get(opticalFlow), 'optical flow');
});
