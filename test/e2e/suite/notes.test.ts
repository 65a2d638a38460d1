import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { eventually, fileExists, lectern, readText, workspaceFolder, writeText } from './lectern-api';

const PAPER = 'mindbridge-a-cross-subject-brain-decoding-framework';
const notesFolder = () => vscode.Uri.joinPath(workspaceFolder(), 'papers', 'notes');

describe('notes in the extension host', () => {
  it("Open Note creates papers/notes/<id>.md from the template with Lectern's front matter", async () => {
    await (await lectern()).library.ensureLoaded();
    await vscode.commands.executeCommand('lectern.openNote', PAPER);
    const note = vscode.Uri.joinPath(notesFolder(), `${PAPER}.md`);
    const text = await eventually('the note on disk', async () => (await fileExists(note)) && readText(note));
    assert.match(
      text,
      /^---\npaper: mindbridge-a-cross-subject-brain-decoding-framework\ntitle: "?MindBridge: A Cross-Subject Brain Decoding Framework"?\nstatus: to-read\ntags: \[\]\ncreated: \d{4}-\d{2}-\d{2}\n---\n/,
    );
    assert.match(text, /\n# MindBridge: A Cross-Subject Brain Decoding Framework\n/);
    assert.match(text, /\[\[mindbridge-a-cross-subject-brain-decoding-framework\]\]/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, note.fsPath, 'the note is opened');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Set Status changes only the status line: comments, other keys and the body stay byte for byte', async () => {
    const note = vscode.Uri.joinPath(notesFolder(), `${PAPER}.md`);
    const handWritten = [
      '---',
      'paper: mindbridge-a-cross-subject-brain-decoding-framework',
      '# my own comment about this paper',
      'title:   "MindBridge, my way"',
      'status: to-read',
      'rating: 5   # keys Lectern does not own stay',
      'tags: [brain, to-cite]',
      '---',
      '',
      'My notes. A line with --- in it, and **markdown**.',
      '',
    ].join('\n');
    await writeText(note, handWritten);
    const { services } = await lectern();
    await eventually('the edited note indexed', () => services.notes.status(PAPER).tags.includes('to-cite'));
    await vscode.commands.executeCommand('lectern.setStatus', PAPER, 'reading');
    const after = await eventually('the new status on disk', async () => {
      const text = await readText(note);
      return text.includes('status: reading') && text;
    });
    assert.equal(after, handWritten.replace('status: to-read', 'status: reading'));
    assert.equal(services.notes.status(PAPER).status, 'reading');
    // The status is a search filter now.
    const library = await (await lectern()).library.ensureLoaded();
    const hits = library.search.search('status:reading', { limit: 10, annotations: services.annotations }).results.map((r) => r.id);
    assert.deepEqual(hits, [PAPER]);
  });

  it('a note renamed and moved inside the notes folder still belongs to its paper (the link is the front matter)', async () => {
    const from = vscode.Uri.joinPath(notesFolder(), `${PAPER}.md`);
    const to = vscode.Uri.joinPath(notesFolder(), 'brain', 'mindbridge reading notes.md');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(notesFolder(), 'brain'));
    await vscode.workspace.fs.rename(from, to);
    const { services } = await lectern();
    await eventually('the renamed note indexed', () => services.notes.noteUri(PAPER)?.fsPath === to.fsPath);
    await vscode.commands.executeCommand('lectern.openNote', PAPER);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, to.fsPath, 'Open Note opens the moved note');
    assert.ok(!(await fileExists(from)), 'no second note was created');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a note deleted outside VS Code, before the file watcher says so, gets a new note for the next highlight (no "file not found")', async () => {
    const paper = 'perceptual-scales-predicted-by-fisher-information-metrics';
    const { services } = await lectern();
    await services.notes.ensureNote(paper);
    const note = vscode.Uri.joinPath(notesFolder(), `${paper}.md`);
    assert.ok(await fileExists(note));
    // Another program deletes it; the highlight comes before the watcher's report can.
    rmSync(note.fsPath);
    await services.notes.addAnnotation(paper, { selector: { exact: 'Fisher information', prefix: '', suffix: '' }, comment: 'Kept.' });
    assert.match(
      await readText(note),
      /^---\npaper: perceptual-scales-predicted-by-fisher-information-metrics\n[^]*\n> Fisher information\n/,
    );
    assert.deepEqual(
      (await services.notes.annotations(paper)).map((a) => [a.selector.exact, a.comment]),
      [['Fisher information', 'Kept.']],
    );
  });

  it('two notes claiming one paper are both kept and both reported; a note with broken front matter is left alone', async () => {
    const copy = vscode.Uri.joinPath(notesFolder(), 'duplicate.md');
    await writeText(copy, '---\npaper: mindbridge-a-cross-subject-brain-decoding-framework\n---\nA second note.\n');
    const diagnostics = await eventually('duplicate diagnostics', () => {
      const list = vscode.languages.getDiagnostics(copy);
      return list.some((d) => /all have `paper: mindbridge/.test(d.message) || /have `paper: mindbridge/.test(d.message)) && list;
    });
    assert.match(diagnostics[0].message, /^Lectern:/);
    const broken = vscode.Uri.joinPath(notesFolder(), 'broken.md');
    const brokenText = '---\npaper: see-what-you-are-told-visual-attention-sink-in-large\ntags: [unclosed\n---\nKeep me.\n';
    await writeText(broken, brokenText);
    await eventually('a problem for the broken front matter', () => vscode.languages.getDiagnostics(broken).length > 0);
    await vscode.commands
      .executeCommand('lectern.setStatus', 'see-what-you-are-told-visual-attention-sink-in-large', 'read')
      .then(undefined, () => undefined);
    assert.equal(await readText(broken), brokenText, 'Lectern did not touch the broken note');
  });

  it('a template from the lectern.notes.template setting fills in placeholders; front matter is added when it has none', async () => {
    const config = vscode.workspace.getConfiguration('lectern');
    const template = vscode.Uri.joinPath(workspaceFolder(), 'templates', 'reading-note.md');
    await writeText(template, '# Reading: {{title}}\n\nFirst author: {{authors}}\nKept as typed: {{nonsense}}\n');
    await config.update('notes.template', 'templates/reading-note.md', vscode.ConfigurationTarget.Workspace);
    try {
      const id = 'the-consciousness-prior';
      await vscode.commands.executeCommand('lectern.openNote', id);
      const note = vscode.Uri.joinPath(notesFolder(), `${id}.md`);
      const text = await eventually('the templated note', async () => (await fileExists(note)) && readText(note));
      assert.match(text, /^---\npaper: the-consciousness-prior\ntitle: The Consciousness Prior\n/);
      assert.match(text, /\n# Reading: The Consciousness Prior\n/);
      assert.match(text, /Kept as typed: \{\{nonsense\}\}/);
    } finally {
      await config.update('notes.template', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('with lectern.notes.scope = workspace, a note anywhere in the workspace belongs to its paper', async () => {
    const config = vscode.workspace.getConfiguration('lectern');
    const elsewhere = vscode.Uri.joinPath(workspaceFolder(), 'docs', 'saliency.md');
    const id = 'saliency-driven-active-contour-model-for-image-segmentation';
    await writeText(elsewhere, `---\npaper: ${id}\nstatus: read\n---\nOutside the notes folder.\n`);
    const { services } = await lectern();
    assert.equal(services.notes.status(id).hasNote, false, 'by default only the notes folder holds notes');
    await config.update('notes.scope', 'workspace', vscode.ConfigurationTarget.Workspace);
    try {
      await eventually('the note found outside the notes folder', () => services.notes.status(id).status === 'read');
    } finally {
      await config.update('notes.scope', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await eventually('back to the notes folder only', () => services.notes.status(id).hasNote === false);
  });
});
