import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnnotationView } from '../../shared/protocol';
import { addHighlight, highlightPageLabels, parseHighlights, removeHighlight, updateHighlightComment } from './note-highlights';
import { applyTextEdits } from './text-edit';

const note = '---\npaper: "2403.01230"\n---\n\n# A Paper\n\n## Notes\n\nMine.\n';

const onPage7: AnnotationView = {
  id: 'h-07a1b2',
  selector: { exact: 'sinks appear on every page', prefix: 'Attention ', suffix: ' of the model' },
  comment: 'Check the appendix.',
  created: '2026-12-05',
  page: 7,
  position: { start: 1204, end: 1230 },
};
const abstractOne: AnnotationView = { id: 'h-000001', selector: { exact: 'an abstract quote', prefix: '', suffix: '' }, comment: '' };

describe('PDF highlights in the note: the page (`p. 7`) and the position', () => {
  test('are written after the anchor as `p. 7` and as `position=`, and read back the same', () => {
    const text = applyTextEdits(note, addHighlight(note, onPage7));
    assert.equal(
      text.slice(note.length),
      [
        '',
        '## Highlights',
        '',
        '> sinks appear on every page',
        '<!-- lectern:highlight id=h-07a1b2 position=1204-1230 prefix="Attention " suffix=" of the model" created=2026-12-05 --> p. 7',
        '',
        'Check the appendix.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(parseHighlights(text), { annotations: [onPage7], problems: [] });
    // An abstract highlight next to it is written and read as before (no page, no position).
    const both = applyTextEdits(text, addHighlight(text, abstractOne));
    assert.match(both, /\n> an abstract quote\n<!-- lectern:highlight id=h-000001 -->\n$/);
    assert.deepEqual(parseHighlights(both).annotations, [onPage7, abstractOne]);
  });

  test('a note written before PDF highlights parses exactly as it did', () => {
    const old =
      '## Highlights\n\n> old quote\n<!-- lectern:highlight id=h-1 prefix="a " suffix=" b" created=2026-01-02 -->\n\nOld comment.\n';
    assert.deepEqual(parseHighlights(old), {
      annotations: [
        { id: 'h-1', selector: { exact: 'old quote', prefix: 'a ', suffix: ' b' }, comment: 'Old comment.', created: '2026-01-02' },
      ],
      problems: [],
    });
    assert.deepEqual(highlightPageLabels(old), []);
  });

  test('hand edits: the page is changed by editing `p. N`, a missing position is fine, a damaged one is a problem but the highlight stays', () => {
    const text =
      '## Highlights\n\n> quote one\n<!-- lectern:highlight id=h-1 position=10-19 -->   p.12  \n\n> quote two\n<!-- lectern:highlight id=h-2 --> p. 3\n\n> quote three\n<!-- lectern:highlight id=h-3 position=9-2 --> p. 4\n';
    const { annotations, problems } = parseHighlights(text);
    assert.deepEqual(
      annotations.map((a) => [a.id, a.page, a.position]),
      [
        ['h-1', 12, { start: 10, end: 19 }],
        ['h-2', 3, undefined],
        ['h-3', 4, undefined],
      ],
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 10);
    assert.match(problems[0].message, /^Lectern: `position=9-2` in the highlight comment on line 10 is not two offsets/);
    // The labels link to the page: offsets of the `p. N` text.
    const labels = highlightPageLabels(text);
    assert.deepEqual(
      labels.map((label) => [label.id, label.page, text.slice(label.start, label.end)]),
      [
        ['h-1', 12, 'p.12'],
        ['h-2', 3, 'p. 3'],
        ['h-3', 4, 'p. 4'],
      ],
    );
  });

  test('other text after the anchor is a problem naming the line, and that highlight is not read', () => {
    const text =
      '## Highlights\n\n> quote\n<!-- lectern:highlight id=h-1 --> page seven\n\n> fine\n<!-- lectern:highlight id=h-2 --> p. 2\n';
    const { annotations, problems } = parseHighlights(text);
    assert.deepEqual(
      annotations.map((a) => a.id),
      ['h-2'],
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^Lectern: the highlight comment on line 4 has text after `-->` that is not a page \(`p\. 7`\)/);
  });

  test('comments of PDF highlights are edited and removed from the note as the abstract’s are; the page line stays', () => {
    const text = applyTextEdits(note, addHighlight(note, onPage7));
    const edited = applyTextEdits(text, updateHighlightComment(text, 'h-07a1b2', 'New thought.'));
    assert.equal(edited, text.replace('Check the appendix.', 'New thought.'));
    assert.equal(parseHighlights(edited).annotations[0].page, 7);
    const cleared = applyTextEdits(text, updateHighlightComment(text, 'h-07a1b2', ''));
    assert.match(cleared, /--> p\. 7\n$/);
    assert.equal(applyTextEdits(text, removeHighlight(text, 'h-07a1b2')), `${note}\n## Highlights\n\n`);
  });

  test('a page that is not a whole number of 1 or more is refused', () => {
    assert.throws(
      () => addHighlight(note, { ...onPage7, page: 0 }),
      /^Error: Lectern: a PDF highlight needs a page number of 1 or more, not 0\.$/,
    );
  });
});
