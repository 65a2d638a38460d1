import * as vscode from 'vscode';
import { settingsFor } from '../../lectern-settings';
import type { ReaderState } from '../../../shared/protocol';
import type { LibraryService } from '../../library/library-service';
import { paperIdFrom } from '../shared/paper-id-from';
import type { PaperPicker } from '../shared/paper-picker';
import type { SharedLibrary } from '../shared-library/shared-library';
import { PANE_VERSION_SCHEME, type NotesPaneConflicts } from './notes-pane-conflicts';
import { READER_VIEW_TYPE } from './reader-panel';
import type { ReaderPanels } from './reader-panels';

export interface ReaderDeps {
  library: Pick<LibraryService, 'ensureLoaded'>;
  readers: ReaderPanels;
  conflicts: NotesPaneConflicts;
  picker: PaperPicker;
  /** The shared library, where a paper the workspace lacks is looked for. */
  shared?: Pick<SharedLibrary, 'paper' | 'hitTerms'>;
}

/**
 * Lectern: Open Paper in the reader. One panel is reused unless `lectern.reader.openInNewPanel`
 * is set; open panels come back after a window reload through the panel serializer, from the
 * state the webview keeps with `setState`.
 */
export function registerReader({ library, readers, conflicts, picker, shared }: ReaderDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lectern.openPaper', async (arg?: unknown, options?: { query?: string; newPanel?: boolean }) => {
      const given = paperIdFrom(arg) ?? (await picker.pick({ title: vscode.l10n.t('Lectern: Open Paper'), includeExtra: true }));
      if (!given) return;
      const loaded = await library.ensureLoaded();
      // A citekey opens its paper as an id does; a paper the workspace lacks may be in the shared library.
      const local = loaded.resolve(given)?.id;
      const id = local ?? (await shared?.paper(given))?.id;
      if (!id) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Lectern: no paper has the id or citekey "{0}". Run Lectern: Refresh Corpus if you just added it.', given),
        );
        return;
      }
      const highlightTerms = !options?.query
        ? []
        : local
          ? (loaded.search.search(options.query, { limit: 200 }).results.find((hit) => hit.id === id)?.terms ?? [])
          : (shared?.hitTerms(id) ?? []);
      const newPanel = options?.newPanel ?? settingsFor().readerOpenInNewPanel;
      await readers.open(id, { highlightTerms, newPanel });
    }),
    vscode.window.registerWebviewPanelSerializer(READER_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) =>
        readers.restore(panel, state as Partial<ReaderState> | undefined),
    }),
    vscode.workspace.registerTextDocumentContentProvider(PANE_VERSION_SCHEME, conflicts),
  ];
}
