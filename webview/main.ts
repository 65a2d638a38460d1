// First: the translation is configured before any other module evaluates a message.
import './l10n-setup';
import * as l10n from '@vscode/l10n';
import {
  assertNever,
  isNoteDraft,
  parseHostMessage,
  type AnnotationView,
  type HostToWebviewMessage,
  type ReaderState,
} from '../src/shared/protocol';
import { ReaderActions } from './actions';
import { renderAnnotationList } from './annotation-list';
import { applyAnnotations } from './annotations';
import { el } from './dom';
import { highlightTerms } from './highlight-terms';
import { interceptLinks } from './links';
import { NotesPane } from './notes-pane';
import { renderPdfAnnotationList } from './pdf/pdf-annotation-list';
import { PdfTab } from './pdf/pdf-tab';
import { renderRelatedPapers } from './related-papers';
import { renderAbstractElement, renderPaper, renderPaperStatus } from './render-paper';
import { SelectionToolbar } from './selection-toolbar';
import { vscodeApi } from './vscode-api';

/** What the reader shows: the last `showPaper`, as updated by `annotations` and `paperStatus`. */
type Shown = Omit<Extract<HostToWebviewMessage, { type: 'showPaper' }>, 'type'>;

const vscode = vscodeApi();
const post = vscode.postMessage.bind(vscode);
const saved = readState(vscode.getState());
let state: ReaderState | undefined = saved;
let shown: Shown | undefined;
let abstractElement: HTMLElement | null = null;

// Listen first, then say hello: the host answers `ready` with the paper to show.
window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (!message) return; // malformed or foreign: ignored
  try {
    handle(message);
  } catch (error) {
    console.error('Lectern: the reader could not show this message.', error);
    showProblem(
      l10n.t('Lectern could not display this paper.'),
      l10n.t('Reopen it from the Papers view; if it keeps failing, report it with the paper’s source.'),
    );
  }
  document.dispatchEvent(new CustomEvent('lectern:rendered', { detail: message.type }));
});
post({ type: 'ready' });

const app = document.getElementById('app') ?? document.body.appendChild(el('div', { id: 'app' }));
const toolbar = new SelectionToolbar({
  abstract: () => abstractElement,
  enabled: () => shown?.notesEnabled === true,
  pdfSelection: () => pdfTab.selection(),
  annotate: (selector, comment, pdf) => shown && post({ type: 'addAnnotation', paperId: shown.paper.id, selector, comment, ...pdf }),
});
const actions = new ReaderActions({ post, highlightSelection: () => toolbar.highlightSelection() });
// Typing not yet in the note lives in the webview state, so a reloaded pane sends it.
const notes = new NotesPane({ post, draftsChanged: () => state && saveState(state) }, saved?.noteDrafts ?? []);
const main = el('main', { id: 'reader-main', class: 'reader-main', tabindex: -1 });
const aside = el('aside', { class: 'reader-aside', 'aria-label': l10n.t('Highlights and related papers') });
const announcer = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
// The paper (abstract, notes) and its PDF are two tabs of the main column.
const articleHost = el('div', { class: 'reader-article' });
const pdfTab = new PdfTab({ post, announce: (text) => announce(text), stateChanged: () => state && saveState(state) }, articleHost);
articleHost.append(el('p', { class: 'hint' }, l10n.t('Loading…')));
main.append(pdfTab.tabs, articleHost, pdfTab.panel);
app.replaceChildren(
  el('header', { class: 'reader-header' }, actions.element),
  el('div', { class: 'reader-body' }, main, aside),
  toolbar.element,
  announcer,
);
interceptLinks(document, post);
document.addEventListener('keydown', (event) => {
  if (pdfTab.handleKey(event) || actions.handleKey(event)) event.preventDefault();
});
let scrollTimer: number | undefined;
window.addEventListener(
  'scroll',
  () => {
    window.clearTimeout(scrollTimer);
    scrollTimer = window.setTimeout(() => state && saveState({ ...state, scrollTop: Math.round(window.scrollY) }), 150);
  },
  { passive: true },
);

function handle(message: HostToWebviewMessage): void {
  switch (message.type) {
    case 'showPaper': {
      const previous = shown?.paper.id;
      const restoring = !previous && saved?.paperId === message.paper.id;
      const terms = message.highlightTerms.length > 0 ? message.highlightTerms : restoring ? (saved?.highlightTerms ?? []) : [];
      shown = { ...message, highlightTerms: terms };
      notes.show(message.paper.id, message.notesEnabled);
      pdfTab.show(message.paper);
      // The PDF tab was open when this webview was last saved (a window reload, or the panel hidden and shown).
      if (restoring && saved?.pdfPage) pdfTab.reopen(saved.pdfPage);
      const scrollTop = previous === message.paper.id ? window.scrollY : restoring ? (saved?.scrollTop ?? 0) : 0;
      render();
      window.scrollTo(0, scrollTop);
      saveState({ paperId: message.paper.id, highlightTerms: terms, scrollTop });
      if (previous !== message.paper.id) announce(l10n.t('Opened {0}', message.paper.title));
      break;
    }
    case 'annotations':
      if (!shown || shown.paper.id !== message.paperId) return;
      // Sent on every change to the note (each save of the notes pane): redraw only when they changed.
      if (JSON.stringify(shown.annotations) === JSON.stringify(message.annotations)) return;
      shown.annotations = message.annotations;
      renderAbstractAndAside(window.scrollY, true);
      break;
    case 'paperStatus': {
      if (!shown || shown.paper.id !== message.paperId) return;
      shown.paper = { ...shown.paper, status: message.status, tags: message.tags, hasNote: message.hasNote };
      document.getElementById('paper-status')?.replaceWith(renderPaperStatus(shown.paper));
      actions.update(shown.paper, shown.history, shown.notesEnabled);
      break;
    }
    case 'paperMissing':
      actions.update(undefined, shown?.history ?? { canGoBack: false, canGoForward: false }, false);
      shown = undefined;
      abstractElement = null;
      notes.clear();
      pdfTab.reset();
      showProblem(l10n.t('Paper not found'), message.message);
      saveState({ paperId: message.paperId });
      break;
    case 'pdfDocument':
    case 'pdfUnavailable':
      pdfTab.receive(message);
      break;
    case 'noteBody':
    case 'noteSaved':
    case 'noteConflict':
    case 'noteNotSaved':
      notes.handle(message);
      break;
    default:
      assertNever(message);
  }
}

function render(): void {
  if (!shown) return;
  actions.update(shown.paper, shown.history, shown.notesEnabled);
  toolbar.hide();
  document.title = shown.paper.title;
  renderAbstractAndAside();
  app.dataset.paperId = shown.paper.id;
  app.setAttribute('aria-busy', 'false');
}

/**
 * (Re-)renders the paper with its highlights and the side lists; keeps the scroll position if
 * given. `onlyAbstract` redraws just the abstract (new highlights), leaving the rest of the page —
 * the notes pane someone may be typing in — alone. The notes pane is one element, moved into
 * each new page under the abstract with its focus and selection kept.
 */
function renderAbstractAndAside(keepScroll?: number, onlyAbstract = false): void {
  if (!shown) return;
  let abstract: HTMLElement;
  let place: (() => void) | undefined;
  if (onlyAbstract && abstractElement?.isConnected) {
    abstract = renderAbstractElement(shown.paper);
    const old = abstractElement;
    place = () => old.replaceWith(abstract);
  } else {
    const rendered = renderPaper(shown.paper, post);
    abstract = rendered.abstract;
    highlightTerms(rendered.article.querySelector('#paper-title')!, shown.highlightTerms);
    place = () =>
      keepingFocus(notes.element, () => {
        rendered.article.querySelector('.abstract-section')?.after(notes.element);
        articleHost.replaceChildren(rendered.article);
      });
  }
  // Highlights with a page were made in the PDF: drawn there, listed apart; the others are the abstract's.
  const pdfAnnotations = shown.annotations.filter((annotation) => annotation.page !== undefined);
  pdfTab.setAnnotations(pdfAnnotations);
  const anchored = applyAnnotations(
    abstract,
    shown.annotations.filter((annotation) => annotation.page === undefined),
  );
  highlightTerms(abstract, shown.highlightTerms);
  abstractElement = abstract;
  place();
  const listActions = {
    editable: shown.notesEnabled,
    update: (annotation: AnnotationView, comment: string) =>
      shown && post({ type: 'updateAnnotation', paperId: shown.paper.id, annotationId: annotation.id, comment }),
    remove: (annotation: AnnotationView) =>
      shown && post({ type: 'removeAnnotation', paperId: shown.paper.id, annotationId: annotation.id }),
  };
  aside.replaceChildren(
    renderAnnotationList(anchored, listActions),
    ...[renderPdfAnnotationList(pdfAnnotations, { ...listActions, reveal: (annotation) => pdfTab.revealHighlight(annotation.id) })].filter(
      (section) => section !== null,
    ),
    renderRelatedPapers(shown.related, post),
  );
  if (keepScroll !== undefined) window.scrollTo(0, keepScroll);
}

/** Runs `move` (which re-parents `container`) and gives focus and selection back to what had them inside it. */
function keepingFocus(container: HTMLElement, move: () => void): void {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !container.contains(active)) {
    move();
    return;
  }
  const selection =
    active instanceof HTMLTextAreaElement ? ([active.selectionStart, active.selectionEnd, active.selectionDirection] as const) : undefined;
  move();
  active.focus({ preventScroll: true });
  if (selection && active instanceof HTMLTextAreaElement) active.setSelectionRange(selection[0], selection[1], selection[2] ?? undefined);
}

function showProblem(title: string, detail: string): void {
  abstractElement = null;
  articleHost.replaceChildren(el('div', { class: 'problem', role: 'alert' }, el('h1', {}, title), el('p', {}, detail)));
  aside.replaceChildren();
  app.setAttribute('aria-busy', 'false');
}

function announce(text: string): void {
  announcer.textContent = text;
}

function saveState(next: ReaderState): void {
  const drafts = notes.drafts();
  const pdfPage = pdfTab.page;
  state = { ...next, noteDrafts: drafts.length > 0 ? drafts : undefined, pdfPage };
  vscode.setState(state);
}

/** The saved state, if it has the shape this version writes (an older one may not). */
function readState(value: unknown): ReaderState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { paperId, highlightTerms, scrollTop, noteDrafts, pdfPage } = value as Record<string, unknown>;
  if (typeof paperId !== 'string') return undefined;
  const drafts = Array.isArray(noteDrafts) ? noteDrafts.filter(isNoteDraft) : [];
  return {
    paperId,
    highlightTerms: Array.isArray(highlightTerms) ? highlightTerms.filter((term): term is string => typeof term === 'string') : undefined,
    scrollTop: typeof scrollTop === 'number' && Number.isFinite(scrollTop) ? scrollTop : undefined,
    ...(drafts.length > 0 ? { noteDrafts: drafts } : {}),
    ...(typeof pdfPage === 'number' && Number.isInteger(pdfPage) && pdfPage >= 1 ? { pdfPage } : {}),
  };
}
