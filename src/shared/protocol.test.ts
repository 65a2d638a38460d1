import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decideLink,
  isNoteDraft,
  NOTE_BODY_LIMIT,
  parseHostMessage,
  parseWebviewMessage,
  type HostToWebviewMessage,
  type PaperView,
} from './protocol';
import { readerCsp, readerHtml } from './reader-html';

const paperView = {
  id: 'see-what-you-are-told',
  title: 'See What You Are Told',
  authors: ['A. Author'],
  abstract: 'Text with $x^2$.',
  topics: ['Vision'],
  keywords: [],
  tags: ['to-cite'],
  status: 'reading',
  source: 'corpus/daily-papers.txt:31',
  hasNote: true,
};
const showPaper: HostToWebviewMessage = {
  type: 'showPaper',
  paper: paperView as PaperView,
  related: [{ id: 'b', title: 'B', score: 0.4, sharedTerms: ['attention sink'] }],
  annotations: [{ id: 'h-1', selector: { exact: 'x', prefix: '', suffix: '' }, comment: '' }],
  highlightTerms: ['sink'],
  history: { canGoBack: false, canGoForward: true },
  notesEnabled: true,
};

test('well-formed messages pass validation on both sides', () => {
  assert.deepEqual(parseHostMessage(showPaper), showPaper);
  for (const message of [
    { type: 'ready' },
    { type: 'openExternal', url: 'https://arxiv.org/abs/2403.01234' },
    { type: 'openPaper', paperId: 'a' },
    { type: 'navigate', direction: 'back' },
    { type: 'filterTopic', topic: 'Vision' },
    { type: 'copyCitation', paperId: 'a', format: 'apa' },
    { type: 'setStatus', paperId: 'a', status: 'read' },
    { type: 'revealInTree', paperId: 'a' },
    { type: 'openNote', paperId: 'a' },
    { type: 'addAnnotation', paperId: 'a', selector: { exact: 'sink', prefix: 'attention ', suffix: ' found' }, comment: 'why' },
    { type: 'updateAnnotation', paperId: 'a', annotationId: 'h-1', comment: 'new' },
    { type: 'removeAnnotation', paperId: 'a', annotationId: 'h-1' },
    { type: 'editNoteBody', paperId: 'a', editId: 'e-1', baseVersion: 3, baseBody: '# A\n', newBody: '# A\nmore' },
    { type: 'createNote', paperId: 'a' },
  ])
    assert.deepEqual(parseWebviewMessage(message), message, message.type);
  for (const message of [
    { type: 'noteBody', paperId: 'a', body: '# A\n', version: 1, path: 'papers/notes/a.md' },
    { type: 'noteBody', paperId: 'a', body: '', version: 2 },
    { type: 'noteBody', paperId: 'a', body: '', version: 3, path: 'papers/notes/a.md', tooLarge: true },
    { type: 'noteSaved', paperId: 'a', editId: 'e-1', version: 4 },
    { type: 'noteConflict', paperId: 'a', editId: 'e-1', message: 'both changed' },
    { type: 'noteNotSaved', paperId: 'a', editId: 'e-1', message: 'disk full' },
  ])
    assert.deepEqual(parseHostMessage(message), message, message.type);
});

test('notes-pane messages are capped and typed', () => {
  const big = 'x'.repeat(NOTE_BODY_LIMIT + 1);
  for (const bad of [
    { type: 'editNoteBody', paperId: 'a', editId: 'e', baseVersion: 1, baseBody: '', newBody: big },
    { type: 'editNoteBody', paperId: 'a', editId: 'e', baseVersion: '1', baseBody: '', newBody: '' },
    { type: 'editNoteBody', paperId: 'a', baseVersion: 1, baseBody: '', newBody: '' },
    { type: 'editNoteBody', paperId: 'a', editId: 'e'.repeat(101), baseVersion: 1, baseBody: '', newBody: '' },
    { type: 'createNote' },
  ])
    assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad).slice(0, 120));
  assert.ok(parseWebviewMessage({ type: 'editNoteBody', paperId: 'a', editId: 'e', baseVersion: 1, baseBody: '', newBody: big.slice(1) }));
  assert.equal(parseHostMessage({ type: 'noteBody', paperId: 'a', body: big, version: 1 }), undefined);
  assert.equal(parseHostMessage({ type: 'noteBody', paperId: 'a', body: '', version: Number.NaN }), undefined);
  assert.equal(parseHostMessage({ type: 'noteSaved', paperId: 'a', version: 1 }), undefined);
  assert.ok(isNoteDraft({ paperId: 'a', baseVersion: 1, baseBody: '', newBody: 'x', sent: { editId: 'e', newBody: 'x' } }));
  assert.ok(!isNoteDraft({ paperId: 'a', baseVersion: 1, baseBody: '', newBody: 'x', sent: [{ editId: 'e', newBody: 'x' }] }));
});

test('malformed, unknown or oversized messages are rejected', () => {
  for (const bad of [
    null,
    'ready',
    [],
    {},
    { type: 'nope' },
    { type: '__proto__' },
    { type: 'toString' },
    { type: 'openPaper' },
    { type: 'openPaper', paperId: 42 },
    { type: 'openPaper', paperId: 'x'.repeat(301) },
    { type: 'navigate', direction: 'sideways' },
    { type: 'setStatus', paperId: 'a', status: 'done' },
    { type: 'copyCitation', paperId: 'a', format: 'mla' },
    { type: 'addAnnotation', paperId: 'a', selector: { exact: '', prefix: '', suffix: '' }, comment: '' },
    { type: 'addAnnotation', paperId: 'a', selector: { exact: 'x', prefix: 'p' }, comment: '' },
  ])
    assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
  assert.equal(parseHostMessage({ ...showPaper, paper: { ...paperView, status: 'finished' } }), undefined);
  assert.equal(parseHostMessage({ ...showPaper, related: 'none' }), undefined);
  assert.equal(parseHostMessage({ type: 'ready' }), undefined, 'a webview message is not a host message');
});

test('the link policy opens only http(s) and mailto outside, paper links inside, and refuses the rest', () => {
  assert.deepEqual(decideLink('https://doi.org/10.1038/nature10098'), { kind: 'external', url: 'https://doi.org/10.1038/nature10098' });
  assert.deepEqual(decideLink(' http://example.org/a b '), { kind: 'external', url: 'http://example.org/a%20b' });
  assert.equal(decideLink('mailto:author@example.org').kind, 'external');
  assert.deepEqual(decideLink('lectern:paper/doi-10.1-x'), { kind: 'paper', paperId: 'doi-10.1-x' });
  for (const href of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'vbscript:x',
    'file:///etc/passwd',
    'command:workbench.action.terminal.new',
    'vscode://file/etc/passwd',
    '/relative/path',
    '#anchor',
    'lectern:paper/../../etc',
    'lectern:paper/%E0%A4%A',
    'https://user:pw@example.org/',
  ])
    assert.equal(decideLink(href).kind, 'refused', href);
});

test('the reader page has a strict CSP: nonce-only scripts, no inline styles, no eval', () => {
  const nonce = 'AbCdEfGhIjKlMnOpQrStUv==';
  const csp = readerCsp("'self' https://*.vscode-cdn.net", nonce);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}'`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const html = readerHtml({
    cspSource: "'self' https://*.vscode-cdn.net",
    nonce,
    scriptUri: 'https://x/reader.js',
    styleUri: 'https://x/reader.css',
  });
  assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://x/reader.js"></script>`));
  assert.doesNotMatch(html, /style=/);
  assert.throws(
    () => readerHtml({ cspSource: "x; script-src 'unsafe-inline'", nonce, scriptUri: 'a', styleUri: 'b' }),
    /not a valid webview cspSource/,
  );
  assert.throws(() => readerHtml({ cspSource: 'x', nonce: 'short', scriptUri: 'a', styleUri: 'b' }), /nonce/);
});
