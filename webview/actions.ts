import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { CitationFormatValue, HistoryView, PaperView, WebviewToHostMessage } from '../src/shared/protocol';
import { READING_STATUSES, readingStatusLabel, type ReadingStatus } from '../src/core/model/reading-status';
import { el } from './dom';

export interface ActionsContext {
  post(message: WebviewToHostMessage): void;
  /** Highlights the current selection in the abstract; false when there is none. */
  highlightSelection(): boolean;
}

type Button = HTMLElement & { disabled: boolean };

/**
 * The reader's toolbar (vscode-elements buttons) and its keyboard shortcuts:
 * Alt+Left / Alt+Right back and forward, N open note, C copy BibTeX, H highlight the selection.
 * Shortcuts are announced with `aria-keyshortcuts` and in each button's title.
 */
export class ReaderActions {
  readonly element: HTMLElement;
  private paper: PaperView | undefined;
  private history: HistoryView = { canGoBack: false, canGoForward: false };
  private notesEnabled = false;
  private readonly back: Button;
  private readonly forward: Button;
  private readonly openNote: Button;
  private readonly reveal: Button;
  private readonly cite: Record<CitationFormatValue, Button>;
  private readonly status: Record<ReadingStatus, Button>;

  constructor(private readonly context: ActionsContext) {
    this.back = button(l10n.t('Back'), l10n.t('Back (Alt+Left)'), 'Alt+ArrowLeft', () => this.navigate('back'));
    this.forward = button(l10n.t('Forward'), l10n.t('Forward (Alt+Right)'), 'Alt+ArrowRight', () => this.navigate('forward'));
    this.openNote = button(l10n.t('Open Note'), l10n.t('Open this paper’s note (N)'), 'N', () =>
      this.withPaper((paperId) => ({ type: 'openNote', paperId })),
    );
    this.reveal = button(
      l10n.t('Reveal in Tree'),
      l10n.t('Show this paper in the Papers view'),
      undefined,
      () => this.withPaper((paperId) => ({ type: 'revealInTree', paperId })),
      { secondary: true },
    );
    this.cite = {
      bibtex: button('BibTeX', l10n.t('Copy the citation as BibTeX (C)'), 'C', () => this.copy('bibtex'), { secondary: true }),
      apa: button('APA', l10n.t('Copy the citation in APA style'), undefined, () => this.copy('apa'), { secondary: true }),
      markdown: button(l10n.t('Markdown'), l10n.t('Copy a markdown link to this paper'), undefined, () => this.copy('markdown'), {
        secondary: true,
      }),
    };
    this.cite.bibtex.setAttribute('aria-label', l10n.t('Copy citation as {0}', 'BibTeX'));
    this.cite.apa.setAttribute('aria-label', l10n.t('Copy citation as {0}', 'APA'));
    this.cite.markdown.setAttribute('aria-label', l10n.t('Copy citation as {0}', l10n.t('Markdown')));
    this.status = Object.fromEntries(
      READING_STATUSES.map((status) => [
        status,
        button(
          readingStatusLabel(status),
          markAsTitle(status),
          undefined,
          () => this.withPaper((paperId) => ({ type: 'setStatus', paperId, status })),
          { secondary: true },
        ),
      ]),
    ) as Record<ReadingStatus, Button>;
    for (const status of READING_STATUSES)
      this.status[status].setAttribute('aria-label', l10n.t('Set status: {0}', readingStatusLabel(status)));

    this.element = el(
      'nav',
      { class: 'actions', 'aria-label': l10n.t('Paper actions') },
      el('div', { class: 'action-group', role: 'group', 'aria-label': l10n.t('History') }, this.back, this.forward),
      el('div', { class: 'action-group', role: 'group', 'aria-label': l10n.t('Note') }, this.openNote, this.reveal),
      el(
        'div',
        { class: 'action-group', role: 'group', 'aria-labelledby': 'cite-label' },
        el('span', { id: 'cite-label', class: 'group-label' }, l10n.t('Copy citation')),
        ...Object.values(this.cite),
      ),
      el(
        'div',
        { class: 'action-group', role: 'group', 'aria-labelledby': 'status-label' },
        el('span', { id: 'status-label', class: 'group-label' }, l10n.t('Status')),
        ...Object.values(this.status),
      ),
    );
    this.update(undefined, this.history, false);
  }

  /** Shows the actions for `paper` (undefined: none shown, only history). */
  update(paper: PaperView | undefined, history: HistoryView, notesEnabled: boolean): void {
    this.paper = paper;
    this.history = history;
    this.notesEnabled = notesEnabled;
    this.back.disabled = !history.canGoBack;
    this.forward.disabled = !history.canGoForward;
    const noPaper = !paper;
    this.openNote.disabled = noPaper || !notesEnabled;
    this.openNote.title = !notesEnabled
      ? l10n.t('Notes need a workspace folder')
      : paper?.hasNote
        ? l10n.t('Open this paper’s note (N)')
        : l10n.t('Create a note for this paper (N)');
    this.reveal.disabled = noPaper;
    for (const format of Object.keys(this.cite) as CitationFormatValue[]) this.cite[format].disabled = noPaper;
    for (const status of READING_STATUSES) {
      const current = paper?.status === status;
      this.status[status].disabled = noPaper || !notesEnabled;
      this.status[status].setAttribute('aria-pressed', String(current));
      this.status[status].toggleAttribute('secondary', !current);
    }
  }

  /** Handles a panel keyboard shortcut; true if `event` was one. */
  handleKey(event: KeyboardEvent): boolean {
    if (event.defaultPrevented || event.isComposing || isEditable(event.target)) return false;
    if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      if (event.key === 'ArrowLeft') return this.navigate('back');
      if (event.key === 'ArrowRight') return this.navigate('forward');
      return false;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    switch (event.key.toLowerCase()) {
      case 'n':
        return !this.openNote.disabled && this.withPaper((paperId) => ({ type: 'openNote', paperId }));
      case 'c':
        return this.copy('bibtex');
      case 'h':
        return this.notesEnabled && this.context.highlightSelection();
      default:
        return false;
    }
  }

  private navigate(direction: 'back' | 'forward'): boolean {
    if (direction === 'back' ? !this.history.canGoBack : !this.history.canGoForward) return false;
    this.context.post({ type: 'navigate', direction });
    return true;
  }

  private copy(format: CitationFormatValue): boolean {
    return this.withPaper((paperId) => ({ type: 'copyCitation', paperId, format }));
  }

  private withPaper(message: (paperId: string) => WebviewToHostMessage): boolean {
    if (!this.paper) return false;
    this.context.post(message(this.paper.id));
    return true;
  }
}

function button(
  label: string,
  title: string,
  shortcut: string | undefined,
  run: () => void,
  options: { secondary?: boolean } = {},
): Button {
  const element = el('vscode-button', { title, 'aria-keyshortcuts': shortcut, secondary: options.secondary }, label) as Button;
  // A disabled vscode-button still receives click events; ignore them.
  element.addEventListener('click', () => {
    if (!element.disabled) run();
  });
  return element;
}

/** A status button's title: one whole sentence per status, so a translation can inflect it. */
function markAsTitle(status: ReadingStatus): string {
  if (status === 'to-read') return l10n.t('Mark as to read');
  return status === 'reading' ? l10n.t('Mark as reading') : l10n.t('Mark as read');
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|VSCODE-TEXTAREA|VSCODE-TEXTFIELD)$/.test(target.tagName))
  );
}
