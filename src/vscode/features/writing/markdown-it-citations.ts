/**
 * A markdown-it plugin for VS Code's built-in Markdown preview: `[[id]]` (and `[[id|alias]]`),
 * `@key` and the keys of `[@a; @b]` that name a paper become links to it. Pure (no `vscode`
 * import): the extension hands it the lookup and the link to use; unknown keys stay text, and
 * code, existing links and Quarto cross-references are left alone.
 */
import { findPandocCitations } from '../../../core/cite/pandoc-citations';
import { findReferences } from '../../../core/notes/note-references';

/** The little of markdown-it's token API the plugin uses. */
interface Token {
  type: string;
  content: string;
  children: Token[] | null;
  attrSet(name: string, value: string): void;
}

interface CoreState {
  tokens: Token[];
  Token: new (type: string, tag: string, nesting: number) => Token;
}

/** The markdown-it instance, as far as the plugin needs it. */
export interface MarkdownItLike {
  core: { ruler: { push(name: string, rule: (state: CoreState) => void): void } };
}

/** What a citation or wikilink links to. */
export interface CitationTarget {
  /** The paper id the link opens. */
  id: string;
  /** Shown as the link's tooltip. */
  title: string;
}

export interface MarkdownItCitationOptions {
  /** The paper a key or id names, if any (`PaperLibrary.resolve`). */
  resolve(key: string): CitationTarget | undefined;
  /** The link that opens a paper, e.g. `vscode://lectern-research.lectern/paper/<id>`. */
  href(id: string): string;
}

interface Found {
  start: number;
  end: number;
  target: CitationTarget;
  /** The link text: the source text, or a wikilink's alias. */
  label: string;
}

function linksIn(text: string, options: MarkdownItCitationOptions): Found[] {
  const found: Found[] = [];
  for (const reference of findReferences(text)) {
    if (reference.kind !== 'wikilink') continue;
    const target = options.resolve(reference.id);
    const inner = text.slice(reference.start + 2, reference.end - 2);
    const alias = inner.includes('|') ? inner.slice(inner.indexOf('|') + 1).trim() : '';
    if (target) found.push({ start: reference.start, end: reference.end, target, label: alias || inner.trim() });
  }
  for (const citation of findPandocCitations(text)) {
    if (citation.crossReference || found.some((f) => f.start <= citation.markerStart && citation.markerStart < f.end)) continue;
    const target = options.resolve(citation.key);
    const end = text[citation.end] === '}' ? citation.end + 1 : citation.end;
    if (target) found.push({ start: citation.markerStart, end, target, label: text.slice(citation.markerStart, end) });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text token split around its links. */
function split(token: Token, found: Found[], state: CoreState, options: MarkdownItCitationOptions): Token[] {
  const out: Token[] = [];
  const text = (content: string) => {
    if (!content) return;
    const piece = new state.Token('text', '', 0);
    piece.content = content;
    out.push(piece);
  };
  let at = 0;
  for (const link of found) {
    text(token.content.slice(at, link.start));
    const open = new state.Token('link_open', 'a', 1);
    open.attrSet('href', options.href(link.target.id));
    open.attrSet('title', link.target.title);
    open.attrSet('class', 'lectern-citation');
    open.attrSet('data-lectern-paper', link.target.id);
    out.push(open);
    text(link.label);
    out.push(new state.Token('link_close', 'a', -1));
    at = link.end;
  }
  text(token.content.slice(at));
  return out;
}

/**
 * The plugin: `md.use(markdownItCitations, options)`.
 *
 * @example
 * ```ts
 * md.use(markdownItCitations, { resolve: (key) => library.resolve(key), href: (id) => `vscode://lectern-research.lectern/paper/${id}` });
 * md.render('As [@smith2020] shows.'); // → '<p>As [<a href="vscode://…/paper/…" …>@smith2020</a>] shows.</p>\n'
 * ```
 */
export function markdownItCitations(md: MarkdownItLike, options: MarkdownItCitationOptions): void {
  md.core.ruler.push('lectern_citations', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const children: Token[] = [];
      let linkDepth = 0;
      for (const child of block.children) {
        if (child.type === 'link_open') linkDepth++;
        if (child.type === 'link_close') linkDepth--;
        const found = child.type === 'text' && linkDepth === 0 && /[@[]/.test(child.content) ? linksIn(child.content, options) : [];
        children.push(...(found.length > 0 ? split(child, found, state, options) : [child]));
      }
      block.children = children;
    }
  });
}
