import * as l10n from '@vscode/l10n';
import type { AnnotationView } from '../../src/shared/protocol';
import { renderItem, shorten, type AnnotationListActions } from '../annotation-list';
import { el } from '../dom';

/**
 * The side list's highlights made in the PDF, in page order: each quote is a button (`p. 7 “…”`) that opens the
 * PDF tab at the highlight and flashes it; comments are edited and highlights removed as the abstract's are.
 * Highlights whose text is on no page of the PDF are listed in the PDF tab (see `PdfTab`).
 */
export function renderPdfAnnotationList(
  annotations: AnnotationView[],
  actions: AnnotationListActions & { reveal(annotation: AnnotationView): void },
): HTMLElement | null {
  if (annotations.length === 0) return null;
  const sorted = [...annotations].sort((a, b) => (a.page ?? 0) - (b.page ?? 0) || (a.position?.start ?? 0) - (b.position?.start ?? 0));
  const list = el('ol', { class: 'annotation-list pdf-annotation-list', 'aria-labelledby': 'pdf-annotations-heading' });
  for (const annotation of sorted) {
    const quote = el(
      'button',
      {
        type: 'button',
        class: 'annotation-quote',
        'aria-label': l10n.t('Go to highlight on page {0} of the PDF: {1}', String(annotation.page), shorten(annotation.selector.exact)),
      },
      el('span', { class: 'annotation-page' }, l10n.t('p. {0}', String(annotation.page))),
      ` “${shorten(annotation.selector.exact)}”`,
    );
    quote.addEventListener('click', () => actions.reveal(annotation));
    list.append(renderItem(annotation, quote, actions));
  }
  return el(
    'section',
    { class: 'annotations pdf-annotations', 'aria-labelledby': 'pdf-annotations-heading' },
    el('h2', { id: 'pdf-annotations-heading' }, l10n.t('Highlights in the PDF')),
    list,
  );
}
