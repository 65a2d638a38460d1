import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDailyPapers } from '../import/daily-papers-importer';
import { assignIds } from '../ids/assign-ids';
import type { Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import { repoRoot, seedCorpusPath } from '../../../test/support/shared-corpora';
import { assignTopics, OTHER_TOPIC, type TopicTaxonomy } from './assign-topics';
import { parseTaxonomy } from './load-taxonomy';

function seed(): Paper[] {
  const imported = importDailyPapers('corpus/daily-papers.txt', readFileSync(seedCorpusPath, 'utf8'));
  return assignIds(imported.papers).papers;
}

function bundledTaxonomy(): TopicTaxonomy {
  const { taxonomy, diagnostics } = parseTaxonomy('corpus/topics.json', readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8'));
  assert.deepEqual(diagnostics, []);
  assert.ok(taxonomy);
  return taxonomy;
}

function paper(id: string, title: string, abstract: string, extra: Partial<Paper> = {}): Paper {
  return { id, title, abstract, authors: [], keywords: [], categories: [], topics: [], source: { file: 'test.json', line: 1 }, ...extra };
}

/** Topic name → sorted member ids, for comparing runs regardless of order. */
function membership(topics: Topic[]): Record<string, string[]> {
  return Object.fromEntries(topics.map((t) => [t.name, [...t.paperIds].sort()]));
}

/** A deterministic shuffle (no Math.random in tests either). */
function shuffled<T>(items: T[], seedValue = 7): T[] {
  const out = [...items];
  let state = seedValue;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function topicOf(result: { papers: Paper[] }, titleStart: string): string[] {
  const found = result.papers.find((p) => p.title.startsWith(titleStart));
  assert.ok(found, `seed paper "${titleStart}" is missing`);
  return found.topics;
}

function checkInvariants(result: { papers: Paper[]; topics: Topic[] }): void {
  const names = result.topics.map((t) => t.name.toLowerCase());
  assert.equal(new Set(names).size, names.length, 'topic names are unique');
  const other = result.topics.findIndex((t) => t.name === OTHER_TOPIC);
  if (other >= 0) assert.equal(other, result.topics.length - 1, '"Other" is last');
  const ranked = result.topics.filter((t) => t.name !== OTHER_TOPIC);
  for (let i = 1; i < ranked.length; i += 1) {
    const a = ranked[i - 1];
    const b = ranked[i];
    assert.ok(
      a.paperIds.length > b.paperIds.length || (a.paperIds.length === b.paperIds.length && a.name < b.name),
      `"${a.name}" sorts before "${b.name}"`,
    );
  }
  const order = new Map(result.papers.map((p, i) => [p.id, i]));
  for (const topic of result.topics) {
    assert.ok(topic.paperIds.length > 0, `topic "${topic.name}" is not empty`);
    const positions = topic.paperIds.map((id) => order.get(id)!);
    assert.deepEqual(
      positions,
      [...positions].sort((x, y) => x - y),
      `papers of "${topic.name}" follow corpus order`,
    );
    for (const id of topic.paperIds) assert.ok(result.papers[order.get(id)!].topics.includes(topic.name));
  }
  for (const p of result.papers) {
    assert.ok(p.topics.length >= 1 && p.topics.length <= 3, `"${p.title}" has 1–3 topics: ${p.topics.join(', ')}`);
    if (p.topics.includes(OTHER_TOPIC)) assert.deepEqual(p.topics, [OTHER_TOPIC]);
  }
}

test('the seed corpus gets 6–14 topics, none holding over 35 % of the papers, "Other" at most 10 %', () => {
  const papers = seed();
  assert.equal(papers.length, 76);
  const result = assignTopics(papers, { taxonomy: bundledTaxonomy() });
  checkInvariants(result);
  const named = result.topics.filter((t) => t.name !== OTHER_TOPIC);
  assert.ok(named.length >= 6 && named.length <= 14, `${named.length} topics: ${named.map((t) => t.name).join(', ')}`);
  for (const topic of named)
    assert.ok(topic.paperIds.length <= 0.35 * papers.length, `"${topic.name}" holds ${topic.paperIds.length} papers`);
  const other = result.topics.find((t) => t.name === OTHER_TOPIC)?.paperIds.length ?? 0;
  assert.ok(other <= 0.1 * papers.length, `${other} papers in Other`);
  for (const topic of named) assert.equal(topic.origin, 'taxonomy');
});

test('seed papers land in the topics a researcher would put them in', () => {
  const result = assignTopics(seed(), { taxonomy: bundledTaxonomy() });
  const expectations: Array<[string, string]> = [
    ['See What You Are Told: Visual Attention Sink', 'Vision-Language Models & Hallucination'],
    ['AGLA: Mitigating Object Hallucinations', 'Vision-Language Models & Hallucination'],
    ['Towards Analyzing and Mitigating Sycophancy', 'Vision-Language Models & Hallucination'],
    ['Unleashing the Potential of Spiking Neural Networks by Dynamic Confidence', 'Spiking Neural Networks'],
    ['Astrocyte-Enabled Advancements in Spiking Neural Networks', 'Spiking Neural Networks'],
    ['MindBridge: A Cross-Subject Brain Decoding Framework', 'Brain Decoding from fMRI/MEG'],
    ['Brain decoding: toward real-time reconstruction', 'Brain Decoding from fMRI/MEG'],
    ['Du-IN: Discrete units-guided mask modeling', 'Brain Decoding from fMRI/MEG'],
    ['There and Back Again: Revisiting Backpropagation Saliency Methods', 'Saliency & Interpretability'],
    ['Is This the Subspace You Are Looking for?', 'Saliency & Interpretability'],
    ['Attention-Challenging Multiple Instance Learning for Whole Slide Image', 'Medical & Microscopy Imaging'],
    ['μ-Bench: A Vision-Language Benchmark for Microscopy', 'Medical & Microscopy Imaging'],
    ['DaViT: Dual Attention Vision Transformers', 'Vision Transformers & Attention'],
    ['Exploring Geometry of Blind Spots in Vision Models', 'Adversarial Robustness'],
    ['OAT: Object-Level Attention Transformer for Gaze Scanpath', 'Human Visual Perception'],
    ['Training-free Diffusion Model Adaptation', 'Diffusion Models & Image Generation'],
    ['One-hot Generalized Linear Model for Switching Brain State', 'Neural Coding & Population Dynamics'],
    ['Superposed Episodic and Semantic Memory', 'Learning, Memory & Plasticity'],
    ['HideNseek: Federated Lottery Ticket', 'Model Compression & Efficiency'],
    ['Saliency-Driven Active Contour Model for Image Segmentation', 'Segmentation & Object Detection'],
    ['Separating common from salient patterns with Contrastive', 'Contrastive & Self-Supervised Learning'],
  ];
  for (const [title, topic] of expectations) {
    assert.equal(topicOf(result, title)[0], topic, `primary topic of "${title}"`);
  }
  // Saliency maps in segmentation are not explainability, and hallucination papers are not vision transformers.
  assert.ok(!topicOf(result, 'Saliency-Driven Active Contour').includes('Saliency & Interpretability'));
  assert.deepEqual(topicOf(result, 'The Hidden Life of Tokens'), ['Vision-Language Models & Hallucination']);
});

test('the same corpus gives the same topics, whatever the order of its papers', () => {
  const papers = seed();
  const taxonomy = bundledTaxonomy();
  for (const options of [{ taxonomy }, {}]) {
    const first = assignTopics(papers, options);
    assert.deepEqual(assignTopics(papers, options), first, 'two runs are equal');
    const reordered = assignTopics(shuffled(papers), options);
    assert.deepEqual(membership(reordered.topics), membership(first.topics));
    const byId = new Map(first.papers.map((p) => [p.id, p.topics]));
    for (const p of reordered.papers) assert.deepEqual(p.topics, byId.get(p.id), `topics of ${p.id}`);
  }
});

test('a paper with no usable words, added from another file, does not change the other papers’ discovered topics', () => {
  // As `lectern db import` of the sample plus a one-title BibTeX file against `lectern search --corpus` of the
  // sample alone: the papers they share must get the same topics, or the two answer differently.
  const papers = seed();
  const alone = assignTopics(papers, {});
  const withExtra = assignTopics([...papers, paper('ok2020', 'A Readable Paper', '')], {});
  const byId = new Map(withExtra.papers.map((p) => [p.id, p.topics]));
  for (const p of alone.papers) assert.deepEqual(byId.get(p.id), p.topics, `topics of ${p.id}`);
  assert.ok(
    alone.topics.some((t) => t.name === 'Spiking Neural Networks'),
    'the sample has a spiking-networks topic',
  );
});

test('without a taxonomy, discovered topics carry readable phrases from their papers, never numbers or stems', () => {
  const papers = seed();
  const result = assignTopics(papers, {});
  checkInvariants(result);
  const named = result.topics.filter((t) => t.name !== OTHER_TOPIC);
  assert.ok(named.length >= 4 && named.length <= 14, named.map((t) => t.name).join(', '));
  const byId = new Map(papers.map((p) => [p.id, p]));
  const fold = (text: string): string => text.toLowerCase().replace(/[-\s]+/g, ' ');
  for (const topic of named) {
    assert.equal(topic.origin, 'discovered');
    assert.doesNotMatch(topic.name, /cluster|topic \d|\d/i);
    assert.match(topic.name, /^\p{Lu}/u, `"${topic.name}" is in Title Case`);
    const spelled = topic.paperIds.some((id) => fold(`${byId.get(id)!.title} ${byId.get(id)!.abstract}`).includes(fold(topic.name)));
    assert.ok(spelled, `"${topic.name}" is written in at least one of its papers`);
  }
  const other = result.topics.find((t) => t.name === OTHER_TOPIC)?.paperIds.length ?? 0;
  assert.ok(other <= 0.15 * papers.length, `${other} papers in Other`);
  const snn = result.papers.find((p) => p.title.startsWith('Unleashing the Potential of Spiking'))!;
  assert.deepEqual(snn.topics, ['Spiking Neural Networks']);
});

test('metadata topics merge spelling, case, plural and acronym variants and drop singletons', () => {
  const papers = [
    paper('p1', 'Deep nets for molecules', 'We study molecules with networks.', { keywords: ['Protein Folding', 'Graph Neural Networks'] }),
    paper('p2', 'More molecules', 'We study more molecules.', { keywords: ['protein-folding', 'GNNs'] }),
    paper('p3', 'Even more molecules', 'And even more molecules.', {
      keywords: ['protein foldings', 'graph neural network', 'a very rare keyword'],
    }),
    paper('p4', 'Galaxies', 'Stars and galaxies.', { categories: ['Astrophysics of Galaxies'] }),
    paper('p5', 'More galaxies', 'Stars and more galaxies.', {
      categories: ['Astrophysics of Galaxies', 'Cosmology and Nongalactic Astrophysics'],
    }),
    paper('p6', 'Graph neural networks for galaxies', 'A paper with only a rare keyword.', { keywords: ['singleton-only'] }),
    paper('p7', 'Cooking pasta', 'Boil water and add salt.', { keywords: ['Humans'] }),
  ];
  const result = assignTopics(papers, {});
  checkInvariants(result);
  assert.deepEqual(membership(result.topics), {
    'Protein Folding': ['p1', 'p2', 'p3'],
    'Graph Neural Networks': ['p1', 'p2', 'p3', 'p6'],
    'Astrophysics of Galaxies': ['p4', 'p5'],
    Other: ['p7'],
  });
  for (const topic of result.topics) assert.equal(topic.origin, topic.name === OTHER_TOPIC ? 'other' : 'metadata');
  // Keywords in the order the paper lists them.
  assert.deepEqual(result.papers[0].topics, ['Protein Folding', 'Graph Neural Networks']);
});

test('keyword topics are named in Title Case, however the library writes its keywords, and keep capitals inside', () => {
  const papers = [
    paper('p1', 'Carbon in the sea', 'Organic carbon.', { keywords: ['Dissolved organic matter', 'sea ice', 'Fram Strait'] }),
    paper('p2', 'More carbon', 'More organic carbon.', { keywords: ['Dissolved organic matter', 'Sea ice', 'Fram Strait'] }),
    paper('p3', 'Brains', 'Potentials.', { keywords: ['Event-related potentials', 'METHANOTROPHS', 'CO2 flux'] }),
    paper('p4', 'More brains', 'More potentials.', { keywords: ['Event-related potentials', 'METHANOTROPHS', 'CO2 flux'] }),
  ];
  const names = assignTopics(papers, {}).topics.map((t) => t.name);
  assert.deepEqual(names.sort(), [
    'CO2 flux',
    'Dissolved Organic Matter',
    'Event-Related Potentials',
    'Fram Strait',
    'Methanotrophs',
    'Sea Ice',
  ]);
});

test('generic keywords (a field name, a single vague word, a catalogue path) do not make topics', () => {
  const papers = [
    paper('p1', 'Molecules', 'Text.', {
      keywords: ['Deep Learning', 'Model', 'Language Arts & Disciplines / Linguistics / General', 'Protein Folding'],
    }),
    paper('p2', 'Molecules', 'Text.', {
      keywords: ['deep learning', 'models', 'Language Arts & Disciplines / Linguistics / General', 'protein folding'],
    }),
  ];
  const result = assignTopics(papers, {});
  assert.deepEqual(membership(result.topics), { 'Protein Folding': ['p1', 'p2'] });
});

test('big keyword sets are capped; papers of dropped topics keep their other topics or go to Other', () => {
  const papers: Paper[] = [];
  for (let k = 0; k < 60; k += 1) {
    for (let j = 0; j < 2 + (k % 5); j += 1) {
      papers.push(
        paper(`k${k}-${j}`, `Paper ${k}/${j}`, 'Text.', {
          keywords: [`keyword ${String.fromCharCode(97 + (k % 26))}${k}`, ...(j === 0 ? ['shared theme'] : [])],
        }),
      );
    }
  }
  const result = assignTopics(papers, { maxTopics: 30 });
  checkInvariants(result);
  const named = result.topics.filter((t) => t.name !== OTHER_TOPIC);
  // Beyond the cap, topics survive only while most of their papers have no other topic (at most twice the cap).
  assert.ok(named.length >= 30 && named.length <= 60, `${named.length} topics`);
  assert.equal(named[0].name, 'Shared Theme');
  assert.equal(named[0].paperIds.length, 60);
  // No paper with a keyword two papers share goes to Other because of the cap.
  // The 30 biggest keywords survive, and smaller ones whose papers have no other topic; the rest keep
  // "Shared Theme" or go to Other.
  for (const p of result.papers) assert.ok(p.topics.length >= 1);
});

test('a taxonomy matches phrases regardless of case, hyphens and plurals, and honours exclude', () => {
  const taxonomy: TopicTaxonomy = {
    topics: [
      { name: 'Spiking Neural Networks', terms: { 'spiking neural network': 4 }, exclude: ['spiking data'] },
      { name: 'Federated Learning', terms: { 'federated learning': 4 } },
    ],
  };
  const papers = [
    paper('a', 'Fast Spiking Neural-Networks', 'We train SPIKING neural networks.'),
    paper('b', 'Spiking neural network accelerators', 'Hardware for spiking neural networks.'),
    paper('c', 'Latent models of spiking data', 'A spiking neural network view of spiking data from mice.'),
    paper('d', 'Federated-learning at scale', 'Clients train locally.'),
    paper('e', 'Federated Learning with privacy', 'Federated learning keeps data local.'),
  ];
  const result = assignTopics(papers, { taxonomy });
  assert.deepEqual(membership(result.topics), {
    'Spiking Neural Networks': ['a', 'b'],
    'Federated Learning': ['d', 'e'],
    Other: ['c'],
  });
  assert.equal(result.topics[0].origin, 'taxonomy');
});
