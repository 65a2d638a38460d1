import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostMessage, parseWebviewMessage } from './protocol';
import { readerCsp } from './reader-html';

test('a PDF arrives as bytes, with the paper and file named; anything else in `data` is refused', () => {
  const data = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
  const message = { type: 'pdfDocument', paperId: 'p1', paperTitle: 'T', fileName: 'a b.pdf', data, page: 3 };
  assert.deepEqual(parseHostMessage(message), message);
  assert.equal(parseHostMessage({ ...message, data: 'JVBERi0=' }), undefined);
  assert.equal(parseHostMessage({ ...message, data: [37, 80] }), undefined);
  assert.equal(parseHostMessage({ ...message, page: 0 }), undefined);
  assert.equal(parseHostMessage({ ...message, page: 2.5 }), undefined);
  assert.deepEqual(parseHostMessage({ type: 'pdfUnavailable', paperId: 'p1', message: 'Lectern: no PDF.' }), {
    type: 'pdfUnavailable',
    paperId: 'p1',
    message: 'Lectern: no PDF.',
  });
});

test('the webview asks for a PDF (optionally at a page) or to attach one', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'openPdf', paperId: 'p1' }), { type: 'openPdf', paperId: 'p1' });
  assert.deepEqual(parseWebviewMessage({ type: 'openPdf', paperId: 'p1', page: 7 }), { type: 'openPdf', paperId: 'p1', page: 7 });
  assert.equal(parseWebviewMessage({ type: 'openPdf', paperId: 'p1', page: -1 }), undefined);
  assert.equal(parseWebviewMessage({ type: 'openPdf', paperId: 'p1', page: '3' }), undefined);
  assert.deepEqual(parseWebviewMessage({ type: 'attachPdf', paperId: 'p1' }), { type: 'attachPdf', paperId: 'p1' });
  assert.deepEqual(parseWebviewMessage({ type: 'getPdf', paperId: 'p1' }), { type: 'getPdf', paperId: 'p1' });
  assert.equal(parseWebviewMessage({ type: 'getPdf' }), undefined);
});

test('for PDFs the CSP adds only connect-src to the extension files and blob: workers; still no eval, nothing inline', () => {
  const csp = readerCsp("'self' https://*.vscode-cdn.net", 'AbCdEfGhIjKlMnOpQrStUv==');
  assert.match(csp, /connect-src 'self' https:\/\/\*\.vscode-cdn\.net;/);
  assert.match(csp, /worker-src blob:;/);
  assert.doesNotMatch(csp, /unsafe-|script-src [^;]*(blob:|https?:|'self')/);
});
