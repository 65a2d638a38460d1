import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { eventually, lectern, readText, workspaceFolder } from './lectern-api';

// A paper no other suite file writes a note for: the notes suite leaves MindBridge's note renamed and claimed twice.
const PAPER = 'visual-search-asymmetry-deep-nets-and-humans-share-similar';

describe('PDF highlights in the note', () => {
  const note = () => vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes', `${PAPER}.md`);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a highlight made in the PDF is written with `p. N` and position=, read back with its page, and its `p. N` links to the PDF there', async () => {
    const { services, library } = await lectern();
    await library.ensureLoaded();
    await services.notes.addAnnotation(PAPER, {
      selector: { exact: 'brain decoding on page three', prefix: 'cross-subject ', suffix: ' works' },
      comment: 'From the PDF.',
      created: '2026-12-05',
      page: 3,
      position: { start: 40, end: 69 },
    });
    await services.notes.addAnnotation(PAPER, { selector: { exact: 'an abstract quote', prefix: '', suffix: '' }, comment: '' });
    const text = await readText(note());
    assert.match(
      text,
      /\n> brain decoding on page three\n<!-- lectern:highlight id=(h-[0-9a-f]{6}) position=40-69 prefix="cross-subject " suffix=" works" created=2026-12-05 --> p\. 3\n\nFrom the PDF\.\n/,
    );
    const id = /id=(h-[0-9a-f]{6}) position=/.exec(text)![1];
    const annotations = await services.notes.annotations(PAPER);
    assert.deepEqual(
      annotations.map((annotation) => [annotation.selector.exact, annotation.page, annotation.position]),
      [
        ['brain decoding on page three', 3, { start: 40, end: 69 }],
        ['an abstract quote', undefined, undefined],
      ],
    );

    const document = await vscode.workspace.openTextDocument(note());
    await vscode.window.showTextDocument(document);
    const links = await eventually('the p. 3 link', async () => {
      const all = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
      const ours = all.filter((link) => link.target?.scheme === 'command' && link.target.path === 'lectern.openPdf');
      return ours.length > 0 && ours;
    });
    assert.equal(links.length, 1, 'only the PDF highlight links to the PDF');
    assert.equal(document.getText(links[0].range), 'p. 3');
    assert.deepEqual(JSON.parse(links[0].target!.query), [PAPER, { page: 3, highlight: id }]);
  });
});
