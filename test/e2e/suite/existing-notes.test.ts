import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { NotesTreeProvider } from '../../../src/vscode/features/notes/notes-tree-provider';
import { eventually, fileExists, lectern, readText, workspaceFolder, writeText } from './lectern-api';

const KEY = 'dandrilli_comprehensive_2010';
// A user's Zotero + Better BibTeX export: the paper's id comes from its DOI, its citekey from the .bib.
const BIB = `@article{${KEY},
  title = {Comprehensive characterization of marine dissolved organic matter by Fourier transform ion cyclotron resonance mass spectrometry},
  author = {D'Andrilli, Juliana and Dittmar, Thorsten and Koch, Boris P.},
  journal = {Rapid Communications in Mass Spectrometry},
  doi = {10.1002/rcm.4421},
  year = {2010},
}
`;
const ID = 'doi-10.1002-rcm.4421';
// The literature note Obsidian's Zotero Integration writes for that paper, before Lectern was installed.
const OBSIDIAN_NOTE = `---
title: "Comprehensive characterization of marine dissolved organic matter"
authors: Juliana D'Andrilli, Thorsten Dittmar, Boris P. Koch
year: 2010
citekey: ${KEY}
tags: [literature-note]
---

# Comprehensive characterization of marine dissolved organic matter

> [!Cite]
> D'Andrilli, J., Dittmar, T., & Koch, B. P. (2010). Rapid Communications in Mass Spectrometry.

## Notes
FT-ICR MS with ESI and APPI.
`;

describe('existing notes and citekeys', () => {
  const bib = () => vscode.Uri.joinPath(workspaceFolder(), 'papers', 'user-library.bib');
  const copy = () => vscode.Uri.joinPath(workspaceFolder(), 'papers', 'user-library-copy.bib');
  const note = () => vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes', `@${KEY}.md`);
  const lecternNote = () => vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes', `${ID}.md`);
  const markdown = () => vscode.Uri.joinPath(workspaceFolder(), 'citekey-links-e2e.md');

  before(async () => {
    const { library, services } = await lectern();
    await library.ensureLoaded();
    await services.notes.ensureLoaded();
    // The note first, then the library that names its paper: the note is linked when the paper arrives.
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes'));
    await writeText(note(), OBSIDIAN_NOTE);
    await writeText(bib(), BIB);
    await eventually('the .bib paper in the library', () => library.current?.resolve(KEY), 30_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [markdown(), copy(), bib(), note(), lecternNote()])
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    const { library } = await lectern();
    await eventually('the user library gone', () => !library.current?.paper(ID), 30_000);
  });

  it('an existing @key.md note with citekey: front matter is the paper’s note: Open Note opens it, the Notes view lists it, its text unchanged', async () => {
    const { library, services } = await lectern();
    assert.equal(library.current?.resolve(KEY)?.id, ID);
    await eventually('the note linked by its citekey', () => services.notes.noteUri(ID)?.fsPath === note().fsPath);
    await vscode.commands.executeCommand('lectern.openNote', ID);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, note().fsPath, 'Open Note opens the existing note');
    // The citekey names the paper as its id does.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('lectern.openNote', KEY);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, note().fsPath, 'Open Note with the citekey opens it too');
    assert.ok(!(await fileExists(lecternNote())), 'no second note was created beside it');
    const tree = new NotesTreeProvider(services.notes, library);
    try {
      const rows = await tree.getChildren();
      const row = rows.find((entry) => entry.path === note().fsPath);
      assert.ok(row, `the Notes view lists ${note().fsPath}: ${rows.map((entry) => entry.path).join(', ')}`);
      assert.equal(row.paper, ID);
      const label = tree.getTreeItem(row).label;
      assert.match(
        typeof label === 'string' ? label : (label?.label ?? ''),
        /^Comprehensive characterization of marine dissolved organic matter by Fourier/,
      );
    } finally {
      tree.dispose();
    }
    assert.equal(services.notes.status(ID).hasNote, true);
    assert.deepEqual(services.notes.status(ID).tags, ['literature-note']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await readText(note()), OBSIDIAN_NOTE, 'opening it changed nothing');
  });

  it('Set Status on that note (by citekey) adds only the status line', async () => {
    const { services } = await lectern();
    await vscode.commands.executeCommand('lectern.setStatus', KEY, 'reading');
    const after = await eventually('the status on disk', async () => {
      const text = await readText(note());
      return text.includes('status: reading') && text;
    });
    assert.equal(after, OBSIDIAN_NOTE.replace('tags: [literature-note]\n', 'tags: [literature-note]\nstatus: reading\n'));
    assert.equal(await eventually('the status indexed', () => services.notes.status(ID).status), 'reading');
    assert.ok(!(await fileExists(lecternNote())));
  });

  it('[[citekey]] links, hovers and is not warned; lectern.openPaper takes the citekey', async () => {
    await writeText(markdown(), `# Draft\n\nAs shown by [[${KEY}]] and @${KEY}, see [[no-such-key-2010]].\n`);
    const document = await vscode.workspace.openTextDocument(markdown());
    await vscode.window.showTextDocument(document);
    const links = await eventually('the citekey links', async () => {
      const all = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', markdown());
      const ours = all.filter((link) => link.target?.scheme === 'command' && link.target.path === 'lectern.openPaper');
      return ours.length >= 2 && ours;
    });
    assert.deepEqual(
      links.map((link) => JSON.parse(link.target!.query) as unknown),
      [[ID], [ID]],
    );
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      markdown(),
      document.positionAt(document.getText().indexOf(KEY) + 2),
    );
    const hoverText = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /\*\*Comprehensive characterization/);
    const warnings = await eventually('the unknown key warned', () => {
      const list = vscode.languages.getDiagnostics(markdown());
      return list.length > 0 && list;
    });
    assert.deepEqual(
      warnings.map((d) => document.getText(d.range)),
      ['no-such-key-2010'],
    );
    const { services } = await lectern();
    await vscode.commands.executeCommand('lectern.openPaper', KEY);
    assert.equal(await eventually('the reader showing the paper', () => services.readers.activePaperId()), ID);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a citekey used twice: the first file in path order wins, both records are Problems with their lines', async () => {
    const { library } = await lectern();
    await writeText(copy(), `\n\n${BIB.replace('10.1002/rcm.4421', '10.9999/copy')}`);
    await eventually('the copy in the library', () => library.current?.paper('doi-10.9999-copy'), 30_000);
    // `user-library-copy.bib` sorts before `user-library.bib`: its record holds the key.
    assert.equal(library.current?.resolve(KEY)?.id, 'doi-10.9999-copy');
    const both = await eventually('warnings in both files', () => {
      const first = vscode.languages.getDiagnostics(copy()).filter((d) => d.message.includes(`citekey "${KEY}"`));
      const second = vscode.languages.getDiagnostics(bib()).filter((d) => d.message.includes(`citekey "${KEY}"`));
      return first.length > 0 && second.length > 0 && { first, second };
    });
    assert.equal(both.first[0].range.start.line, 2, 'the copy’s entry starts on line 3');
    assert.equal(both.second[0].range.start.line, 0);
    assert.equal(both.second[0].severity, vscode.DiagnosticSeverity.Warning);
    await vscode.workspace.fs.delete(copy());
    await eventually('the key back with the first file', () => library.current?.resolve(KEY)?.id === ID, 30_000);
  });
});
