import * as l10n from '@vscode/l10n';
import type { AnnotationView, HostToWebviewMessage, PaperView, WebviewToHostMessage } from '../../src/shared/protocol';
import { el } from '../dom';
import type { PdfSelection } from './pdf-highlights';
import { PdfOpenError, PdfViewer, type PdfOpenFailure } from './pdf-viewer';

type PdfMessage = Extract<HostToWebviewMessage, { type: 'pdfDocument' | 'pdfUnavailable' }>;

export interface PdfTabContext {
  post(message: WebviewToHostMessage): void;
  announce(text: string): void;
  /** The PDF tab opened or closed, or its page changed: the webview state keeps the page. */
  stateChanged(): void;
}

/**
 * The reader's two tabs, Abstract and PDF. The PDF tab asks the host for the paper's PDF the first time it is
 * chosen (P, or a click), then keeps the viewer while the same paper is shown; a PDF that cannot be shown leaves a
 * message naming the paper and the file, with Attach PDF…, and the Abstract tab works as before.
 */
export class PdfTab {
  readonly tabs: HTMLElement;
  readonly panel: HTMLElement;
  private readonly abstractTab: HTMLButtonElement;
  private readonly pdfTab: HTMLButtonElement;
  private paper: PaperView | undefined;
  private viewer: PdfViewer | undefined;
  private requested = false;
  private active: 'abstract' | 'pdf' = 'abstract';
  /** The page asked for by `reopen`, kept in the state until the viewer has opened. */
  private pendingPage: number | undefined;
  /** The paper's PDF highlights (those with a page). */
  private annotations: AnnotationView[] = [];
  /** A highlight to show once the viewer is open (a click in the side list or on `p. N` in the note). */
  private pendingHighlight: string | undefined;
  /** Lists the highlights found on no page of this PDF (orphans: shown, never dropped). */
  private readonly orphans = el('section', {
    class: 'pdf-orphans',
    'aria-label': l10n.t('Highlights not found in this PDF'),
    hidden: true,
  });

  constructor(
    private readonly context: PdfTabContext,
    private readonly abstractPanel: HTMLElement,
  ) {
    this.abstractTab = tab(l10n.t('Abstract'), 'tab-abstract', 'reader-article', () => this.select('abstract'));
    this.pdfTab = tab(l10n.t('PDF'), 'tab-pdf', 'pdf-panel', () => this.select('pdf'));
    this.pdfTab.setAttribute('aria-keyshortcuts', 'P');
    this.tabs = el('div', { class: 'reader-tabs', role: 'tablist', 'aria-label': l10n.t('Paper views') }, this.abstractTab, this.pdfTab);
    this.tabs.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      event.stopPropagation();
      const next = this.active === 'abstract' ? 'pdf' : 'abstract';
      this.select(next);
      (next === 'pdf' ? this.pdfTab : this.abstractTab).focus();
    });
    this.panel = el('section', { id: 'pdf-panel', class: 'pdf-panel', role: 'tabpanel', 'aria-labelledby': 'tab-pdf', hidden: true });
    abstractPanel.id = 'reader-article';
    abstractPanel.setAttribute('role', 'tabpanel');
    abstractPanel.setAttribute('aria-labelledby', 'tab-abstract');
    this.tabs.hidden = true;
    this.render();
  }

  /** The PDF page in view while the PDF tab is open, else undefined. */
  get page(): number | undefined {
    if (this.active !== 'pdf') return undefined;
    return this.viewer?.pageCount ? this.viewer.currentPage : this.pendingPage;
  }

  /** A paper is shown (again): another paper closes this one's PDF. */
  show(paper: PaperView): void {
    if (paper.id !== this.paper?.id) this.reset();
    this.paper = paper;
    this.tabs.hidden = false;
    this.pdfTab.title = paper.pdf ? l10n.t('Read {0} (P)', paper.pdf) : l10n.t('No PDF found yet: look again or attach one (P)');
  }

  /** No paper: no tabs. */
  reset(): void {
    this.viewer?.destroy();
    this.viewer = undefined;
    this.requested = false;
    this.pendingPage = undefined;
    this.pendingHighlight = undefined;
    this.annotations = [];
    this.showOrphans([]);
    this.paper = undefined;
    this.panel.replaceChildren();
    this.tabs.hidden = true;
    if (this.active === 'pdf') this.select('abstract');
  }

  /** The host's answer to `openPdf` (or a PDF it sends by itself: Lectern: Open PDF, a reload). */
  receive(message: PdfMessage): void {
    if (!this.paper || message.paperId !== this.paper.id) return;
    this.select('pdf', false);
    if (message.type === 'pdfUnavailable') {
      this.showMessage(message.message);
      return;
    }
    const { paperTitle, fileName, page } = message;
    const highlight = message.highlight ?? this.pendingHighlight;
    this.pendingHighlight = undefined;
    if (this.viewer) {
      // The same paper's PDF again (Open PDF at a page or a highlight): keep the viewer, go there.
      if (page) this.viewer.goToPage(page);
      if (highlight) this.viewer.revealHighlight(highlight);
      return;
    }
    const viewer = new PdfViewer({
      pageChanged: () => this.context.stateChanged(),
      announce: (text) => this.context.announce(text),
      orphansChanged: (orphans) => this.showOrphans(orphans),
    });
    this.viewer = viewer;
    viewer.setAnnotations(this.annotations);
    if (highlight) viewer.revealHighlight(highlight);
    this.panel.replaceChildren(el('p', { class: 'pdf-title' }, fileName), this.orphans, viewer.element);
    this.panel.setAttribute('aria-busy', 'true');
    viewer
      .open(message.data, page)
      .then(() => {
        this.panel.setAttribute('aria-busy', 'false');
        this.context.announce(l10n.t('PDF opened: {0} pages', viewer.pageCount));
        this.context.stateChanged();
      })
      .catch((error: unknown) => {
        if (this.viewer !== viewer) return;
        viewer.destroy();
        this.viewer = undefined;
        this.panel.setAttribute('aria-busy', 'false');
        const failure = error instanceof PdfOpenError ? error.failure : 'other';
        const detail = error instanceof Error ? error.message : String(error);
        this.showMessage(openFailureMessage(failure, paperTitle, fileName, detail));
      });
  }

  /** P opens the PDF tab (or back to the abstract); the viewer's own keys while it shows. True when handled. */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.paper) return false;
    if (this.active === 'pdf' && this.viewer?.handleKey(event)) return true;
    if (event.key.toLowerCase() !== 'p' || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return false;
    this.select(this.active === 'pdf' ? 'abstract' : 'pdf');
    return true;
  }

  /** The paper's highlights in its PDF (those with a page), drawn on the pages. */
  setAnnotations(annotations: AnnotationView[]): void {
    this.annotations = annotations;
    this.viewer?.setAnnotations(annotations);
  }

  /** Opens the PDF tab at a highlight (asking the host for the PDF first if needed) and flashes it. */
  revealHighlight(id: string): void {
    const page = this.annotations.find((annotation) => annotation.id === id)?.page;
    if (this.viewer) {
      this.select('pdf');
      this.viewer.revealHighlight(id);
      return;
    }
    this.pendingHighlight = id;
    if (page) this.pendingPage = page;
    this.select('pdf', true, page);
  }

  /** The selection in the PDF tab's text layer, as a highlight would record it. */
  selection(): PdfSelection | undefined {
    return this.active === 'pdf' ? this.viewer?.selection() : undefined;
  }

  /** Opens the PDF tab at `page`: a reloaded (or re-shown) panel whose PDF tab was open. */
  reopen(page: number): void {
    this.pendingPage = page;
    this.select('pdf', true, page);
  }

  private select(which: 'abstract' | 'pdf', request = true, page?: number): void {
    const changed = which !== this.active;
    this.active = which;
    this.render();
    if (which === 'pdf' && request && !this.viewer && !this.requested && this.paper) {
      this.requested = true;
      this.panel.replaceChildren(el('p', { class: 'hint' }, l10n.t('Loading the PDF…')));
      this.context.post({ type: 'openPdf', paperId: this.paper.id, ...(page ? { page } : {}) });
    }
    if (which === 'pdf') {
      this.viewer?.layout();
      if (changed) this.viewer?.focus();
    }
    if (changed) this.context.stateChanged();
  }

  private render(): void {
    const pdf = this.active === 'pdf';
    this.abstractPanel.hidden = pdf;
    this.panel.hidden = !pdf;
    this.abstractTab.setAttribute('aria-selected', String(!pdf));
    this.pdfTab.setAttribute('aria-selected', String(pdf));
    this.abstractTab.tabIndex = pdf ? -1 : 0;
    this.pdfTab.tabIndex = pdf ? 0 : -1;
  }

  private showOrphans(orphans: AnnotationView[]): void {
    this.orphans.hidden = orphans.length === 0;
    this.orphans.replaceChildren(
      el('h3', {}, l10n.t('Highlights not found in this PDF')),
      el('p', { class: 'hint' }, l10n.t('Their text is on no page of this file (another version of the paper?). They stay in the note.')),
      el(
        'ul',
        { class: 'annotation-list orphans' },
        ...orphans.map((annotation) =>
          el(
            'li',
            { class: 'annotation-item', 'data-annotation-id': annotation.id },
            el(
              'blockquote',
              { class: 'annotation-quote orphan-quote' },
              l10n.t('p. {0}: “{1}”', String(annotation.page), annotation.selector.exact),
            ),
          ),
        ),
      ),
    );
  }

  private showMessage(message: string): void {
    this.requested = false;
    const attach = el('button', { type: 'button', class: 'pdf-attach' }, l10n.t('Attach PDF…'));
    attach.addEventListener('click', () => this.paper && this.context.post({ type: 'attachPdf', paperId: this.paper.id }));
    const back = el('button', { type: 'button', class: 'pdf-back' }, l10n.t('Back to the abstract'));
    back.addEventListener('click', () => this.select('abstract'));
    let download: HTMLButtonElement | undefined;
    if (this.paper?.arxivId) {
      download = el('button', { type: 'button', class: 'pdf-attach' }, l10n.t('Get PDF from arXiv'));
      download.addEventListener('click', () => this.paper && this.context.post({ type: 'getPdf', paperId: this.paper.id }));
    }
    this.panel.replaceChildren(
      el(
        'div',
        { class: 'problem pdf-problem', role: 'alert' },
        el('p', {}, message),
        el('p', {}, download ?? null, download ? ' ' : null, attach, ' ', back),
      ),
    );
    this.context.announce(message);
  }
}

function openFailureMessage(failure: PdfOpenFailure, title: string, fileName: string, detail: string): string {
  switch (failure) {
    case 'password':
      return l10n.t(
        'Lectern: the PDF of “{0}” ({1}) is password-protected, and Lectern does not open protected PDFs. Open it in another viewer, or attach an unprotected copy with Attach PDF….',
        title,
        fileName,
      );
    case 'damaged':
      return l10n.t(
        'Lectern: the PDF of “{0}” ({1}) is damaged or not a PDF ({2}). Download it again, or attach another copy with Attach PDF….',
        title,
        fileName,
        detail,
      );
    case 'worker':
      return l10n.t(
        'Lectern: the PDF viewer could not start ({2}), so the PDF of “{0}” ({1}) is not shown. Reload the window; the abstract still works.',
        title,
        fileName,
        detail,
      );
    default:
      return l10n.t(
        'Lectern: the PDF of “{0}” ({1}) could not be opened ({2}). Download it again, or attach another copy with Attach PDF….',
        title,
        fileName,
        detail,
      );
  }
}

function tab(label: string, id: string, controls: string, run: () => void): HTMLButtonElement {
  const element = el('button', { type: 'button', role: 'tab', id, class: 'reader-tab', 'aria-controls': controls }, label);
  element.addEventListener('click', run);
  return element;
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|VSCODE-TEXTAREA|VSCODE-TEXTFIELD)$/.test(target.tagName))
  );
}
