import * as vscode from 'vscode';
import type { FeatureContext } from '../feature-context';
import { insertCitation, showBacklinks } from './link-commands';
import { LinkDiagnostics } from './link-diagnostics';
import { NoteCodeLensProvider } from './note-code-lens';
import { PaperCompletionProvider, PaperDocumentLinkProvider, PaperHoverProvider, PaperReferenceProvider } from './paper-link-providers';
import { WorkspaceMentions } from './workspace-mentions';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/** A markdown file's mention of a paper, for the reader's backlinks list. */
export interface Backlink {
  uri: vscode.Uri;
  /** 0-based line. */
  line: number;
  preview: string;
}

let current: WorkspaceMentions | undefined;

/**
 * The markdown files that mention a paper with `[[id]]` or `@id` (the paper's own notes left
 * out), one entry per mention, by file then line. Empty until the links feature is registered.
 */
export async function backlinksFor(paperId: string): Promise<Backlink[]> {
  if (!current) return [];
  return (await current.mentions(paperId, { includeOwnNotes: false })).map(({ uri, line, preview }) => ({ uri, line, preview }));
}

/**
 * Links between notes and papers in markdown: `[[id]]` / `@id` become links with hovers,
 * `[[` and `@` complete paper ids, unknown `[[id]]` are warnings, Find All References and Show
 * Backlinks list mentions, notes get an Open paper / backlinks CodeLens; and Insert Citation
 * for markdown and LaTeX.
 */
export function registerLinks(features: FeatureContext): vscode.Disposable[] {
  const mentions = new WorkspaceMentions(features.output);
  current = mentions;
  const codeLens = new NoteCodeLensProvider(features, mentions);
  return [
    mentions,
    {
      dispose: () => {
        if (current === mentions) current = undefined;
      },
    },
    vscode.languages.registerDocumentLinkProvider(MARKDOWN, new PaperDocumentLinkProvider(features)),
    vscode.languages.registerHoverProvider(MARKDOWN, new PaperHoverProvider(features)),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new PaperCompletionProvider(features), '[', '@'),
    vscode.languages.registerReferenceProvider(MARKDOWN, new PaperReferenceProvider(mentions)),
    codeLens,
    vscode.languages.registerCodeLensProvider(MARKDOWN, codeLens),
    new LinkDiagnostics(features),
    vscode.commands.registerCommand('lectern.showBacklinks', (arg?: unknown) => showBacklinks(features, mentions, arg)),
    vscode.commands.registerCommand('lectern.insertCitation', (arg?: unknown) => insertCitation(features, arg)),
  ];
}
