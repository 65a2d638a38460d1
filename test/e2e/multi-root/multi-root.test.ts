import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { eventually, fileExists, lectern } from '../suite/lectern-api';

// A multi-root workspace (workspace/lectern.code-workspace): folder alpha reads `refs/*.bib` and keeps
// notes in `alpha-notes/`, folder beta reads `library/*.jsonl` and keeps notes in `reading/notes/`, each in
// its own .vscode/settings.json. Each folder holds a decoy that only the other folder's pattern (or the
// default `**/*.bib`) would read: a window-wide reading of the settings shows a decoy or misses papers.

const ALPHA = ['Speech Recognition in Tribunal Hearings', 'Dissolved Carbon in Coastal Waters'];
const BETA = ['Federated Learning Over Court Records', 'Glacier Retreat Seen From Orbit'];
const ALPHA_DECOY = "Alpha Decoy: Matched Only by Beta's Pattern";
const BETA_DECOY = "Beta Decoy: Matched Only by Alpha's Pattern";

function folder(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`the e2e workbench did not open the multi-root workspace (no folder "${name}")`);
  return found;
}

const titles = async () => (await (await lectern()).library.ensureLoaded()).papers.map((paper) => paper.title).sort();

async function paperId(title: string): Promise<string> {
  const paper = (await (await lectern()).library.ensureLoaded()).papers.find((candidate) => candidate.title === title);
  assert.ok(paper, `"${title}" is in the library`);
  return paper.id;
}

describe('a multi-root workspace: each folder its own settings', () => {
  before(async function () {
    // The folders may reach the extension host after it started; without them (see test/e2e/harness/workspace-cache.ts)
    // the harness opens the window once more when it reads WORKSPACE_NOT_OPENED (test/e2e/harness/e2e-session.ts).
    this.timeout(60_000);
    await eventually('the two folders of the workspace', () => vscode.workspace.workspaceFolders?.length === 2, 20_000).catch(() => {
      const opened = vscode.workspace.workspaceFile?.fsPath ?? 'no workspace file';
      const folders = vscode.workspace.workspaceFolders?.length ?? 0;
      throw new Error(`WORKSPACE_NOT_OPENED: the window opened ${opened} with ${folders} folders; the harness opens it again`);
    });
  });

  it('reads each folder’s own lectern.corpus (and no decoy the other folder’s pattern would match)', async function () {
    this.timeout(120_000);
    assert.equal(vscode.workspace.workspaceFolders?.length, 2);
    assert.deepEqual(await titles(), [...ALPHA, ...BETA].sort());
  });

  it('a note for a paper of folder beta lands in beta’s notes folder; one of alpha in alpha’s', async function () {
    this.timeout(120_000);
    const { services } = await lectern();
    const betaNote = await services.notes.ensureNote(await paperId(BETA[0]));
    const betaNotes = vscode.Uri.joinPath(folder('beta').uri, 'reading', 'notes');
    assert.equal(betaNote.fsPath, vscode.Uri.joinPath(betaNotes, `${await paperId(BETA[0])}.md`).fsPath);
    assert.ok(await fileExists(betaNote), 'the note is on disk in beta/reading/notes');
    assert.equal(await fileExists(vscode.Uri.joinPath(folder('alpha').uri, 'alpha-notes')), false, 'nothing written to alpha');

    const alphaNote = await services.notes.ensureNote(await paperId(ALPHA[1]));
    assert.equal(vscode.Uri.joinPath(alphaNote, '..').fsPath, vscode.Uri.joinPath(folder('alpha').uri, 'alpha-notes').fsPath);
    assert.ok(await fileExists(alphaNote));
    // Both count as their papers' notes: each folder's own notes folder is indexed.
    const ids = [await paperId(BETA[0]), await paperId(ALPHA[1])];
    await eventually('both notes indexed', () => ids.every((id) => services.notes.status(id).hasNote));
    assert.equal(services.notes.noteUri(ids[0])?.fsPath, betaNote.fsPath);
    assert.equal(services.notes.noteUri(ids[1])?.fsPath, alphaNote.fsPath);
  });

  it('a change to one folder’s lectern.corpus reloads the library with that folder’s new files only', async function () {
    this.timeout(120_000);
    const beta = vscode.workspace.getConfiguration('lectern', folder('beta').uri);
    const before = beta.inspect<string[]>('corpus')?.workspaceFolderValue;
    try {
      await beta.update('corpus', ['library/*.jsonl', 'refs/*.bib'], vscode.ConfigurationTarget.WorkspaceFolder);
      const after = await eventually('the library reloaded with beta’s refs', async () => {
        const now = await titles();
        return now.includes(BETA_DECOY) && now;
      });
      assert.deepEqual(after, [...ALPHA, ...BETA, BETA_DECOY].sort());
      assert.ok(!after.includes(ALPHA_DECOY));
    } finally {
      await beta.update('corpus', before, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });
});
