import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnnotationView } from '../../shared/protocol';
import {
  addHighlight,
  createHighlightId,
  locateHighlight,
  parseHighlights,
  removeHighlight,
  updateHighlightComment,
} from './note-highlights';
import { applyTextEdits, type TextEdit } from './text-edit';

const note = [
  '---',
  'paper: "2403.01230"',
  'status: reading',
  '---',
  '',
  '# See What You Are Told',
  '',
  '## Notes',
  '',
  'My own notes, untouched.',
  '',
].join('\n');

const sink: AnnotationView = {
  id: 'h-3f9a2c',
  selector: { exact: 'attention sinks on visual tokens', prefix: 'We call these ', suffix: ' and show that "they" --> carry' },
  comment: 'This is why VAR works.',
  created: '2026-11-29',
};
const plain: AnnotationView = { id: 'h-000001', selector: { exact: 'a second\nquote, two lines', prefix: '', suffix: '' }, comment: '' };

function apply(text: string, edits: TextEdit[]): string {
  return applyTextEdits(text, edits);
}

/** Asserts every edit lies in `[from, to]` of the original text. */
function assertWithin(edits: TextEdit[], from: number, to: number) {
  for (const edit of edits) assert.ok(edit.start >= from && edit.end <= to, `edit [${edit.start}, ${edit.end}) within [${from}, ${to}]`);
}

describe('addHighlight', () => {
  test('creates the section at the end of the note, in the documented format', () => {
    const edits = addHighlight(note, sink);
    assert.deepEqual(
      edits.map((edit) => [edit.start, edit.end]),
      [[note.length, note.length]],
    );
    assert.equal(
      apply(note, edits),
      note +
        [
          '',
          '## Highlights',
          '',
          '> attention sinks on visual tokens',
          '<!-- lectern:highlight id=h-3f9a2c prefix="We call these " suffix=" and show that \\"they\\" --\\u003e carry" created=2026-11-29 -->',
          '',
          'This is why VAR works.',
          '',
        ].join('\n'),
    );
  });

  test('add → parse gives the annotation back, several times over', () => {
    let text = apply(note, addHighlight(note, sink));
    text = apply(text, addHighlight(text, plain));
    const third: AnnotationView = {
      id: 'h-00000f',
      selector: { exact: '> odd\n\n  indented  ', prefix: 'line\nbreak', suffix: '\t' },
      comment: '## not a heading\n\n<!-- lectern:highlight id=fake -->\n```\nunclosed fence',
    };
    text = apply(text, addHighlight(text, third));
    const parsed = parseHighlights(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.annotations, [sink, plain, { ...third, comment: third.comment + '\n```' }]);
    assert.ok(text.startsWith(note), 'nothing before the section changed');
  });

  test('adds at the end of an existing section, before the next heading', () => {
    const text = note.replace('## Notes', '## Highlights\n\nIntro the user wrote.\n\n## Notes');
    const edits = addHighlight(text, sink);
    const section = text.indexOf('## Highlights');
    assertWithin(edits, section, text.indexOf('## Notes'));
    const next = apply(text, edits);
    assert.equal(
      next,
      note.replace(
        '## Notes',
        [
          '## Highlights',
          '',
          'Intro the user wrote.',
          '',
          '> attention sinks on visual tokens',
          '<!-- lectern:highlight id=h-3f9a2c prefix="We call these " suffix=" and show that \\"they\\" --\\u003e carry" created=2026-11-29 -->',
          '',
          'This is why VAR works.',
          '',
          '## Notes',
        ].join('\n'),
      ),
    );
    assert.deepEqual(parseHighlights(next).annotations, [sink]);
    // A heading right after the section, with no blank line, still gets one.
    const tight = '## Highlights\n## Next\n';
    assert.equal(
      apply(tight, addHighlight(tight, plain)),
      '## Highlights\n\n> a second\n> quote, two lines\n<!-- lectern:highlight id=h-000001 -->\n\n## Next\n',
    );
  });

  test('CRLF notes get CRLF blocks; notes without a final newline, empty notes', () => {
    const crlf = note.replaceAll('\n', '\r\n');
    const text = apply(crlf, addHighlight(crlf, sink));
    assert.doesNotMatch(text.replaceAll('\r\n', ''), /\n/);
    assert.deepEqual(parseHighlights(text).annotations, [sink]);
    assert.equal(
      apply('text', addHighlight('text', plain)),
      'text\n\n## Highlights\n\n> a second\n> quote, two lines\n<!-- lectern:highlight id=h-000001 -->\n',
    );
    assert.equal(
      apply('', addHighlight('', plain)),
      '## Highlights\n\n> a second\n> quote, two lines\n<!-- lectern:highlight id=h-000001 -->\n',
    );
    const open = 'text\n```\ncode never closed\n';
    const closed = apply(open, addHighlight(open, plain));
    assert.equal(closed, open + '```\n\n## Highlights\n\n> a second\n> quote, two lines\n<!-- lectern:highlight id=h-000001 -->\n');
    assert.deepEqual(parseHighlights(closed).annotations, [plain]);
  });

  test('a Highlights heading inside fenced code or front matter is not the section', () => {
    const text = '---\ntitle: x\n---\n```\n## Highlights\n```\n';
    const edits = addHighlight(text, plain);
    assert.equal(edits[0].start, text.length);
    assert.match(apply(text, edits), /```\n\n## Highlights\n\n> a second/);
  });

  test('refuses a taken id or an empty quote', () => {
    const text = apply(note, addHighlight(note, sink));
    assert.throws(() => addHighlight(text, sink), /^Error: Lectern: the note already has a highlight `h-3f9a2c`/);
    assert.throws(() => addHighlight(text, { ...plain, selector: { exact: '', prefix: '', suffix: '' } }), /needs quoted text/);
  });
});

describe('parseHighlights', () => {
  const base = apply(apply(note, addHighlight(note, sink)), addHighlight(apply(note, addHighlight(note, sink)), plain));

  test('a note without highlights has none', () => {
    assert.deepEqual(parseHighlights(note), { annotations: [], problems: [] });
    assert.deepEqual(parseHighlights(''), { annotations: [], problems: [] });
  });

  test('editing the quote or the comment by hand changes the annotation', () => {
    const edited = base
      .replace('> attention sinks on visual tokens', '> attention sinks on the visual tokens')
      .replace('This is why VAR works.', 'This is why VAR works.\n\nAnd a second paragraph.\n> with a quote');
    const [first] = parseHighlights(edited).annotations;
    assert.equal(first.selector.exact, 'attention sinks on the visual tokens');
    assert.equal(first.comment, 'This is why VAR works.\n\nAnd a second paragraph.\n> with a quote');
    const lazy = base.replace('> attention sinks on visual tokens', '> attention sinks\non visual tokens');
    assert.equal(parseHighlights(lazy).annotations[0].selector.exact, 'attention sinks\non visual tokens');
  });

  test('deleting a block by hand deletes the annotation', () => {
    const start = base.indexOf('> a second');
    const without = base.slice(0, start) + base.slice(base.indexOf('-->', start) + 4);
    assert.deepEqual(
      parseHighlights(without).annotations.map((a) => a.id),
      ['h-3f9a2c'],
    );
  });

  test('a damaged anchor is a problem; the other highlights are still read', () => {
    const damaged = base.replace('<!-- lectern:highlight id=h-3f9a2c', '<!-- lectern:highlight idd=h-3f9a2c');
    const parsed = parseHighlights(damaged);
    assert.deepEqual(
      parsed.annotations.map((a) => a.id),
      ['h-000001'],
    );
    assert.equal(parsed.problems.length, 1);
    const line = damaged.split('\n').findIndex((l) => l.includes('idd=')) + 1;
    assert.deepEqual([parsed.problems[0].line, parsed.problems[0].column], [line, 1]);
    assert.match(parsed.problems[0].message, /^Lectern: the highlight comment on line \d+ has no usable `id=`/);

    const unclosed = parseHighlights(base.replace('created=2026-11-29 -->', 'created=2026-11-29'));
    assert.deepEqual(
      unclosed.annotations.map((a) => a.id),
      ['h-000001'],
    );
    assert.match(unclosed.problems[0].message, /does not end with `-->`/);

    const badPrefix = parseHighlights(base.replace('prefix="We call these "', 'prefix="We call \\q these"'));
    assert.equal(badPrefix.annotations.length, 2, 'kept, with an empty prefix');
    assert.equal(badPrefix.annotations[0].selector.prefix, '');
    assert.match(badPrefix.problems[0].message, /cannot be read/);

    const noQuote = parseHighlights(base.replace('> a second\n> quote, two lines\n', ''));
    assert.deepEqual(
      noQuote.annotations.map((a) => a.id),
      ['h-3f9a2c'],
    );
    assert.match(noQuote.problems[0].message, /has no quoted text/);

    const twice = parseHighlights(base.replace('id=h-000001', 'id=h-3f9a2c'));
    assert.deepEqual(
      twice.annotations.map((a) => a.id),
      ['h-3f9a2c'],
    );
    assert.match(twice.problems[0].message, /used by an earlier highlight too/);
  });

  test('anchors outside the Highlights section, or in code, are not highlights', () => {
    const text =
      '> quoted\n<!-- lectern:highlight id=h-1 -->\n\n## Highlights\n\n```\n> x\n<!-- lectern:highlight id=h-2 -->\n```\n\n## Other\n\n> y\n<!-- lectern:highlight id=h-3 -->\n';
    assert.deepEqual(parseHighlights(text), { annotations: [], problems: [] });
  });
});

describe('removeHighlight and updateHighlightComment', () => {
  let base = note.replace('## Notes', '## Highlights\n\n## Notes');
  base = apply(base, addHighlight(base, sink));
  base = apply(base, addHighlight(base, plain));
  base = apply(base, addHighlight(base, { id: 'h-3', selector: { exact: 'third', prefix: '', suffix: '' }, comment: 'three' }));

  test('remove takes out only that block', () => {
    const location = locateHighlight(base, 'h-000001')!;
    const edits = removeHighlight(base, 'h-000001');
    assert.deepEqual(edits, [{ start: location.start, end: location.end, newText: '' }]);
    const next = apply(base, edits);
    assert.equal(next, base.replace('> a second\n> quote, two lines\n<!-- lectern:highlight id=h-000001 -->\n\n', ''));
    assert.deepEqual(
      parseHighlights(next).annotations.map((a) => a.id),
      ['h-3f9a2c', 'h-3'],
    );
    const last = apply(base, removeHighlight(base, 'h-3'));
    assert.equal(last, base.replace('> third\n<!-- lectern:highlight id=h-3 -->\n\nthree\n\n', ''));
    assert.deepEqual(removeHighlight(base, 'missing'), []);
  });

  test('update replaces only the comment', () => {
    const location = locateHighlight(base, 'h-3f9a2c')!;
    const edits = updateHighlightComment(base, 'h-3f9a2c', 'New thought.\nTwo lines.');
    assertWithin(edits, location.anchorEnd, location.end);
    const next = apply(base, edits);
    assert.equal(next, base.replace('This is why VAR works.', 'New thought.\nTwo lines.'));
    assert.equal(parseHighlights(next).annotations[0].comment, 'New thought.\nTwo lines.');

    const cleared = apply(base, updateHighlightComment(base, 'h-3f9a2c', ''));
    assert.equal(cleared, base.replace('This is why VAR works.\n\n', ''));
    assert.equal(parseHighlights(cleared).annotations[0].comment, '');

    const added = apply(base, updateHighlightComment(base, 'h-000001', 'now commented'));
    assert.equal(added, base.replace('id=h-000001 -->\n\n', 'id=h-000001 -->\n\nnow commented\n\n'));
    assert.deepEqual(updateHighlightComment(base, 'h-3', 'three'), []);
    assert.deepEqual(updateHighlightComment(base, 'missing', 'x'), []);
    const atEnd = '## Highlights\n\n> q\n<!-- lectern:highlight id=h-9 -->';
    assert.equal(apply(atEnd, updateHighlightComment(atEnd, 'h-9', 'c')), atEnd + '\n\nc\n');
  });

  test('createHighlightId avoids taken ids', () => {
    let calls = 0;
    const random = () => (calls++ === 0 ? 0 : 0.5);
    assert.equal(createHighlightId(['h-000000'], random), 'h-800000');
    assert.match(createHighlightId([]), /^h-[0-9a-f]{6}$/);
  });
});
