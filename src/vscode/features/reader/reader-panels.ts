import * as vscode from 'vscode';
import { READER_VIEW_TYPE, ReaderPanel, type ReaderPanelDeps } from './reader-panel';

/**
 * The open reader panels and which one was active last: Open Paper reuses it (unless a new
 * panel is asked for), and commands run without a paper act on the paper it shows.
 */
export class ReaderPanels implements vscode.Disposable {
  private readonly panels = new Set<ReaderPanel>();
  private lastActive: ReaderPanel | undefined;

  constructor(private readonly deps: ReaderPanelDeps) {}

  /** The paper the last active reader shows, if any. */
  readonly activePaperId = (): string | undefined => this.lastActive?.currentPaperId;

  /** Shows a paper: in the last active panel, or in a new one with `newPanel` or when none is open. */
  async open(paperId: string, options: { highlightTerms: string[]; newPanel: boolean }): Promise<void> {
    const reader = !options.newPanel && this.lastActive ? this.lastActive : this.create();
    await reader.show(paperId, { highlightTerms: options.highlightTerms });
  }

  /** Shows a paper's PDF (at `page`) in the last active panel, or in a new one. */
  async openPdf(paperId: string, page?: number, highlight?: string): Promise<void> {
    const reader = this.lastActive ?? this.create();
    await reader.showPdf(paperId, page, highlight);
  }

  /**
   * A panel VS Code brings back after a window reload, with the state its webview saved. (A PDF tab that was open
   * reopens at its page: the webview asks for it, from the same state.)
   */
  async restore(panel: vscode.WebviewPanel, saved: { paperId?: unknown; highlightTerms?: string[] } | undefined): Promise<void> {
    const reader = this.track(new ReaderPanel(panel, this.deps));
    if (typeof saved?.paperId === 'string') await reader.show(saved.paperId, { highlightTerms: saved.highlightTerms ?? [], reveal: false });
  }

  private create(): ReaderPanel {
    const panel = vscode.window.createWebviewPanel(
      READER_VIEW_TYPE,
      'Lectern',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { enableScripts: true, enableFindWidget: true },
    );
    return this.track(new ReaderPanel(panel, this.deps));
  }

  private track(reader: ReaderPanel): ReaderPanel {
    this.panels.add(reader);
    this.lastActive = reader;
    reader.panel.onDidChangeViewState((event) => {
      if (event.webviewPanel.active) this.lastActive = reader;
    });
    reader.onDidDispose(() => {
      this.panels.delete(reader);
      if (this.lastActive === reader) this.lastActive = [...this.panels].pop();
    });
    return reader;
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.dispose();
  }
}
