import type { Paper } from '../src/core/model/paper';
import { seededRandom } from '../src/core/random/seeded-random';

/**
 * A seeded, deterministic generator of English-like research papers for benchmarks: ~1.2 KB
 * abstracts whose content words follow a Zipf-like distribution over a vocabulary of a few
 * thousand words (hand-written ML/neuroscience terms first, then generated derivations),
 * function words between them, per-topic and per-paper "focus" words so documents are bursty
 * like real ones, titles, authors (some with diacritics), years, keywords, categories, topics.
 *
 * Paper `i` depends only on (seed, i): the first 1 000 papers of a 10 000-paper corpus are the
 * 1 000-paper corpus.
 */

/** Topic names; each paper gets one or two. */
export const SYNTHETIC_TOPICS = [
  'Spiking Neural Networks',
  'Brain Decoding from fMRI/MEG',
  'Vision Transformers',
  'Hallucination in Vision-Language Models',
  'Saliency and Attribution',
  'Medical Image Segmentation',
  'Continual Learning',
  'Geometry of Neural Representations',
  'Federated Learning',
  'Diffusion Models',
] as const;

const CATEGORIES = [
  'Computer Vision and Pattern Recognition',
  'Machine Learning',
  'Neurons and Cognition',
  'Computation and Language',
  'Artificial Intelligence',
];

const CORE_WORDS = `
model models network networks neural neuron neurons learning training trained representation
representations attention transformer transformers vision visual language image images feature
features data dataset datasets task tasks performance method methods approach results state art
deep layer layers encoder decoder token tokens embedding embeddings generative diffusion spiking
spike spikes synaptic synapse synapses dendrite dendrites dendritic cortex cortical brain fmri meg
eeg decoding encoding stimulus stimuli response responses activity signal signals recording
recordings population dynamics dynamic temporal spatial sparse dense distributed memory plasticity
hebbian learning continual catastrophic forgetting federated client clients server privacy pruning
quantization compression distillation knowledge teacher student supervised unsupervised
self contrastive objective loss function gradient gradients optimization optimizer convergence
benchmark benchmarks evaluation metric metrics accuracy robustness adversarial perturbation
perturbations attack attacks defense saliency attribution explanation explanations interpretability
interpretable explainable concept concepts circuit circuits mechanism mechanisms head heads
hallucination hallucinations grounding multimodal segmentation detection classification
regression prediction predictions inference posterior prior bayesian variational latent
autoencoder autoencoders gaussian process processes kernel manifold geometry topology
subspace subspaces dimensional dimensionality projection orthogonal linear nonlinear
convolutional recurrent graph graphs node nodes edge edges connectivity connectome structure
structures hierarchical hierarchy perception perceptual object objects scene scenes motion
video videos frame frames pixel pixels patch patches resolution microscopy medical clinical
patient patients slide pathology tumor lesion scan scans modality modalities fusion alignment
caption captions text textual semantic semantics syntax word words sentence sentences corpus
pretraining finetuning adaptation domain shift generalization transfer zero few shot prompt
prompts instruction instructions reasoning chain answer question questions retrieval search
ranking recommendation policy reinforcement reward agent agents environment exploration
planning control controller robot robotic trajectory navigation simulation simulated synthetic
noise noisy denoising sampling sampler sample samples distribution distributions entropy
information mutual fisher metric estimation estimator variance bias uncertainty calibration
ensemble mixture expert experts routing scaling scale parameter parameters efficient efficiency
computation computational complexity memory throughput latency hardware energy neuromorphic
chip accelerator sparse sparsity activation activations threshold membrane potential potentials
oscillation oscillations rhythm gamma theta alpha beta band frequency spectral spectrum phase
coding efficient coding gain normalization divisive inhibition excitation excitatory inhibitory
interneuron pyramidal hippocampus hippocampal prefrontal visual auditory somatosensory motor
behavior behavioral animal mouse mice monkey primate human humans subject subjects participant
participants cross session trial trials experiment experiments experimental analysis analyses
statistical significance hypothesis theory theoretical framework architecture architectures
module modules block blocks residual skip connection connections normalization dropout
regularization weight weights initialization lottery ticket subnetwork mask masks masked
supermask channel channels spatial frequency shape texture color contrast edge edges luminance
gaze eye fixation scanpath saccade tracking pose depth stereo point cloud mesh surface
reconstruction rendering synthesis editing style content identity face faces hat triplet
triplets consistency consistent coherent temporal causal causality intervention counterfactual
fairness safety testing verification certified robust guarantee bound bounds proof theorem
`;

const HYPHENATED = [
  'pre-training',
  'state-of-the-art',
  'fine-tuning',
  'large-scale',
  'self-supervised',
  'zero-shot',
  'few-shot',
  'end-to-end',
  'real-time',
  'long-range',
  'multi-modal',
  'vision-language',
  'high-level',
  'low-level',
  'data-driven',
  'fine-grained',
  'top-down',
  'bottom-up',
  'cross-subject',
  'multi-scale',
  'one-shot',
  'in-context',
  'out-of-distribution',
  'pixel-wise',
  'layer-wise',
];

const FUNCTION_WORDS = `the of and to in a we is that for with on by this are as from be an our which
these can it at its both while than into not such also more has have been their between across over
through using show propose present demonstrate find suggest introduce achieve`
  .split(/\s+/)
  .filter(Boolean);
/** Relative frequencies of the function words, most common first. */
const FUNCTION_WEIGHTS = FUNCTION_WORDS.map((_, i) => 1 / (i + 1.5));

const PREFIXES = [
  '',
  '',
  '',
  're',
  'un',
  'pre',
  'multi',
  'inter',
  'trans',
  'sub',
  'super',
  'hyper',
  'neuro',
  'micro',
  'meta',
  'bio',
  'auto',
  'co',
  'de',
  'non',
];
const ROOTS = `form struct gener vis cept duct mod spect port tract pos dic gress mit sens cort synap dendr
axon lay grad sampl tok embed attend encod decod predict optim regul normal quant prun distill align
segment classif clust retriev recogn repres observ integr adapt learn train infer estim approxim
comput simul activ inhib excit modul plast oscill rhythm stimul respond calibr augment compos
transfer factor project rotat transl symmetr equivar invar contrast percept navig explor rout`
  .split(/\s+/)
  .filter(Boolean);
const SUFFIXES = [
  'ation',
  'ive',
  'al',
  'ing',
  'ed',
  'er',
  'ity',
  'ion',
  'ment',
  'ure',
  'ics',
  'ology',
  'ism',
  'ize',
  'ous',
  'ence',
  'ant',
  'or',
  'ative',
  'ational',
];

const FIRST_NAMES = `Alice Bob Carla David Elena Farid Grace Hiroshi Ines Jonas Kavya Liam Maria Nikolai Olga Pedro
Qing Rosa Samuel Tomás Uma Victor Wen Xavier Yuki Zoë Amir Beatriz Chen Dmitri Emma Fatima Gustav
Hana Ivan Julia Kenji Laura Mateo Nadia Omar Priya Rafael Sofia Thomas Ulrich Valentina William
Ximena Yusuf Zhang Ana Bjørn Céline Diego Émile François Günther Håkon Iñigo José Łukasz Mónica
Noémie Oğuz Pál Renée Søren Željko`
  .split(/\s+/)
  .filter(Boolean);
const LAST_NAMES = `Smith Müller García Wang Li Nguyen Kim Rossi Dubois Ivanov Kowalski Tanaka Silva Hansen Novak
Cohen Martin Brown Jones Johnson Lee Patel Khan Singh Chen Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun
Ma Hu Guo Lin He Gao Luo Zheng Liang Xie Tang Han Cao Deng Feng Zeng Peng Lu Su Jiang Cai Jia Ding
Wei Xue Ye Yan Yu Pan Du Dai Xia Zhong Tian Ren Jiang Fan Fang Shi Yao Tan Liao Zou Xiong Jin
Hinton Bengio LeCun Schmidhuber Sejnowski Olshausen Dayan Abbott Gerstner Maass Carandini Heeger
Simoncelli DiCarlo Yamins Kriegeskorte Naselaris Gallant Kay Tong Haxby Norman Pereira Botvinick
Hassabis Saxe Ganguli Sompolinsky Chung Lajoie Richards Lillicrap Körding Jonas Pillow Paninski
Cunningham Yu Churchland Shenoy Sussillo Barak Mastrogiuseppe Ostojic Brunel Wolf Zenke Vogels
Clopath Sprekeler Gjorgjieva Ahmad Hawkins Subutai Lewis Sommer Olah Nanda Elhage Bau Torralba
Oliva Isola Efros Darrell Malik Fei-Fei Karpathy Vinyals Sutskever Krizhevsky Dosovitskiy Beyer
Kolesnikov Zhai Houlsby Touvron Caron Joulin Bojanowski Misra Girshick Dollár Ross Kaiming Núñez
Sánchez Pérez Gómez Fernández López Díaz Martínez Rodríguez Hernández Jiménez Álvarez Ruiz Moreno`
  .split(/\s+/)
  .filter(Boolean);

function hashSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Cumulative weights, for sampling with a binary search. */
function cumulative(weights: number[]): Float64Array {
  const cdf = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) cdf[i] = sum += weights[i];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= sum;
  return cdf;
}

function sample(cdf: Float64Array, r: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function zipf(n: number, exponent: number): Float64Array {
  return cumulative(Array.from({ length: n }, (_, rank) => 1 / Math.pow(rank + 2.7, exponent)));
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

interface Model {
  vocabulary: string[];
  vocabularyCdf: Float64Array;
  topicWords: string[][];
  topicCdf: Float64Array;
  functionCdf: Float64Array;
}

const models = new Map<number, Model>();

function modelFor(seed: number): Model {
  let model = models.get(seed);
  if (model) return model;
  const random = seededRandom(hashSeed(seed, 0x5eed));
  const core = [...new Set(CORE_WORDS.split(/\s+/).filter(Boolean))];
  const seen = new Set([...core, ...FUNCTION_WORDS]);
  const derived: string[] = [];
  for (const root of ROOTS) {
    for (const suffix of SUFFIXES) {
      for (const prefix of PREFIXES) {
        if (random() < 0.12) {
          const word = prefix + root + suffix;
          if (!seen.has(word)) {
            seen.add(word);
            derived.push(word);
          }
        }
      }
    }
  }
  const vocabulary = [...shuffle(core, random), ...HYPHENATED, ...shuffle(derived, random)];
  // Hyphenated compounds sit at mid ranks, not at the very end.
  const hyphenated = vocabulary.splice(core.length, HYPHENATED.length);
  vocabulary.splice(60, 0, ...hyphenated);
  const topicWords = SYNTHETIC_TOPICS.map(() => {
    const picked = new Set<string>();
    while (picked.size < 150) picked.add(vocabulary[20 + Math.floor(Math.pow(random(), 1.6) * (vocabulary.length - 20))]);
    return [...picked];
  });
  model = {
    vocabulary,
    vocabularyCdf: zipf(vocabulary.length, 1.05),
    topicWords,
    topicCdf: zipf(150, 0.9),
    functionCdf: cumulative(FUNCTION_WEIGHTS),
  };
  models.set(seed, model);
  return model;
}

/** The generator's vocabulary, most frequent first (benchmarks pick query words from it). */
export function syntheticVocabulary(seed = 1): string[] {
  return [...modelFor(seed).vocabulary];
}

/** The content words that papers of a topic favour. */
export function syntheticTopicWords(topicIndex: number, seed = 1): string[] {
  return [...modelFor(seed).topicWords[topicIndex]];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

/** One paper; depends only on (seed, index). */
export function generateSyntheticPaper(index: number, seed = 1): Paper {
  const model = modelFor(seed);
  const random = seededRandom(hashSeed(seed, index + 1));
  const topicIndexes = [Math.floor(random() * SYNTHETIC_TOPICS.length)];
  if (random() < 0.35) {
    const second = Math.floor(random() * SYNTHETIC_TOPICS.length);
    if (second !== topicIndexes[0]) topicIndexes.push(second);
  }
  const mainTopic = model.topicWords[topicIndexes[0]];
  const topicWord = () => mainTopic[sample(model.topicCdf, random())];
  const globalWord = () => model.vocabulary[sample(model.vocabularyCdf, random())];
  const focus = [topicWord(), topicWord(), globalWord(), topicWord()];

  const contentWord = () => {
    const r = random();
    if (r < 0.14) return focus[Math.floor(random() * focus.length)];
    if (r < 0.4) return topicWord();
    return globalWord();
  };

  // Title: an optional coined name, then 5-10 content words with a few function words.
  const titleWords: string[] = [];
  const titleLength = 5 + Math.floor(random() * 6);
  titleWords.push(capitalize(focus[0]));
  while (titleWords.length < titleLength) {
    const r = random();
    if (r < 0.2 && titleWords.length > 1 && /^[A-Z]/.test(titleWords[titleWords.length - 1]))
      titleWords.push(pick(['of', 'for', 'with', 'in', 'via', 'and', 'from'], random));
    else if (r < 0.45) titleWords.push(capitalize(focus[Math.floor(random() * focus.length)]));
    else titleWords.push(capitalize(contentWord()));
  }
  let title = titleWords.join(' ');
  if (random() < 0.3) {
    const coined =
      capitalize(focus[1].slice(0, 3 + Math.floor(random() * 3))) + capitalize(focus[2].slice(0, 2 + Math.floor(random() * 3)));
    title = `${random() < 0.5 ? coined.toUpperCase() : coined}: ${title}`;
  }

  // Abstract: sentences of 12-28 words until the target length (~1.2 KB on average).
  const target = 850 + Math.floor(random() * 700);
  const sentences: string[] = [];
  let length = 0;
  while (length < target) {
    const words: string[] = [];
    const count = 12 + Math.floor(random() * 17);
    for (let w = 0; w < count; w++) {
      const r = random();
      let word = r < 0.38 ? FUNCTION_WORDS[sample(model.functionCdf, random())] : contentWord();
      if (random() < 0.02) word = `${word},`;
      words.push(word);
    }
    if (random() < 0.15) words.push('by', `${(random() * 60).toFixed(1)}%`);
    words[0] = capitalize(words[0].replace(/,$/, ''));
    const sentence = `${words.join(' ').replace(/,$/, '')}.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  const abstract = sentences.join(' ');

  const authorCount = 1 + Math.floor(random() * random() * 8);
  const authors: string[] = [];
  for (let a = 0; a < authorCount; a++) authors.push(`${pick(FIRST_NAMES, random)} ${pick(LAST_NAMES, random)}`);
  const year = 2025 - Math.floor(Math.pow(random(), 1.8) * 31);
  const keywords = random() < 0.6 ? focus.slice(0, 1 + Math.floor(random() * 3)) : [];
  const categories = [pick(CATEGORIES, random)];
  const id = `synthetic-${String(index).padStart(6, '0')}`;
  return {
    id,
    title,
    authors,
    year,
    date: String(year),
    abstract,
    keywords,
    categories,
    topics: topicIndexes.map((t) => SYNTHETIC_TOPICS[t]),
    source: { file: 'synthetic', line: index + 1 },
  };
}

/** `count` papers, deterministic for a given seed. */
export function generateSyntheticPapers(count: number, seed = 1): Paper[] {
  const papers = new Array<Paper>(count);
  for (let i = 0; i < count; i++) papers[i] = generateSyntheticPaper(i, seed);
  return papers;
}
