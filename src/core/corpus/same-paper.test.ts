import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import { samePaper } from './corpus';

const paper: Paper = {
  id: 'a', title: 'Sparse Codes', authors: ['Ada Lee'], year: 2021, abstract: 'We study codes.', keywords: ['sparse'],
  categories: [], topics: ['Neural Coding'], source: { file: 'refs.bib', line: 3 },
};

test('papers equal field by field are the same, whatever their identity', () => {
  assert.ok(samePaper(paper, structuredClone(paper)));
});

test('any changed field, array item, added field or source position makes papers differ', () => {
  for (const change of [
    { title: 'Sparse Codes!' }, { authors: ['Ada Lee', 'Bo Chen'] }, { topics: ['Other'] }, { year: 2022 },
    { doi: '10.1/x' }, { source: { file: 'refs.bib', line: 4 } }, { source: { file: 'other.bib', line: 3 } },
  ] as Array<Partial<Paper>>) {
    assert.ok(!samePaper(paper, { ...paper, ...change }), JSON.stringify(change));
  }
  const { year: _year, ...withoutYear } = paper;
  assert.ok(!samePaper(paper, withoutYear), 'a removed field');
});
