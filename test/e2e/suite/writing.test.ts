import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { eventually, lectern, workspaceFolder } from './lectern-api';

const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

/** A user's own bibliography, named only by the draft's front matter: `.bibtex` matches no `lectern.corpus` glob. */
const BIBTEX = `@article{kowalski2021tides,
  title = {Tidal Mixing in Shallow Coastal Estuaries},
  author = {Kowalski, Anna and Ortega, Luis},
  journal = {Journal of Coastal Research},
  volume = {37},
  number = {2},
  pages = {101--118},
  year = {2021},
  doi = {10.1000/jcr.2021.0042},
  abstract = {We measure tidal mixing in three shallow estuaries over two seasons and relate it to channel depth.}
}

@book{nguyen2019sediment,
  title = {Sediment Transport in Rivers},
  author = {Nguyen, Minh},
  publisher = {Riverbank Press},
  address = {Leiden},
  year = {2019}
}
`;

const DRAFT = `---
title: "Estuaries"
format: html
bibliography: refs.bibtex
---

Mixing is strongest at spring tide [@kowalski2021tides, p. 4; @nguyen2019sediment].
@kowalski2021tides measured it; see also @fig-depth and [@nosuchkey2020].
`;

/** The position of the first `needle` in `document`, moved `delta` characters. */
function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is in ${document.uri.path}`);
  return document.positionAt(offset + delta);
}

const lecternDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Lectern');

describe('writing with citations in a Quarto file', () => {
  const folder = () => vscode.Uri.joinPath(workspaceFolder(), 'writing-e2e');
  let draft: vscode.Uri;
  let document: vscode.TextDocument;

  before(async () => {
    const { library } = await lectern();
    await library.ensureLoaded();
    await vscode.workspace.fs.createDirectory(folder());
    await write(vscode.Uri.joinPath(folder(), 'refs.bibtex'), BIBTEX);
    draft = vscode.Uri.joinPath(folder(), 'draft.qmd');
    await write(draft, DRAFT);
    document = await vscode.workspace.openTextDocument(draft);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true }).then(undefined, () => undefined);
  });

  it('the bibliography the front matter names joins the library, without any setting', async () => {
    const { library } = await lectern();
    const paper = await eventually('the .bibtex papers in the library', () => library.current?.resolve('kowalski2021tides'), 30_000);
    assert.equal(paper.title, 'Tidal Mixing in Shallow Coastal Estuaries');
    assert.ok(library.current?.resolve('nguyen2019sediment'));
  });

  it('completion after [@ searches titles and inserts the citation key', async () => {
    const typing = vscode.Uri.joinPath(folder(), 'typing.qmd');
    await write(typing, 'Typing [@tidal\n');
    const opened = await vscode.workspace.openTextDocument(typing);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      typing,
      positionOf(opened, '[@tidal', '[@tidal'.length),
      '@',
    );
    const insert = (item: vscode.CompletionItem) => (typeof item.insertText === 'string' ? item.insertText : item.insertText?.value);
    const item = list.items.find((candidate) => insert(candidate) === 'kowalski2021tides');
    assert.ok(item, `offered: ${list.items.slice(0, 10).map(insert).join(', ')}`);
    assert.equal(typeof item.label === 'string' ? item.label : item.label.label, 'Tidal Mixing in Shallow Coastal Estuaries');
    assert.match(String(item.detail), /^kowalski2021tides · 2021/);
  });

  it('a hover on a cited key shows the formatted reference and the start of the abstract', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      draft,
      positionOf(document, '@kowalski2021tides, p. 4', 3),
    );
    const text = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    // What the hover shows: markdown escapes and the non-breaking spaces of `appendText` undone.
    const shown = text.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.match(shown, /Kowalski, A\., & Ortega, L\. \(2021\)\. Tidal Mixing in Shallow Coastal Estuaries/i);
    assert.match(shown, /We measure tidal mixing in three shallow estuaries/);
    assert.match(text, /command:lectern\.openPaper\?/);
  });

  it('Ctrl+click on a citation opens the paper in the reader', async () => {
    const { library, services } = await lectern();
    const paper = library.current!.resolve('kowalski2021tides')!;
    const links = await eventually('the citation links', async () => {
      const all = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', draft);
      const ours = all.filter((link) => link.target?.scheme === 'command' && link.target.path === 'lectern.openPaper');
      return ours.length >= 3 && ours;
    });
    assert.deepEqual(
      links.map((link) => document.getText(link.range)),
      ['@kowalski2021tides', '@nguyen2019sediment', '@kowalski2021tides'],
    );
    const target = links[0].target!;
    const args = JSON.parse(decodeURIComponent(target.query)) as unknown[];
    assert.deepEqual(args, [paper.id]);
    // What Ctrl+click on a document link does: run its command URI.
    await vscode.commands.executeCommand(target.path, ...args);
    await eventually('the reader showing the paper', () => services.readers.activePaperId() === paper.id, 20_000);
  });

  it("VS Code's Markdown preview renders [@key] and [[id]] of known papers as links that open the reader", async () => {
    const { library } = await lectern();
    const paper = library.current!.resolve('kowalski2021tides')!;
    const html = await vscode.commands.executeCommand<string>(
      'markdown.api.render',
      `Mixing [@kowalski2021tides, p. 4], see [[${paper.id}]]; not [@nosuchkey2020] nor \`@kowalski2021tides\`.`,
    );
    const href = `${vscode.env.uriScheme}://lectern-research.lectern/paper/${encodeURIComponent(paper.id)}`;
    const links = [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*class="lectern-citation"[^>]*>([^<]*)<\/a>/g)];
    assert.deepEqual(
      links.map((match) => [match[1], match[2]]),
      [
        [href, '@kowalski2021tides'],
        [href, paper.id],
      ],
      html,
    );
  });

  it('an unknown key is a warning on the key; a known key and a Quarto cross-reference are not', async () => {
    const diagnostics = await eventually('the unknown-key warning', () => {
      const list = lecternDiagnostics(draft);
      return list.length > 0 && list;
    });
    assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join('\n'));
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(diagnostics[0].range), 'nosuchkey2020');
    assert.match(diagnostics[0].message, /^Lectern: no paper has the citation key "nosuchkey2020"/);
  });

  it('Find All References lists the citing documents', async () => {
    const other = vscode.Uri.joinPath(folder(), 'chapter.tex');
    await write(other, 'As measured by \\citet[p.~4]{kowalski2021tides}.\n\\bibliography{refs}\n');
    const locations = await eventually('the references to the tides paper', async () => {
      const found = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        draft,
        positionOf(document, '@kowalski2021tides', 2),
      );
      return found.length >= 3 && found;
    });
    const files = locations.map((location) => location.uri.path.split('/').pop());
    assert.deepEqual(files.sort(), ['chapter.tex', 'draft.qmd', 'draft.qmd']);
  });

  it('a bibliography that does not exist is a warning naming it', async () => {
    const missing = vscode.Uri.joinPath(folder(), 'missing.qmd');
    await write(missing, '---\nbibliography: nowhere.bib\n---\n\nText.\n');
    const opened = await vscode.workspace.openTextDocument(missing);
    await vscode.window.showTextDocument(opened);
    const [diagnostic] = await eventually('the missing-bibliography warning', () => {
      const list = lecternDiagnostics(missing);
      return list.length > 0 && list;
    });
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostic.range.start.line, 1);
    assert.match(diagnostic.message, /^Lectern: the bibliography "nowhere\.bib" does not exist/);
  });

  it('Insert Citation writes [@citekey] in a Quarto file', async () => {
    const { library } = await lectern();
    const paper = library.current!.resolve('nguyen2019sediment')!;
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    assert.equal(await vscode.commands.executeCommand('lectern.insertCitation', paper.id), true);
    assert.equal(document.lineAt(document.lineCount - 1).text, '[@nguyen2019sediment]');
    await document.save();
  });
});
