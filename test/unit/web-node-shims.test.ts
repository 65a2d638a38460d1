// The browser bundle's stand-ins for Node built-ins (src/web/node-shims/) give Node's answers for what Lectern
// asks of them: the desktop and VS Code for the Web must agree on fingerprints, index bytes and paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { fileURLToPath as nodeFileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Buffer as WebBuffer } from '../../src/web/node-shims/buffer';
import { createHash as webCreateHash, randomBytes as webRandomBytes } from '../../src/web/node-shims/crypto';
import * as webPath from '../../src/web/node-shims/path';
import { fileURLToPath } from '../../src/web/node-shims/url';

const segment = fc.constantFrom('a', 'bb', '.', '..', '', 'refs.bib', 'x y', 'é');
const posixPath = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 6 }), fc.boolean())
  .map(([absolute, parts, trailing]) => `${absolute ? '/' : ''}${parts.join('/')}${trailing ? '/' : ''}`);

test('path: join, resolve, dirname, basename and isAbsolute answer as node:path/posix', () => {
  fc.assert(
    fc.property(fc.array(posixPath, { minLength: 1, maxLength: 4 }), (paths) => {
      assert.equal(webPath.join(...paths), posix.join(...paths), `join ${JSON.stringify(paths)}`);
      // A browser has no working folder: relative paths resolve from `/`.
      const fromRoot = ['/', ...paths];
      assert.equal(webPath.resolve(...fromRoot), posix.resolve(...fromRoot), `resolve ${JSON.stringify(fromRoot)}`);
      for (const path of paths) {
        assert.equal(webPath.dirname(path), posix.dirname(path), `dirname ${JSON.stringify(path)}`);
        assert.equal(webPath.basename(path), posix.basename(path), `basename ${JSON.stringify(path)}`);
        assert.equal(webPath.isAbsolute(path), posix.isAbsolute(path));
      }
    }),
    { numRuns: 2000 },
  );
  assert.equal(webPath.basename('/papers/vaswani2017.pdf', '.pdf'), 'vaswani2017');
});

test('crypto: the SHA-256 digests equal Node’s for text and bytes fed in pieces, across block boundaries', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 200 })), { maxLength: 5 }), (parts) => {
      const node = createHash('sha256');
      const web = webCreateHash('sha256');
      for (const part of parts) {
        node.update(part);
        web.update(part);
      }
      assert.equal(web.digest('hex'), node.digest('hex'));
    }),
    { numRuns: 500 },
  );
  for (const size of [0, 55, 56, 63, 64, 65, 119, 120, 1_000_003]) {
    const bytes = new Uint8Array(size).map((_, i) => (i * 31) & 0xff);
    assert.equal(webCreateHash('sha256').update(bytes).digest('hex'), createHash('sha256').update(bytes).digest('hex'), `${size} bytes`);
  }
  assert.throws(() => webCreateHash('md5'), /^Error: Lectern: the md5 hash is not available in VS Code for the Web/);
  const nonce = webRandomBytes(16).toString('base64');
  assert.equal(Buffer.from(nonce, 'base64').length, 16);
  assert.notEqual(nonce, webRandomBytes(16).toString('base64'));
});

test('buffer: base64 both ways equals Node’s, for views into larger buffers and for text with stray characters', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(8), (bytes, skip) => {
      const start = Math.min(skip, bytes.length);
      const view = bytes.subarray(start);
      const expected = Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
      assert.equal(WebBuffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64'), expected);
      assert.deepEqual([...WebBuffer.from(expected, 'base64')], [...view]);
    }),
    { numRuns: 1000 },
  );
  const big = new Uint8Array(200_000).map((_, i) => i % 251);
  assert.equal(WebBuffer.from(big.buffer).toString('base64'), Buffer.from(big).toString('base64'));
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (text) => {
      assert.deepEqual([...WebBuffer.from(text, 'base64')], [...Buffer.from(text, 'base64')], JSON.stringify(text));
    }),
    { numRuns: 2000 },
  );
});

test('url: fileURLToPath gives Node’s POSIX path, escapes decoded, and refuses other schemes', () => {
  for (const url of ['file:///home/me/papers/a%20b.pdf', 'file:///p/%C3%A9t%C3%A9.pdf', 'file:///x']) {
    assert.equal(fileURLToPath(url), nodeFileURLToPath(url));
  }
  assert.throws(() => fileURLToPath('https://arxiv.org/pdf/1706.03762'), /must be of scheme file/);
});
