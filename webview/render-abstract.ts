import * as l10n from '@vscode/l10n';
import { Marked } from 'marked';
import { decideLink } from '../src/shared/protocol';
import { el } from './dom';
import { PLACEHOLDER_PATTERN, protectMath, type MathRun } from './math-runs';
import { renderMath } from './render-math';
import { sanitizeHtml } from './sanitize-html';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * GFM markdown (bare URLs become links). Raw HTML is shown as text, never passed through (in
 * notes, HTML comments — Lectern's highlight anchors — are left out), and images never load:
 * `![alt](https://…)` becomes a link labelled with its alt text, any other image just its alt
 * text. DOMPurify still sanitises everything afterwards.
 */
const createMarkdown = (hideComments: boolean) =>
  new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      html({ text }) {
        return escapeHtml(hideComments ? text.replace(/<!--[\s\S]*?(?:-->|$)/g, '') : text);
      },
      image({ href, text }) {
        const decision = decideLink(href ?? '');
        if (decision.kind === 'external' && /^https?:/i.test(decision.url)) {
          return `<a href="${escapeHtml(decision.url)}">${escapeHtml(text || decision.url)}</a>`;
        }
        return escapeHtml(text);
      },
    },
  });
const abstractMarkdown = createMarkdown(false);
const noteMarkdown = createMarkdown(true);

/**
 * Renders an abstract (markdown with TeX math) into a fragment of sanitised HTML with MathML:
 * math runs are set aside, the rest goes through markdown and DOMPurify, then each run comes back
 * as KaTeX MathML (sanitised on its own) — or as its source text where it landed in code.
 */
export function renderAbstract(abstract: string): DocumentFragment {
  return renderMarkdown(abstract, { empty: l10n.t('No abstract.') });
}

/** Renders a note's markdown (the notes pane's preview) the same way; HTML comments are left out. */
export function renderNoteMarkdown(note: string): DocumentFragment {
  return renderMarkdown(note, { empty: l10n.t('Nothing written yet.'), note: true });
}

function renderMarkdown(source: string, options: { empty: string; note?: boolean }): DocumentFragment {
  if (!source.trim()) {
    const empty = document.createDocumentFragment();
    empty.append(el('p', { class: 'empty' }, options.empty));
    return empty;
  }
  const { text, runs } = protectMath(source);
  let html: string;
  try {
    html = (options.note ? noteMarkdown : abstractMarkdown).parse(text) as string;
  } catch {
    html = text
      .split(/\n\s*\n/)
      .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
      .join('\n');
  }
  const fragment = sanitizeHtml(html);
  restoreMath(fragment, runs);
  // Markdown ends blocks with a newline: keep those between blocks, drop them at the edges, so
  // quotes at the start or end of the abstract get no stray whitespace in their context.
  for (const edge of [fragment.firstChild, fragment.lastChild]) {
    if (edge?.nodeType === Node.TEXT_NODE && !edge.textContent?.trim()) edge.remove();
  }
  return fragment;
}

/** Replaces placeholders with rendered math (or, inside code and attributes, with the run's source). */
function restoreMath(root: DocumentFragment, runs: MathRun[]): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node as Text).data.includes('\uE000')) texts.push(node as Text);
  }
  for (const node of texts) {
    const inCode = !!node.parentElement?.closest('code, pre');
    const parts = document.createDocumentFragment();
    let last = 0;
    for (const match of node.data.matchAll(PLACEHOLDER_PATTERN)) {
      const run = runs[Number(match[1])];
      parts.append(node.data.slice(last, match.index));
      if (run) parts.append(inCode ? document.createTextNode(run.source) : renderMath(run.tex, run.display, run.source));
      last = match.index + match[0].length;
    }
    parts.append(node.data.slice(last).replace(/[\uE000\uE001]/g, ''));
    node.replaceWith(parts);
  }
  for (const element of root.querySelectorAll('[href], [title]')) {
    for (const name of ['href', 'title']) {
      const value = element.getAttribute(name);
      if (value?.includes('\uE000'))
        element.setAttribute(
          name,
          value.replace(PLACEHOLDER_PATTERN, (_, index) => runs[Number(index)]?.source ?? ''),
        );
    }
    const href = element.getAttribute('href');
    if (href !== null && decideLink(href).kind === 'refused') element.removeAttribute('href');
  }
}
