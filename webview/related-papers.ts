import * as l10n from '@vscode/l10n';
import type { RelatedPaperView, WebviewToHostMessage } from '../src/shared/protocol';
import { el } from './dom';

const MAX_RELATED = 10;

/** The related papers: up to ten buttons that open the paper, each with the terms it shares. */
export function renderRelatedPapers(related: readonly RelatedPaperView[], post: (message: WebviewToHostMessage) => void): HTMLElement {
  const section = el(
    'section',
    { class: 'related', 'aria-labelledby': 'related-heading' },
    el('h2', { id: 'related-heading' }, l10n.t('Related papers')),
  );
  if (related.length === 0) {
    section.append(el('p', { class: 'hint' }, l10n.t('No related papers in this corpus.')));
    return section;
  }
  const list = el('ol', { class: 'related-list' });
  for (const paper of related.slice(0, MAX_RELATED)) {
    const shared = paper.sharedTerms.slice(0, 6);
    const open = el(
      'button',
      { type: 'button', class: 'related-paper', 'data-paper-id': paper.id, title: l10n.t('Open “{0}”', paper.title) },
      el('span', { class: 'related-title' }, paper.title),
      shared.length > 0
        ? el('span', { class: 'shared-terms' }, el('span', { class: 'visually-hidden' }, `${l10n.t('Shared terms:')} `), shared.join(' · '))
        : null,
    );
    open.addEventListener('click', () => post({ type: 'openPaper', paperId: paper.id }));
    list.append(el('li', {}, open));
  }
  section.append(list);
  return section;
}
