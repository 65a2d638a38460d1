import * as vscode from 'vscode';
import { citeKeyOf, pandocKey } from '../../../core/cite/citation-insertion';
import { latexCompletionContext } from '../../../core/cite/latex-citations';
import { pandocCompletionContext } from '../../../core/cite/pandoc-citations';
import type { PaperLibrary } from '../../../core/library/paper-library';
import type { Paper } from '../../../core/model/paper';
import type { LibraryService } from '../../library/library-service';
import type { RecentPapers } from '../search/recent-papers';
import { completionCandidates } from '../shared/completion-candidates';
import { citationMarkdown } from './citation-hover';
import { citedKeyAt, citedKeys, writingKindOf, type CitedKey, type WritingKind } from './cited-keys';
import type { WorkspaceCitations } from './workspace-citations';

/** The library, loading it if needed; undefined when it cannot load (the library reports why). */
export async function loadedLibrary(library: Pick<LibraryService, 'current' | 'ensureLoaded'>): Promise<PaperLibrary | undefined> {
  return library.current ?? library.ensureLoaded().catch(() => undefined);
}

/** The syntax of an open document (language id, else file name). */
export function kindOf(document: vscode.TextDocument): WritingKind | undefined {
  return writingKindOf(document.languageId, document.uri.path);
}

function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/** The cited key under the cursor and its paper, if the key names one. */
async function citedPaperAt(
  library: LibraryService,
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<{ cited: CitedKey; paper: Paper } | undefined> {
  const kind = kindOf(document);
  if (!kind) return undefined;
  const cited = citedKeyAt(citedKeys(kind, document.getText()), document.offsetAt(position));
  if (!cited) return undefined;
  const paper = (await loadedLibrary(library))?.resolve(cited.key);
  return paper && { cited, paper };
}

/** Hover on a cited key: the formatted reference and the start of the abstract. */
export class CitationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly library: LibraryService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = await citedPaperAt(this.library, document, position);
    if (!found) return undefined;
    return new vscode.Hover(citationMarkdown(found.paper, { links: true }), rangeOf(document, found.cited.mentionStart, found.cited.end));
  }
}

/** Every cited key that names a paper links to it: Ctrl+click opens the reader (`lectern.openPaper`). */
export class CitationLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly library: LibraryService) {}

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const kind = kindOf(document);
    const keys = kind ? citedKeys(kind, document.getText()) : [];
    if (keys.length === 0) return [];
    const library = await loadedLibrary(this.library);
    if (!library || token.isCancellationRequested) return [];
    const links: vscode.DocumentLink[] = [];
    for (const cited of keys) {
      const paper = library.resolve(cited.key);
      if (!paper) continue;
      const args = encodeURIComponent(JSON.stringify([paper.id]));
      const link = new vscode.DocumentLink(
        rangeOf(document, cited.mentionStart, cited.end),
        vscode.Uri.parse(`command:lectern.openPaper?${args}`),
      );
      link.tooltip = vscode.l10n.t('Open {0} in Lectern', paper.title);
      links.push(link);
    }
    return links;
  }
}

/** Find All References on a cited key: every citation of that paper in the workspace's writing. */
export class CitationReferenceProvider implements vscode.ReferenceProvider {
  constructor(
    private readonly library: LibraryService,
    private readonly citations: WorkspaceCitations,
  ) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const found = await citedPaperAt(this.library, document, position);
    if (!found) return undefined;
    const library = await loadedLibrary(this.library);
    return library && this.citations.citationsOf(found.paper, library);
  }
}

/**
 * Completion of a citation key after `@` / `[@` (Pandoc) and inside `\cite{…}` (LaTeX): what was
 * typed searches titles, authors, years and keys with the library's search; the item inserts the
 * key (braced for Pandoc when its rules need it). The list is incomplete: each keystroke searches again.
 */
export class CitationCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly library: LibraryService,
    private readonly recent: RecentPapers,
  ) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionList | undefined> {
    const kind = kindOf(document);
    if (!kind) return undefined;
    const offset = document.offsetAt(position);
    let context: { query: string; replaceStart: number; replaceEnd: number } | undefined;
    if (kind === 'latex') context = latexCompletionContext(document.getText(), offset);
    else {
      const line = document.lineAt(position.line);
      const inLine = pandocCompletionContext(line.text, position.character);
      const lineStart = document.offsetAt(line.range.start);
      context = inLine && { ...inLine, replaceStart: lineStart + inLine.replaceStart, replaceEnd: lineStart + inLine.replaceEnd };
    }
    if (!context) return undefined;
    const library = await loadedLibrary(this.library);
    if (!library || token.isCancellationRequested) return undefined;
    const replacing = rangeOf(document, context.replaceStart, context.replaceEnd);
    const inserting = rangeOf(document, context.replaceStart, offset);
    const query = context.query;
    const items = completionCandidates(library, query, this.recent.list()).map((paper, n) => {
      const key = kind === 'latex' ? citeKeyOf(paper) : pandocKey(paper);
      const item = new vscode.CompletionItem(paper.title, vscode.CompletionItemKind.Reference);
      item.detail = [citeKeyOf(paper), paper.year].filter((part) => part !== undefined).join(' · ');
      item.insertText = key;
      item.range = { inserting, replacing };
      item.filterText = `${query} ${paper.title} ${citeKeyOf(paper)}`.trim();
      item.sortText = String(n).padStart(4, '0');
      item.documentation = citationMarkdown(paper, { links: false });
      return item;
    });
    return new vscode.CompletionList(items, true);
  }
}
