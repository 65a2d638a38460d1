import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import { groupPapers } from './group-papers';

const paper = (id: string, fields: Partial<Paper> = {}): Paper => ({
  id,
  title: id.toUpperCase(),
  authors: [],
  abstract: '',
  keywords: [],
  categories: [],
  topics: [],
  source: { file: 'papers/a.bib', line: 1 },
  ...fields,
});

const papers = [
  paper('a', { year: 2021, topics: ['Spiking Neural Networks'] }),
  paper('b', { year: 2023, topics: ['Spiking Neural Networks', 'Brain Decoding'], source: { file: 'papers/sub/b.jsonl', line: 4 } }),
  paper('c', { topics: ['Brain Decoding'] }),
  paper('d', { year: 2021, topics: ['Other'] }),
];
const topics = [
  { name: 'Spiking Neural Networks', paperIds: ['a', 'b'], origin: 'taxonomy' as const },
  { name: 'Brain Decoding', paperIds: ['b', 'c'], origin: 'taxonomy' as const },
  { name: 'Other', paperIds: ['d'], origin: 'other' as const },
];
const notes: Record<string, { status?: string; tags?: string[] }> = {
  a: { status: 'reading', tags: ['to-cite', 'snn'] },
  c: { status: 'read', tags: ['to-cite'] },
};
const annotations = (id: string) => notes[id];

test('by topic: corpus topic order, a paper in two topics under both', () => {
  const groups = groupPapers({ papers, topics }, 'topic');
  assert.deepEqual(
    groups.map((g) => [g.label, g.paperIds]),
    [
      ['Spiking Neural Networks', ['a', 'b']],
      ['Brain Decoding', ['b', 'c']],
      ['Other', ['d']],
    ],
  );
});

test('by year: newest first, papers without a year last', () => {
  assert.deepEqual(
    groupPapers({ papers, topics }, 'year').map((g) => [g.label, g.paperIds]),
    [
      ['2023', ['b']],
      ['2021', ['a', 'd']],
      ['No Year', ['c']],
    ],
  );
});

test('by status and by tag use the notes; papers without them are grouped last', () => {
  assert.deepEqual(
    groupPapers({ papers, topics }, 'status', { annotations }).map((g) => [g.label, g.paperIds]),
    [
      ['Reading', ['a']],
      ['Read', ['c']],
      ['No Status', ['b', 'd']],
    ],
  );
  assert.deepEqual(
    groupPapers({ papers, topics }, 'tag', { annotations }).map((g) => [g.label, g.paperIds]),
    [
      ['snn', ['a']],
      ['to-cite', ['a', 'c']],
      ['Untagged', ['b', 'd']],
    ],
  );
});

test('by source file: the file name as label and its folder as detail', () => {
  assert.deepEqual(
    groupPapers({ papers, topics }, 'source').map((g) => [g.label, g.detail, g.paperIds]),
    [
      ['a.bib', 'papers', ['a', 'c', 'd']],
      ['b.jsonl', 'papers/sub', ['b']],
    ],
  );
});

test('a filter keeps only matching papers and drops groups left empty', () => {
  const groups = groupPapers({ papers, topics }, 'topic', { only: new Set(['c']) });
  assert.deepEqual(
    groups.map((g) => [g.label, g.paperIds]),
    [['Brain Decoding', ['c']]],
  );
});

test("a large topic's subtopics become its subgroups, filtered like it", () => {
  const withSubtopics = [
    {
      name: 'Vision',
      paperIds: ['a', 'b', 'c'],
      origin: 'discovered' as const,
      subtopics: [{ name: 'Segmentation', paperIds: ['a', 'c'] }],
    },
  ];
  const [group] = groupPapers({ papers, topics: withSubtopics }, 'topic');
  assert.deepEqual(group.subgroups, [
    { key: 'topic:Vision\u0000sub:Segmentation', label: 'Segmentation', paperIds: ['a', 'c'], parentKey: 'topic:Vision' },
  ]);
  const [filtered] = groupPapers({ papers, topics: withSubtopics }, 'topic', { only: new Set(['b']) });
  assert.equal(filtered.subgroups, undefined, 'a subgroup left empty by the filter is dropped');
});

test('a topic row knows which of its papers the user pinned to it, and only that topic', () => {
  const pinnedTopics = [{ ...topics[0], pinnedIds: ['b'] }, topics[1], topics[2]];
  const [spiking, decoding] = groupPapers({ papers, topics: pinnedTopics }, 'topic');
  assert.deepEqual([...(spiking.pinnedIds ?? [])], ['b']);
  assert.equal(decoding.pinnedIds, undefined, 'b sits in Brain Decoding too, but is not pinned there');
});
