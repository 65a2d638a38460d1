import * as l10n from '@vscode/l10n';
import type { AnnotationView } from '../src/shared/protocol';
import type { AnchoredAnnotations } from './annotations';
import { el } from './dom';

export interface AnnotationListActions {
  /** Whether annotations can be changed (false without a workspace folder). */
  editable: boolean;
  update(annotation: AnnotationView, comment: string): void;
  remove(annotation: AnnotationView): void;
}

const QUOTE_LENGTH = 160;
export const shorten = (text: string) => (text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH - 1)}…` : text);

/**
 * The side list of highlights: each quote (a button that scrolls to its mark) with its comment,
 * then the orphans — highlights whose text is gone from the abstract — under "Orphaned highlights".
 */
export function renderAnnotationList(result: AnchoredAnnotations, actions: AnnotationListActions): HTMLElement {
  const section = el(
    'section',
    { class: 'annotations', 'aria-labelledby': 'annotations-heading' },
    el('h2', { id: 'annotations-heading' }, l10n.t('Highlights')),
  );
  if (result.anchored.length === 0 && result.orphans.length === 0) {
    section.append(
      el(
        'p',
        { class: 'hint' },
        actions.editable
          ? l10n.t('Select text in the abstract or the PDF to highlight or comment on it (H highlights the selection).')
          : l10n.t('Open a workspace folder to keep highlights in notes.'),
      ),
    );
  }
  if (result.anchored.length > 0) {
    const list = el('ol', { class: 'annotation-list' });
    for (const { annotation, marks } of result.anchored) {
      const quote = el(
        'button',
        { type: 'button', class: 'annotation-quote', 'aria-label': l10n.t('Go to highlight: {0}', shorten(annotation.selector.exact)) },
        `“${shorten(annotation.selector.exact)}”`,
      );
      quote.addEventListener('click', () => revealMarks(marks));
      list.append(renderItem(annotation, quote, actions));
    }
    section.append(list);
  }
  if (result.orphans.length > 0) {
    section.append(
      el('h3', { id: 'orphans-heading' }, l10n.t('Orphaned highlights')),
      el('p', { class: 'hint' }, l10n.t('Their text is no longer in the abstract.')),
    );
    const list = el('ul', { class: 'annotation-list orphans', 'aria-labelledby': 'orphans-heading' });
    for (const annotation of result.orphans) {
      list.append(
        renderItem(
          annotation,
          el('blockquote', { class: 'annotation-quote orphan-quote' }, `“${shorten(annotation.selector.exact)}”`),
          actions,
        ),
      );
    }
    section.append(list);
  }
  return section;
}

/** One highlight in a side list: its quote (a button or a blockquote), its comment, and Edit comment / Remove. */
export function renderItem(annotation: AnnotationView, quote: HTMLElement, actions: AnnotationListActions): HTMLLIElement {
  const item = el('li', { class: 'annotation-item', 'data-annotation-id': annotation.id }, quote);
  const comment = el('p', { class: 'annotation-comment' }, annotation.comment);
  if (!annotation.comment) comment.hidden = true;
  item.append(comment);
  if (!actions.editable) return item;
  const edit = el('button', { type: 'button', class: 'link-button' }, annotation.comment ? l10n.t('Edit comment') : l10n.t('Add comment'));
  const remove = el(
    'button',
    { type: 'button', class: 'link-button', 'aria-label': l10n.t('Remove highlight “{0}”', shorten(annotation.selector.exact)) },
    l10n.t('Remove'),
  );
  edit.addEventListener('click', () => {
    const textarea = el('textarea', { class: 'comment-input', rows: 3, 'aria-label': l10n.t('Comment') });
    textarea.value = annotation.comment;
    const save = el('button', { type: 'button', class: 'link-button' }, l10n.t('Save'));
    const cancel = el('button', { type: 'button', class: 'link-button' }, l10n.t('Cancel'));
    const editor = el('div', { class: 'comment-editor' }, textarea, el('div', { class: 'annotation-item-actions' }, save, cancel));
    const close = () => {
      editor.replaceWith(buttons);
      edit.focus();
    };
    save.addEventListener('click', () => {
      actions.update(annotation, textarea.value.trim());
      close();
    });
    cancel.addEventListener('click', close);
    textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
      else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) save.click();
    });
    buttons.replaceWith(editor);
    textarea.focus();
  });
  remove.addEventListener('click', () => actions.remove(annotation));
  const buttons = el('div', { class: 'annotation-item-actions' }, edit, remove);
  item.append(buttons);
  return item;
}

/** Scrolls the first mark into view, focuses it and flashes all of them. */
function revealMarks(marks: HTMLElement[]): void {
  const first = marks[0];
  if (!first) return;
  first.scrollIntoView({ block: 'center', behavior: 'smooth' });
  first.focus({ preventScroll: true });
  for (const mark of marks) {
    mark.classList.remove('flash');
    void mark.offsetWidth; // restart the animation
    mark.classList.add('flash');
  }
}
