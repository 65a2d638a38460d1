import * as l10n from '@vscode/l10n';
import type { PaperView, WebviewToHostMessage } from '../src/shared/protocol';
import { el, type Child } from './dom';
import { protectMath, PLACEHOLDER_PATTERN } from './math-runs';
import { renderAbstract } from './render-abstract';
import { renderMath } from './render-math';
import { readingStatusLabel } from '../src/core/model/reading-status';

export interface RenderedPaper {
  article: HTMLElement;
  /** The rendered abstract: the text annotations and selectors refer to. */
  abstract: HTMLElement;
}

/**
 * The paper itself: title, authors, year and venue, topics (buttons that filter the tree), tags,
 * status, identifier links, the abstract, and a footer naming the corpus record. All metadata is
 * set as text; only the abstract is rendered (markdown + math, sanitised).
 */
export function renderPaper(paper: PaperView, post: (message: WebviewToHostMessage) => void): RenderedPaper {
  const abstract = renderAbstractElement(paper);
  const byline = [paper.year, paper.venue].filter((part) => part !== undefined && part !== '').join(' · ');
  const article = el(
    'article',
    { class: 'paper', 'aria-labelledby': 'paper-title' },
    paper.sample ? el('p', { class: 'sample-note' }, l10n.t('Sample paper — bundled with Lectern')) : null,
    el('h1', { id: 'paper-title', class: 'paper-title', tabindex: -1 }, ...inlineMath(paper.title)),
    paper.authors.length > 0
      ? el('p', { class: 'authors' }, el('span', { class: 'visually-hidden' }, `${l10n.t('Authors:')} `), paper.authors.join(', '))
      : null,
    byline ? el('p', { class: 'byline' }, byline) : null,
    renderTopics(paper, post),
    renderPaperStatus(paper),
    renderIdentifiers(paper),
    el(
      'section',
      { class: 'abstract-section', 'aria-labelledby': 'abstract-heading' },
      el('h2', { id: 'abstract-heading', class: 'visually-hidden' }, l10n.t('Abstract')),
      abstract,
    ),
    el(
      'footer',
      { class: 'paper-footer' },
      `${l10n.t('Source:')} `,
      el('code', {}, paper.source),
      ` · ${l10n.t('id')} `,
      el('code', {}, paper.id),
    ),
  );
  return { article, abstract };
}

/** The rendered abstract alone (`#abstract`), to redraw highlights without rebuilding the page around it. */
export function renderAbstractElement(paper: PaperView): HTMLElement {
  const abstract = el('div', { class: 'abstract', id: 'abstract' });
  abstract.append(renderAbstract(paper.abstract));
  return abstract;
}

/** The tags / status line, re-rendered alone when a `paperStatus` message arrives. */
export function renderPaperStatus(paper: PaperView): HTMLElement {
  const line = el('p', { class: 'paper-status', id: 'paper-status' });
  line.append(el('span', { class: 'status-badge' }, paper.status ? readingStatusLabel(paper.status) : l10n.t('No status')));
  if (paper.tags.length > 0) {
    const tags = el('ul', { class: 'tags', 'aria-label': l10n.t('Tags') });
    for (const tag of paper.tags) tags.append(el('li', { class: 'tag' }, tag));
    line.append(tags);
  }
  if (paper.hasNote) line.append(el('span', { class: 'has-note' }, l10n.t('Has a note')));
  return line;
}

function renderTopics(paper: PaperView, post: (message: WebviewToHostMessage) => void): HTMLElement | null {
  if (paper.topics.length === 0) return null;
  const list = el('ul', { class: 'topics', 'aria-label': l10n.t('Topics') });
  for (const topic of paper.topics) {
    const button = el(
      'button',
      { type: 'button', class: 'topic', title: l10n.t('Show the papers on “{0}” in the Papers view', topic) },
      topic,
    );
    button.addEventListener('click', () => post({ type: 'filterTopic', topic }));
    list.append(el('li', {}, button));
  }
  return list;
}

function renderIdentifiers(paper: PaperView): HTMLElement | null {
  const links: HTMLElement[] = [];
  if (paper.arxivId)
    links.push(el('a', { href: `https://arxiv.org/abs/${encodePath(paper.arxivId)}`, class: 'id-link' }, `arXiv:${paper.arxivId}`));
  if (paper.doi) links.push(el('a', { href: `https://doi.org/${encodePath(paper.doi)}`, class: 'id-link' }, `doi:${paper.doi}`));
  if (paper.url) {
    // Only web addresses become links; anything else is shown, not followed.
    links.push(
      /^https?:\/\//i.test(paper.url.trim())
        ? el('a', { href: paper.url.trim(), class: 'id-link' }, paper.url.trim())
        : el('span', { class: 'id-link' }, paper.url),
    );
  }
  if (links.length === 0) return null;
  const line = el('p', { class: 'identifiers' });
  links.forEach((link, index) => line.append(...(index > 0 ? [' · ', link] : [link])));
  return line;
}

/** Each path segment percent-encoded, slashes kept (arXiv `hep-th/0701001`, DOIs `10.1000/x`). */
const encodePath = (id: string) => id.trim().split('/').map(encodeURIComponent).join('/');

/** Text with `$…$` / `\(…\)` math rendered (titles often carry some), everything else as plain text. */
function inlineMath(text: string): Child[] {
  const { text: marked, runs } = protectMath(text);
  if (runs.length === 0) return [text];
  const parts: Child[] = [];
  let last = 0;
  for (const match of marked.matchAll(PLACEHOLDER_PATTERN)) {
    const run = runs[Number(match[1])];
    parts.push(unescapeMarkdown(marked.slice(last, match.index)));
    if (run) parts.push(renderMath(run.tex, false, run.source));
    last = match.index + match[0].length;
  }
  parts.push(unescapeMarkdown(marked.slice(last)));
  return parts;
}

/** protectMath leaves `\$` escapes for markdown; in plain text they are a dollar. */
const unescapeMarkdown = (text: string) => text.replace(/\\\$/g, '$');
