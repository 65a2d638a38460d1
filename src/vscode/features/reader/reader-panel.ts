import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { Paper } from '../../../core/model/paper';
import {
  assertNever,
  parseWebviewMessage,
  type HostToWebviewMessage,
  type PaperView,
  type WebviewToHostMessage,
} from '../../../shared/protocol';
import { readerHtml } from '../../../shared/reader-html';
import type { LibraryService } from '../../library/library-service';
import type { SharedLibrary } from '../shared-library/shared-library';
import type { RecentPapers } from '../search/recent-papers';
import type { PaperPdfs } from '../pdf/paper-pdfs';
import { decideOpenLink } from './open-link';
import { NotePaneSync, type NotePaneSyncOptions } from './note-pane-sync';
import type { ReaderNotes } from './reader-notes';

export const READER_VIEW_TYPE = 'lectern.reader';

/** What a reader panel uses. */
export interface ReaderPanelDeps {
  /** The extension's folder: the webview bundle, its stylesheet and the bundled corpus are under it. */
  extensionUri: vscode.Uri;
  library: Pick<LibraryService, 'ensureLoaded' | 'onDidChange'>;
  notes: ReaderNotes;
  recent: RecentPapers;
  output: vscode.LogOutputChannel;
  /** Tells the user the notes pane and the note changed at once (see `NotePaneSync`). */
  showConflict: NotePaneSyncOptions['showConflict'];
  /** Finds and reads papers' PDFs for the PDF tab. */
  pdfs: Pick<PaperPdfs, 'find' | 'load'>;
  /** The shared library: a paper the workspace lacks is read from it, with its related papers. */
  shared?: Pick<SharedLibrary, 'paper' | 'related' | 'label'>;
}

/**
 * One reader panel: a secure webview (strict CSP with a nonce, resources only from the bundle
 * and `media/`) showing one paper at a time with back/forward history. Messages to the webview
 * wait until it says `ready`; messages from it are validated and handled exhaustively.
 */
export class ReaderPanel implements vscode.Disposable {
  private readonly history: string[] = [];
  private position = -1;
  private ready = false;
  private queue: HostToWebviewMessage[] = [];
  private highlightTerms: string[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly notePane: NotePaneSync;
  private readonly notes: ReaderNotes;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: ReaderPanelDeps,
  ) {
    const { notes, extensionUri } = deps;
    this.notes = notes;
    this.notePane = new NotePaneSync({
      notes,
      post: (message) => this.post(message),
      currentPaperId: () => this.currentPaperId,
      output: deps.output,
      showConflict: deps.showConflict,
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'lectern.svg');
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.webview.html = readerHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'reader.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'reader.css')).toString(),
      // The page speaks the display language from the same bundle as the host (undefined in English).
      messages: vscode.l10n.bundle,
      language: vscode.env.language,
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview is destroyed (no retainContextWhenHidden); it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      notes.onDidChangeNote((paperId) => {
        if (paperId !== this.currentPaperId) return;
        void this.sendNoteState(paperId);
        this.notePane.noteChanged();
      }),
      // Typing in an open note (unsaved) shows in the notes pane as it happens.
      vscode.workspace.onDidChangeTextDocument((event) => {
        const paperId = this.currentPaperId;
        if (paperId && event.contentChanges.length > 0 && event.document.uri.toString() === notes.noteUri(paperId)?.toString())
          this.notePane.noteChanged();
      }),
      deps.library.onDidChange(() => {
        if (this.currentPaperId) void this.render();
      }),
    );
  }

  get currentPaperId(): string | undefined {
    return this.history[this.position];
  }

  /** Shows a paper, adding it to the history (unless it is already the current one). */
  async show(paperId: string, options: { highlightTerms?: string[]; reveal?: boolean } = {}): Promise<void> {
    if (paperId !== this.currentPaperId) {
      this.history.splice(this.position + 1);
      this.history.push(paperId);
      this.position = this.history.length - 1;
    }
    this.highlightTerms = options.highlightTerms ?? [];
    if (options.reveal !== false) this.panel.reveal(undefined, false);
    await this.render();
  }

  private async navigate(direction: 'back' | 'forward'): Promise<void> {
    const next = this.position + (direction === 'back' ? -1 : 1);
    if (next < 0 || next >= this.history.length) return;
    this.position = next;
    this.highlightTerms = [];
    await this.render();
  }

  private async render(): Promise<void> {
    const paperId = this.currentPaperId;
    if (!paperId) return;
    const library = await this.deps.library.ensureLoaded();
    // `lectern:paper/<citekey>` links name papers by citekey: the history keeps the paper's id.
    const local = library.resolve(paperId);
    const paper = local ?? (await this.deps.shared?.paper(paperId));
    if (paper && paper.id !== paperId) this.history[this.position] = paper.id;
    if (!paper) {
      this.panel.title = vscode.l10n.t('Paper not found');
      this.post({
        type: 'paperMissing',
        paperId,
        message: vscode.l10n.t(
          'Lectern: no paper has the id "{0}" in the current corpus. It may have been removed from its corpus file; run Lectern: Refresh Corpus or search again.',
          paperId,
        ),
      });
      return;
    }
    void this.deps.recent.add(paper.id);
    this.panel.title = shortTitle(paper.title);
    const related = (local ? library.related(paper.id, 8) : ((await this.deps.shared?.related(paper.id, 8)) ?? [])).map((r) => ({
      id: r.id,
      title: r.title,
      score: r.score,
      sharedTerms: r.sharedTerms,
    }));
    // A shared paper's PDF is not in the workspace; its source is the library.
    const pdf = local ? await this.deps.pdfs.find(paper) : undefined;
    const view = local
      ? this.paperView(paper)
      : { ...this.paperView(paper), source: vscode.l10n.t('Shared library {0}', this.deps.shared?.label ?? '') };
    this.post({
      type: 'showPaper',
      paper: { ...view, ...(pdf ? { pdf: pdf.path.split(/[\\/]/).pop() } : {}) },
      related,
      annotations: this.notes.enabled ? await this.notes.annotations(paper.id) : [],
      highlightTerms: this.highlightTerms,
      history: { canGoBack: this.position > 0, canGoForward: this.position < this.history.length - 1 },
      notesEnabled: this.notes.enabled,
    });
    // The note's body for the notes pane, always after the paper (a new or reloaded pane has none).
    if (this.notes.enabled) await this.notePane.refresh(paper.id, true);
  }

  private paperView(paper: Paper): PaperView {
    const state = this.notes.status(paper.id);
    return {
      id: paper.id,
      title: paper.title,
      authors: paper.authors,
      year: paper.year,
      venue: paper.venue,
      abstract: paper.abstract,
      topics: paper.topics,
      keywords: paper.keywords,
      tags: state.tags,
      status: state.status,
      doi: paper.doi,
      arxivId: paper.arxivId,
      url: paper.url,
      source: `${this.sourceLabel(paper.source.file)}:${paper.source.line}`,
      hasNote: state.hasNote,
      ...(paper.sample ? { sample: true } : {}),
    };
  }

  /** Workspace files relative to the workspace; the bundled sample by its name. */
  private sourceLabel(file: string): string {
    const bundled = vscode.Uri.joinPath(this.deps.extensionUri, 'corpus').fsPath;
    return file.startsWith(bundled)
      ? vscode.l10n.t('sample corpus/{0}', file.slice(bundled.length + 1))
      : vscode.workspace.asRelativePath(file);
  }

  /** Shows the paper's PDF in the reader (at `page`, or at the highlight `highlight`), or a message saying why it cannot be shown. */
  async showPdf(paperId: string, page?: number, highlight?: string): Promise<void> {
    if (paperId !== this.currentPaperId) await this.show(paperId);
    const library = await this.deps.library.ensureLoaded();
    const paper = library.resolve(paperId);
    if (!paper) return;
    const maxMb = vscode.workspace.getConfiguration('lectern').get<number>('pdf.maxFileSizeMB', 200);
    const loaded = await this.deps.pdfs.load(paper, Math.max(1, maxMb) * 1_048_576);
    if (loaded.kind === 'problem') {
      this.deps.output.warn(`Reader: ${loaded.message}`);
      this.post({ type: 'pdfUnavailable', paperId: paper.id, message: loaded.message });
      return;
    }
    this.deps.output.info(`Reader: showing ${loaded.path} (${loaded.data.byteLength} bytes) for ${paper.id}.`);
    this.post({
      type: 'pdfDocument',
      paperId: paper.id,
      paperTitle: paper.title,
      fileName: loaded.fileName,
      data: loaded.data,
      page,
      ...(highlight ? { highlight } : {}),
    });
  }

  private async sendNoteState(paperId: string): Promise<void> {
    const state = this.notes.status(paperId);
    this.post({ type: 'paperStatus', paperId, status: state.status, tags: state.tags, hasNote: state.hasNote });
    this.post({ type: 'annotations', paperId, annotations: await this.notes.annotations(paperId) });
  }

  private post(message: HostToWebviewMessage): void {
    if (!this.ready) {
      // Only the latest paper matters once the webview is ready; keep later updates to it too (the
      // latest note body only). Without a paper queued, `ready` renders afresh: nothing to keep.
      if (message.type === 'showPaper' || message.type === 'paperMissing') this.queue = [];
      else if (!this.queue.some((queued) => queued.type === 'showPaper' || queued.type === 'paperMissing')) return;
      if (message.type === 'noteBody') this.queue = this.queue.filter((queued) => queued.type !== 'noteBody');
      this.queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.output.warn(`Reader: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.handle(message).catch((error) => {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.output.error(`Reader: ${message.type} failed: ${text}`);
      void vscode.window.showErrorMessage(text.startsWith('Lectern:') ? text : vscode.l10n.t('Lectern: {0}', text));
    });
  }

  private async handle(message: WebviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.queue;
        this.queue = [];
        // A webview shown again after being hidden starts empty: it needs the paper, not just later updates.
        if (!queued.some((item) => item.type === 'showPaper' || item.type === 'paperMissing')) {
          if (this.currentPaperId) await this.render();
          return;
        }
        for (const item of queued) void this.panel.webview.postMessage(item);
        return;
      }
      case 'openExternal': {
        const action = decideOpenLink(message.url);
        if (action.kind === 'openExternal') await vscode.env.openExternal(vscode.Uri.parse(action.url, true));
        else if (action.kind === 'openPaper') await this.show(action.paperId);
        else this.deps.output.warn(action.warning);
        return;
      }
      case 'openPaper':
        await this.show(message.paperId);
        return;
      case 'navigate':
        await this.navigate(message.direction);
        return;
      case 'filterTopic':
        await vscode.commands.executeCommand('lectern.filterTree', `topic:"${message.topic.replace(/"/g, '')}"`);
        await vscode.commands.executeCommand('lectern.papers.focus');
        return;
      case 'copyCitation':
        await vscode.commands.executeCommand(
          { bibtex: 'lectern.copyCitationBibtex', apa: 'lectern.copyCitationApa', markdown: 'lectern.copyCitationMarkdown' }[
            message.format
          ],
          message.paperId,
        );
        return;
      case 'setStatus':
        await vscode.commands.executeCommand('lectern.setStatus', message.paperId, message.status);
        return;
      case 'revealInTree':
        await vscode.commands.executeCommand('lectern.revealInTree', message.paperId);
        return;
      case 'openNote':
        await vscode.commands.executeCommand('lectern.openNote', message.paperId);
        return;
      case 'addAnnotation':
        await this.notes.addAnnotation(message.paperId, {
          selector: message.selector,
          comment: message.comment,
          created: new Date().toISOString().slice(0, 10),
          ...(message.page ? { page: message.page, ...(message.position ? { position: message.position } : {}) } : {}),
        });
        return;
      case 'updateAnnotation':
        await this.notes.updateAnnotation(message.paperId, message.annotationId, message.comment);
        return;
      case 'removeAnnotation':
        await this.notes.removeAnnotation(message.paperId, message.annotationId);
        return;
      case 'editNoteBody':
        await this.notePane.edit(message);
        return;
      case 'createNote':
        await this.notePane.create(message.paperId);
        return;
      case 'openPdf':
      case 'attachPdf':
      case 'getPdf':
        await this.handlePdfRequest(message);
        return;
      default:
        assertNever(message);
    }
  }

  /** Open PDF, or Attach PDF… / Get PDF from arXiv and then show the PDF they added. */
  private async handlePdfRequest(message: Extract<WebviewToHostMessage, { type: 'openPdf' | 'attachPdf' | 'getPdf' }>): Promise<void> {
    if (message.type === 'openPdf') return this.showPdf(message.paperId, message.page);
    const added =
      message.type === 'attachPdf'
        ? await vscode.commands.executeCommand<boolean>('lectern.attachPdf', message.paperId)
        : (await vscode.commands.executeCommand<string | undefined>('lectern.getPdf', message.paperId)) === 'saved';
    if (!added) return;
    await this.render();
    await this.showPdf(message.paperId);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.disposables.length = 0;
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}

/** Panel titles stay short: the part before a colon, or the first words. */
export function shortTitle(title: string): string {
  const head = title.split(/:\s/)[0];
  if (head.length <= 40) return head;
  return `${head.slice(0, 38).replace(/\s+\S*$/, '')}…`;
}
