/**
 * The notes pane's merge: the diff, the rebase onto a changed note, the conflict section and the
 * pane's model. The randomized histories of the whole exchange are in note-body-sync.property.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteDraftModel } from '../../shared/note-draft';
import { conflictSection, diffTexts, noteBodyOf, planBodyEdit, rebaseBodyEdit } from './note-body-sync';
import { parseNote } from './note-front-matter';
import { parseHighlights, removeHighlight } from './note-highlights';
import { applyTextEdits } from './text-edit';
import { seededRandom } from '../random/seeded-random';

/** Three-way merge result as text. */
const merge = (base: string, current: string, next: string) => {
  const { edits, conflicts } = rebaseBodyEdit(base, current, next);
  return { text: applyTextEdits(current, edits), conflicts: conflicts.map((c) => c.paneText) };
};

test('the diff turns one text into the other, word by word, never splitting a surrogate pair', () => {
  const random = seededRandom(7);
  const alphabet = ['a', 'b', 'word', ' ', '\n', '😀', '😁', 'é', 'e\u0301', '-', '\r\n', '##', 'x'];
  for (let i = 0; i < 2_000; i++) {
    const make = () => Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const a = make();
    const b = random() < 0.5 ? make() : a.slice(0, Math.floor(random() * a.length)) + make() + a.slice(Math.floor(random() * a.length));
    const edits = diffTexts(a, b);
    assert.equal(applyTextEdits(a, edits), b, JSON.stringify({ a, b, edits }));
    for (let j = 1; j < edits.length; j++) assert.ok(edits[j].start > edits[j - 1].end, 'sorted and apart');
    for (const edit of edits) {
      for (const at of [edit.start, edit.end])
        assert.ok(!/[\uDC00-\uDFFF]/.test(a[at] ?? '') || !/[\uD800-\uDBFF]/.test(a[at - 1] ?? ''), 'no split pair');
    }
  }
  assert.deepEqual(diffTexts('the quick brown fox', 'the quick red fox'), [{ start: 10, end: 15, newText: 'red' }]);
  assert.deepEqual(diffTexts('one two three four', 'one 2 three 4'), [
    { start: 4, end: 7, newText: '2' },
    { start: 14, end: 18, newText: '4' },
  ]);
  assert.deepEqual(diffTexts('cat', 'cats'), [{ start: 0, end: 3, newText: 'cats' }], 'a changed word is replaced whole');
  assert.deepEqual(diffTexts('', 'new'), [{ start: 0, end: 0, newText: 'new' }]);
  // Too far apart for the word diff's budget: still correct, as one replacement.
  const long = 'w '.repeat(30_000);
  const other = 'v '.repeat(30_000);
  assert.equal(applyTextEdits(long, diffTexts(long, other)), other);
});

test('pane and editor changes in different places both land, as edits of the current text', () => {
  const base = '# Title\n\nFirst paragraph.\n\n## Notes\n\nSecond paragraph.\n';
  const current = base.replace('First paragraph.', 'First paragraph, edited in the editor.');
  const next = base.replace('Second paragraph.', 'Second paragraph, typed in the pane.');
  assert.deepEqual(merge(base, current, next), {
    text: '# Title\n\nFirst paragraph, edited in the editor.\n\n## Notes\n\nSecond paragraph, typed in the pane.\n',
    conflicts: [],
  });
  // Both added lines at the end: both kept, the other change first.
  assert.deepEqual(merge('a\n', 'a\nfrom the editor\n', 'a\nfrom the pane\n'), {
    text: 'a\nfrom the editor\nfrom the pane\n',
    conflicts: [],
  });
  // Lines added where the pane is typing: the lines first, the pane's words after.
  assert.deepEqual(merge('a\n', 'a\n> a highlight\n', 'a\nstill typing'), { text: 'a\n> a highlight\nstill typing', conflicts: [] });
  assert.deepEqual(merge('a\n', 'a\nstill typing', 'a\nnew line\n'), { text: 'a\nnew line\nstill typing', conflicts: [] });
  // Two insertions into one line at one point: a conflict.
  assert.deepEqual(merge('a line.\n', 'a line, edited.\n', 'a line, typed.\n'), {
    text: 'a line, edited.\n',
    conflicts: ['a line, typed.'],
  });
  // Typing right against a word replaced elsewhere: a conflict, not a mix of both.
  assert.deepEqual(merge('# There and Back Again\n', '# Back and Forth\n', '# There, and Back Again (pane)\n'), {
    text: '# Back and Forth\n',
    conflicts: ['# There, and Back Again (pane)'],
  });
  // Words apart on one line merge.
  assert.deepEqual(merge('one two three four\n', 'one 2 three four\n', 'one two three 4\n'), { text: 'one 2 three 4\n', conflicts: [] });
  // An edit sent again after it was applied is not applied twice.
  assert.deepEqual(merge('a b c', 'a X b c', 'a X b c'), { text: 'a X b c', conflicts: [] });
  assert.deepEqual(merge('a b c\n', 'a X b c\nmore\n', 'a X b c\n'), { text: 'a X b c\nmore\n', conflicts: [] });
  // The same word changed on both sides: a conflict; the current text is untouched.
  assert.deepEqual(merge('the brown fox\nline two\n', 'the crown fox\nline two\n', 'the black fox\nline 2\n'), {
    text: 'the crown fox\nline 2\n',
    conflicts: ['the black fox'],
  });
  // Typing inside text deleted elsewhere: a conflict.
  assert.deepEqual(merge('keep this sentence here', 'keep here', 'keep this long sentence here'), {
    text: 'keep here',
    conflicts: ['keep this long sentence here'],
  });
});

test('a conflict keeps the current note and adds the pane’s lines in a section of their own, after any highlight', () => {
  const note = [
    '---',
    'paper: p1',
    'status: reading',
    '---',
    '# P1',
    '',
    'Shared line.',
    '',
    '## Highlights',
    '',
    '> quoted',
    '<!-- lectern:highlight id=h-1 prefix="" suffix="" -->',
    '',
    'A comment.',
    '',
  ].join('\r\n');
  const base = noteBodyOf(note).replace('Shared line.', 'Shared line (old).');
  const current = note.replace('Shared line.', 'Shared line, the editor’s.');
  const plan = planBodyEdit(
    current,
    noteBodyOf(note),
    noteBodyOf(note).replace('Shared line.', 'Shared line, the pane’s ~~~ version.'),
    '2026-11-29 10:00',
  );
  assert.equal(plan.outcome, 'conflict');
  assert.ok(base);
  const after = applyTextEdits(current, plan.edits);
  assert.ok(after.startsWith(current), 'the note is untouched up to the section');
  assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/, 'written with the note’s line endings');
  assert.match(after, /## Notes pane conflict \(2026-11-29 10:00\)\r\n\r\n<!-- lectern:conflict -->\r\n/);
  assert.match(after, /~~~~markdown\r\nShared line, the pane’s ~~~ version\.\r\n~~~~\r\n<!-- \/lectern:conflict -->\r\n$/);
  assert.equal(parseHighlights(after).annotations[0].comment, 'A comment.', 'not part of the last highlight’s comment');
  const removed = applyTextEdits(after, removeHighlight(after, 'h-1'));
  assert.match(removed, /Shared line, the pane’s ~~~ version\./, 'removing the highlight keeps the section');
  assert.deepEqual(parseNote(after).frontMatter, parseNote(current).frontMatter);
  assert.equal(plan.paneNote, note.replace('Shared line.', 'Shared line, the pane’s ~~~ version.'));
  // An open fence at the end of the body is closed first, so the section is not code.
  assert.match(conflictSection('```js\ncode\n', [{ paneText: 'x', start: 0, end: 1 }], 'now'), /^```\n\n## Notes pane conflict/);
  // A fence inside the pane's text never closes the section's.
  assert.match(conflictSection('', [{ paneText: '~~~~~~\nx', start: 0, end: 1 }], 'now'), /~{7}markdown\n~~~~~~\nx\n~{7}\n/);
});

test('the pane’s edits go after the current front matter, whatever it became', () => {
  const before = '---\npaper: p1\n---\nBody.\n';
  const now = '---\npaper: p1\nstatus: read\ntags: [a, b]\n---\nBody.\n';
  const plan = planBodyEdit(now, 'Body.\n', 'Body. More.\n', 't');
  assert.equal(plan.outcome, 'merged');
  assert.equal(applyTextEdits(now, plan.edits), '---\npaper: p1\nstatus: read\ntags: [a, b]\n---\nBody. More.\n');
  assert.equal(planBodyEdit(before, 'Body.\n', 'Body.\n', 't').outcome, 'unchanged');
  const bom = '\ufeffNo front matter.\r\n';
  assert.equal(
    applyTextEdits(bom, planBodyEdit(bom, noteBodyOf(bom), `${noteBodyOf(bom)}Added.\n`, 't').edits),
    '\ufeffNo front matter.\r\nAdded.\r\n',
  );
});

test('the pane model sends typing as a change from what it had, and never lets a newer body clobber it', () => {
  let ids = 0;
  const model = new NoteDraftModel('p', () => `e${ids++}`);
  assert.deepEqual(model.receive('one\n', 1, true), { replace: 'one\n' });
  model.input('one\ntwo\n');
  assert.deepEqual(model.send(), {
    type: 'editNoteBody',
    paperId: 'p',
    editId: 'e0',
    baseVersion: 1,
    baseBody: 'one\n',
    newBody: 'one\ntwo\n',
  });
  model.input('one\ntwo\nthree\n');
  assert.equal(model.send(), undefined, 'one edit on its way at a time');
  assert.deepEqual(model.receive('zero\none\ntwo\n', 3, true), {}, 'a body arriving mid-flight waits');
  assert.deepEqual(model.draft(), {
    paperId: 'p',
    baseVersion: 1,
    baseBody: 'one\n',
    newBody: 'one\ntwo\nthree\n',
    sent: { editId: 'e0', newBody: 'one\ntwo\n' },
  });
  // A reloaded pane sends the edit that was on its way again, under its id; then the rest.
  const reloaded = new NoteDraftModel('p', () => 'fresh');
  assert.deepEqual(reloaded.restore(model.draft()!), {
    type: 'editNoteBody',
    paperId: 'p',
    editId: 'e0',
    baseVersion: 1,
    baseBody: 'one\n',
    newBody: 'one\ntwo\n',
  });
  // The answer: the typing done meanwhile goes next, as a change from the text sent.
  assert.deepEqual(model.acknowledge('e0').send, {
    type: 'editNoteBody',
    paperId: 'p',
    editId: 'e1',
    baseVersion: 3,
    baseBody: 'one\ntwo\n',
    newBody: 'one\ntwo\nthree\n',
  });
  assert.equal(model.text, 'one\ntwo\nthree\n');
  assert.deepEqual(model.receive('zero\none\ntwo\nthree\n', 4, true), {});
  assert.deepEqual(model.acknowledge('e0'), {}, 'a stale answer is ignored');
  assert.deepEqual(model.acknowledge('e1'), { replace: 'zero\none\ntwo\nthree\n' });
  assert.equal(model.draft(), undefined, 'nothing to keep once saved');
  // Idle with unsent typing: a newer body does not replace it; the typing goes out at once.
  model.input('zero\none\ntwo\nthree\nfour\n');
  const action = model.receive('zero\none\ntwo\nthree\n\nedited\n', 5, true);
  assert.equal(action.replace, undefined);
  assert.equal(action.send?.baseBody, 'zero\none\ntwo\nthree\n');
  assert.equal(model.text, 'zero\none\ntwo\nthree\nfour\n');
  // A failed write keeps the text unsent, still a change from the same base.
  assert.deepEqual(model.reject(action.send.editId), {});
  assert.ok(model.unsent);
  assert.deepEqual([model.send()?.baseBody, model.send()?.newBody], ['zero\none\ntwo\nthree\n', undefined]);
});
