import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import type { CurationStep } from './curation-steps';
import { CARRY_MAX_ADDED, carryTopics } from './carry-topics';

const paper = (id: string, topics: string[] = []): Paper =>
  ({ id, title: `Paper ${id}`, abstract: '', authors: [], topics }) as unknown as Paper;

/** A library of 20 + `more` papers: "Spiking" (s0–s9, two subtopics, one pin), "Oceans" (o0–o8 and `more`), one in Other. */
function library(more = 0): { papers: Paper[]; topics: Topic[] } {
  const spiking = Array.from({ length: 10 }, (_, i) => paper(`s${i}`, ['Spiking']));
  const oceans = Array.from({ length: 9 + more }, (_, i) => paper(`o${i}`, ['Oceans']));
  const papers = [...spiking, ...oceans, paper('x', ['Other'])];
  const topics: Topic[] = [
    {
      name: 'Spiking',
      origin: 'discovered',
      paperIds: spiking.map((p) => p.id),
      subtopics: [
        { name: 'STDP', paperIds: ['s0', 's1', 's2'] },
        { name: 'Neuromorphic', paperIds: ['s3'] },
      ],
      pinnedIds: ['s3'],
    },
    { name: 'Oceans', origin: 'metadata', paperIds: oceans.map((p) => p.id) },
    { name: 'Other', origin: 'other', paperIds: ['x'] },
  ];
  return { papers, topics };
}

test('papers that stay keep their topics; a new one joins the topics its neighbours agree on, or Other', () => {
  const { papers, topics } = library();
  const next = [...papers, paper('new-spiking'), paper('new-odd')];
  const place = (p: Paper) => (p.id === 'new-spiking' ? ['Spiking', 'Not A Topic Here'] : ['Not A Topic Here']);
  const carried = carryTopics({ papers, topics, drift: 0 }, next, place, [])!;
  assert.ok(carried, 'two papers added to twenty: carried');
  assert.deepEqual(
    carried.paperTopics.slice(0, papers.length),
    papers.map((p) => p.topics),
    'no paper that stays moves',
  );
  assert.deepEqual(carried.paperTopics.slice(papers.length), [['Spiking'], ['Other']]);
  const byName = new Map(carried.topics.map((topic) => [topic.name, topic]));
  assert.deepEqual(byName.get('Spiking')!.paperIds, [...topics[0].paperIds, 'new-spiking']);
  assert.deepEqual(byName.get('Spiking')!.subtopics, topics[0].subtopics, 'a new paper sits in no subtopic');
  assert.deepEqual(byName.get('Other')!.paperIds, ['x', 'new-odd']);
  assert.deepEqual(byName.get('Oceans'), topics[1]);
  assert.equal(carried.drift, 2);
});

test('papers that go leave their topics, subtopics and pins; what is left empty goes, and Other is made when needed', () => {
  const { papers, topics } = library(40);
  const next = papers.filter((p) => !['s0', 's1', 's3', 'x'].includes(p.id)).concat(paper('lost'));
  const carried = carryTopics({ papers, topics, drift: 0 }, next, () => [], [])!;
  assert.ok(carried);
  const spiking = carried.topics.find((topic) => topic.name === 'Spiking')!;
  assert.deepEqual(spiking.subtopics, [{ name: 'STDP', paperIds: ['s2'] }], 'Neuromorphic lost its only paper');
  assert.deepEqual(spiking.pinnedIds, []);
  assert.deepEqual(
    carried.topics.map((topic) => [topic.name, topic.paperIds.length]),
    [
      ['Spiking', 7],
      ['Oceans', 49],
      ['Other', 1],
    ],
  );
  assert.deepEqual(carried.topics.at(-1)!.paperIds, ['lost']);
  const kept = papers.filter((p) => p.id !== 'x');
  const withoutOther = carryTopics({ papers: kept, topics: topics.slice(0, 2), drift: 0 }, [...kept, paper('odd')], () => [], [])!;
  assert.deepEqual(withoutOther.topics.at(-1), { name: 'Other', paperIds: ['odd'], origin: 'other' }, 'Other made for it');
});

test('discovery runs again past a tenth of the library added or removed since it last ran, or too many new at once', () => {
  const { papers, topics } = library();
  const plusOne = [...papers, paper('n1')];
  assert.ok(
    carryTopics({ papers, topics, drift: 1 }, plusOne, () => [], []),
    '2 of 21 since discovery: carried',
  );
  assert.equal(
    carryTopics({ papers, topics, drift: 2 }, plusOne, () => [], []),
    undefined,
    '3 of 21: discovered again',
  );
  assert.equal(
    carryTopics({ papers, topics, drift: 0 }, papers.slice(2), () => [], []),
    undefined,
    'two of twenty removed',
  );
  const many = Array.from({ length: 20_000 }, (_, i) => paper(`m${i}`, ['Oceans']));
  const big = { papers: many, topics: [{ name: 'Oceans', origin: 'metadata' as const, paperIds: many.map((p) => p.id) }], drift: 0 };
  const added = Array.from({ length: CARRY_MAX_ADDED + 1 }, (_, i) => paper(`a${i}`));
  assert.equal(
    carryTopics(big, [...many, ...added], () => ['Oceans'], []),
    undefined,
    'each would need a search',
  );
  assert.ok(carryTopics(big, [...many, ...added.slice(1)], () => ['Oceans'], []));
});

test("the bundled sample's papers do not count towards the share: beside it, a third paper of one's own is discovered", () => {
  const { papers, topics } = library(40);
  const sample = papers.map((p) => ({ ...p, sample: true }));
  const mine = [paper('m1', ['Other']), paper('m2', ['Other'])];
  const withOther = topics.map((topic) => (topic.name === 'Other' ? { ...topic, paperIds: ['x', 'm1', 'm2'] } : topic));
  const previous = { papers: [...sample, ...mine], topics: withOther, drift: 0 };
  assert.equal(
    carryTopics(previous, [...sample, ...mine, paper('m3')], () => [], []),
    undefined,
  );
  const many = Array.from({ length: 20 }, (_, i) => paper(`own${i}`, ['Oceans']));
  const larger = { papers: [...sample, ...many], topics, drift: 0 };
  assert.ok(
    carryTopics(larger, [...sample, ...many, paper('m3')], () => [], []),
    'one in 21 of my own: carried',
  );
});

test('a curation step that names a paper that comes or goes leaves the placing to discovery and the curation', () => {
  const { papers, topics } = library();
  const at = { line: 3, column: 5 };
  const pin = (id: string): CurationStep => ({ kind: 'pin', paper: { id, at }, to: 'Oceans', file: '/w/.lectern/topics.json', at });
  const move = (id: string): CurationStep => ({ kind: 'move', paper: { id, at }, to: 'Oceans', file: '/w/.lectern/topics.json', at });
  const next = [...papers.filter((p) => p.id !== 's5'), paper('new')];
  assert.ok(
    carryTopics({ papers, topics, drift: 0 }, next, () => [], [pin('s2')]),
    'a pin of a paper that stays',
  );
  assert.equal(
    carryTopics({ papers, topics, drift: 0 }, next, () => [], [pin('new')]),
    undefined,
    'the pinned paper arrives',
  );
  assert.equal(
    carryTopics({ papers, topics, drift: 0 }, next, () => [], [move('s5')]),
    undefined,
    'the moved paper goes',
  );
});

test('an edited paper is placed again, as a new one is; one read again unchanged is not', () => {
  const { papers, topics } = library(40);
  const edited = { ...papers[1], title: 'Ocean heat content, revised' }; // s1: Spiking, in STDP
  const reread = { ...papers[2] }; // s2: a copy, the same text
  const next = papers.map((p) => (p.id === 's1' ? edited : p.id === 's2' ? reread : p));
  const asked: string[] = [];
  const carried = carryTopics({ papers, topics, drift: 0 }, next, (p) => (asked.push(p.id), ['Oceans']), [])!;
  assert.deepEqual(asked, ['s1']);
  assert.deepEqual(carried.paperTopics[1], ['Oceans']);
  assert.deepEqual(carried.paperTopics[2], ['Spiking']);
  const byName = new Map(carried.topics.map((topic) => [topic.name, topic]));
  assert.ok(!byName.get('Spiking')!.paperIds.includes('s1'));
  assert.ok(byName.get('Oceans')!.paperIds.includes('s1'));
  assert.deepEqual(byName.get('Spiking')!.subtopics![0], { name: 'STDP', paperIds: ['s0', 's2'] });
  assert.equal(carried.drift, 1);
});
