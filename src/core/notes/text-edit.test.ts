import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTextEdits, lineEndingOf, normalizeEdits } from './text-edit';

describe('text edits', () => {
  test('normalizeEdits sorts, drops no-ops, and merges edits that touch', () => {
    assert.deepEqual(
      normalizeEdits([
        { start: 5, end: 7, newText: 'b' },
        { start: 0, end: 0, newText: '' },
        { start: 5, end: 5, newText: 'a' },
        { start: 7, end: 7, newText: 'c' },
        { start: 1, end: 2, newText: '' },
      ]),
      [
        { start: 1, end: 2, newText: '' },
        { start: 5, end: 7, newText: 'abc' },
      ],
    );
    assert.throws(
      () =>
        normalizeEdits([
          { start: 0, end: 3, newText: '' },
          { start: 2, end: 4, newText: '' },
        ]),
      /overlapping/,
    );
  });

  test('applyTextEdits applies edits given against the original text, in any order', () => {
    assert.equal(
      applyTextEdits('hello world', [
        { start: 6, end: 11, newText: 'there' },
        { start: 0, end: 0, newText: '¡' },
        { start: 5, end: 5, newText: ',' },
      ]),
      '¡hello, there',
    );
    assert.throws(() => applyTextEdits('ab', [{ start: 1, end: 5, newText: '' }]), /past the end/);
  });

  test('line endings', () => {
    assert.equal(lineEndingOf('a\r\nb\n'), '\r\n');
    assert.equal(lineEndingOf('a\nb\r\n'), '\n');
    assert.equal(lineEndingOf('one line'), '\n');
  });
});
