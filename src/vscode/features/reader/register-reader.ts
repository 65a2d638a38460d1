import * as vscode from 'vscode';
import type { ReaderState } from '../../../shared/protocol';
import type { FeatureContext } from '../feature-context';
import { paperIdFrom } from '../tree/register-paper-tree';
import { pickPaper } from '../search/search-papers-command';
import type { NotePaneSyncOptions } from './note-pane-sync';
import { READER_VIEW_TYPE, ReaderPanel } from './reader-panel';

/** Read-only documents holding the notes pane's version of a note after a conflict, for Compare. */
const PANE_VERSION_SCHEME = 'lectern-notes-pane';

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

  // The pane's version of each conflicted note, for as long as the window lives (the note itself keeps it too).
  const paneVersions = new Map<string, string>();
  const paneVersionChanged = new vscode.EventEmitter<vscode.Uri>();
  const showConflict: NotePaneSyncOptions['showConflict'] = ({ paperId, noteUri, paneNote, count }) => {
    const uri = vscode.Uri.from({ scheme: PANE_VERSION_SCHEME, path: `/${paperId}/${noteUri.path.split('/').pop() ?? `${paperId}.md`}` });
    paneVersions.set(uri.toString(), paneNote);
    paneVersionChanged.fire(uri);
    const file = vscode.workspace.asRelativePath(noteUri);
    void vscode.window
      .showWarningMessage(
        `Lectern: ${file} was changed in the notes pane and elsewhere at the same time. Nothing was lost: the note keeps the other change, and the pane's version of ${count === 1 ? 'that passage' : `${count} passages`} is in a "Notes pane conflict" section at its end.`,
        'Compare',
        'Open Note',
      )
      .then(async (choice) => {
        if (choice === 'Compare')
          await vscode.commands.executeCommand('vscode.diff', uri, noteUri, `${file}: notes pane ↔ note`, { preview: true });
        else if (choice === 'Open Note')
          await vscode.window.showTextDocument(noteUri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      });
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
    const panel = vscode.window.createWebviewPanel(
      READER_VIEW_TYPE,
      'Lectern',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      {
        enableScripts: true,
        enableFindWidget: true,
      },
    );
    return track(new ReaderPanel(panel, features, notes(), showConflict));
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
      const highlightTerms = options?.query
        ? (library.search.search(options.query, { limit: 200 }).results.find((hit) => hit.id === id)?.terms ?? [])
        : [];
      const newPanel = options?.newPanel ?? vscode.workspace.getConfiguration('lectern').get<boolean>('reader.openInNewPanel', false);
      const reader = !newPanel && lastActive ? lastActive : createPanel();
      await reader.show(id, { highlightTerms });
    }),
    vscode.window.registerWebviewPanelSerializer(READER_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const reader = track(new ReaderPanel(panel, features, notes(), showConflict));
        const saved = state as Partial<ReaderState> | undefined;
        if (typeof saved?.paperId === 'string')
          await reader.show(saved.paperId, { highlightTerms: saved.highlightTerms ?? [], reveal: false });
      },
    }),
    { dispose: () => [...panels].forEach((panel) => panel.dispose()) },
    paneVersionChanged,
    vscode.workspace.registerTextDocumentContentProvider(PANE_VERSION_SCHEME, {
      onDidChange: paneVersionChanged.event,
      provideTextDocumentContent: (uri) =>
        paneVersions.get(uri.toString()) ??
        'Lectern: this version of the notes pane is no longer available (it is still in the note’s "Notes pane conflict" section).',
    }),
  ];
}
