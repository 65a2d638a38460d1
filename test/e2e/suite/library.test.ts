import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { eventually, lectern, workspaceFolder } from './lectern-api';

const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

describe('Lectern in the extension host', () => {
  it('activates quickly and registers every contributed command', async () => {
    const api = await lectern();
    assert.ok(api.activationMs < 50, `activate() took ${api.activationMs.toFixed(1)} ms`);
    const manifest = vscode.extensions.getExtension('lectern-research.lectern')!.packageJSON as {
      contributes: { commands: Array<{ command: string }> };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('loads the bundled sample corpus: 76 papers in 6–14 named topics', async () => {
    const { library } = await lectern();
    const loaded = await library.ensureLoaded();
    const sample = loaded.papers.filter((p) => p.source.file.endsWith('daily-papers.txt'));
    assert.equal(sample.length, 76);
    assert.ok(sample.every((p) => p.sample === true));
    // The sample's topics (the workspace's own papers, which the bundled taxonomy does not name, are in Other).
    const sampleIds = new Set(sample.map((p) => p.id));
    const topics = loaded.corpus.topics.filter((t) => t.name !== 'Other' && t.paperIds.some((id) => sampleIds.has(id)));
    assert.ok(topics.length >= 6 && topics.length <= 14, `${topics.length} topics`);
    assert.equal(library.state, 'ready');
  });

  it('the Papers tree lists topics with counts, papers under them, and getParent for Reveal', async () => {
    const { services } = await lectern();
    const tree = services.paperTree;
    await tree.setGroupBy('topic');
    const roots = await tree.getChildren();
    assert.ok(roots.length >= 6);
    const first = tree.getTreeItem(roots[0]);
    assert.match(String(first.description), /^\d+$/);
    const children = await tree.getChildren(roots[0]);
    assert.equal(children.length, Number(first.description));
    assert.equal(tree.getParent(children[0]), roots[0]);
    const paperItem = tree.getTreeItem(children[0]);
    assert.equal(paperItem.command?.command, 'lectern.openPaper');
    assert.ok(paperItem.tooltip instanceof vscode.MarkdownString);
  });

  it('Group By year regroups, and a filter narrows the tree', async () => {
    const { services } = await lectern();
    const tree = services.paperTree;
    await vscode.commands.executeCommand('lectern.groupBy', 'year');
    const byYear = await tree.getChildren();
    assert.ok(byYear.some((node) => tree.getTreeItem(node).label === 'No Year'));
    await vscode.commands.executeCommand('lectern.groupBy', 'topic');
    await vscode.commands.executeCommand('lectern.filterTree', 'spiking');
    const filtered = await tree.getChildren();
    const ids = new Set<string>();
    for (const group of filtered) for (const node of await tree.getChildren(group)) if (node.kind === 'paper') ids.add(node.paperId);
    assert.ok(ids.size >= 3 && ids.size <= 10, `${ids.size} papers match "spiking"`);
    await vscode.commands.executeCommand('lectern.clearFilter');
    assert.equal(tree.filter, undefined);
  });

  it('a .bib file added to the workspace joins the corpus without a reload; a broken entry is a Problem on its line until fixed', async () => {
    const { library } = await lectern();
    await library.ensureLoaded();
    const bib = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'extension-host-test.bib');
    const good =
      '@article{vaswani2017,\n  title = {Attention Is All You Need},\n  author = {Vaswani, Ashish and Shazeer, Noam},\n  year = {2017},\n  abstract = {The dominant sequence transduction models are based on recurrent networks.}\n}\n';
    const broken =
      '\n@article{broken2020,\n  title = {A Broken Entry,\n  year = {2020}\n\n@article{after2021,\n  title = {Still Loaded After The Break},\n  year = {2021}\n}\n';
    await write(bib, good + broken);
    await eventually('the new paper in the library', () => library.current?.paper('vaswani2017'));
    const diagnostics = await eventually('a diagnostic for the broken entry', () => {
      const list = vscode.languages.getDiagnostics(bib);
      return list.length > 0 && list;
    });
    assert.ok(
      diagnostics.some((d) => d.range.start.line >= 6 && d.message.startsWith('Lectern:')),
      JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message])),
    );
    await write(bib, good);
    await eventually('the diagnostic cleared after the fix', () => vscode.languages.getDiagnostics(bib).length === 0);
    await vscode.workspace.fs.delete(bib);
    await eventually('the paper gone after the file is deleted', () => !library.current?.paper('vaswani2017'));
  });

  it("a folder's .bib files share their @string macros; editing the file of macros re-reads the folder", async () => {
    const { library } = await lectern();
    await library.ensureLoaded();
    const paper = () => library.current?.corpus.byCiteKey.get('LopStu2012tec');
    // Beside the other .bib files of papers/ (a file created in a folder created the same instant can reach the
    // watcher late: that is not what this test is about).
    const articles = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'lab-articles.bib');
    const macros = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'lab-journals.bib');
    await write(
      articles,
      "@article{LopStu2012tec,\n  author = {L{\\'o}pez-Ib{\\'a}{\\~n}ez, Manuel},\n  journal = tec,\n  title = {The Automatic Design of Ant Colony Algorithms},\n  year = 2012\n}\n",
    );
    await write(macros, '@string{tec = {IEEE Transactions on Evolutionary Computation}}\n');
    await eventually('the journal read from the file beside it', () => paper()?.venue === 'IEEE Transactions on Evolutionary Computation');
    await eventually('no Problem left for the macro', () => vscode.languages.getDiagnostics(articles).length === 0);
    await write(macros, '@string{tec = {IEEE Trans. Evol. Comput.}}\n');
    await eventually('the edited macro in the other file', () => paper()?.venue === 'IEEE Trans. Evol. Comput.');
    await vscode.workspace.fs.delete(macros);
    await eventually('the macro name again once its file is gone', () => paper()?.venue === 'tec');
    await vscode.workspace.fs.delete(articles);
    await eventually('the paper gone with its file', () => !paper());
  });
});
