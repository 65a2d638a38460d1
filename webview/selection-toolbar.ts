import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { TextPositionSelector, TextQuoteSelector } from '../src/shared/protocol';
import { el } from './dom';
import { textOffset } from './text-range';

/** Characters of context kept on each side of a quote. */
const CONTEXT = 32;
const MAX_QUOTE = 10_000;

export interface SelectionToolbarOptions {
  /** The element whose text selectors refer to (the rendered abstract), if a paper is shown. */
  abstract(): HTMLElement | null;
  /** Whether annotations can be written now. */
  enabled(): boolean;
  /** The selection in the PDF's text layer, as a PDF highlight records it (page and offsets too), if it is there. */
  pdfSelection?(): PdfPlace | undefined;
  /** Adds a highlight of the selection; `pdf` says where in the PDF when it was made there. */
  annotate(selector: TextQuoteSelector, comment: string, pdf?: { page: number; position: TextPositionSelector }): void;
}

/** A selection in the PDF: its quote over the page's text, the page and the offsets. */
interface PdfPlace {
  selector: TextQuoteSelector;
  page: number;
  position: TextPositionSelector;
}

/**
 * The toolbar that appears over a selection in the abstract or the PDF's text layer (on mouseup / keyup): Highlight, and
 * Comment, which opens a small textarea. It is placed with a rule in a constructed stylesheet
 * (the CSP forbids inline styles; `adoptedStyleSheets` is not inline).
 */
export class SelectionToolbar {
  readonly element: HTMLElement;
  private readonly editor: HTMLElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly placement = new CSSStyleSheet();
  private selector: TextQuoteSelector | undefined;
  /** Where in the PDF the selection is, when it is there rather than in the abstract. */
  private pdfPlace: PdfPlace | undefined;

  constructor(private readonly options: SelectionToolbarOptions) {
    const highlight = el('vscode-button', { 'aria-keyshortcuts': 'H', title: l10n.t('Highlight the selection (H)') }, l10n.t('Highlight'));
    const comment = el('vscode-button', { secondary: true, title: l10n.t('Comment on the selection') }, l10n.t('Comment'));
    this.textarea = el('textarea', {
      class: 'comment-input',
      rows: 3,
      'aria-label': l10n.t('Comment on the selection'),
      placeholder: l10n.t('Comment (Ctrl+Enter to save)'),
    });
    const save = el('vscode-button', {}, l10n.t('Save'));
    const cancel = el('vscode-button', { secondary: true }, l10n.t('Cancel'));
    this.editor = el('div', { class: 'comment-editor' }, this.textarea, el('div', { class: 'toolbar-row' }, save, cancel));
    this.editor.hidden = true;
    this.element = el(
      'div',
      { class: 'selection-toolbar', role: 'toolbar', 'aria-label': l10n.t('Annotate the selection') },
      el('div', { class: 'toolbar-row' }, highlight, comment),
      this.editor,
    );
    this.element.hidden = true;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.placement];

    // Pressing a button must not clear the selection it acts on.
    this.element.addEventListener('mousedown', (event) => {
      if (event.target !== this.textarea) event.preventDefault();
    });
    highlight.addEventListener('click', () => this.commit(''));
    comment.addEventListener('click', () => {
      if (!this.selector) return;
      this.editor.hidden = false;
      this.textarea.value = '';
      this.textarea.focus();
    });
    save.addEventListener('click', () => this.commit(this.textarea.value.trim()));
    cancel.addEventListener('click', () => this.hide());
    this.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.commit(this.textarea.value.trim());
      }
    });
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.hide();
    });
    const update = (event: Event) => {
      if (this.element.contains(event.target as Node)) return;
      this.update();
    };
    document.addEventListener('mouseup', update);
    document.addEventListener('keyup', update);
    document.addEventListener('selectionchange', () => {
      if (this.editor.hidden && this.currentSelector() === undefined && this.options.pdfSelection?.() === undefined) this.hide();
    });
  }

  /** Highlights the current selection (the H shortcut); false when there is none in the abstract or the PDF. */
  highlightSelection(): boolean {
    this.capture();
    if (!this.selector) return false;
    this.commit('');
    return true;
  }

  hide(): void {
    this.element.hidden = true;
    this.editor.hidden = true;
    this.selector = undefined;
    this.pdfPlace = undefined;
  }

  /** Takes the current selection: the abstract's, else the PDF's. */
  private capture(): void {
    this.selector = this.currentSelector();
    this.pdfPlace = this.selector || !this.options.enabled() ? undefined : this.options.pdfSelection?.();
    this.selector ??= this.pdfPlace?.selector;
  }

  /** The selection as a TextQuoteSelector over the abstract's text, if it lies inside the abstract. */
  currentSelector(): TextQuoteSelector | undefined {
    const abstract = this.options.abstract();
    const selection = document.getSelection();
    if (!abstract || !selection || selection.isCollapsed || selection.rangeCount === 0 || !this.options.enabled()) return undefined;
    const range = selection.getRangeAt(0);
    if (!abstract.contains(range.startContainer) || !abstract.contains(range.endContainer)) return undefined;
    const text = abstract.textContent ?? '';
    let start = textOffset(abstract, range.startContainer, range.startOffset);
    let end = textOffset(abstract, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start || end - start > MAX_QUOTE) return undefined;
    return {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    };
  }

  private update(): void {
    if (!this.editor.hidden) return;
    this.capture();
    if (!this.selector) {
      this.hide();
      return;
    }
    const rect = document.getSelection()!.getRangeAt(0).getBoundingClientRect();
    const top = Math.round(rect.bottom + window.scrollY + 6);
    const left = Math.round(Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - 280)));
    this.placement.replaceSync(`.selection-toolbar { top: ${top}px; left: ${left}px; }`);
    this.element.hidden = false;
  }

  private commit(comment: string): void {
    const selector = this.selector;
    const place = this.pdfPlace;
    this.hide();
    if (!selector) return;
    this.options.annotate(selector, comment, place && { page: place.page, position: place.position });
    document.getSelection()?.removeAllRanges();
  }
}
