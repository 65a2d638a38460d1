import * as vscode from 'vscode';
import type { ReaderState } from '../../../shared/protocol';
import type { FeatureContext } from '../feature-context';
import { paperIdFrom } from '../tree/register-paper-tree';
import { pickPaper } from '../search/search-papers-command';
import { READER_VIEW_TYPE, ReaderPanel } from './reader-panel';

/**
 * Lectern: Open Paper in the reader. One panel is reused unless `lectern.reader.openInNewPanel`
 * is set; open panels come back after a window reload through the panel serializer, from the
 * state the webview keeps with `setState`.
 */
export function registerReader(features: FeatureContext): vscode.Disposable[] {
  const panels = new Set<ReaderPanel>();
  let lastActive: ReaderPanel | undefined;
  const notes = () => {
    if (!features.notes) throw new Error('Lectern: the notes feature must be registered before the reader.');
    return features.notes;
  };

  const track = (reader: ReaderPanel) => {
    panels.add(reader);
    lastActive = reader;
    reader.panel.onDidChangeViewState((event) => {
      if (event.webviewPanel.active) lastActive = reader;
    });
    reader.onDidDispose(() => {
      panels.delete(reader);
      if (lastActive === reader) lastActive = [...panels].pop();
    });
    return reader;
  };

  const createPanel = () => {
    const panel = vscode.window.createWebviewPanel(READER_VIEW_TYPE, 'Lectern', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      enableScripts: true,
      enableFindWidget: true,
    });
    return track(new ReaderPanel(panel, features, notes()));
  };

  features.trees.activePaperId = () => lastActive?.currentPaperId;

  return [
    vscode.commands.registerCommand('lectern.openPaper', async (arg?: unknown, options?: { query?: string; newPanel?: boolean }) => {
      const id = paperIdFrom(arg) ?? (await pickPaper(features, { title: 'Lectern: Open Paper' }));
      if (!id) return;
      const library = await features.library.ensureLoaded();
      if (!library.paper(id)) {
        void vscode.window.showWarningMessage(`Lectern: no paper has the id "${id}". Run Lectern: Refresh Corpus if you just added it.`);
        return;
      }
      const highlightTerms = options?.query ? library.search.search(options.query, { limit: 200 }).results.find((hit) => hit.id === id)?.terms ?? [] : [];
      const newPanel = options?.newPanel ?? vscode.workspace.getConfiguration('lectern').get<boolean>('reader.openInNewPanel', false);
      const reader = !newPanel && lastActive ? lastActive : createPanel();
      await reader.show(id, { highlightTerms });
    }),
    vscode.window.registerWebviewPanelSerializer(READER_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const reader = track(new ReaderPanel(panel, features, notes()));
        const saved = state as Partial<ReaderState> | undefined;
        if (typeof saved?.paperId === 'string') await reader.show(saved.paperId, { highlightTerms: saved.highlightTerms ?? [], reveal: false });
      },
    }),
    { dispose: () => [...panels].forEach((panel) => panel.dispose()) },
  ];
}
