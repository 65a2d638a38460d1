import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lexicon } from './lexicon';
import { backgroundFields, chooseTopicName, junkNameReason } from './topic-naming';
import { WordStream } from './word-stream';

/** A lexicon that has read `texts` (words and the bigrams of neighbouring words), as discovery's would have. */
function lexiconOf(texts: string[]): Lexicon {
  const lexicon = new Lexicon();
  for (const text of texts) {
    const stream = new WordStream();
    lexicon.appendWords(text, stream);
    for (let i = 1; i < stream.length; i += 1) {
      if (!stream.breaks[i]) lexicon.bigramId(stream.ids[i - 1], stream.ids[i]);
    }
  }
  return lexicon;
}

const word = (lexicon: Lexicon, w: string): number => lexicon.findToken(w);
/** A two-word phrase's id in `lexicon` ("learning model"), which must hold it. */
const bigram = (lexicon: Lexicon, phrase: string): number => {
  const [first, second] = phrase.split(' ');
  const id = lexicon.findBigram(word(lexicon, first), word(lexicon, second));
  assert.ok(id >= 0, phrase);
  return id;
};

test('genre words never name a topic alone, nor with words that only say which kind', () => {
  for (const name of [
    'Tutorial',
    'Dataset',
    'Datasets',
    'Survey',
    'Overview',
    'Introduction',
    'Case Study',
    'Case Studies',
    'Field Guide',
    'Literature Review',
    'Mathematical Introduction',
    // "In this article, we …": the Mendeley library's keyword and arXiv's subtopic "Article".
    'Article',
  ]) {
    assert.equal(junkNameReason(name), 'a genre of writing', name);
  }
  for (const name of ['Peer Review', 'Code Review', 'ImageNet', 'Kafka', 'Wagner Act']) assert.equal(junkNameReason(name), undefined, name);
  assert.equal(junkNameReason('Governing Equations'), 'a single generic word');
  assert.equal(junkNameReason('Upper Bound'), 'a single generic word');
});

test('a word the texts use as a modifier names nothing alone: its phrase when one dominates, else the next candidate', () => {
  const texts = [
    'American labor unions fought for American workers and American courts.',
    'The rise of American labor and the history of American industry.',
    'American labor in the American South, and American law.',
    'Kafka wrote about courts. Kafka read law. Letters of Kafka.',
  ];
  const lexicon = lexiconOf(texts);
  const american = word(lexicon, 'American');
  const kafka = word(lexicon, 'Kafka');
  // "American" is followed by a word 8 times of 8, "labor" 3 of them: the phrase covers enough to name the group.
  assert.equal(chooseTopicName(lexicon, texts, [american, kafka], [1, 1]), 'American Labor');
  // Without the phrase, the modifier is passed over for the next candidate, a noun the texts use alone.
  let n = 0;
  const scattered = texts.map((t) => t.replace(/American labor/g, () => ['American press', 'American music', 'American film'][n++]));
  const other = lexiconOf(scattered);
  const withoutPhrase = chooseTopicName(other, scattered, [word(other, 'American'), word(other, 'Kafka')], [1, 1]);
  assert.equal(withoutPhrase, 'Kafka');
});

test('a word the texts use as a verb or inside a fixed phrase names nothing; a noun that is also a verb still does', () => {
  // Sentences of ICLR 2021 abstracts (../shared/corpora/openreview_iclr2021_paperlist.tsv), shortened.
  const texts = [
    'We propose to generate adversarial examples. Models generate the images we use.',
    'Agents learn the reward, networks learn a policy, and critics learn the value, while humans learn fast.',
    'In practice, the method is fast. In practice, it scales. In addition, we release code.',
    'In addition, the design of the network matters. A modular design helps. We study network design.',
    'Generative models can generate samples, and GANs generate faces from noise.',
    'In addition, in practice, the design space is large.',
  ];
  const lexicon = lexiconOf(texts);
  const [generate, learn, practice, addition, design] = ['generate', 'learn', 'practice', 'addition', 'design'].map((w) =>
    word(lexicon, w),
  );
  assert.equal(chooseTopicName(lexicon, texts, [generate, design], [1, 1]), 'Design');
  assert.equal(chooseTopicName(lexicon, texts, [learn, practice, addition, design], [1, 1, 1, 1]), 'Design');
  // Alone, each is passed over: no name at all ("learn" by the articles after it: the words before it are nouns).
  for (const id of [generate, learn, practice, addition]) assert.equal(chooseTopicName(lexicon, texts, [id], [1]), undefined);
});

test("a field's name is background where 5 % of the papers read use it, and then names no topic", () => {
  const lexicon = lexiconOf(['Deep neural networks for machine learning.', 'Artificial intelligence in computer science.']);
  const machineLearning = lexicon.findBigram(word(lexicon, 'machine'), word(lexicon, 'learning'));
  const uses = (count: number) => ({ get: (term: number) => (term === machineLearning ? count : 0) });
  const background = backgroundFields(lexicon, uses(5), 100);
  assert.equal(backgroundFields(lexicon, uses(4), 100).size, 0, '4 papers in 100');
  for (const name of ['Machine Learning', 'Deep Neural Networks', 'Artificial Intelligence', 'Neural Network']) {
    assert.equal(junkNameReason(name, 1, background), "the library's field", name);
    assert.equal(junkNameReason(name, 1), undefined, `${name}, where it is a subject among others`);
  }
  assert.equal(junkNameReason('Graph Neural Networks', 1, background), undefined);
});

test('what is left of a background field\'s name names nothing: "Learning Models" of "machine learning models"', () => {
  // Sentences of ICLR 2021 abstracts (../shared/corpora/openreview_iclr2021_paperlist.tsv), shortened.
  const texts = [
    'Machine learning models are vulnerable to source code changes.',
    'We probe deep learning models of source code.',
    'Training machine learning models on source code at scale.',
    'Source code summarization with deep learning models.',
    'Pre-trained learning models for source code.',
  ];
  const lexicon = lexiconOf(texts);
  const [learningModels, sourceCode] = [bigram(lexicon, 'learning model'), bigram(lexicon, 'source code')];
  const fields = backgroundFields(lexicon, { get: () => 5 }, 5);
  assert.equal(chooseTopicName(lexicon, texts, [learningModels, sourceCode], [1, 1], undefined, fields), 'Source Code');
  // Where machine learning is a subject among others, the phrase is a name like any other.
  assert.equal(chooseTopicName(lexicon, texts, [learningModels, sourceCode], [1, 1]), 'Learning Models');
});

test('a hyphenated adjective names nothing alone; hyphenated nouns and names do', () => {
  // Subtopic names at ICLR 2021 and in arXiv before the rule.
  for (const name of ['Large-Scale', 'Data-Driven', 'Non-Convex', 'Zero-Shot', 'Black-Box', 'Scale-Free', 'Real-World']) {
    assert.equal(junkNameReason(name), 'an adjective', name);
  }
  for (const name of ['Self-Attention', 'Meta-Learning', 'Pre-Training', 'Actor-Critic', 'Ag-Gag', 'Yang-Mills', 'Black-Box Attacks']) {
    assert.equal(junkNameReason(name), undefined, name);
  }
});

test('a phrase that words of degree open in turn ("high" or "low molecular weight …") is cut short of them; ordinals do not cut', () => {
  // Sentences of the Zotero marine-chemistry library's abstracts (../shared/corpora), shortened.
  const texts = [
    'Fractions of high molecular weight dissolved organic matter after solid phase extraction.',
    'Bacteria take up low molecular weight dissolved organic matter first.',
    'We compare high molecular weight dissolved organic matter with solid phase extraction yields.',
    'Photochemistry of low molecular weight dissolved organic matter and solid phase extraction.',
  ];
  const lexicon = lexiconOf(texts);
  const [weightDissolved, extraction] = [bigram(lexicon, 'weight dissolved'), bigram(lexicon, 'phase extraction')];
  assert.equal(chooseTopicName(lexicon, texts, [weightDissolved, extraction], [1, 1]), 'Solid Phase Extraction');
  // Opened by the same generic word almost everywhere, the phrase takes it.
  const high = texts.map((t) => t.replace('low molecular', 'high molecular'));
  const highLexicon = lexiconOf(high);
  assert.equal(
    chooseTopicName(highLexicon, high, [bigram(highLexicon, 'weight dissolved')], [1]),
    'High Molecular Weight Dissolved Organic Matter',
  );
  // "Second" or "third language acquisition" is language acquisition (the same library's linguistics papers).
  const acquisition = [
    'Second language acquisition of gender.',
    'Third language acquisition and transfer.',
    'Second language acquisition in adults.',
    'Third language acquisition of Spanish.',
  ];
  const acquisitionLexicon = lexiconOf(acquisition);
  assert.equal(
    chooseTopicName(acquisitionLexicon, acquisition, [bigram(acquisitionLexicon, 'language acquisition')], [1]),
    'Language Acquisition',
  );
});
