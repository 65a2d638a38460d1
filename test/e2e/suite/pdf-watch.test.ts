import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { FullTextSearchHit } from '../../../src/core/fulltext/merge-fulltext';
import { layoutPdf, linesAt } from '../../support/pdf-fixtures-text';
import { eventually, fileExists, lectern, workspaceFolder, writeText } from './lectern-api';

/** Two papers of a corpus file the suite writes; neither has a PDF until a test gives it one. */
const LINKED = { citeKey: 'pdfwatch2026linked', title: 'Papers Linked Where They Are' };
const COPIED = { citeKey: 'pdfwatch2026copied', title: 'Papers Copied Into the Folder' };
/** Words only the new PDFs hold, on page 2 of each. */
const LINKED_PHRASE = 'quillwort saltmarsh cartography';
const COPIED_PHRASE = 'obsidian lanternfish migration';

/** A three-page PDF whose page 2 holds `phrase`. */
const pdfWith = (phrase: string) =>
  layoutPdf([1, 2, 3].map((n) => linesAt(n === 2 ? ['Results.', `We studied ${phrase}.`] : [`Page ${n}.`])));

/** The pages of `paperId`'s PDF that Search Papers lists for `query`, or undefined when the paper is not found by it. */
async function pdfPages(query: string, paperId: string): Promise<number[] | undefined> {
  const { library } = await lectern();
  const response = await library.search(query, { limit: 20 });
  const hit: FullTextSearchHit | undefined = response?.results.find((result) => result.id === paperId);
  return hit?.matches.fulltext?.map((match) => match.page);
}

/** Waits (polling, generous timeout) until Search Papers finds `paperId` in its PDF on `page`. */
const foundOnPage = (query: string, paperId: string, page: number) =>
  eventually(`“${query}” found on p. ${page} of ${paperId}’s PDF`, async () => (await pdfPages(query, paperId))?.includes(page), 30_000);

/** Waits until Search Papers no longer finds `paperId` by `query`. */
const notFound = (query: string, paperId: string) =>
  eventually(`“${query}” no longer finding ${paperId}`, async () => (await pdfPages(query, paperId)) === undefined, 30_000);

describe('full-text search follows the PDFs as they come and go', function () {
  // The machine may be loaded: the polls below wait up to 30 s each.
  this.timeout(120_000);

  before(async () => {
    const corpus = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'pdfwatch-suite.jsonl');
    const lines = [LINKED, COPIED].map((paper) => JSON.stringify({ ...paper, abstract: 'A paper about maps.' }));
    await writeText(corpus, lines.join('\n') + '\n');
  });

  /** The suite's paper, once the library holds it and the full text has read the library as it is now. */
  async function settledPaper(citeKey: string) {
    const { library } = await lectern();
    const paper = await eventually(`${citeKey} in the library`, async () => (await library.ensureLoaded()).resolve(citeKey), 30_000);
    // Refreshes run one after another: once this one is done, none started before it can still pick up a new PDF.
    await library.fullText?.refresh(await library.ensureLoaded());
    return paper;
  }

  it('a PDF copied into papers/pdf is searched, and dropped when deleted', async () => {
    const paper = await settledPaper(COPIED.citeKey);
    assert.equal(await pdfPages(COPIED_PHRASE, paper.id), undefined, 'no hit before the PDF is there');
    const target = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'pdf', `${paper.id}.pdf`);
    assert.equal(await fileExists(target), false);
    // Copied in by the user (not through Lectern), as a file manager would.
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    writeFileSync(target.fsPath, await pdfWith(COPIED_PHRASE));
    await foundOnPage(COPIED_PHRASE, paper.id, 2);

    await vscode.workspace.fs.delete(target);
    await notFound(COPIED_PHRASE, paper.id);
  });

  it('a PDF linked with Attach PDF… (outside the PDF folders) is searched at once', async () => {
    const { services } = await lectern();
    const config = vscode.workspace.getConfiguration('lectern');
    const outsideFolder = mkdtempSync(join(tmpdir(), 'lectern-pdfwatch-'));
    // With no PDF folder in the workspace, Attach PDF… offers only "Link … where it is" (nothing to pick wrongly).
    const folders = [join(outsideFolder, 'folder')];
    await config.update('pdf.folders', folders, vscode.ConfigurationTarget.Workspace);
    try {
      // The setting's change (which reads the PDFs again) has reached the extension before the refresh below.
      await eventually(
        'lectern.pdf.folders to change',
        () => vscode.workspace.getConfiguration('lectern').get<string[]>('pdf.folders')?.[0] === folders[0],
      );
      const paper = await settledPaper(LINKED.citeKey);
      assert.equal(await pdfPages(LINKED_PHRASE, paper.id), undefined, 'no hit before the PDF is attached');
      const outside = join(outsideFolder, 'saltmarsh.pdf');
      writeFileSync(outside, await pdfWith(LINKED_PHRASE));

      const attaching = vscode.commands.executeCommand<boolean>('lectern.attachPdf', paper.id, vscode.Uri.file(outside));
      let done = false;
      void attaching.then(() => (done = true));
      await eventually('Attach PDF… to finish', async () => {
        if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return done;
      });
      assert.equal(await attaching, true);
      assert.deepEqual(await services.pdfs.find(paper), { path: outside, origin: 'attached' });
      await foundOnPage(LINKED_PHRASE, paper.id, 2);
    } finally {
      await config.update('pdf.folders', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
