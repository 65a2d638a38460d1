import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../src/shared/protocol';
import { paperView, showPaper } from './paper-fixtures';
import { browserSkipReason, ReaderHarness, repoRoot, type ReaderPage } from './reader-harness';

const skip = browserSkipReason();
type EditNoteBody = Extract<WebviewToHostMessage, { type: 'editNoteBody' }>;
type NoteBody = Extract<HostToWebviewMessage, { type: 'noteBody' }>;

describe('notes pane in Chromium', { skip }, () => {
  let harness: ReaderHarness;
  let reader: ReaderPage;
  const pages: ReaderPage[] = [];
  let version = 0;

  before(async () => {
    harness = await ReaderHarness.start();
    reader = await harness.open();
    pages.push(reader);
  });

  after(async () => {
    await harness?.close();
  });

  const textarea = () => reader.page.locator('#note-body');
  const value = () => textarea().inputValue();
  const status = () => reader.evaluate<string>(`document.querySelector('.notes-status').textContent`);
  const edits = async () => (await reader.posted()).filter((m): m is EditNoteBody => m.type === 'editNoteBody');
  const noteBody = (paperId: string, body: string, extra: Partial<NoteBody> = {}): NoteBody => ({
    type: 'noteBody',
    paperId,
    body,
    version: ++version,
    path: `papers/notes/${paperId}.md`,
    ...extra,
  });

  /** Opens a paper with a note whose body is `body`; forgets what was posted. */
  async function open(paperId: string, body: string): Promise<void> {
    await reader.send(showPaper(paperView({ id: paperId, hasNote: true })));
    await reader.send(noteBody(paperId, body));
    await reader.clearPosted();
  }

  test('sits under the abstract, labelled, with the note’s body; typing posts one debounced editNoteBody from the body it had', async () => {
    await open('typing', '# Typing\n\n## Notes\n');
    const order = await reader.evaluate<string[]>(
      `[...document.querySelectorAll('#abstract, #notes-pane, .paper-footer')].map((e) => e.id || e.className)`,
    );
    assert.deepEqual(order, ['abstract', 'notes-pane', 'paper-footer']);
    assert.equal(await textarea().getAttribute('aria-label'), 'Notes on this paper (markdown)');
    assert.match(await reader.evaluate<string>(`document.querySelector('#notes-help').textContent`), /saved to papers\/notes\/typing\.md/);
    assert.equal(await value(), '# Typing\n\n## Notes\n');
    const sentVersion = version;

    await textarea().click();
    await reader.page.keyboard.press('Control+End');
    await reader.page.keyboard.type('First thought.');
    await reader.page.waitForTimeout(150);
    assert.deepEqual(await edits(), [], 'nothing sent while typing');
    assert.equal(await status(), 'Saving…');
    await reader.waitFor(`window.__lectern.posted.some((m) => m.type === 'editNoteBody')`, 3_000);
    const [edit, ...rest] = await edits();
    assert.deepEqual(rest, [], 'one edit for the burst');
    assert.deepEqual(
      { ...edit, editId: '' },
      {
        type: 'editNoteBody',
        paperId: 'typing',
        editId: '',
        baseVersion: sentVersion,
        baseBody: '# Typing\n\n## Notes\n',
        newBody: '# Typing\n\n## Notes\nFirst thought.',
      },
    );
    // The host merges it, sends the body, then answers.
    await reader.send(noteBody('typing', '# Typing\n\n## Notes\nFirst thought.'));
    await reader.send({ type: 'noteSaved', paperId: 'typing', editId: edit.editId, version });
    assert.equal(await status(), 'Saved');
    assert.equal(await value(), '# Typing\n\n## Notes\nFirst thought.');
    assert.equal(
      (await reader.record()).state && ((await reader.record()) as { state: { noteDrafts?: unknown } }).state.noteDrafts,
      undefined,
      'no draft once saved',
    );
  });

  test('a body from the editor replaces the text when idle, keeping the caret on the same characters', async () => {
    await open('idle', 'alpha\nbeta\ngamma\n');
    await textarea().click();
    // Caret just after "beta".
    await reader.evaluate(`document.querySelector('#note-body').setSelectionRange(10, 10)`);
    await reader.send(noteBody('idle', 'inserted above\nalpha\nbeta\ngamma\nappended\n'));
    assert.equal(await value(), 'inserted above\nalpha\nbeta\ngamma\nappended\n');
    assert.equal(await reader.evaluate<number>(`document.querySelector('#note-body').selectionStart`), 10 + 'inserted above\n'.length);
    assert.equal(await reader.evaluate<boolean>(`document.activeElement === document.querySelector('#note-body')`), true, 'focus stays');
    assert.equal(await status(), 'Edited in the editor — updated');
    assert.deepEqual(await edits(), []);
  });

  test('a body arriving while the user has unsent typing does not clobber it: the typing goes to the host at once, from the old base', async () => {
    await open('busy', 'one\n');
    const base = version;
    await textarea().click();
    await reader.page.keyboard.press('Control+End');
    await reader.page.keyboard.type('typed in the pane');
    await reader.send(noteBody('busy', 'zero\none\n'));
    assert.equal(await value(), 'one\ntyped in the pane', 'the typing stays');
    const sent = await edits();
    assert.equal(sent.length, 1, 'sent right away, not after the delay');
    assert.deepEqual([sent[0].baseVersion, sent[0].baseBody, sent[0].newBody], [base, 'one\n', 'one\ntyped in the pane']);
    // Typing more while it is on its way; then the merged body and the answer arrive.
    await reader.page.keyboard.type('!');
    await reader.send(noteBody('busy', 'zero\none\ntyped in the pane'));
    assert.equal(await value(), 'one\ntyped in the pane!', 'still not clobbered');
    await reader.clearPosted();
    await reader.send({ type: 'noteSaved', paperId: 'busy', editId: sent[0].editId, version });
    const next = await edits();
    assert.equal(next.length, 1, 'the rest goes at once');
    assert.deepEqual([next[0].baseBody, next[0].newBody], ['one\ntyped in the pane', 'one\ntyped in the pane!']);
    await reader.send(noteBody('busy', 'zero\none\ntyped in the pane!'));
    await reader.send({ type: 'noteSaved', paperId: 'busy', editId: next[0].editId, version });
    assert.equal(await value(), 'zero\none\ntyped in the pane!');
  });

  test('Ctrl+S saves at once; a conflict and a failure are told, and a failed save is kept and retried', async () => {
    await open('keys', 'text\n');
    await textarea().click();
    await reader.page.keyboard.press('Control+End');
    await reader.page.keyboard.type('more');
    await reader.page.keyboard.press('Control+S');
    const [first] = await edits();
    assert.ok(first, 'Ctrl+S posted the edit without waiting');
    assert.equal(first.newBody, 'text\nmore');
    await reader.send({ type: 'noteNotSaved', paperId: 'keys', editId: first.editId, message: 'Lectern: the disk is full.' });
    assert.match(await status(), /Not saved yet: the disk is full/);
    assert.equal(await value(), 'text\nmore');
    await reader.clearPosted();
    await reader.page.keyboard.press('Meta+S');
    const [again] = await edits();
    assert.ok(again && again.editId !== first.editId, 'sent again under a new id');
    assert.deepEqual([again.baseBody, again.newBody], ['text\n', 'text\nmore']);
    await reader.send(noteBody('keys', 'text edited\nmore\n\n## Notes pane conflict (now)\n'));
    await reader.send({ type: 'noteConflict', paperId: 'keys', editId: again.editId, message: 'Changed here and in the editor at once.' });
    assert.equal(await status(), 'Changed here and in the editor at once.');
    assert.equal(await reader.evaluate<string>(`document.querySelector('.notes-status').dataset.kind`), 'warning');
    assert.equal(await value(), 'text edited\nmore\n\n## Notes pane conflict (now)\n');
  });

  test('Preview renders the notes with the abstract’s sanitised markdown; anchors hidden, nothing runs', async () => {
    await open(
      'preview',
      '# Heading\n\n**bold** and $x^2$ <img src=x onerror="window.__pwned=1"> [bad](javascript:window.__pwned=1) [ok](https://example.org)\n\n<!-- lectern:highlight id=h-1 -->\n<script>window.__pwned=1</script>\n',
    );
    await reader.page.locator('#notes-pane vscode-button', { hasText: 'Preview' }).click();
    assert.equal(await textarea().isVisible(), false);
    assert.equal(
      await reader.evaluate<string>(`document.querySelector('#notes-pane vscode-button[aria-pressed]').getAttribute('aria-pressed')`),
      'true',
    );
    assert.equal(await reader.evaluate<string>(`document.querySelector('#note-preview h1').textContent`), 'Heading');
    assert.equal(await reader.evaluate<string>(`document.querySelector('#note-preview strong').textContent`), 'bold');
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('#note-preview math').length`), 1);
    const preview = await reader.evaluate<string>(`document.querySelector('#note-preview').textContent`);
    assert.match(preview, /<img src=x onerror=/, 'raw HTML is shown as text');
    assert.match(preview, /<script>/);
    assert.doesNotMatch(preview, /lectern:highlight/, 'HTML comments are left out');
    assert.deepEqual(
      await reader.evaluate<(string | null)[]>(`[...document.querySelectorAll('#note-preview a')].map((a) => a.getAttribute('href'))`),
      [null, 'https://example.org'],
    );
    assert.equal(
      await reader.evaluate<number>(
        `document.querySelectorAll('#note-preview img, #note-preview script, #note-preview [onerror], #app [style]').length`,
      ),
      0,
    );
    await reader.page.click('#note-preview a[href]');
    assert.deepEqual(
      (await reader.posted()).filter((m) => m.type === 'openExternal'),
      [{ type: 'openExternal', url: 'https://example.org/' }],
    );
    // A body arriving while previewing updates the preview.
    await reader.send(noteBody('preview', '_changed_'));
    assert.equal(await reader.evaluate<string>(`document.querySelector('#note-preview em').textContent`), 'changed');
    await reader.page.locator('#notes-pane vscode-button', { hasText: 'Preview' }).click();
    assert.equal(await textarea().isVisible(), true);
    assert.deepEqual((await reader.record()).pwned, []);
  });

  test('a paper without a note offers Create note; highlights redrawn while typing leave the pane and its focus alone', async () => {
    await reader.send(showPaper(paperView({ id: 'fresh', hasNote: false, abstract: 'Spiking neurons fire.' })));
    await reader.send({ type: 'noteBody', paperId: 'fresh', body: '', version: ++version });
    await reader.clearPosted();
    assert.equal(await textarea().isVisible(), false);
    assert.match(await reader.evaluate<string>(`document.querySelector('#notes-pane').textContent`), /This paper has no note yet/);
    await reader.page.locator('#notes-pane vscode-button', { hasText: 'Create note' }).click();
    assert.deepEqual(await reader.posted(), [{ type: 'createNote', paperId: 'fresh' }]);
    await reader.send(noteBody('fresh', '# Fresh\n'));
    assert.equal(await value(), '# Fresh\n');
    await textarea().click();
    await reader.page.keyboard.press('Control+End');
    await reader.page.keyboard.type('abc');
    await reader.send({
      type: 'annotations',
      paperId: 'fresh',
      annotations: [{ id: 'h-1', selector: { exact: 'neurons', prefix: '', suffix: '' }, comment: '' }],
    });
    assert.equal(await reader.evaluate<number>(`document.querySelectorAll('mark.annotation').length`), 1);
    await reader.page.keyboard.type('def');
    assert.equal(await value(), '# Fresh\nabcdef', 'typing went on in the same field');
    await reader.send(showPaper(paperView({ id: 'fresh', hasNote: true, abstract: 'Spiking neurons fire.' }))); // the same paper re-rendered
    await reader.page.keyboard.type('g');
    assert.equal(await value(), '# Fresh\nabcdefg', 'focus and caret kept over a full re-render');
  });

  test('leaving a paper sends its typing; a reloaded pane sends what the last one had not saved, under the same id', async () => {
    await open('leave', 'x\n');
    await textarea().click();
    await reader.page.keyboard.press('Control+End');
    await reader.page.keyboard.type('unsaved');
    await reader.send(showPaper(paperView({ id: 'other', hasNote: true })));
    const [left] = await edits();
    assert.deepEqual([left?.paperId, left?.newBody], ['leave', 'x\nunsaved']);
    const state = (await reader.record()).state as { noteDrafts?: { paperId: string; sent?: { editId: string } }[] };
    const draftOf = (drafts: typeof state.noteDrafts, paperId: string) => drafts?.find((d) => d.paperId === paperId);
    assert.equal(draftOf(state.noteDrafts, 'leave')?.sent?.editId, left.editId, 'kept until answered');
    // The answer still reaches the paper left behind.
    await reader.send({ type: 'noteSaved', paperId: 'leave', editId: left.editId, version: ++version });
    assert.equal(draftOf(((await reader.record()).state as typeof state).noteDrafts, 'leave'), undefined);

    const restored = await harness.open({
      state: {
        paperId: 'again',
        noteDrafts: [{ paperId: 'again', baseVersion: 3, baseBody: 'a\n', newBody: 'a\nb\nc', sent: { editId: 'old-1', newBody: 'a\nb' } }],
      },
    });
    pages.push(restored);
    await restored.send(showPaper(paperView({ id: 'again', hasNote: true })));
    const posted = (await restored.posted()).filter((m): m is EditNoteBody => m.type === 'editNoteBody');
    assert.deepEqual(
      posted.map((m) => [m.editId, m.baseBody, m.newBody]),
      [['old-1', 'a\n', 'a\nb']],
    );
    assert.equal(await restored.page.locator('#note-body').inputValue(), 'a\nb\nc');
    await restored.send({ type: 'noteBody', paperId: 'again', body: 'a\nb', version: 9, path: 'papers/notes/again.md' });
    await restored.send({ type: 'noteSaved', paperId: 'again', editId: 'old-1', version: 9 });
    const rest = (await restored.posted()).filter((m): m is EditNoteBody => m.type === 'editNoteBody').slice(1);
    assert.deepEqual(
      rest.map((m) => [m.baseBody, m.newBody]),
      [['a\nb', 'a\nb\nc']],
    );
    assert.deepEqual((await restored.record()).csp, []);
  });

  test('every vector of the hostile corpus, written as a note, previews as inert text', async () => {
    const corpus = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'hostile', 'hostile-papers.json'), 'utf8')) as {
      papers: { id: string; title: string; abstract: string }[];
    };
    await open('hostile-note', '');
    await reader.page.locator('#notes-pane vscode-button', { hasText: 'Preview' }).click();
    for (const paper of corpus.papers) {
      await reader.send(noteBody('hostile-note', `# ${paper.title}\n\n${paper.abstract}\n`));
      const danger = await reader.evaluate<string[]>(`(() => {
        const found = [];
        for (const e of document.querySelectorAll('#note-preview *')) {
          const name = e.localName.toLowerCase();
          if (!['p', 'br', 'hr', 'em', 'strong', 'del', 's', 'code', 'pre', 'kbd', 'sub', 'sup', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
            'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'].includes(name) && e.namespaceURI !== 'http://www.w3.org/1998/Math/MathML') found.push('<' + name + '>');
          for (const attribute of e.attributes) {
            const a = attribute.name.toLowerCase();
            if (a.startsWith('on') || ['style', 'src', 'srcset', 'xlink:href', 'id', 'name'].includes(a)) found.push(name + '[' + a + ']');
            if (a === 'href' && !(name === 'a' && /^(https?:|mailto:|lectern:paper\\/)/i.test(attribute.value))) found.push(name + '[href=' + attribute.value + ']');
          }
        }
        return found;
      })()`);
      assert.deepEqual(danger, [], `${paper.id}: ${danger.join(', ')}`);
    }
    await reader.page.waitForTimeout(100);
    assert.deepEqual((await reader.record()).pwned, []);
    assert.deepEqual(reader.foreignRequests(), []);
    await reader.page.locator('#notes-pane vscode-button', { hasText: 'Preview' }).click();
  });

  test('nothing left the page, broke the CSP, or logged an error', async () => {
    for (const page of pages) {
      assert.deepEqual(page.foreignRequests(), []);
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.pageErrors, []);
    }
    assert.deepEqual((await reader.record()).csp, []);
  });
});
