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

test('Title Case keeps a species or a Latin anatomical name as biologists write it', () => {
  // The Mendeley neuroscience library's topic "Caenorhabditis Elegans" (65 papers), and its keyword of that name.
  for (const binomial of [
    'Caenorhabditis elegans',
    'Escherichia coli',
    'Homo sapiens',
    'Mus musculus',
    'Saccharomyces cerevisiae',
    'Nucleus accumbens',
    'Corpus callosum',
  ]) {
    assert.equal(titleCase(binomial), binomial);
  }
  assert.equal(titleCase('Caenorhabditis elegans connectome'), 'Caenorhabditis elegans Connectome');
  // Only as written with the genus capitalised, and not for English words after a capitalised one.
  assert.equal(titleCase('caenorhabditis elegans'), 'Caenorhabditis Elegans');
  for (const [phrase, name] of [
    ['Video data', 'Video Data'],
    ['Data analysis', 'Data Analysis'],
    ['Sea ice', 'Sea Ice'],
    ['Bayesian inference', 'Bayesian Inference'],
    ['Amino acids', 'Amino Acids'],
  ]) {
    assert.equal(titleCase(phrase), name);
  }
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

test('a phrase widens to the generic word that opens it almost everywhere, never to one that ends it or to a verb', () => {
  const name = (texts: string[], first: string, second: string) => {
    const lexicon = new Lexicon();
    for (const text of texts) wordStream(lexicon, '', text);
    return phraseName(lexicon, texts, lexicon.bigramId(lexicon.findWord(first), lexicon.findWord(second)));
  };
  // ICLR 2021 named a subtopic "Language Processing", arXiv two "Ia Supernovae": words too generic to be terms alone.
  const nlp = [
    'Pruning pre-trained transformers for natural language processing.',
    'Natural language processing tasks such as question answering.',
    'Compressing BERT for natural language processing on device.',
    'Sparse attention in natural language processing and vision.',
    'Natural language processing benchmarks need harder negatives.',
  ];
  assert.equal(name(nlp, 'language', 'processing'), 'Natural Language Processing');
  const supernovae = [
    'Type Ia supernovae as standard candles.',
    'Light curves of type Ia supernovae.',
    'Dark energy from Type Ia supernovae.',
  ];
  assert.equal(name(supernovae, 'ia', 'supernovae'), 'Type Ia Supernovae');
  // Short of four uses in five, the phrase stays as it is.
  assert.equal(
    name([...nlp.slice(0, 3), 'Language processing in the brain.', 'Speech and language processing.'], 'language', 'processing'),
    'Language Processing',
  );
  // A generic word after the phrase would make it no noun phrase ("Vehicle Routing Problem" is then refused).
  const routing = [
    'An iterated local search for the vehicle routing problem.',
    'The vehicle routing problem with time windows.',
    'Ant colony optimization for the vehicle routing problem.',
  ];
  assert.equal(name(routing, 'vehicle', 'routing'), 'Vehicle Routing');
  // A verb of optimisation opens no name; other -ing words may ("Denoising Diffusion …").
  const tardiness = [
    'Minimizing total weighted tardiness on a single machine.',
    'Iterated greedy for minimizing total weighted tardiness.',
    'Minimizing total weighted tardiness in flowshops.',
  ];
  assert.equal(name(tardiness, 'weighted', 'tardiness'), 'Total Weighted Tardiness');
  const denoising = [
    'Denoising diffusion probabilistic models.',
    'Faster denoising diffusion probabilistic models.',
    'Improved denoising diffusion probabilistic models.',
  ];
  assert.equal(name(denoising, 'diffusion', 'probabilistic'), 'Denoising Diffusion Probabilistic Models');
});
