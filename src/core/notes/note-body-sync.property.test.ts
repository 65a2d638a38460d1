/**
 * A randomized history test of the notes pane's whole exchange — the webview's real `NoteDraftModel` on one
 * side, `planBodyEdit` applied to a note on the other, messages delayed, lost on a pane reload, and edits
 * failing — checking that every character typed anywhere ends up in the note. Thousands of histories take
 * seconds, so this file runs in the integration suite (scripts/run-unit-tests.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteDraftModel, type DraftAction, type EditNoteBodyMessage } from '../../shared/note-draft';
import type { Paper } from '../model/paper';
import { noteBodyOf, planBodyEdit } from './note-body-sync';
import { locateFrontMatter, parseNote, setFrontMatterKeys } from './note-front-matter';
import { addHighlight, createHighlightId, parseHighlights } from './note-highlights';
import { DEFAULT_NOTE_TEMPLATE, renderNoteTemplate } from './note-template';
import { applyTextEdits, lineEndingOf } from './text-edit';
import { seededRandom } from '../random/seeded-random';

// Deterministic; set LECTERN_SEED / LECTERN_SEQUENCES to explore other histories.
const SEQUENCES = Number(process.env.LECTERN_SEQUENCES ?? 1_500);
const SEED = Number(process.env.LECTERN_SEED ?? 0x5eed5);

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
