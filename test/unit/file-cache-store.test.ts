import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCacheStore, userCacheFolder } from '../../src/node/file-cache-store';

test('the CLI cache folder: LECTERN_CACHE_DIR, else $XDG_CACHE_HOME/lectern, else ~/.cache/lectern', () => {
  assert.equal(userCacheFolder({ LECTERN_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }), '/c');
  assert.equal(userCacheFolder({ XDG_CACHE_HOME: '/x' }), join('/x', 'lectern'));
  assert.equal(userCacheFolder({}), join(homedir(), '.cache', 'lectern'));
});

test('entries round-trip; an absent key is undefined; prune keeps the newest libraries with their parts', async () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'lectern-store-')), 'cache');
  const store = new FileCacheStore(folder);
  assert.equal(await store.get('missing'), undefined);
  for (const [i, key] of ['library-a.txt', 'library-b.txt', 'library-c.txt'].entries()) {
    await store.put(key, `main ${key} é`);
    await store.put(`${key}.index`, 'index');
    utimesSync(join(folder, key), 1000 + i, 1000 + i);
  }
  await store.put('other.txt', 'not a library');
  assert.equal(await store.get('library-a.txt'), 'main library-a.txt é');
  await store.prune('library-', 2);
  assert.deepEqual(readdirSync(folder).sort(), [
    'library-b.txt',
    'library-b.txt.index',
    'library-c.txt',
    'library-c.txt.index',
    'other.txt',
  ]);
});

test('bytes round-trip in a buffer of their own that a search index can view in place', async () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'lectern-store-')), 'cache');
  const store = new FileCacheStore(folder);
  assert.equal(await store.getBytes('missing'), undefined);
  const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff);
  await store.putBytes('index', bytes);
  const read = await store.getBytes('index');
  assert.deepEqual(read, bytes);
  assert.equal(read?.byteOffset % 8, 0);
  assert.deepEqual(readdirSync(folder), ['index']);
});
