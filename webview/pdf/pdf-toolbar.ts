import * as l10n from '@vscode/l10n';
import { el } from '../dom';

export interface PdfToolbarActions {
  goToPage(page: number): void;
  zoom(change: 'in' | 'out' | 'fit'): boolean;
  find(query: string, direction: 'next' | 'previous'): void;
  clearFind(): void;
  darkPages(on: boolean): void;
}

/** Dark pages in dark themes by default; the choice is kept for the rest of the session. */
let darkPagesChoice: boolean | undefined;

/**
 * The PDF view's toolbar: page number field with previous/next, zoom out/in/fit width, find with previous/next and
 * a result count, and the dark-pages switch. Plain buttons and fields, labelled for screen readers.
 */
export class PdfToolbar {
  readonly element: HTMLElement;
  /** The query the current matches are for. */
  lastQuery = '';
  page = 0;
  private readonly pageInput: HTMLInputElement;
  private readonly pageCount: HTMLElement;
  private readonly zoomLabel: HTMLElement;
  private readonly findInput: HTMLInputElement;
  private readonly findStatus: HTMLElement;
  private readonly darkButton: HTMLButtonElement;

  constructor(private readonly actions: PdfToolbarActions) {
    this.pageInput = el('input', {
      type: 'number',
      min: 1,
      class: 'pdf-page-input',
      'aria-label': l10n.t('Page number'),
      title: l10n.t('Go to page (G)'),
    });
    this.pageInput.addEventListener('change', () => actions.goToPage(Number(this.pageInput.value)));
    this.pageInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') actions.goToPage(Number(this.pageInput.value));
    });
    this.pageCount = el('span', { class: 'pdf-page-count' });
    this.zoomLabel = el('span', { class: 'pdf-zoom-label', 'aria-live': 'off' }, '100%');
    this.findInput = el('input', {
      type: 'search',
      class: 'pdf-find-input',
      'aria-label': l10n.t('Find in PDF'),
      placeholder: l10n.t('Find in PDF'),
    });
    this.findInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        actions.find(this.findInput.value, event.shiftKey ? 'previous' : 'next');
      } else if (event.key === 'Escape') {
        this.findInput.value = '';
        actions.clearFind();
      }
    });
    this.findInput.addEventListener('input', () => {
      if (this.findInput.value === '') actions.clearFind();
    });
    this.findStatus = el('span', { class: 'pdf-find-status', role: 'status' });
    const dark = darkPagesChoice ?? document.body.classList.contains('vscode-dark');
    this.darkButton = button(l10n.t('Dark pages'), l10n.t('Show pages dark (for dark themes)'), () => this.setDark(!this.darkPagesOn));
    this.darkButton.setAttribute('aria-pressed', String(dark));
    this.element = el(
      'div',
      { class: 'pdf-toolbar', role: 'toolbar', 'aria-label': l10n.t('PDF') },
      el(
        'div',
        { class: 'pdf-tool-group', role: 'group', 'aria-label': l10n.t('Pages') },
        button('‹', l10n.t('Previous page ([)'), () => actions.goToPage(this.page - 1), l10n.t('Previous page')),
        this.pageInput,
        this.pageCount,
        button('›', l10n.t('Next page (])'), () => actions.goToPage(this.page + 1), l10n.t('Next page')),
      ),
      el(
        'div',
        { class: 'pdf-tool-group', role: 'group', 'aria-label': l10n.t('Zoom') },
        button('−', l10n.t('Zoom out (-)'), () => actions.zoom('out'), l10n.t('Zoom out')),
        this.zoomLabel,
        button('+', l10n.t('Zoom in (+)'), () => actions.zoom('in'), l10n.t('Zoom in')),
        button(l10n.t('Fit width'), l10n.t('Fit the page to the width (0)'), () => actions.zoom('fit')),
      ),
      el(
        'div',
        { class: 'pdf-tool-group', role: 'search', 'aria-label': l10n.t('Find in PDF') },
        this.findInput,
        button('↑', l10n.t('Previous match (Shift+Enter)'), () => actions.find(this.findInput.value, 'previous'), l10n.t('Previous match')),
        button('↓', l10n.t('Next match (Enter)'), () => actions.find(this.findInput.value, 'next'), l10n.t('Next match')),
        this.findStatus,
      ),
      this.darkButton,
    );
  }

  get darkPagesOn(): boolean {
    return this.darkButton.getAttribute('aria-pressed') === 'true';
  }

  setPageCount(count: number): void {
    this.pageInput.max = String(count);
    this.pageCount.textContent = l10n.t('of {0}', count);
  }

  setPage(page: number): void {
    this.page = page;
    if (document.activeElement !== this.pageInput) this.pageInput.value = String(page);
  }

  setZoom(scale: number): void {
    this.zoomLabel.textContent = `${Math.round(scale * 100)}%`;
  }

  setFindStatus(text: string): void {
    this.findStatus.textContent = text;
  }

  focusFind(): void {
    this.findInput.focus();
    this.findInput.select();
  }

  focusPage(): void {
    this.pageInput.focus();
    this.pageInput.select();
  }

  private setDark(on: boolean): void {
    darkPagesChoice = on;
    this.darkButton.setAttribute('aria-pressed', String(on));
    this.actions.darkPages(on);
  }
}

function button(label: string, title: string, run: () => void, ariaLabel?: string): HTMLButtonElement {
  const element = el('button', { type: 'button', class: 'pdf-tool', title, 'aria-label': ariaLabel }, label);
  element.addEventListener('click', run);
  return element;
}
