import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Topic } from '../../../core/model/topic';
import { checkTopicName, curationFolder, nameFromPhrase, topicChoices, topicOf } from './curation-decisions';
import { groupTreeItem } from './paper-tree-items';

const topics: Topic[] = [
  { name: 'Spiking Neural Networks', paperIds: ['a', 'b'], origin: 'discovered' },
  { name: 'Brain Decoding', paperIds: ['c'], origin: 'taxonomy' },
  { name: 'Other', paperIds: ['d'], origin: 'other' },
];

test('the topic a menu was opened on: a topic row, or the topic of a paper row; never Other, nothing from elsewhere', () => {
  assert.equal(topicOf({ kind: 'group', key: 'topic:Brain Decoding', group: { label: 'Brain Decoding' } }), 'Brain Decoding');
  assert.equal(
    topicOf({ kind: 'paper', key: 'topic:Brain Decoding\u0000c', groupKey: 'topic:Brain Decoding', paperId: 'c' }),
    'Brain Decoding',
  );
  assert.equal(topicOf({ kind: 'paper', groupKey: 'year:2024', paperId: 'c' }), undefined, 'grouped by year: no topic');
  assert.equal(topicOf({ kind: 'group', key: 'topic:Other' }), undefined);
  assert.equal(topicOf('Brain Decoding'), 'Brain Decoding');
  assert.equal(topicOf(undefined), undefined);
});

test('the topics offered: largest first with counts, without Other or the topic itself', () => {
  assert.deepEqual(topicChoices(topics, ['Brain Decoding']), [{ label: 'Spiking Neural Networks', description: '2 papers' }]);
  assert.deepEqual(
    topicChoices(topics).map((c) => c.description),
    ['2 papers', '1 paper'],
  );
});

test('a new topic name: empty, Other or unchanged is refused; a taken name warns that the papers join it', () => {
  assert.equal(checkTopicName('  ', topics)?.severity, 'error');
  assert.equal(checkTopicName('other', topics)?.severity, 'error');
  assert.equal(checkTopicName('Brain Decoding', topics, 'Brain Decoding')?.severity, 'error');
  assert.deepEqual(checkTopicName('brain decoding', topics, 'Spiking Neural Networks'), {
    message: '"Brain Decoding" is already a topic: the papers will join it (a merge).',
    severity: 'warning',
  });
  assert.equal(checkTopicName('Neural Decoding', topics, 'Brain Decoding'), undefined);
  assert.equal(nameFromPhrase(' graph  neural networks'), 'Graph Neural Networks');
  assert.equal(nameFromPhrase('few-shot learning'), 'Few-Shot Learning');
});

test('the Other row has a menu of its own (filter only), every other topic row the curation menu', () => {
  assert.equal(groupTreeItem({ key: 'topic:Other', label: 'Other', paperIds: ['d'] }, 'topic').contextValue, 'group.topic.other');
  assert.equal(groupTreeItem({ key: 'topic:A', label: 'A', paperIds: ['d'] }, 'topic').contextValue, 'group.topic');
  assert.equal(groupTreeItem({ key: 'year:Other', label: 'Other', paperIds: ['d'] }, 'year').contextValue, 'group.year');
});

test('multi-root: a change goes to the topics file of the folder holding the papers; several or none (the sample): ask', () => {
  assert.deepEqual(curationFolder(['b', 'b'], ['a', 'b']), { folder: 'b' });
  assert.deepEqual(curationFolder(['b', undefined], ['a', 'b']), { folder: 'b' }, 'a sample paper beside them does not count');
  assert.deepEqual(curationFolder(['a', 'c'], ['a', 'b', 'c']), { ask: ['a', 'c'] }, 'only the folders holding them are offered');
  assert.deepEqual(curationFolder([undefined], ['a', 'b']), { ask: ['a', 'b'] });
  assert.deepEqual(curationFolder([], ['a', 'b']), { ask: ['a', 'b'] });
  assert.deepEqual(curationFolder([undefined, 'x'], ['only']), { folder: 'only' }, 'one folder: no question');
  assert.deepEqual(curationFolder(['a'], []), { none: true });
});
