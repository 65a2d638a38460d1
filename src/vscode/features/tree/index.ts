import * as vscode from 'vscode';
import { groupByChoices } from '../../../core/tree/group-papers';
import type { LibraryService } from '../../library/library-service';
import { canonicalPaperId } from '../shared/canonical-paper-id';
import { paperIdFrom } from '../shared/paper-id-from';
import type { PaperTreeProvider } from './paper-tree-provider';

export interface TreeDeps {
  library: Pick<LibraryService, 'onDidChange' | 'reload' | 'current' | 'ensureLoaded'>;
  provider: PaperTreeProvider;
  /** The notes whose status and tags the tree shows: it redraws once they are read and when one changes. */
  notes: { ensureLoaded(): Promise<void>; readonly onDidChangeIndex: vscode.Event<void> };
  /** The paper the reader shows, if any (Reveal in Tree without an argument). */
  activePaperId: () => string | undefined;
}

/** The Papers view and its commands: Group By, Filter, Clear Filter, Reveal, Show More, Refresh (shaping topics: `registerTopicCuration`). */
export function registerTree({ library, provider, notes, activePaperId }: TreeDeps): vscode.Disposable[] {
  const view = vscode.window.createTreeView('lectern.papers', { treeDataProvider: provider, showCollapseAll: true });

  const describe = () => {
    const groupLabel = groupByChoices().find((c) => c.value === provider.groupBy)?.label ?? vscode.l10n.t('Topic');
    view.description = provider.filter ? vscode.l10n.t('filter: {0}', provider.filter) : vscode.l10n.t('by {0}', groupLabel.toLowerCase());
    void vscode.commands.executeCommand('setContext', 'lectern.treeFiltered', Boolean(provider.filter));
    void vscode.commands.executeCommand('setContext', 'lectern.treeGroupBy', provider.groupBy); // Move/Pin to Topic under topics
  };
  describe();

  return [
    provider,
    view,
    library.onDidChange(() => {
      void provider.onLibraryChanged();
      // The notes feature reports a notes folder that cannot be read; the tree just draws without them.
      notes.ensureLoaded().then(
        () => provider.refresh(),
        () => undefined,
      );
    }),
    notes.onDidChangeIndex(() => provider.refresh()),
    vscode.commands.registerCommand('lectern.groupBy', async (value?: string) => {
      const choice =
        groupByChoices().find((c) => c.value === value) ??
        (await vscode.window.showQuickPick(
          groupByChoices().map((c) => ({ ...c, description: c.value === provider.groupBy ? vscode.l10n.t('current') : undefined })),
          { title: vscode.l10n.t('Lectern: Group Papers By'), placeHolder: vscode.l10n.t('How the Papers view groups papers') },
        ));
      if (!choice) return;
      await provider.setGroupBy(choice.value);
      describe();
    }),
    vscode.commands.registerCommand('lectern.filterTree', async (arg?: unknown) => {
      // From a topic's context menu the argument is the topic node: filter to that topic.
      const fromTopic = isGroupNode(arg) ? `topic:"${arg.group.label}"` : typeof arg === 'string' ? arg : undefined;
      const query =
        fromTopic ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Lectern: Filter Papers'),
          prompt: vscode.l10n.t('Any search: words, "phrases", topic:, author:, year:2020..2023, tag:, status:'),
          value: provider.filter ?? '',
          placeHolder: vscode.l10n.t('e.g. hallucination year:2024..'),
        }));
      if (query === undefined) return;
      const count = await provider.setFilter(query);
      describe();
      view.message = count === 0 ? vscode.l10n.t('No papers match "{0}". Clear the filter to see all papers.', query) : undefined;
    }),
    vscode.commands.registerCommand('lectern.clearFilter', async () => {
      await provider.setFilter(undefined);
      view.message = undefined;
      describe();
    }),
    vscode.commands.registerCommand('lectern.showMorePapers', (groupKey: string) => provider.showMore(groupKey)),
    vscode.commands.registerCommand('lectern.revealInTree', async (arg?: unknown) => {
      const id = await canonicalPaperId(library, paperIdFrom(arg) ?? activePaperId()); // an id or a citekey
      if (!id) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Lectern: open or select a paper first, then run Reveal in Tree.'));
        return;
      }
      let node = await provider.nodeForPaper(id);
      if (!node && provider.filter) {
        await provider.setFilter(undefined);
        describe();
        node = await provider.nodeForPaper(id);
      }
      if (!node) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Lectern: no paper has the id "{0}" in the current corpus.', id));
        return;
      }
      await view.reveal(node, { select: true, focus: true, expand: true });
    }),
    vscode.commands.registerCommand('lectern.refreshCorpus', async () => {
      await library.reload();
    }),
  ];
}

function isGroupNode(arg: unknown): arg is { kind: 'group'; group: { label: string } } {
  return typeof arg === 'object' && arg !== null && (arg as { kind?: string }).kind === 'group';
}
