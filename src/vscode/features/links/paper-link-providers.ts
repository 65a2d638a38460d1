import * as vscode from 'vscode';
import type { Paper } from '../../../core/model/paper';
import type { PaperLibrary } from '../../../core/library/paper-library';
import { findReferences } from '../../../core/notes/note-references';
import { referenceAt, referenceCompletionContext } from '../../../core/notes/reference-lookup';
import type { AnnotationLookup } from '../../../core/tree/group-papers';
import type { LibraryService } from '../../library/library-service';
import type { RecentPapers } from '../search/recent-papers';
import { completionCandidates } from '../shared/completion-candidates';
import { escapeMarkdown, paperCommandLinks } from '../shared/markdown-text';
import type { WorkspaceMentions } from './workspace-mentions';

const HOVER_ABSTRACT_CHARS = 300;

/** The library, loading it if needed; undefined when it cannot load (the library reports why). */
export async function libraryFor(library: Pick<LibraryService, 'current' | 'ensureLoaded'>): Promise<PaperLibrary | undefined> {
  return library.current ?? library.ensureLoaded().catch(() => undefined);
}

/** `command:<id>?<encoded JSON args>`, as VS Code's command links want it. */
function commandUri(command: string, args: unknown[]): vscode.Uri {
  return vscode.Uri.parse(`command:${command}?${encodeURIComponent(JSON.stringify(args))}`);
}

function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/** `[[id]]` that name a known paper link to it (`lectern.openPaper`); `@key` citations are the writing feature's. */
export class PaperDocumentLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly library: LibraryService) {}

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const references = findReferences(document.getText()).filter((reference) => reference.kind === 'wikilink');
    if (references.length === 0) return [];
    const library = await libraryFor(this.library);
    if (!library || token.isCancellationRequested) return [];
    const links: vscode.DocumentLink[] = [];
    for (const reference of references) {
      // An id or a citekey (`[[Smith2020]]`, `@vaswani2017AttentionAllYou`).
      const paper = library.resolve(reference.id);
      if (!paper) continue;
      const link = new vscode.DocumentLink(rangeOf(document, reference.start, reference.end), commandUri('lectern.openPaper', [paper.id]));
      link.tooltip = vscode.l10n.t('Open {0} in Lectern', paper.title);
      links.push(link);
    }
    return links;
  }
}

/** The paper behind a reference: title, authors, year, the start of the abstract, Open / Open Note. */
export class PaperHoverProvider implements vscode.HoverProvider {
  constructor(private readonly library: LibraryService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const reference = referenceAt(document.getText(), document.offsetAt(position));
    if (reference?.kind !== 'wikilink') return undefined; // `@key`: the writing feature's citation hover
    const paper = (await libraryFor(this.library))?.resolve(reference.id);
    if (!paper) return undefined;
    return new vscode.Hover(paperMarkdown(paper, { links: true }), rangeOf(document, reference.start, reference.end));
  }
}

/** A paper as hover or completion documentation; links to open it (trusted for Lectern's two commands only). */
function paperMarkdown(paper: Paper, options: { links: boolean }): vscode.MarkdownString {
  // Theme icons on before any text goes in, so `appendText` escapes `$(…)` in abstracts.
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: ['lectern.openPaper', 'lectern.openNote'] };
  md.appendMarkdown(`**${escapeMarkdown(paper.title)}**\n\n`);
  const byline = [authorsLine(paper.authors), paper.year ?? paper.date?.slice(0, 4)].filter(Boolean).join(' · ');
  if (byline) md.appendMarkdown(`${escapeMarkdown(String(byline))}\n\n`);
  const abstract = excerpt(paper.abstract, HOVER_ABSTRACT_CHARS);
  if (abstract) {
    md.appendText(abstract);
    md.appendMarkdown('\n\n');
  }
  if (options.links) {
    md.appendMarkdown(paperCommandLinks(paper.id));
  }
  return md;
}

function authorsLine(authors: string[]): string {
  if (authors.length <= 4) return authors.join(', ');
  return vscode.l10n.t('{0} et al.', authors.slice(0, 3).join(', '));
}

/** The first `max` characters of `text`, cut at a word boundary, with `…`. */
function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * Completion after `[[` and a word-starting `@`: ids whose start matches what was typed, then
 * the core search's hits (an empty query lists recently opened, then the first papers). The
 * list is incomplete, so each keystroke searches again; `filterText` starts with the query and
 * holds title and id, so VS Code keeps every hit (typo-tolerant ones too) in search order.
 */
export class PaperCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly library: LibraryService,
    private readonly recent: RecentPapers,
    private readonly annotations: AnnotationLookup,
  ) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionList | undefined> {
    const line = document.lineAt(position.line).text;
    const context = referenceCompletionContext(line, position.character);
    if (context?.kind !== 'wikilink') return undefined; // after `@`: the writing feature completes citation keys
    const library = await libraryFor(this.library);
    if (!library || token.isCancellationRequested) return undefined;
    const papers = completionCandidates(library, context.query, this.recent.list(), this.annotations);
    const replacing = new vscode.Range(position.line, context.replaceStart, position.line, context.replaceEnd);
    const inserting = new vscode.Range(position.line, context.replaceStart, position.line, position.character);
    const items = papers.map((paper, n) => {
      const item = new vscode.CompletionItem(paper.title, vscode.CompletionItemKind.Reference);
      item.detail = [paper.id, paper.citeKey !== paper.id ? paper.citeKey : undefined, paper.year]
        .filter((part) => part !== undefined)
        .join(' · ');
      item.insertText = context.needsClose ? `${paper.id}]]` : paper.id;
      item.range = { inserting, replacing };
      item.filterText = `${context.query} ${paper.title} ${paper.id} ${paper.citeKey ?? ''}`.trim();
      item.sortText = String(n).padStart(4, '0');
      item.documentation = paperMarkdown(paper, { links: false });
      return item;
    });
    return new vscode.CompletionList(items, true);
  }
}

/** Find All References on `[[id]]` / `@id`: every mention of that paper (by id or citekey) in the workspace's markdown. */
export class PaperReferenceProvider implements vscode.ReferenceProvider {
  constructor(
    private readonly mentions: WorkspaceMentions,
    private readonly library: LibraryService,
  ) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const reference = referenceAt(document.getText(), document.offsetAt(position), { touchingEnd: true });
    if (reference?.kind !== 'wikilink') return undefined; // `@key`: the writing feature lists citations
    const paperId = (await libraryFor(this.library))?.resolve(reference.id)?.id ?? reference.id;
    const found = await this.mentions.mentions(paperId, { includeOwnNotes: true });
    return found.map((mention) => new vscode.Location(mention.uri, mention.range));
  }
}
