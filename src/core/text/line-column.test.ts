import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineColumnAt } from './line-column';

test('offsets become 1-based lines and columns', () => {
  const text = 'ab\ncd\n\nef';
  assert.deepEqual(lineColumnAt(text, 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumnAt(text, 2), { line: 1, column: 3 });
  assert.deepEqual(lineColumnAt(text, 3), { line: 2, column: 1 });
  assert.deepEqual(lineColumnAt(text, 4), { line: 2, column: 2 });
  assert.deepEqual(lineColumnAt(text, 6), { line: 3, column: 1 });
  assert.deepEqual(lineColumnAt(text, 7), { line: 4, column: 1 });
  assert.deepEqual(lineColumnAt(text, 99), { line: 4, column: 3 }, 'past the end: the end');
  assert.deepEqual(lineColumnAt('', 0), { line: 1, column: 1 });
});

test('Windows line ends count once per line; the \\r is the last column of its line', () => {
  assert.deepEqual(lineColumnAt('a\r\nb', 3), { line: 2, column: 1 });
  assert.deepEqual(lineColumnAt('a\r\nb', 1), { line: 1, column: 2 });
});
