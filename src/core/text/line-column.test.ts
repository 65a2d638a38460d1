import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex, lineColumnAt } from './line-column';

test('lineColumnAt counts lines at \\n and columns from 1; a \\r is a character of its line', () => {
  assert.deepEqual(lineColumnAt('', 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumnAt('ab\ncd', 4), { line: 2, column: 2 });
  assert.deepEqual(lineColumnAt('ab\ncd\r\nef', 7), { line: 3, column: 1 });
  assert.deepEqual(lineColumnAt('ab\ncd\r\nef', 6), { line: 2, column: 4 });
  assert.deepEqual(lineColumnAt('ab\n', 2), { line: 1, column: 3 }, 'the \\n itself is the last column of its line');
  assert.deepEqual(lineColumnAt('ab\n', 3), { line: 2, column: 1 });
});

test('LineIndex agrees with lineColumnAt at every offset, and offset() is its inverse', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\r', ' ') }), (text) => {
      const lines = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const pos = lines.position(offset);
        assert.deepEqual(pos, lineColumnAt(text, offset));
        assert.equal(lines.line(offset), pos.line);
        assert.equal(lines.offset(pos.line, pos.column), offset);
      }
    }),
  );
});

test('LineIndex.offset of a line past the end is the end of the text', () => {
  assert.equal(new LineIndex('a\nb').offset(9, 1), 3);
});
