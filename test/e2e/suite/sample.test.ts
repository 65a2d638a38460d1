import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { eventually, lectern, workspaceFolder } from './lectern-api';

// The sample stays a sample (issue 10): with lectern.includeSampleCorpus "auto", a workspace whose only
// corpus is a user's .bib shows none of the bundled papers and none of the bundled topics; a workspace
// with no corpus of its own shows the sample, marked as such. The e2e workspace sets "always" for the
// other suites; this one switches to "auto" and puts the settings back afterwards.

const USER_BIB = `@article{okafor2021tribunals,
  title = {Speech Recognition in Tribunal Hearings},
  author = {Okafor, Ngozi and van der Berg, Pieter},
  journal = {Journal of Law and Technology},
  year = {2021},
  volume = {12},
  pages = {44--71},
  abstract = {Automatic speech recognition and audio transcripts of tribunal hearings, and what courts may rely on.}
}

@article{lindqvist2020records,
  title = {Federated Learning Over Court Records},
  author = {Lindqvist, Ada},
  journal = {Law and Computers},
  year = {2020},
  abstract = {Federated learning lets clients train on court records that never leave the registry.}
}

@book{moreau2019carbon,
  title = {Dissolved Carbon in Coastal Waters},
  author = {Moreau, Claire},
  publisher = {Ocean Press},
  year = {2019},
  abstract = {Seawater carbonate chemistry and dissolved inorganic carbon along coasts.}
}
`;
const BIB_GLOB = 'only-bib/*.bib';

describe('The bundled sample stays a sample (includeSampleCorpus: auto)', () => {
  it('a user .bib alone shows no sample papers and no bundled topics; with no corpus the sample shows, marked', async function () {
    this.timeout(180_000);
    const { library, services } = await lectern();
    const tree = services.paperTree;
    const root = vscode.extensions.getExtension('lectern-research.lectern')!.extensionPath;
    const bundledTopics = Object.keys(
      (JSON.parse(readFileSync(join(root, 'corpus', 'topics.json'), 'utf8')) as { topics: Record<string, unknown> }).topics,
    );
    const config = () => vscode.workspace.getConfiguration('lectern');
    const saved = {
      corpus: config().inspect('corpus')?.workspaceValue,
      includeSampleCorpus: config().inspect('includeSampleCorpus')?.workspaceValue,
    };
    const folder = vscode.Uri.joinPath(workspaceFolder(), 'only-bib');
    const bib = vscode.Uri.joinPath(folder, 'my-refs.bib');
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const settle = async () => {
      await pause(500); // the settings' own reload starts first
      return library.reload();
    };
    const rootLabels = async () =>
      (await tree.getChildren()).map((node) => {
        const label = tree.getTreeItem(node).label;
        return typeof label === 'string' ? label : (label?.label ?? '');
      });
    try {
      await vscode.workspace.fs.createDirectory(folder);
      // The only corpus glob matches nothing yet: the sample stands in, marked, with the notice row first.
      await config().update('includeSampleCorpus', 'auto', vscode.ConfigurationTarget.Workspace);
      await config().update('corpus', [BIB_GLOB], vscode.ConfigurationTarget.Workspace);
      const sampleOnly = await settle();
      assert.equal(sampleOnly.papers.length, 76);
      assert.ok(sampleOnly.papers.every((paper) => paper.sample === true));
      assert.deepEqual(library.sample, { shown: true, setting: 'auto' });
      const roots = await tree.getChildren();
      assert.equal(roots[0].kind, 'sampleNotice');
      const notice = tree.getTreeItem(roots[0]);
      assert.equal(notice.label, 'Sample papers, bundled with Lectern');
      assert.equal(notice.command?.command, 'lectern.addCorpusFile');
      const firstGroup = roots.find((node) => node.kind === 'group')!;
      const paperRow = tree.getTreeItem((await tree.getChildren(firstGroup))[0]);
      assert.match(String(paperRow.description), /sample$/);
      assert.match((paperRow.tooltip as vscode.MarkdownString).value, /Sample paper — bundled with Lectern/);

      // The user's first .bib appears: the sample leaves without a manual reload, and its topics with it.
      await pause(2_000); // a file watcher created by the reload just now needs a moment before it reports
      await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode(USER_BIB));
      const own = await eventually(
        'the sample to make way for the .bib',
        () => {
          const current = library.current;
          return current && current.papers.length === 3 && current.papers.every((paper) => !paper.sample) && current;
        },
        30_000,
      );
      assert.ok(own.papers.every((paper) => paper.source.file === bib.fsPath));
      assert.deepEqual(library.sample, { shown: false, setting: 'auto' });
      const ownTopics = own.corpus.topics.map((topic) => topic.name);
      assert.deepEqual(
        ownTopics.filter((name) => bundledTopics.includes(name)),
        [],
        `topics: ${ownTopics.join(', ')}`,
      );
      assert.ok(!ownTopics.includes('Federated Learning') && !ownTopics.includes('Speech & Audio'));
      const labels = await rootLabels();
      assert.ok(!labels.includes('Sample papers, bundled with Lectern'), labels.join(' | '));
      assert.ok(
        labels.every((label) => !bundledTopics.includes(label)),
        labels.join(' | '),
      );
      const search = own.search.search('attention', { limit: 10 }).results;
      assert.deepEqual(search, [], 'the sample’s papers are not searchable either');

      // The last one goes: the sample returns.
      await pause(2_000);
      await vscode.workspace.fs.delete(bib);
      await eventually('the sample to return', () => library.current?.papers.length === 76 && library.sample.shown, 30_000);
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true }).then(
        () => undefined,
        () => undefined,
      );
      await config().update('corpus', saved.corpus, vscode.ConfigurationTarget.Workspace);
      await config().update('includeSampleCorpus', saved.includeSampleCorpus, vscode.ConfigurationTarget.Workspace);
      await settle();
    }
  });
});
