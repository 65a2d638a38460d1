/**
 * Notes written back byte-exact: random notes made of bytes (a BOM or not; LF, CRLF or lone-CR
 * front matter; invalid UTF-8 such as a Latin-1 é around and inside the front matter; bodies with
 * mixed line breaks) are read, given a status/tags edit and written, and the result is compared
 * byte for byte with the note built with the edited key line: every other byte is the same.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeNote, editNoteBytes, lineOf, lossySaveLine } from './note-bytes';
import { setFrontMatterKeys, type FrontMatterChanges } from './note-front-matter';
import { applyTextEdits, type TextEdit } from './text-edit';

const RUNS = Number(process.env.LECTERN_RUNS ?? 400);
const utf8 = (text: string) => [...new TextEncoder().encode(text)];

/** Invalid UTF-8: a Latin-1 é, bytes never used, a lone lead, a lone continuation, an encoded surrogate, truncated sequences, an overlong `/`. */
const INVALID = [[0xe9], [0xff], [0xc3], [0x80], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0xe2, 0x82], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80]];
const invalidBytes = fc.constantFrom(...INVALID);
const word = fc.constantFrom('a', 'note', 'Caf', 'é', 'ü', '😀', '中文', '42', ' ', 'x y').map(utf8);
/** Text for a value or comment: no line breaks, may hold invalid bytes. */
const chunk = fc
  .array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 1, arbitrary: invalidBytes }), { maxLength: 6 })
  .map((parts) => parts.flat());
const EOLS = ['\n', '\r\n', '\r'] as const;
const anyBytes = fc.array(
  fc.oneof(
    word,
    invalidBytes,
    fc.constantFrom(...EOLS).map(utf8),
    fc.integer({ min: 0, max: 255 }).map((byte) => [byte]),
  ),
  { maxLength: 12 },
);
/** A body: anything, but it never starts a second `---` fence by accident (it starts with `#`). */
const body = anyBytes.map((parts) => [...utf8('# '), ...parts.flat()]);

/** A front matter line that is not Lectern's: another key (value may hold invalid bytes) or a comment. */
const otherLine = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9 }), chunk).map(([n, value]) => [...utf8(`k${n}: x`), ...value]),
  chunk.map((text) => [...utf8('# '), ...text]),
);

interface NoteModel {
  bom: boolean;
  eol: (typeof EOLS)[number];
  before: number[][];
  status?: 'reading' | 'bad';
  tags: boolean;
  after: number[][];
  body: number[];
}

const model: fc.Arbitrary<NoteModel> = fc.record({
  bom: fc.boolean(),
  eol: fc.constantFrom(...EOLS),
  before: fc.uniqueArray(otherLine, { maxLength: 3, selector: (line) => String.fromCharCode(...line.slice(0, 3)) }),
  status: fc.constantFrom(undefined, 'reading', 'bad'),
  tags: fc.boolean(),
  after: fc.array(
    chunk.map((text) => [...utf8('# '), ...text]),
    { maxLength: 2 },
  ),
  body: fc.oneof(body, fc.constant<number[]>([])),
});

const changesArb: fc.Arbitrary<FrontMatterChanges> = fc.record(
  { status: fc.constantFrom<string | null>('read', null, 'reading'), tags: fc.constantFrom<string[] | null>(['a', 'b', 'c'], ['b'], null) },
  { requiredKeys: [] },
);

/** A `status` line whose value holds a Latin-1 byte: `status: read<E9>ing`. */
const BAD_STATUS = [...utf8('status: read'), 0xe9, ...utf8('ing')];

/** The note's bytes; `changes` gives the bytes Lectern must write for that edit (the model's other lines untouched). */
function build(note: NoteModel, changes: FrontMatterChanges = {}): number[] {
  const eol = utf8(note.eol);
  const line = (bytes: number[]) => [...bytes, ...eol];
  const lines: number[][] = [...note.before];
  const statusLine = (value: string | null | undefined, old: number[] | undefined) =>
    value === undefined ? old : value === null ? undefined : utf8(`status: ${value}`);
  const tagsLine = (value: string[] | null | undefined, old: number[] | undefined) =>
    value === undefined ? old : value === null ? undefined : utf8(`tags: [${value.join(', ')}]`);
  const oldStatus = note.status === 'bad' ? BAD_STATUS : note.status ? utf8(`status: ${note.status}`) : undefined;
  const oldTags = note.tags ? utf8('tags: [a, b]') : undefined;
  const status = oldStatus ? statusLine(changes.status, oldStatus) : undefined;
  const tags = oldTags ? tagsLine(changes.tags, oldTags) : undefined;
  if (status) lines.push(status);
  if (tags) lines.push(tags);
  lines.push(...note.after);
  // Keys the note did not have are added at the end of the front matter, in Lectern's order.
  if (!oldStatus && changes.status) lines.push(utf8(`status: ${changes.status}`));
  if (!oldTags && changes.tags) lines.push(utf8(`tags: [${changes.tags.join(', ')}]`));
  return [...(note.bom ? [0xef, 0xbb, 0xbf] : []), ...line(utf8('---')), ...lines.flatMap(line), ...line(utf8('---')), ...note.body];
}

/** Lectern's closed-note write path: decode, compute the front matter edits on the text, write them into the bytes. */
function setInBytes(bytes: Uint8Array, changes: FrontMatterChanges) {
  const note = decodeNote(bytes);
  const result = setFrontMatterKeys(note.text, changes);
  if ('error' in result) return result;
  return editNoteBytes(note, result.edits);
}

describe('notes as bytes', () => {
  test('decodeNote reads exactly what TextDecoder reads, and keeps where each character came from', () => {
    const bytes = fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 255 }).map((byte) => [byte]),
        invalidBytes,
        word,
        fc.constant([0xef, 0xbb, 0xbf]),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(bytes, fc.boolean(), (parts, bom) => {
        const raw = new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...parts.flat()]);
        const note = decodeNote(raw);
        assert.equal(note.text, new TextDecoder().decode(raw));
        assert.equal(note.bom, bom || (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf));
        assert.equal(note.byteAt[note.text.length], raw.length);
        const encoder = new TextEncoder();
        for (let i = 0; i < note.text.length; i++) {
          const code = note.text.charCodeAt(i);
          if (code >= 0xdc00 && code <= 0xdfff) continue; // The second half of a pair starts where the pair starts.
          const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
          const from = note.byteAt[i];
          const to = note.byteAt[i + width];
          if (note.invalid.includes(i)) assert.equal(note.text[i], '\ufffd');
          else assert.deepEqual([...raw.subarray(from, to)], [...encoder.encode(note.text.slice(i, i + width))], `character ${i}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('setting status and tags changes only the key lines: every other byte (BOM, line breaks, invalid bytes) is kept', () => {
    const counts = { written: 0, refused: 0 };
    fc.assert(
      fc.property(model, changesArb, (note, changes) => {
        const bytes = new Uint8Array(build(note));
        const result = setInBytes(bytes, changes);
        const touchesBadStatus = note.status === 'bad' && changes.status !== undefined;
        if (touchesBadStatus) {
          // The edit would rewrite the invalid byte of the `status` line: refused, naming that line.
          assert.ok('error' in result, 'refused');
          const line = 2 + note.before.length;
          assert.equal(
            result.error,
            `Lectern: line ${line} holds bytes that are not valid UTF-8 where Lectern would write; save the note as UTF-8 (or fix that line), then try again; the note was left unchanged so that no byte of it is lost.`,
          );
          counts.refused++;
          return;
        }
        assert.ok(!('error' in result), 'error' in result ? result.error : '');
        assert.deepEqual([...result.bytes], build(note, changes));
        counts.written++;
      }),
      { numRuns: RUNS },
    );
    assert.ok(counts.written > RUNS / 2 && counts.refused > 0, JSON.stringify(counts));
  });

  test('a note without front matter gets one after its BOM, every byte of it kept', () => {
    fc.assert(
      fc.property(fc.boolean(), body, (bom, rest) => {
        const prefix = bom ? [0xef, 0xbb, 0xbf] : [];
        const result = setInBytes(new Uint8Array([...prefix, ...rest]), { status: 'read' });
        assert.ok(!('error' in result), 'error' in result ? result.error : '');
        const eol = /\r\n|\n|\r/.exec(String.fromCharCode(...rest))?.[0] ?? '\n';
        assert.deepEqual([...result.bytes], [...prefix, ...utf8(`---${eol}status: read${eol}---${eol}${eol}`), ...rest]);
      }),
      { numRuns: RUNS },
    );
  });

  test('any edits on any bytes: refused, or every byte outside them kept and the result reads back as the edited text', () => {
    const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 4 }), newText: fc.string({ maxLength: 4, unit: 'binary' }) });
    let written = 0;
    fc.assert(
      fc.property(anyBytes, fc.boolean(), fc.array(edit, { maxLength: 3 }), (parts, bom, wanted) => {
        const bytes = new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...parts.flat()]);
        const note = decodeNote(bytes);
        const edits: TextEdit[] = [];
        let from = 0;
        for (const { at, length, newText } of wanted) {
          if (from > note.text.length) break;
          const start = from + (at % (note.text.length - from + 1));
          const end = Math.min(note.text.length, start + length);
          edits.push({ start, end, newText });
          from = end + 1;
        }
        const result = editNoteBytes(note, edits);
        if ('error' in result) {
          assert.match(result.error, /^Lectern: line \d+ .*no byte of it is lost\.$/);
          return;
        }
        written++;
        assert.equal(result.text, applyTextEdits(note.text, edits));
        assert.equal(new TextDecoder().decode(result.bytes), result.text);
        const first = edits.length === 0 ? note.text.length : Math.min(...edits.map((e) => e.start));
        const last = edits.length === 0 ? note.text.length : Math.max(...edits.map((e) => e.end));
        const head = note.byteAt[first];
        const tail = bytes.length - note.byteAt[last];
        assert.deepEqual([...result.bytes.subarray(0, head)], [...bytes.subarray(0, head)], 'bytes before the edits');
        assert.deepEqual([...result.bytes.subarray(result.bytes.length - tail)], [...bytes.subarray(bytes.length - tail)], 'bytes after');
      }),
      { numRuns: RUNS },
    );
    assert.ok(written > RUNS / 4, `${written} written`);
  });
});

describe('editNoteBytes refusals', () => {
  const bytes = new Uint8Array([...utf8('---\nstatus: reading\n---\nCaf'), 0xe9, ...utf8('\n😀\n')]);
  const note = decodeNote(bytes);

  test('a Latin-1 byte in the body survives a status edit; removing it is refused with its line', () => {
    const edited = editNoteBytes(note, [{ start: 12, end: 19, newText: 'read' }]);
    assert.ok(!('error' in edited));
    assert.deepEqual([...edited.bytes], [...utf8('---\nstatus: read\n---\nCaf'), 0xe9, ...utf8('\n😀\n')]);
    const at = note.text.indexOf('\ufffd');
    assert.deepEqual(editNoteBytes(note, [{ start: at, end: at + 1, newText: 'é' }]), {
      error:
        'Lectern: line 4 holds bytes that are not valid UTF-8 where Lectern would write; save the note as UTF-8 (or fix that line), then try again; the note was left unchanged so that no byte of it is lost.',
      line: 4,
    });
  });

  test('cutting a character in two, an edit past the end, a lone surrogate, or bytes that would join an invalid sequence are refused', () => {
    const emoji = note.text.indexOf('😀');
    assert.match(
      (editNoteBytes(note, [{ start: emoji + 1, end: emoji + 1, newText: 'x' }]) as { error: string }).error,
      /^Lectern: line 5 would be cut inside a character/,
    );
    assert.match(
      (editNoteBytes(note, [{ start: 0, end: note.text.length + 1, newText: '' }]) as { error: string }).error,
      /is past the end of the note/,
    );
    assert.match(
      (editNoteBytes(note, [{ start: 0, end: 0, newText: '\ud800' }]) as { error: string }).error,
      /would not read back as the edited text/,
    );
    // `F0 'b' 9F` reads as three characters; without the `b` the two bytes would read as one.
    const joined = decodeNote(new Uint8Array([0xf0, 0x62, 0x9f]));
    assert.equal(joined.text, '\ufffdb\ufffd');
    assert.match(
      (editNoteBytes(joined, [{ start: 1, end: 2, newText: '' }]) as { error: string }).error,
      /would not read back as the edited text/,
    );
  });

  test('lineOf counts CRLF, LF and lone CR as editors do', () => {
    assert.equal(lineOf('a\r\nb\rc\nd', 8), 4);
    assert.equal(lineOf('a\r\nb', 2), 1);
  });

  test('lossySaveLine: an open UTF-8 document of a file with invalid bytes would lose them on save', () => {
    const latin1 = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('---\r\nstatus: read\r\n---\r\n# Caf'), 0xe9, ...utf8('\r\n')]);
    assert.equal(lossySaveLine(latin1, 'utf8bom'), 4);
    assert.equal(lossySaveLine(latin1, 'utf8'), 4);
    assert.equal(lossySaveLine(latin1, undefined), 4);
    assert.equal(lossySaveLine(latin1, 'windows1252'), undefined, 'reopened in its encoding, a save writes it back');
    assert.equal(lossySaveLine(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('---\rCafé\r')]), 'utf8bom'), undefined);
  });
});
