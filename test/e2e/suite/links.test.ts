import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { eventually, lectern, workspaceFolder } from './lectern-api';

const SINK = 'see-what-you-are-told-visual-attention-sink-in-large';
const MIND = 'mindbridge-a-cross-subject-brain-decoding-framework';

const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

/** The position of the first `needle` in `document`, moved `delta` characters. */
function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is in ${document.uri.path}`);
  return document.positionAt(offset + delta);
}

function commandArgs(uri: vscode.Uri | undefined): unknown {
  return uri?.scheme === 'command' ? JSON.parse(uri.query) : undefined;
}

describe('links between notes and papers', () => {
  let markdown: vscode.Uri;
  let document: vscode.TextDocument;
  const created: vscode.Uri[] = [];

  before(async () => {
    const { library } = await lectern();
    await library.ensureLoaded();
    markdown = vscode.Uri.joinPath(workspaceFolder(), 'links-e2e.md');
    created.push(markdown);
    await write(
      markdown,
      [
        '# Reading list',
        '',
        `The sink paper: [[${SINK}]].`,
        'A typo: [[no-such-paper]].',
        `Brain decoding, as in @${MIND}, and mail me at a@b.com.`,
        'Typing [[atten',
        '',
      ].join('\n'),
    );
    document = await vscode.workspace.openTextDocument(markdown);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'markdown');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('[[id]] and @id of known papers are command links to lectern.openPaper', async () => {
    const links = await eventually('two Lectern links', async () => {
      const all = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', markdown);
      const ours = all.filter((link) => link.target?.scheme === 'command' && link.target.path === 'lectern.openPaper');
      return ours.length >= 2 && ours;
    });
    assert.deepEqual(
      links.map((link) => commandArgs(link.target)),
      [[SINK], [MIND]],
    );
    assert.equal(document.getText(links[0].range), `[[${SINK}]]`);
    assert.equal(document.getText(links[1].range), `@${MIND}`);
  });

  it('a hover on a reference shows the paper with Open and Open Note links', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      markdown,
      positionOf(document, SINK, 3),
    );
    const text = hovers
      .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)))
      .join('\n');
    assert.match(text, /\*\*See What You Are Told: Visual Attention Sink in Large Multimodal Models\*\*/);
    assert.match(text, /command:lectern\.openPaper\?/);
    assert.match(text, /command:lectern\.openNote\?/);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      markdown,
      positionOf(document, 'no-such-paper', 2),
    );
    assert.ok(!none.some((hover) => hover.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('lectern.openPaper'))));
  });

  it('completion after [[atten offers the attention-sink paper, with the closing ]]', async () => {
    const position = positionOf(document, '[[atten', '[[atten'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      markdown,
      position,
      '[',
    );
    const insert = (item: vscode.CompletionItem) => (typeof item.insertText === 'string' ? item.insertText : item.insertText?.value);
    const item = list.items.find((candidate) => insert(candidate) === `${SINK}]]`);
    assert.ok(item, `offered: ${list.items.slice(0, 10).map(insert).join(', ')}`);
    const label = typeof item.label === 'string' ? item.label : item.label.label;
    assert.equal(label, 'See What You Are Told: Visual Attention Sink in Large Multimodal Models');
    assert.match(String(item.detail), new RegExp(`^${SINK}`));
  });

  it('an unknown [[id]] is one warning; an @word and a known id are not', async () => {
    const diagnostics = await eventually('the unknown-id warning', () => {
      const list = vscode.languages.getDiagnostics(markdown).filter((d) => d.source === 'Lectern');
      return list.length > 0 && list;
    });
    assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join('\n'));
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostics[0].message, 'Lectern: no paper has the id "no-such-paper"; check the id or run Lectern: Refresh Corpus.');
    assert.equal(document.getText(diagnostics[0].range), 'no-such-paper');
  });

  it('a fixed id clears its warning', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const start = positionOf(document, 'no-such-paper');
    await editor.edit((edit) => edit.replace(new vscode.Range(start, start.translate(0, 'no-such-paper'.length)), MIND));
    await eventually('no warning left', () => vscode.languages.getDiagnostics(markdown).filter((d) => d.source === 'Lectern').length === 0);
    await document.save();
  });

  it('Find All References on @id lists its mentions in workspace markdown', async () => {
    const locations = await eventually('references to the MindBridge paper', async () => {
      const found = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        markdown,
        positionOf(document, `@${MIND}`, 2),
      );
      const here = found.filter((location) => location.uri.toString() === markdown.toString());
      return here.length >= 2 && here;
    });
    assert.deepEqual(locations.map((location) => document.getText(location.range)).sort(), [`@${MIND}`, `[[${MIND}]]`].sort());
  });

  it('a note gets an Open paper lens and a backlinks count', async () => {
    const { services } = await lectern();
    const hadNote = services.notes.status(SINK).hasNote;
    await vscode.commands.executeCommand('lectern.openNote', SINK);
    const note = await eventually('the note in the editor', () => {
      const active = vscode.window.activeTextEditor?.document;
      return active && active.uri.toString() !== markdown.toString() && active.getText().includes(`paper: ${SINK}`) && active;
    });
    if (!hadNote) created.push(note.uri); // later suites find the workspace as it was
    const lenses = await eventually('the note lenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', note.uri, 10);
      return found.some((lens) => lens.command?.command === 'lectern.showBacklinks') && found;
    });
    const open = lenses.find((lens) => lens.command?.command === 'lectern.openPaper');
    assert.ok(open, lenses.map((lens) => lens.command?.title).join(', '));
    assert.match(open.command!.title, /^\$\(book\) Open paper: See What You Are Told/);
    assert.deepEqual(open.command!.arguments, [SINK]);
    assert.equal(open.range.start.line, 0);
    const backlinks = lenses.find((lens) => lens.command?.command === 'lectern.showBacklinks')!;
    assert.match(backlinks.command!.title, /^[1-9]\d* backlinks?$/);
  });

  it('Insert Citation puts \\cite{key} in LaTeX, and only the key inside an existing \\cite{…}', async () => {
    const { library } = await lectern();
    const key = (id: string) => library.current!.paper(id)!.citeKey ?? id;
    const tex = vscode.Uri.joinPath(workspaceFolder(), 'links-e2e.tex');
    created.push(tex);
    await write(tex, 'As shown in \\cite{smith2020} and .\n');
    let doc = await vscode.workspace.openTextDocument(tex);
    if (doc.languageId !== 'latex') doc = await vscode.languages.setTextDocumentLanguage(doc, 'latex');
    const editor = await vscode.window.showTextDocument(doc);

    const afterAnd = positionOf(doc, ' .', 1);
    editor.selection = new vscode.Selection(afterAnd, afterAnd);
    assert.equal(await vscode.commands.executeCommand('lectern.insertCitation', SINK), true);
    assert.equal(doc.getText(), `As shown in \\cite{smith2020} and \\cite{${key(SINK)}}.\n`);

    const inCite = positionOf(doc, 'smith2020', 'smith2020'.length);
    editor.selection = new vscode.Selection(inCite, inCite);
    assert.equal(await vscode.commands.executeCommand('lectern.insertCitation', MIND), true);
    assert.equal(doc.getText(), `As shown in \\cite{smith2020, ${key(MIND)}} and \\cite{${key(SINK)}}.\n`);
    await doc.save();
  });

  it('Insert Citation puts a Pandoc citation [@citekey] in markdown (the default style)', async () => {
    const { library } = await lectern();
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    assert.equal(await vscode.commands.executeCommand('lectern.insertCitation', MIND), true);
    assert.equal(document.lineAt(0).text, `# Reading list[@${library.current!.paper(MIND)!.citeKey ?? MIND}]`);
    await document.save();
  });
});
