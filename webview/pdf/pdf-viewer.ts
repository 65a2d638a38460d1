import * as l10n from '@vscode/l10n';
import { getDocument, VerbosityLevel, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { AnnotationView } from '../../src/shared/protocol';
import { el } from '../dom';
import { PdfHighlights, type PdfSelection } from './pdf-highlights';
import { PdfPageView } from './pdf-page-view';
import { PdfText, type TextMatch } from './pdf-text';
import { PdfToolbar } from './pdf-toolbar';
import { pdfWorker } from './pdf-worker';

const MIN_SCALE = 0.25;
const MAX_SCALE = 4;
/** Pages within this margin of the view are drawn; pages beyond it are released. */
const RENDER_MARGIN = '150% 0px';

/** Why a PDF could not be opened, for a message that names the paper and the file. */
export type PdfOpenFailure = 'password' | 'damaged' | 'worker' | 'other';

/** Thrown by {@link PdfViewer.open}. */
export class PdfOpenError extends Error {
  constructor(
    readonly failure: PdfOpenFailure,
    detail: string,
  ) {
    super(detail);
  }
}

export interface PdfViewerOptions {
  /** The page now most in view changed (1-based). */
  pageChanged(page: number): void;
  /** Says something to screen readers. */
  announce(text: string): void;
  /** The PDF's highlights were anchored: these were found on no page. */
  orphansChanged(orphans: AnnotationView[]): void;
}

/**
 * The PDF in the reader: pdf.js (no eval, no scripting, no network: bytes in, pixels and text out), pages drawn
 * lazily as they come near the view and released when far, a text layer for selection and find, zoom, page
 * navigation, keyboard access and an option to show pages dark in dark themes.
 */
export class PdfViewer {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly pagesElement: HTMLElement;
  private readonly toolbar: PdfToolbar;
  private document: PDFDocumentProxy | undefined;
  private text: PdfText | undefined;
  private highlights: PdfHighlights | undefined;
  /** The paper's PDF highlights, kept until the document is open. */
  private annotations: AnnotationView[] = [];
  private pages: PdfPageView[] = [];
  private observer: IntersectionObserver | undefined;
  private scale = 1;
  private fitWidth = true;
  private current = 1;
  private matches: TextMatch[] = [];
  private matchIndex = -1;
  private findRun = { cancelled: false };
  private destroyed = false;
  private pendingHighlight: string | undefined;
  private readonly onResize = () => this.layout();

  constructor(private readonly options: PdfViewerOptions) {
    this.toolbar = new PdfToolbar({
      goToPage: (page) => this.goToPage(page),
      zoom: (change) => this.zoom(change),
      find: (query, direction) => void this.find(query, direction),
      clearFind: () => this.clearFind(),
      darkPages: (on) => this.element.classList.toggle('dark-pages', on),
    });
    this.pagesElement = el('div', { class: 'pdf-pages' });
    this.scroller = el('div', { class: 'pdf-scroller', tabindex: 0, 'aria-label': l10n.t('PDF pages') }, this.pagesElement);
    this.element = el('div', { class: 'pdf-viewer' }, this.toolbar.element, this.scroller);
    this.element.classList.toggle('dark-pages', this.toolbar.darkPagesOn);
    let pending = false;
    this.scroller.addEventListener(
      'scroll',
      () => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          this.trackCurrentPage();
        });
      },
      { passive: true },
    );
    window.addEventListener('resize', this.onResize);
  }

  get pageCount(): number {
    return this.pages.length;
  }

  get currentPage(): number {
    return this.current;
  }

  /** Opens the PDF (its bytes are handed to pdf.js's worker) and shows `page`. */
  async open(data: Uint8Array, page = 1): Promise<void> {
    let worker;
    try {
      worker = await pdfWorker();
    } catch (error) {
      throw new PdfOpenError('worker', error instanceof Error ? error.message : String(error));
    }
    const task = getDocument({
      data,
      worker,
      isEvalSupported: false,
      enableXfa: false,
      disableAutoFetch: true,
      disableStream: true,
      useSystemFonts: true,
      verbosity: VerbosityLevel.ERRORS,
    });
    try {
      this.document = await task.promise;
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const message = error instanceof Error ? error.message : String(error);
      throw new PdfOpenError(name === 'PasswordException' ? 'password' : name === 'InvalidPDFException' ? 'damaged' : 'other', message);
    }
    if (this.destroyed) return void this.document.destroy();
    this.text = new PdfText(this.document);
    const first = (await this.document.getPage(1)).getViewport({ scale: 1 });
    const size = { width: first.width, height: first.height };
    this.pages = Array.from(
      { length: this.document.numPages },
      (_, index) => new PdfPageView(this.document!, index + 1, size, (target) => this.goToPage(target)),
    );
    this.pagesElement.replaceChildren(...this.pages.map((view) => view.element));
    this.toolbar.setPageCount(this.pages.length);
    this.observer = new IntersectionObserver((entries) => this.visibilityChanged(entries), {
      root: this.scroller,
      rootMargin: RENDER_MARGIN,
    });
    for (const view of this.pages) this.observer.observe(view.element);
    this.highlights = new PdfHighlights(this.text, this.pages.length, {
      renderedPages: () => this.pages.filter((view) => view.isRendered),
      goToPage: (target) => this.goToPage(target),
      anchored: (orphans) => this.options.orphansChanged(orphans),
    });
    this.layout();
    this.goToPage(page);
    void this.highlights.update(this.annotations);
    if (this.pendingHighlight) this.highlights.reveal(this.pendingHighlight);
  }

  /** The paper's highlights in this PDF (those with a page): anchored and drawn on the pages as they are drawn. */
  setAnnotations(annotations: AnnotationView[]): void {
    this.annotations = annotations;
    void this.highlights?.update(annotations);
  }

  /** Goes to a highlight and flashes it (once the PDF is open and the highlight found). */
  revealHighlight(id: string): void {
    if (this.highlights) this.highlights.reveal(id);
    else this.pendingHighlight = id;
  }

  /** The selection, if it lies in one page's text layer, as a PDF highlight would record it. */
  selection(): PdfSelection | undefined {
    return this.highlights?.selection(this.pages);
  }

  /** The text of a page (1-based), as find sees it. */
  pageText(page: number) {
    return this.text?.pageText(page);
  }

  /** Scrolls so that `page` (clamped to the document) starts at the top of the view. */
  goToPage(page: number): void {
    const target = this.pages[Math.min(Math.max(Math.round(page), 1), this.pages.length) - 1];
    if (!target) return;
    this.scroller.scrollTop = target.element.offsetTop;
    this.setCurrent(target.pageNumber);
  }

  /** Handles the PDF view's keys; true when `event` was one. */
  handleKey(event: KeyboardEvent): boolean {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
      this.toolbar.focusFind();
      return true;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return false;
    switch (event.key) {
      case '+':
      case '=':
        return this.zoom('in');
      case '-':
        return this.zoom('out');
      case '0':
        return this.zoom('fit');
      case ']':
        this.goToPage(this.current + 1);
        return true;
      case '[':
        this.goToPage(this.current - 1);
        return true;
      case 'Home':
        this.goToPage(1);
        return true;
      case 'End':
        this.goToPage(this.pages.length);
        return true;
      case 'g':
        this.toolbar.focusPage();
        return true;
      default:
        return false;
    }
  }

  /** Puts the keyboard focus on the pages (so PageDown and the arrows scroll them). */
  focus(): void {
    this.scroller.focus({ preventScroll: true });
  }

  destroy(): void {
    this.destroyed = true;
    this.findRun.cancelled = true;
    this.observer?.disconnect();
    for (const view of this.pages) view.release();
    window.removeEventListener('resize', this.onResize);
    void this.document?.destroy();
    this.document = undefined;
    this.pages = [];
  }

  /** Sizes the scroller to the window and the pages to the zoom (again after the view was hidden or resized). */
  layout(): void {
    const top = this.scroller.getBoundingClientRect().top;
    this.scroller.style.height = `${Math.max(200, window.innerHeight - Math.max(0, top) - 8)}px`;
    if (this.fitWidth) this.setScale(this.fitScale(), false);
  }

  private fitScale(): number {
    const width = this.pages[0] ? Number.parseFloat(this.pages[0].element.style.width) / this.scale || 612 : 612;
    const available = this.scroller.clientWidth - 24;
    return clamp(available > 0 ? available / width : 1, MIN_SCALE, 2);
  }

  private zoom(change: 'in' | 'out' | 'fit'): boolean {
    if (this.pages.length === 0) return false;
    this.fitWidth = change === 'fit';
    const next = change === 'fit' ? this.fitScale() : change === 'in' ? this.scale * 1.25 : this.scale / 1.25;
    this.setScale(clamp(next, MIN_SCALE, MAX_SCALE), true);
    return true;
  }

  private setScale(scale: number, announce: boolean): void {
    const page = this.current;
    const view = this.pages[page - 1];
    const offset = view ? (this.scroller.scrollTop - view.element.offsetTop) / Math.max(1, view.element.offsetHeight) : 0;
    if (this.pages[0]?.element.style.width && Math.abs(scale - this.scale) < 0.001) return;
    this.scale = scale;
    for (const each of this.pages) each.setScale(scale);
    if (view) this.scroller.scrollTop = view.element.offsetTop + offset * view.element.offsetHeight;
    this.toolbar.setZoom(scale);
    if (announce) this.options.announce(l10n.t('Zoom {0}%', Math.round(scale * 100)));
    // Pages in view are drawn again at the new size: the observer reports only changes, so ask it afresh.
    if (this.observer)
      for (const each of this.pages) {
        this.observer.unobserve(each.element);
        this.observer.observe(each.element);
      }
  }

  private visibilityChanged(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const view = this.pages[Number((entry.target as HTMLElement).dataset.pageNumber) - 1];
      if (!view) continue;
      if (entry.isIntersecting)
        void view.render().then(async () => {
          if (!view.isRendered) return;
          // The page's text (read once) maps the text layer's spans to offsets: find marks and highlights need it.
          await this.text?.pageText(view.pageNumber);
          if (!view.isRendered) return;
          this.markMatches(view);
          this.highlights?.drawPage(view);
        });
      else if (view.isRendered) view.release();
    }
  }

  private trackCurrentPage(): void {
    const line = this.scroller.scrollTop + this.scroller.clientHeight * 0.3;
    let low = 0;
    let high = this.pages.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.pages[middle].element.offsetTop <= line) low = middle;
      else high = middle - 1;
    }
    if (this.pages[low]) this.setCurrent(low + 1);
  }

  private setCurrent(page: number): void {
    if (page === this.current && this.toolbar.page === page) return;
    this.current = page;
    this.toolbar.setPage(page);
    this.options.pageChanged(page);
  }

  private async find(query: string, direction: 'next' | 'previous'): Promise<void> {
    if (!this.text) return;
    if (query !== this.toolbar.lastQuery) {
      this.findRun.cancelled = true;
      const run = { cancelled: false };
      this.findRun = run;
      this.toolbar.lastQuery = query;
      this.toolbar.setFindStatus(l10n.t('Searching…'));
      this.matches = await this.text.findAll(query, run);
      if (run.cancelled) return;
      this.matchIndex = -1;
    }
    if (this.matches.length === 0) {
      this.toolbar.setFindStatus(query.trim() ? l10n.t('No results') : '');
      this.options.announce(query.trim() ? l10n.t('No results for {0}', query) : '');
      this.refreshMarks();
      return;
    }
    // The first match at or after the page in view, then onwards (or backwards) from the one shown.
    if (this.matchIndex < 0) {
      const ahead = this.matches.findIndex((match) => match.page >= this.current);
      this.matchIndex = direction === 'next' ? Math.max(0, ahead) : (ahead <= 0 ? this.matches.length : ahead) - 1;
    } else {
      this.matchIndex = (this.matchIndex + (direction === 'next' ? 1 : -1) + this.matches.length) % this.matches.length;
    }
    const match = this.matches[this.matchIndex];
    const status = l10n.t('{0} of {1} (page {2})', this.matchIndex + 1, this.matches.length, match.page);
    this.toolbar.setFindStatus(status);
    this.options.announce(status);
    this.goToPage(match.page);
    this.refreshMarks();
  }

  private clearFind(): void {
    this.findRun.cancelled = true;
    this.matches = [];
    this.matchIndex = -1;
    this.toolbar.lastQuery = '';
    this.toolbar.setFindStatus('');
    this.refreshMarks();
  }

  private refreshMarks(): void {
    for (const view of this.pages) if (view.isRendered) this.markMatches(view);
  }

  /** Marks the text-layer spans that hold a match on this page (the current one more strongly). */
  private markMatches(view: PdfPageView): void {
    const spans = view.textSpans();
    for (const span of spans) span.classList.remove('pdf-find-match', 'pdf-find-current');
    const onPage = this.matches.filter((match) => match.page === view.pageNumber);
    if (onPage.length === 0 || !this.text) return;
    void this.text.pageText(view.pageNumber).then(({ itemStarts }) => {
      const current = this.matches[this.matchIndex];
      spans.forEach((span, index) => {
        const start = itemStarts[index] ?? Infinity;
        const end = start + (span.textContent?.length ?? 0);
        for (const match of onPage) {
          if (match.start >= end || match.end <= start) continue;
          span.classList.add(match === current ? 'pdf-find-current' : 'pdf-find-match');
        }
      });
    });
  }
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}
