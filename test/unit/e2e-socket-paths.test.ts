import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createSocketDir,
  expectedSocketPaths,
  harnessPaths,
  maxSocketPathBytes,
  shortTempRoot,
  socketDirLayout,
} from '../../test/e2e/harness/paths';

// A checkout 150 characters deep: the old harness put Chromium's TMPDIR under `.e2e/run-<id>/tmp` and
// Chromium aborted with "Socket path too long …/SingletonSocket".
const longCheckout = `/home/someone/${'projects/'.repeat(14)}lectern`.padEnd(150, 'x');

test('the checkout path in this test is 150 characters long', () => {
  assert.equal(longCheckout.length, 150);
});

test('every socket a run creates stays under 100 bytes for a checkout at a 150-character path', () => {
  const checkout = harnessPaths(longCheckout);
  assert.ok(checkout.e2eDir.startsWith(longCheckout), 'installs and logs still live in the checkout');
  const socketDir = createSocketDir();
  try {
    assert.ok(existsSync(socketDir));
    assert.ok(!socketDir.startsWith(longCheckout));
    const sockets = expectedSocketPaths(socketDirLayout(socketDir));
    assert.ok(sockets.length >= 5);
    for (const socket of sockets) {
      assert.ok(Buffer.byteLength(socket) < maxSocketPathBytes, `${socket} is ${Buffer.byteLength(socket)} bytes`);
    }
  } finally {
    rmSync(socketDir, { recursive: true, force: true });
  }
});

test('a long TMPDIR falls back to /tmp, so the sockets still fit', () => {
  const longTemp = join(longCheckout, '.e2e', 'tmp');
  assert.equal(shortTempRoot(longTemp), '/tmp');
  assert.equal(shortTempRoot('/tmp'), '/tmp');
  const layout = socketDirLayout(join(shortTempRoot(longTemp), 'lectern-e2e-AbCdEf'));
  for (const socket of expectedSocketPaths(layout)) assert.ok(Buffer.byteLength(socket) < maxSocketPathBytes, socket);
});

test('two runs get different socket folders', () => {
  const [a, b] = [createSocketDir(), createSocketDir()];
  try {
    assert.notEqual(a, b);
  } finally {
    for (const dir of [a, b]) rmSync(dir, { recursive: true, force: true });
  }
});
