import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostMessage, parseWebviewMessage } from './protocol';

const selector = { exact: 'sinks', prefix: 'attention ', suffix: ' appear' };

test('addAnnotation may carry the PDF page and a text position; bad ones are refused', () => {
  const made = { type: 'addAnnotation', paperId: 'p1', selector, comment: '', page: 3, position: { start: 10, end: 15 } };
  assert.deepEqual(parseWebviewMessage(made), made);
  assert.deepEqual(parseWebviewMessage({ type: 'addAnnotation', paperId: 'p1', selector, comment: '' }), {
    type: 'addAnnotation',
    paperId: 'p1',
    selector,
    comment: '',
  });
  for (const bad of [
    { page: 0 },
    { page: 2.5 },
    { page: '3' },
    { position: { start: 5, end: 5 } },
    { position: { start: -1, end: 4 } },
    { position: [1, 2] },
  ])
    assert.equal(parseWebviewMessage({ ...made, ...bad }), undefined, JSON.stringify(bad));
});

test('annotations with a page and a position reach the reader; pdfDocument may name a highlight to show', () => {
  const annotation = { id: 'h-1', selector, comment: 'c', page: 7, position: { start: 0, end: 5 } };
  assert.deepEqual(parseHostMessage({ type: 'annotations', paperId: 'p1', annotations: [annotation] }), {
    type: 'annotations',
    paperId: 'p1',
    annotations: [annotation],
  });
  assert.equal(parseHostMessage({ type: 'annotations', paperId: 'p1', annotations: [{ ...annotation, page: -7 }] }), undefined);
  const data = new Uint8Array([37, 80, 68, 70]);
  const pdf = { type: 'pdfDocument', paperId: 'p1', paperTitle: 'T', fileName: 'f.pdf', data, page: 7, highlight: 'h-1' };
  assert.deepEqual(parseHostMessage(pdf), pdf);
  assert.equal(parseHostMessage({ ...pdf, highlight: 42 }), undefined);
});
