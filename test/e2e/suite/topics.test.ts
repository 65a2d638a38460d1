import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { eventually, lectern, readText, workspaceFolder, writeText } from './lectern-api';

const TOPIC = 'Spiking Neural Networks'; // a topic of the bundled sample's taxonomy
const HIDDEN = 'Adversarial Robustness';

/** The labels of the tree's top rows (topics, when grouped by topic). */
async function labels(): Promise<string[]> {
  const { services } = await lectern();
  return (await services.paperTree.getChildren()).map((node) => {
    const label = services.paperTree.getTreeItem(node).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  });
}

describe('Shaping the topic tree in the extension host', () => {
  it('a hand-edited .lectern/topics.json applies on save; its mistakes are Problems at their lines and the rest still applies', async function () {
    // Four waits for the library to re-assign topics after a file change; each may take seconds on a busy machine.
    this.timeout(120_000);
    const { library, services } = await lectern();
    await library.ensureLoaded();
    await services.paperTree.setGroupBy('topic');
    const file = vscode.Uri.joinPath(workspaceFolder(), '.lectern', 'topics.json');
    const broken = [
      '{',
      '  "curation": [',
      `    { "rename": "${TOPIC}", "to": "Spikes by Hand" },`,
      '    { "pin": "no-such-paper", "to": "Spikes by Hand" },',
      '    { "hide": "Nothing" } // the comma after this step is missing',
      `    { "hide": "${HIDDEN}" },`,
      '  ],',
      '}',
    ].join('\n');
    await writeText(file, broken);
    await eventually('the rename applied', async () => (await labels()).includes('Spikes by Hand'), 20_000);
    assert.ok(!(await labels()).includes(HIDDEN), 'the step after the syntax error applies too');
    const problems = await eventually('the Problems of the topics file', () => {
      const list = vscode.languages.getDiagnostics(file);
      return list.length >= 2 && list;
    });
    const at = (line: number) => problems.find((d) => d.range.start.line === line - 1);
    assert.equal(at(6)?.severity, vscode.DiagnosticSeverity.Error, 'the missing comma, at the next step');
    assert.match(at(6)?.message ?? '', /^Lectern: .*not valid JSON/);
    assert.equal(at(4)?.severity, vscode.DiagnosticSeverity.Warning, 'the unknown paper, at its line');
    assert.match(at(4)?.message ?? '', /no paper has the id or citekey "no-such-paper"/);

    // Fixed by hand: the syntax error goes; then Hide Topic from a command adds one line.
    await writeText(file, broken.replace('"Nothing" }', '"Nothing" },'));
    await eventually(
      'the syntax error cleared',
      () => !vscode.languages.getDiagnostics(file).some((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );
    await vscode.commands.executeCommand('lectern.hideTopic', 'Spikes by Hand');
    await eventually('the hidden topic gone', async () => !(await labels()).includes('Spikes by Hand'));
    const text = await readText(file);
    assert.equal(text, broken.replace('"Nothing" }', '"Nothing" },').replace('  ],', '    { "hide": "Spikes by Hand" },\n  ],'));

    await vscode.workspace.fs.delete(file);
    await eventually('the tree as discovery made it', async () => (await labels()).includes(TOPIC), 20_000);
    await eventually('no Problems left for the file', () => vscode.languages.getDiagnostics(file).length === 0);
  });

  it('a .lectern folder that arrives whole (a git checkout, an unzip) applies its topics.json', async function () {
    // A folder moved into place is reported as one folder event and no event for the file inside it.
    this.timeout(60_000);
    const { library, services } = await lectern();
    await library.ensureLoaded();
    await services.paperTree.setGroupBy('topic');
    const folder = vscode.Uri.joinPath(workspaceFolder(), '.lectern');
    const staged = vscode.Uri.joinPath(workspaceFolder(), 'staged-lectern-folder');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    const rows = async (topic: string) => {
      const node = (await services.paperTree.getChildren()).find((n) => n.kind === 'group' && n.group.label === topic)!;
      return (await services.paperTree.getChildren(node)).flatMap((n) =>
        n.kind === 'paper' ? [{ id: n.paperId, item: services.paperTree.getTreeItem(n) }] : [],
      );
    };
    const [first, second] = await rows(TOPIC);
    const curation = `{ "rename": "${TOPIC}", "to": "Checked Out Spikes" }, { "pin": "${second.id}", "to": "Checked Out Spikes" }`;
    await writeText(vscode.Uri.joinPath(staged, 'topics.json'), `{ "curation": [${curation}] }`);
    assert.ok((await labels()).includes(TOPIC), 'the sample topic before the folder arrives');
    await vscode.workspace.fs.rename(staged, folder);
    await eventually('the checked-out rename applied', async () => (await labels()).includes('Checked Out Spikes'), 30_000);
    // The pinned paper is marked in its row; the others are not.
    const after = await rows('Checked Out Spikes');
    const description = (id: string) => String(after.find((row) => row.id === id)?.item.description ?? '');
    assert.match(description(second.id), /\bpinned\b/);
    assert.doesNotMatch(description(first.id), /pinned/);
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    await eventually('the folder gone, the sample name back', async () => (await labels()).includes(TOPIC), 30_000);
  });
});
