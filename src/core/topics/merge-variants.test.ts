import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeVariantTopics } from './merge-variants';
import { TopicRegistry, type Candidate } from './topic-registry';

/** Registers `names` as discovered topics and gives paper i a candidate score for each topic listed in `members[i]`. */
function setUp(names: string[], members: number[][]): { registry: TopicRegistry; candidates: Candidate[][] } {
  const registry = new TopicRegistry();
  for (const name of names) registry.get(name, 'discovered');
  const candidates = members.map((topics) => topics.map((topic, rank) => ({ topic, score: 1 - rank / 10 })));
  return { registry, candidates };
}

test('topics named by the same words in another order are one topic, under the name of the larger', () => {
  // The Mendeley neuroscience library's discovery named two groups so.
  const { registry, candidates } = setUp(
    ['Brain Functional Networks', 'Functional Brain Networks', 'Functional Connectivity'],
    [[1], [1], [0, 2], [1, 0], [2]],
  );
  mergeVariantTopics(registry, candidates, new Map());
  assert.deepEqual(
    candidates.map((list) => list.map((c) => registry.drafts[c.topic].name)),
    [
      ['Functional Brain Networks'],
      ['Functional Brain Networks'],
      ['Functional Brain Networks', 'Functional Connectivity'],
      ['Functional Brain Networks'],
      ['Functional Connectivity'],
    ],
  );
});

test('spelling, plural, acronym and hyphen variants merge; names that share words but not all stay apart', () => {
  const acronyms = new Map([['cnn', 'convolutional neural networks']]);
  const names = [
    'Compressed Sensing',
    'Compressive Sensing',
    'CNNs',
    'Convolutional Networks',
    'Multi-Objective Optimization',
    'Multiobjective Optimization',
    'Brain Networks',
    'Functional Brain Networks',
  ];
  const { registry, candidates } = setUp(names, [[0], [1], [1], [2], [3], [3], [4], [5], [6], [7], [7]]);
  mergeVariantTopics(registry, candidates, acronyms);
  const used = new Set(candidates.flatMap((list) => list.map((c) => registry.drafts[c.topic].name)));
  assert.deepEqual([...used].sort(), [
    'Brain Networks',
    'Compressive Sensing',
    'Convolutional Networks',
    'Functional Brain Networks',
    'Multi-Objective Optimization',
  ]);
});
