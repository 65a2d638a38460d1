// samePaper compares the full CSL record by content: a re-read of an unchanged file is no change, and an
// edit that only the record shows (a volume, an editor's particle, a field added) is one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import { samePaper } from './corpus';

const paper: Paper = {
  id: 'a',
  title: 'Sparse Codes',
  authors: ['Ada Lee'],
  abstract: '',
  keywords: [],
  categories: [],
  topics: [],
  source: { file: 'refs.bib', line: 3 },
  csl: {
    id: 'lee2021',
    type: 'chapter',
    title: 'Sparse Codes',
    author: [{ family: 'Lee', given: 'Ada' }],
    editor: [{ family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' }],
    issued: { 'date-parts': [[2021, 3]] },
    volume: '12',
  },
};

test('records equal by content are the same, whatever their identity', () => {
  assert.ok(samePaper(paper, structuredClone(paper)));
});

test('a change deep in the record, or a variable added or removed, makes papers differ', () => {
  const changes: Array<(p: Paper) => void> = [
    (p) => (p.csl!.volume = '13'),
    (p) => (p.csl!.volume = 12),
    (p) => (p.csl!.editor![0]['non-dropping-particle'] = 'de'),
    (p) => p.csl!.editor!.push({ literal: 'WHO' }),
    (p) => (p.csl!.issued = { 'date-parts': [[2021, 4]] }),
    (p) => (p.csl!.issued = { 'date-parts': [[2021], [2022]] }),
    (p) => (p.csl!.page = '1-2'),
    (p) => delete p.csl!.volume,
    (p) => (p.csl!.author = { family: 'Lee', given: 'Ada' } as never),
    (p) => (p.csl!.issued = null as never),
    (p) => delete p.csl,
  ];
  for (const change of changes) {
    const other = structuredClone(paper);
    change(other);
    assert.ok(!samePaper(paper, other), change.toString());
    assert.ok(!samePaper(other, paper), `${change.toString()} (the other way round)`);
  }
  // Same variables, different key order: the same record.
  const reordered = structuredClone(paper);
  reordered.csl = { volume: '12', ...paper.csl!, id: 'lee2021' };
  assert.ok(samePaper(paper, reordered));
});
