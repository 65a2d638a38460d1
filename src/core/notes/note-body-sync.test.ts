/**
 * The notes pane's merge: the diff, the rebase onto a changed note, the conflict section, and a
 * randomized history test of the whole exchange — the webview's real `NoteDraftModel` on one
 * side, `planBodyEdit` applied to a note on the other, messages delayed, lost on a pane reload,
 * and edits failing — checking that every character typed anywhere ends up in the note.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteDraftModel, type DraftAction, type EditNoteBodyMessage } from '../../shared/note-draft';
import type { Paper } from '../model/paper';
import { conflictSection, diffTexts, noteBodyOf, planBodyEdit, rebaseBodyEdit } from './note-body-sync';
import { locateFrontMatter, parseNote, setFrontMatterKeys } from './note-front-matter';
import { addHighlight, createHighlightId, parseHighlights, removeHighlight } from './note-highlights';
import { DEFAULT_NOTE_TEMPLATE, renderNoteTemplate } from './note-template';
import { applyTextEdits, lineEndingOf } from './text-edit';
import { seededRandom } from '../random/seeded-random';

const SEQUENCES = Number(process.env.LECTERN_SEQUENCES ?? 1_500);
const SEED = Number(process.env.LECTERN_SEED ?? 0x5eed5);

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

test(`no character typed in the pane or the editor is lost over ${SEQUENCES} random histories (seed ${SEED})`, () => {
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (max: number) => Math.floor(random() * max);
  const paper: Paper = {
    id: 'p1',
    title: 'Attention Sinks',
    authors: ['A. Author'],
    year: 2025,
    abstract: 'Attention sinks carry little information.',
    keywords: [],
    categories: [],
    topics: [],
    source: { file: 'x.bib', line: 1 },
  };
  const starts = [
    renderNoteTemplate(DEFAULT_NOTE_TEMPLATE, paper, new Date(2026, 10, 29)),
    '---\npaper: p1\ntags: []\n---\n# P1\n\n## Highlights\n\n> Attention sinks\n<!-- lectern:highlight id=h-000001 prefix="" suffix="" -->\n\nComment.\n',
    '# No front matter\n\nSome text.\n',
    '---\npaper: p1\n---\n',
    '---\npaper: p1\n---\nNo final newline',
  ];
  const snippets = [
    'M',
    ' M ',
    '\nM\n',
    '\n## Heading M\n',
    '\n> quoted M\n',
    '\n```\ncode M\n```\n',
    '\n- item M',
    '\n~~~~\nM',
    'M<!-- x -->',
    '\n<!-- lectern:highlight id=fake M -->\n',
  ];
  const stats = {
    paneTyping: 0,
    editorTyping: 0,
    frontMatter: 0,
    highlights: 0,
    appends: 0,
    sent: 0,
    resent: 0,
    merged: 0,
    conflicts: 0,
    failures: 0,
    reloads: 0,
    idleReplaced: 0,
  };
  let markers = 0;

  for (let sequence = 0; sequence < SEQUENCES; sequence++) {
    let note = pick(starts);
    if (random() < 0.3) note = note.replaceAll('\n', '\r\n');
    const eol = lineEndingOf(note);
    const expected = new Set<string>();
    const newMarker = () => `⟦m${markers++}⟧`;
    const context = () => `sequence ${sequence}\n--- note ---\n${note}\n--- pane ---\n${model.text}`;

    // The host: versions, what it last sent, the messages on their way each way.
    let version = 0;
    let lastSent: string | undefined;
    let toPane: ({ type: 'noteBody'; body: string; version: number } | { type: 'ack' | 'fail'; editId: string })[] = [];
    const toHost: EditNoteBodyMessage[] = [];
    let conflicted = false;
    const refresh = (force = false) => {
      const body = noteBodyOf(note);
      if (!force && body === lastSent) return;
      lastSent = body;
      toPane.push({ type: 'noteBody', body, version: ++version });
    };
    const outcomes = new Map<string, 'applied' | 'failed'>();
    // LECTERN_TRACE=<sequence> prints that history step by step.
    const trace =
      Number(process.env.LECTERN_TRACE) === sequence
        ? (...args: unknown[]) => console.log(args.map((a) => JSON.stringify(a)).join(' '))
        : () => undefined;
    const hostHandle = (message: EditNoteBodyMessage, mayFail: boolean) => {
      stats.sent++;
      trace('host gets', message.editId, { base: message.baseBody, next: message.newBody, current: noteBodyOf(note) });
      const before = outcomes.get(message.editId);
      if (before) {
        stats.resent++;
        if (before === 'applied') refresh(true);
        toPane.push({ type: before === 'applied' ? 'ack' : 'fail', editId: message.editId });
        return;
      }
      if (mayFail && random() < 0.05) {
        stats.failures++;
        outcomes.set(message.editId, 'failed');
        toPane.push({ type: 'fail', editId: message.editId });
        return;
      }
      const head = note.slice(0, parseNote(note).bodyOffset);
      const plan = planBodyEdit(note, message.baseBody, message.newBody, 'now');
      note = applyTextEdits(note, plan.edits);
      outcomes.set(message.editId, 'applied');
      assert.ok(note.startsWith(head), `the front matter is untouched; ${context()}`);
      trace('  ->', plan.outcome, noteBodyOf(note));
      if (plan.outcome === 'conflict') {
        stats.conflicts++;
        conflicted = true;
      } else if (plan.outcome === 'merged') stats.merged++;
      refresh(true);
      toPane.push({ type: 'ack', editId: message.editId });
    };

    // The pane: the real model; the "textarea" is model.text.
    let model = new NoteDraftModel('p1');
    const act = (action: DraftAction) => {
      if (action.replace !== undefined && action.replace !== model.text) assert.fail('replace disagrees with the model');
      if (action.send) toHost.push(action.send);
    };
    const paneDeliver = () => {
      const message = toPane.shift()!;
      trace('pane gets', message, 'pane text', model.text);
      if (message.type === 'noteBody') {
        const before = model.text;
        const action = model.receive(message.body, message.version, true);
        if (action.replace !== undefined && action.replace !== before) stats.idleReplaced++;
        act(action);
      } else act(message.type === 'ack' ? model.acknowledge(message.editId) : model.reject(message.editId));
    };
    refresh(true);

    /** A random offset of `text` in [from, end] that splits no marker and no `\r\n`. */
    const position = (text: string, from = 0) => {
      for (;;) {
        const at = from + int(text.length - from + 1);
        if (text[at - 1] === '\r' && text[at] === '\n') continue;
        if ([...text.matchAll(/⟦m\d+⟧/g)].some((m) => m.index < at && at < m.index + m[0].length)) continue;
        return at;
      }
    };
    /** A span of `text` from `start` holding no marker and not ending inside `\r\n`. */
    const span = (text: string, start: number) => {
      const cuts = (end: number) => [...text.matchAll(/⟦m\d+⟧/g)].some((m) => m.index < end && start < m.index + m[0].length);
      let end = Math.min(text.length, start + 1 + int(12));
      while (end > start && ((text[end - 1] === '\r' && text[end] === '\n') || cuts(end))) end--;
      return end;
    };
    const bodyStart = () => {
      const block = locateFrontMatter(note);
      return block.kind === 'closed' ? block.bodyOffset : 0;
    };
    const startsLikeFrontMatter = (text: string) => /^(\ufeff)?---/.test(text);

    const steps = 8 + int(24);
    for (let step = 0; step < steps; step++) {
      const roll = random();
      trace('step', step, roll.toFixed(3), 'pane', model.text, 'note', noteBodyOf(note));
      if (roll < 0.25) {
        if (!model.ready) continue;
        stats.paneTyping++;
        const text = model.text;
        if (random() < 0.75 || text.length < 4) {
          const at = position(text);
          const marker = newMarker();
          const snippet = pick(snippets).replace('M', marker);
          const next = text.slice(0, at) + snippet + text.slice(at);
          if (!noteHasFrontMatter() && startsLikeFrontMatter(next)) continue;
          model.input(next);
          expected.add(marker);
        } else {
          const start = position(text);
          const end = span(text, start);
          const next = text.slice(0, start) + text.slice(end);
          if (!noteHasFrontMatter() && startsLikeFrontMatter(next)) continue;
          model.input(next);
        }
      } else if (roll < 0.35) {
        act({ send: model.send() });
      } else if (roll < 0.5) {
        stats.editorTyping++;
        const from = bodyStart();
        if (random() < 0.75 || note.length - from < 4) {
          const at = position(note, from);
          const marker = newMarker();
          let snippet = pick(snippets).replace('M', marker).replaceAll('\n', eol);
          if (at === from && snippet.startsWith(eol)) snippet = `x${snippet}`;
          note = note.slice(0, at) + snippet + note.slice(at);
          expected.add(marker);
        } else {
          const start = position(note, from);
          const end = span(note, start);
          const next = note.slice(0, start) + note.slice(end);
          if (start === from && startsLikeFrontMatter(next.slice(from))) continue;
          note = next;
        }
        refresh();
      } else if (roll < 0.57) {
        const result = setFrontMatterKeys(note, {
          status: pick(['to-read', 'reading', 'read', null]),
          tags: pick([undefined, [], ['x', 'y z']]),
        });
        if ('error' in result) continue;
        stats.frontMatter++;
        const body = noteBodyOf(note);
        const had = noteHasFrontMatter();
        note = result.text;
        if (had) assert.equal(noteBodyOf(note), body, 'a front matter change leaves the body');
        else assert.ok(noteBodyOf(note).endsWith(body.replace(/^\ufeff/, '')), 'new front matter goes before the body');
        refresh();
      } else if (roll < 0.63) {
        stats.highlights++;
        const marker = newMarker();
        const id = createHighlightId(
          parseHighlights(note).annotations.map((a) => a.id),
          random,
        );
        note = applyTextEdits(
          note,
          addHighlight(note, {
            id,
            selector: { exact: 'Attention sinks', prefix: '', suffix: '' },
            comment: `Why ${marker}`,
            created: '2026-11-29',
          }),
        );
        expected.add(marker);
        refresh();
      } else if (roll < 0.68) {
        stats.appends++;
        const marker = newMarker();
        note += `${random() < 0.5 ? eol : ''}${marker} appended${eol}`;
        expected.add(marker);
        refresh();
      } else if (roll < 0.82) {
        if (toHost.length > 0) hostHandle(toHost.shift()!, true);
      } else if (roll < 0.97) {
        if (toPane.length > 0) paneDeliver();
      } else {
        // The webview is destroyed and comes back: messages to it are lost; its state keeps the draft.
        stats.reloads++;
        const draft = model.draft();
        model = new NoteDraftModel('p1');
        const resend = draft && model.restore(JSON.parse(JSON.stringify(draft)) as typeof draft);
        if (resend) toHost.push(resend);
        toPane = [];
        refresh(true);
      }
    }

    // Let everything arrive, sending whatever is left, until nothing moves.
    for (let round = 0; ; round++) {
      assert.ok(round < 200, `the exchange settles; ${context()}`);
      if (toHost.length > 0) hostHandle(toHost.shift()!, false);
      else if (toPane.length > 0) paneDeliver();
      else {
        const send = model.send();
        if (!send) break;
        toHost.push(send);
      }
    }
    assert.equal(model.text, noteBodyOf(note), `the pane shows the note; ${context()}`);
    assert.ok(!model.dirty, 'nothing left unsent');
    for (const marker of expected) {
      assert.ok(note.includes(marker), `${marker} survived; ${context()}`);
      if (!conflicted) assert.equal(note.indexOf(marker), note.lastIndexOf(marker), `${marker} is there once; ${context()}`);
    }
    if (eol === '\r\n') assert.doesNotMatch(note, /[^\r]\n/, `only \\r\\n line breaks; ${context()}`);

    function noteHasFrontMatter(): boolean {
      return locateFrontMatter(note).kind === 'closed';
    }
  }
  if (process.env.LECTERN_SEED) console.log(stats);
  for (const [kind, count] of Object.entries(stats)) assert.ok(count > 20, `${kind}: ${count}`);
});
