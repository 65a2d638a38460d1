import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNever, decideLink, isNoteDraft, parseHostMessage, parseWebviewMessage } from './protocol';

const paper = {
  id: 'a',
  title: 'A',
  authors: ['A. Author'],
  abstract: '',
  topics: ['Vision'],
  keywords: ['sink'],
  tags: ['to-cite'],
  source: 'corpus.txt:1',
  hasNote: false,
};
const selector = { exact: 'x', prefix: '', suffix: '' };
const showPaper = {
  type: 'showPaper',
  paper,
  related: [{ id: 'b', title: 'B', score: 0.5, sharedTerms: ['sink'] }],
  annotations: [{ id: 'h-1', selector, comment: '' }],
  highlightTerms: ['sink'],
  history: { canGoBack: false, canGoForward: false },
  notesEnabled: true,
};

test('every array element in a message is validated: objects where strings are meant, and the reverse, are rejected', () => {
  assert.deepEqual(parseHostMessage(showPaper), showPaper);
  const samplePaper = { ...showPaper, paper: { ...paper, sample: true } };
  assert.deepEqual(parseHostMessage(samplePaper), samplePaper, 'a sample paper is marked');
  for (const key of ['authors', 'topics', 'keywords', 'tags'] as const) {
    for (const element of [{ name: 'A. Author' }, 42, null, ['nested'], 'x'.repeat(1_001)])
      assert.equal(
        parseHostMessage({ ...showPaper, paper: { ...paper, [key]: ['ok', element] } }),
        undefined,
        `${key}: ${JSON.stringify(element)}`,
      );
    assert.ok(parseHostMessage({ ...showPaper, paper: { ...paper, [key]: ['x'.repeat(1_000)] } }), `${key}: 1,000 characters pass`);
  }
  const related = showPaper.related[0];
  for (const bad of [
    { related: ['b'] },
    { related: [{ ...related, sharedTerms: [{}] }] },
    { related: [{ ...related, sharedTerms: ['x'.repeat(201)] }] },
    { related: [{ ...related, score: '0.5' }] },
    { related: [{ id: 'b', title: 'B', sharedTerms: [] }] },
    { annotations: ['h-1'] },
    { annotations: [{ id: 'h-1', selector, comment: 5 }] },
    { annotations: [{ id: 'h-1', comment: '' }] },
    { annotations: [{ id: 'h-1', selector, comment: '', created: 1 }] },
    { highlightTerms: [1] },
    { highlightTerms: [['sink']] },
    { history: { canGoBack: 'no', canGoForward: false } },
    { history: { canGoBack: false } },
    { history: [false, false] },
    { notesEnabled: 'true' },
    { paper: { ...paper, hasNote: 1 } },
    { paper: { ...paper, sample: 'yes' } },
    { paper: [paper] },
  ])
    assert.equal(parseHostMessage({ ...showPaper, ...bad }), undefined, JSON.stringify(bad));
  for (const bad of [
    { type: 'annotations', paperId: 'a', annotations: [{}] },
    { type: 'annotations', annotations: [] },
    { type: 'paperStatus', paperId: 'a', tags: [{}], hasNote: true },
    { type: 'paperStatus', paperId: 'a', tags: [], hasNote: 'yes' },
    { type: 'paperMissing', paperId: 'a' },
    { type: 'noteConflict', paperId: 'a', editId: 'e' },
    { type: 'noteNotSaved', paperId: 'a', editId: 'e' },
  ])
    assert.equal(parseHostMessage(bad), undefined, JSON.stringify(bad));
  assert.ok(
    parseHostMessage({ type: 'annotations', paperId: 'a', annotations: [{ id: 'h-1', selector, comment: 'c', created: '2026-01-01' }] }),
  );
  assert.ok(parseHostMessage({ type: 'paperStatus', paperId: 'a', status: 'read', tags: ['x'], hasNote: true }));
  assert.ok(parseHostMessage({ type: 'paperMissing', paperId: 'a', message: 'gone' }));
});

test('array and text limits hold at their exact boundaries', () => {
  const related = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, title: 'T', score: 1, sharedTerms: [] }));
  assert.ok(parseHostMessage({ ...showPaper, related: related(50) }), '50 related papers pass');
  assert.equal(parseHostMessage({ ...showPaper, related: related(51) }), undefined, '51 do not');
  assert.ok(parseHostMessage({ ...showPaper, highlightTerms: Array<string>(100).fill('t') }), '100 terms pass');
  assert.equal(parseHostMessage({ ...showPaper, highlightTerms: Array<string>(101).fill('t') }), undefined, '101 do not');
  assert.ok(parseHostMessage({ ...showPaper, paper: { ...paper, tags: Array<string>(10_000).fill('t') } }), '10,000 tags pass');
  assert.equal(parseHostMessage({ ...showPaper, paper: { ...paper, tags: Array<string>(10_001).fill('t') } }), undefined, '10,001 do not');
  assert.ok(parseWebviewMessage({ type: 'openPaper', paperId: 'x'.repeat(300) }));
  assert.ok(parseWebviewMessage({ type: 'openExternal', url: `https://e.org/${'x'.repeat(8_000 - 14)}` }));
  assert.equal(parseWebviewMessage({ type: 'openExternal', url: `https://e.org/${'x'.repeat(8_000 - 13)}` }), undefined);
});

test('each webview message is rejected without its fields or with fields of the wrong type', () => {
  for (const bad of [
    { type: ['ready'] },
    { type: 'openExternal' },
    { type: 'openExternal', url: 5 },
    { type: 'filterTopic' },
    { type: 'filterTopic', topic: ['Vision'] },
    { type: 'revealInTree' },
    { type: 'openNote' },
    { type: 'updateAnnotation', paperId: 'a', comment: 'c' },
    { type: 'updateAnnotation', paperId: 'a', annotationId: 'h-1' },
    { type: 'removeAnnotation', paperId: 'a' },
    { type: 'setStatus', paperId: 'a', status: ['read'] },
    Object.assign(() => undefined, { type: 'ready' }),
  ])
    assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad) ?? 'a function');
  assert.ok(!isNoteDraft({ paperId: 'a', baseVersion: 1, baseBody: '', newBody: 'x', sent: { editId: 5, newBody: 'x' } }));
  assert.ok(!isNoteDraft({ paperId: 'a', baseVersion: 1, baseBody: '', newBody: 'x', sent: { editId: 'e' } }));
});

test('decideLink gives the reason for each refusal and trims before matching a paper link', () => {
  assert.deepEqual(decideLink('  lectern:paper/a-1 \n'), { kind: 'paper', paperId: 'a-1' });
  assert.deepEqual(decideLink('lectern:paper/Smith2020'), { kind: 'paper', paperId: 'Smith2020' });
  assert.deepEqual(decideLink('lectern:paper/a%20b'), { kind: 'refused', reason: 'not a valid paper id' });
  assert.deepEqual(decideLink('lectern:paper/-x'), { kind: 'refused', reason: 'not a valid paper id' });
  assert.deepEqual(decideLink('lectern:paper/%E0%A4%A'), { kind: 'refused', reason: 'not a valid paper id' });
  assert.deepEqual(decideLink('relative/path'), { kind: 'refused', reason: 'not an absolute URL' });
  assert.deepEqual(decideLink('http://user@example.org/'), { kind: 'refused', reason: 'URLs with credentials are not opened' });
  assert.deepEqual(decideLink('http://:pw@example.org/'), { kind: 'refused', reason: 'URLs with credentials are not opened' });
  assert.deepEqual(decideLink('ftp://example.org/'), { kind: 'refused', reason: 'ftp: links are not opened from the reader' });
});

test('assertNever names the message it was given', () => {
  assert.throws(() => assertNever({ type: 'future' } as never), { message: 'Lectern: unhandled message {"type":"future"}' });
});
