/**
 * Lectern's promise about notes, tested on random histories: whatever the interleaving of
 * typing in the editor, status and tag changes, highlights added, edited and removed from the
 * reader, and other programs appending to the file, every character the user typed is still
 * in the note — except what they themselves removed (a highlight with its comment, a comment
 * they replaced) — and front matter that parsed still parses.
 *
 * Every user insertion carries a unique marker (`⟦u12⟧`); edits are applied as `TextEdit`s
 * against the current text, the way the VS Code adapter applies them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import {
  addHighlight,
  createHighlightId,
  locateHighlight,
  parseHighlights,
  removeHighlight,
  updateHighlightComment,
} from './note-highlights';
import { locateFrontMatter, parseNote, setFrontMatterKeys } from './note-front-matter';
import { DEFAULT_NOTE_TEMPLATE, renderNoteTemplate } from './note-template';
import { applyTextEdits, lineEndingOf, normalizeEdits, type TextEdit } from './text-edit';
import { seededRandom } from '../random/seeded-random';

// Deterministic; set LECTERN_SEED / LECTERN_SEQUENCES to explore other histories.
const SEQUENCES = Number(process.env.LECTERN_SEQUENCES ?? 1_200);
const SEED = Number(process.env.LECTERN_SEED ?? 0x1ec7e2);

const ABSTRACT =
  'Large multimodal models attend to a few visual tokens, attention sinks, even when they are irrelevant. ' +
  'We show that these sinks carry little information: removing them improves grounding on three benchmarks, ' +
  'and Visual Attention Redistribution (VAR) recycles their attention. Code: https://example.org — ünïcödé 😀.';

const paper: Paper = {
  id: '2403.01230',
  title: 'See What You Are Told: "Visual Attention Sink"',
  authors: ['Seil Kang'],
  year: 2025,
  abstract: ABSTRACT,
  keywords: [],
  categories: [],
  topics: ['Vision-Language Models'],
  source: { file: 'x.bib', line: 1 },
};

const STARTS = [
  renderNoteTemplate(DEFAULT_NOTE_TEMPLATE, paper, new Date(2026, 10, 29)),
  [
    '---',
    '# keep this comment',
    'paper:   "2403.01230"   # aligned',
    "title: 'Sinks: it''s all'",
    '',
    'rating: 4',
    'tags:',
    '  - vision   # first',
    "  - 'to cite'",
    'status: to-read',
    'created: 2026-11-29',
    '---',
    '# Sinks — ünïcödé 😀',
    '',
    'A body with a rule:',
    '---',
    'status: not front matter',
    '',
    '## Highlights',
    '',
    'Intro.',
    '',
    '## Notes',
    '',
    '```',
    '## Highlights',
    '```',
    '',
  ].join('\n'),
  '# A note without front matter\n\nSee [[2403.01230]] and @smith2020.\n',
  '---\npaper: x\ntags: []\n---\nNo final newline',
];

const SNIPPETS = [
  'M',
  ' M ',
  '\nM\n',
  '\n## Heading M\n',
  '\n> quoted M\n',
  '\n```\ncode M\n```\n',
  '\n- item M',
  'M<!-- x -->',
  '\n---\nM\n',
  '\n### Sub M\n',
  '\n<!-- lectern:highlight id=fake M -->\n',
  '\\M',
];

test(`no typed character is lost over ${SEQUENCES} random edit histories (seed ${SEED})`, () => {
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (max: number) => Math.floor(random() * max);
  let markerCount = 0;
  const stats = { user: 0, frontMatter: 0, frontMatterRefused: 0, add: 0, remove: 0, comment: 0, append: 0 };

  for (let sequence = 0; sequence < SEQUENCES; sequence++) {
    let text = pick(STARTS);
    if (random() < 0.3) text = text.replaceAll('\n', '\r\n');
    const eol = lineEndingOf(text);
    const expected = new Set<string>();
    const newMarker = () => `⟦u${markerCount++}⟧`;
    let frontMatterHealthy = parseNote(text).problems.length === 0;
    const context = () => `sequence ${sequence}:\n${text}`;

    /** Applies Lectern's edits; a marker an edit drops must lie in `mayRemove` (what the user asked to remove). */
    const applyLectern = (edits: TextEdit[], mayRemove?: { start: number; end: number }) => {
      const normalized = normalizeEdits(edits);
      assert.deepEqual(normalized, edits, 'edits come normalized');
      for (const edit of edits) {
        const removed = text.slice(edit.start, edit.end);
        for (const marker of [...expected]) {
          if (!removed.includes(marker) || edit.newText.includes(marker)) continue;
          assert.ok(
            mayRemove && edit.start >= mayRemove.start && edit.end <= mayRemove.end,
            `an edit removed ${marker} outside what the user removed; ${context()}`,
          );
          expected.delete(marker);
        }
      }
      text = applyTextEdits(text, edits);
    };

    /** A position in the body that splits no marker and no `\r\n`. */
    const bodyPosition = () => {
      const block = locateFrontMatter(text);
      const from = block.kind === 'closed' ? block.bodyOffset : 0;
      for (;;) {
        const at = from + int(text.length - from + 1);
        if (text[at - 1] === '\r' && text[at] === '\n') continue;
        if (
          [...expected].some((marker) => {
            const i = text.indexOf(marker);
            return i < at && at < i + marker.length;
          })
        )
          continue;
        return at;
      }
    };

    const steps = 6 + int(14);
    for (let step = 0; step < steps; step++) {
      const roll = random();
      if (roll < 0.3) {
        // Typing in the editor or the reader pane's note: insert, or delete text that holds no marker.
        stats.user++;
        if (random() < 0.75 || text.length < 5) {
          const at = bodyPosition();
          const marker = newMarker();
          let snippet = pick(SNIPPETS).replace('M', marker).replaceAll('\n', eol);
          if (at === 0 && snippet.startsWith('\n---')) snippet = snippet.slice(eol.length);
          if (at === 0 && snippet.startsWith('---')) snippet = `x${snippet}`;
          text = text.slice(0, at) + snippet + text.slice(at);
          expected.add(marker);
        } else {
          const start = bodyPosition();
          let end = Math.min(text.length, start + 1 + int(20));
          const cutsMarker = () =>
            [...expected].some((marker) => {
              const i = text.indexOf(marker);
              return i < end && start < i + marker.length;
            });
          while (end > start && ((text[end - 1] === '\r' && text[end] === '\n') || cutsMarker())) end--;
          const next = text.slice(0, start) + text.slice(end);
          // Keep a note without front matter from starting to look like one.
          if (start === 0 && next.startsWith('---')) continue;
          text = next;
        }
      } else if (roll < 0.36) {
        // A comment typed into the front matter, on a line of its own.
        const block = locateFrontMatter(text);
        if (block.kind !== 'closed') continue;
        const lines: number[] = [];
        for (let i = block.contentStart; i <= block.contentEnd;) {
          lines.push(i);
          const next = text.indexOf('\n', i);
          if (next === -1 || next + 1 > block.contentEnd) break;
          i = next + 1;
        }
        lines.push(block.contentEnd);
        const at = pick(lines);
        const marker = newMarker();
        // Now and then the user breaks the YAML; Lectern must then leave the front matter alone.
        const broken = random() < 0.15;
        text = text.slice(0, at) + (broken ? `oops: "${marker}${eol}` : `# ${marker}${eol}`) + text.slice(at);
        if (broken && parseNote(text).problems.length > 0) frontMatterHealthy = false;
        expected.add(marker);
      } else if (roll < 0.52) {
        // Status and tags from the reader.
        const before = parseNote(text);
        const changes = {
          status: pick(['to-read', 'reading', 'read', null, undefined]),
          tags: pick([undefined, null, [], ['vision'], ['vision', 'to cite'], ['to cite', 'new: tag', '#x'], ['a, b']]),
        };
        const result = setFrontMatterKeys(text, changes);
        if ('error' in result) {
          stats.frontMatterRefused++;
          assert.equal(frontMatterHealthy, false, 'only broken front matter is refused');
          assert.ok(before.problems.length > 0, `refused a healthy front matter: ${result.error}; ${context()}`);
          continue;
        }
        stats.frontMatter++;
        applyLectern(result.edits);
        assert.equal(text, result.text);
        const after = parseNote(text);
        if (before.problems.length === 0) assert.deepEqual(after.problems, [], context());
        if (before.hasFrontMatter) assert.equal(after.body, before.body, 'the body is untouched');
        else assert.ok(after.body.endsWith(before.body.replace(/^\ufeff/, '')), 'the body is untouched');
        if (changes.status !== undefined) assert.equal(after.frontMatter.status, changes.status ?? undefined);
        if (changes.tags !== undefined) assert.deepEqual(after.frontMatter.tags, changes.tags ?? []);
      } else if (roll < 0.7) {
        // A highlight from the reader, maybe with a comment typed there.
        const words = ABSTRACT.split(' ');
        const from = int(words.length - 1);
        let exact = words.slice(from, from + 1 + int(6)).join(random() < 0.2 ? '\n' : ' ');
        if (!exact.trim()) exact = 'sinks';
        const marker = newMarker();
        const comment =
          random() < 0.6 ? pick([`${marker}`, `Why? ${marker}\n\nSecond paragraph.`, `## ${marker}`, `\`\`\`\n${marker}`]) : '';
        const id = createHighlightId(
          parseHighlights(text).annotations.map((a) => a.id),
          random,
        );
        const fmBefore = parseNote(text);
        stats.add++;
        applyLectern(addHighlight(text, { id, selector: { exact, prefix: 'pre "x" -->', suffix: '' }, comment, created: '2026-11-29' }));
        if (comment) expected.add(marker);
        const added = parseHighlights(text).annotations.find((a) => a.id === id);
        assert.ok(added, `the new highlight is read back; ${context()}`);
        assert.equal(added.selector.exact, exact);
        assert.equal(added.selector.prefix, 'pre "x" -->');
        assert.ok(!comment || added.comment.includes(marker), `its comment is read back; ${context()}`);
        assert.deepEqual(parseNote(text).frontMatter, fmBefore.frontMatter);
      } else if (roll < 0.8) {
        const annotations = parseHighlights(text).annotations;
        if (annotations.length === 0) continue;
        const { id } = pick(annotations);
        const location = locateHighlight(text, id)!;
        stats.remove++;
        applyLectern(removeHighlight(text, id), location);
        assert.ok(!parseHighlights(text).annotations.some((a) => a.id === id), 'removed');
      } else if (roll < 0.9) {
        const annotations = parseHighlights(text).annotations;
        if (annotations.length === 0) continue;
        const { id } = pick(annotations);
        const location = locateHighlight(text, id)!;
        const marker = newMarker();
        const comment = random() < 0.2 ? '' : `Edited ${marker}`;
        stats.comment++;
        applyLectern(updateHighlightComment(text, id, comment), { start: location.anchorEnd, end: location.end });
        if (comment) expected.add(marker);
        assert.equal(parseHighlights(text).annotations.find((a) => a.id === id)?.comment, comment, context());
      } else {
        // Another program appends to the file.
        stats.append++;
        const marker = newMarker();
        text += `${random() < 0.5 ? eol : ''}${marker} appended${random() < 0.5 ? eol : ''}`;
        expected.add(marker);
      }
    }

    for (const marker of expected) {
      assert.ok(text.includes(marker), `${marker} survived; ${context()}`);
      assert.equal(text.indexOf(marker), text.lastIndexOf(marker), `${marker} is there once`);
    }
    if (frontMatterHealthy) assert.deepEqual(parseNote(text).problems, [], `front matter still parses; ${context()}`);
  }
  // The mix really exercised every kind of edit.
  if (process.env.LECTERN_SEED) console.log(stats);
  for (const [kind, count] of Object.entries(stats)) assert.ok(count > 40, `${kind}: ${count}`);
});
