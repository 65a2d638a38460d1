import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arxivPdfUrl } from './arxiv-pdf-url';

test('arXiv PDF addresses for new- and old-style ids, under any http(s) base', () => {
  assert.equal(arxivPdfUrl('https://arxiv.org', '2403.01234'), 'https://arxiv.org/pdf/2403.01234');
  assert.equal(arxivPdfUrl('https://arxiv.org/', '2403.01234v2'), 'https://arxiv.org/pdf/2403.01234v2');
  assert.equal(arxivPdfUrl('https://arxiv.org', 'hep-th/0701001'), 'https://arxiv.org/pdf/hep-th/0701001');
  assert.equal(arxivPdfUrl('https://arxiv.org', 'math.GT/0309136'), 'https://arxiv.org/pdf/math.GT/0309136');
  assert.equal(arxivPdfUrl('http://127.0.0.1:4321/mirror/', '0704.0001'), 'http://127.0.0.1:4321/mirror/pdf/0704.0001');
});

test('no address for a base that is not http(s) or an id that is not arXiv’s', () => {
  assert.equal(arxivPdfUrl('file:///etc', '2403.01234'), undefined);
  assert.equal(arxivPdfUrl('not a url', '2403.01234'), undefined);
  assert.equal(arxivPdfUrl('https://arxiv.org', '../../etc/passwd'), undefined);
  assert.equal(arxivPdfUrl('https://arxiv.org', '2403.01234?x=1'), undefined);
});
