// A note's bytes at the edges of UTF-8 (the first and last character of each sequence length, and the
// sequences just past them that are invalid) decode exactly as VS Code's TextDecoder decodes them, and keep
// their byte offsets, so an edit next to them writes back every byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNote, editNoteBytes } from './note-bytes';

const EDGES: number[][] = [
  [0x7f],
  [0xc2, 0x80], // U+0080, the first two-byte character
  [0xdf, 0xbf], // U+07FF
  [0xe0, 0xa0, 0x80], // U+0800
  [0xed, 0x9f, 0xbf], // U+D7FF, just below the surrogates
  [0xef, 0xbf, 0xbf], // U+FFFF
  [0xf0, 0x90, 0x80, 0x80], // U+10000, the first four-byte character
  [0xf4, 0x8f, 0xbf, 0xbf], // U+10FFFF, the last
  [0xc1, 0xbf], // overlong: invalid
  [0xe0, 0x9f, 0xbf], // overlong three-byte: invalid
  [0xed, 0xa0, 0x80], // a surrogate: invalid
  [0xf0, 0x8f, 0xbf, 0xbf], // overlong four-byte: invalid
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF: invalid
  [0xf5, 0x80],
  [0xef, 0xbb], // a BOM cut short, not at the start
];

test('each UTF-8 edge decodes as TextDecoder decodes it, and a status edit keeps its bytes', () => {
  const head = [...new TextEncoder().encode('---\nstatus: reading\n---\n')];
  for (const edge of EDGES) {
    const bytes = new Uint8Array([...head, 0x61, ...edge, 0x62, 0x0a]);
    const note = decodeNote(bytes);
    assert.equal(note.text, new TextDecoder().decode(bytes), edge.join(' '));
    assert.equal(note.bom, false);
    const b = note.text.lastIndexOf('b');
    assert.equal(note.byteAt[b], bytes.length - 2, `offset after ${edge.join(' ')}`);
    const edited = editNoteBytes(note, [{ start: 12, end: 19, newText: 'read' }]);
    assert.ok(!('error' in edited), edge.join(' '));
    assert.deepEqual(
      [...edited.bytes],
      [...new TextEncoder().encode('---\nstatus: read\n---\n'), 0x61, ...edge, 0x62, 0x0a],
      edge.join(' '),
    );
  }
  // Only the full three bytes at the very start are a BOM.
  assert.equal(decodeNote(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).bom, true);
  for (const start of [
    [0xef, 0xbb, 0x61],
    [0xef, 0x61, 0xbf],
    [0x61, 0xbb, 0xbf],
  ])
    assert.equal(decodeNote(new Uint8Array(start)).bom, false);
  assert.equal(decodeNote(new Uint8Array([0xef, 0xbb])).bom, false);
});

test('an edit ending exactly at the end of the note is made; one cutting after the first half of a character is refused', () => {
  const note = decodeNote(new TextEncoder().encode('---\nstatus: a\n---\n😀'));
  const end = note.text.length;
  const appended = editNoteBytes(note, [{ start: end, end, newText: '!' }]);
  assert.ok(!('error' in appended));
  assert.equal(appended.text, '---\nstatus: a\n---\n😀!');
  assert.match(
    (editNoteBytes(note, [{ start: end - 1, end, newText: '' }]) as { error: string }).error,
    /^Lectern: line 4 would be cut inside a character/,
  );
});

test('overlapping edits are refused before any byte is touched', () => {
  const note = decodeNote(new TextEncoder().encode('---\nstatus: a\n---\n'));
  assert.deepEqual(
    editNoteBytes(note, [
      { start: 4, end: 10, newText: '' },
      { start: 6, end: 8, newText: 'x' },
    ]),
    { error: 'Lectern: overlapping edits at 6', line: 1 },
  );
});
