// Byte-exact edits at the characters next to the surrogate range: the first and last four-byte characters cannot be
// cut in two, while characters above the surrogates (full-width letters, U+FFFD for an invalid byte) are whole ones an
// edit may start or end at. And a note longer than one decoding chunk (8,192 code units) decodes whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNote, editNoteBytes } from './note-bytes';

const encode = (text: string) => new TextEncoder().encode(text);
const CUT = (line: number) =>
  `Lectern: line ${line} would be cut inside a character; the note was left unchanged so that no byte of it is lost.`;

test('an edit inside U+10000 or U+10FFFF is refused, naming its line', () => {
  for (const char of ['\u{10000}', '\u{10FFFF}']) {
    const note = decodeNote(encode(`---\nstatus: reading\n---\nA ${char} B\n`));
    const inside = note.text.indexOf(char) + 1;
    assert.deepEqual(editNoteBytes(note, [{ start: inside, end: inside, newText: 'x' }]), { error: CUT(4), line: 4 }, char);
    const after = inside + 1;
    const edited = editNoteBytes(note, [{ start: after, end: after, newText: 'x' }]);
    assert.deepEqual(edited, {
      bytes: encode(`---\nstatus: reading\n---\nA ${char}x B\n`),
      text: `---\nstatus: reading\n---\nA ${char}x B\n`,
    });
  }
});

test('an edit next to a full-width status or before an invalid byte is made, every other byte kept', () => {
  const wide = decodeNote(encode('---\nstatus: ｒｅａｄｉｎｇ\n---\n'));
  const start = wide.text.indexOf('ｒ');
  const edited = editNoteBytes(wide, [{ start, end: start + 7, newText: 'read' }]);
  assert.deepEqual(edited, { bytes: encode('---\nstatus: read\n---\n'), text: '---\nstatus: read\n---\n' });

  const latin1 = new Uint8Array([...encode('---\nstatus: a\n---\nCaf'), 0xe9, 0x0a]);
  const note = decodeNote(latin1);
  const before = note.text.indexOf('\ufffd');
  const appended = editNoteBytes(note, [{ start: before - 1, end: before, newText: 'F' }]);
  assert.ok(!('error' in appended), JSON.stringify(appended));
  assert.deepEqual([...appended.bytes], [...encode('---\nstatus: a\n---\nCaF'), 0xe9, 0x0a]);
});

test('a note longer than one decoding chunk decodes whole, as TextDecoder decodes it', () => {
  const body = `${'é'.repeat(5000)}\u{1F600}${'a'.repeat(5000)}`;
  const bytes = new Uint8Array([...encode(`---\nstatus: reading\n---\n${body}`), 0xff, 0x0a]);
  const note = decodeNote(bytes);
  assert.equal(note.text.length, 24 + 10002 + 2);
  assert.equal(note.text, new TextDecoder().decode(bytes));
  assert.deepEqual(note.invalid, [note.text.length - 2]);
});
