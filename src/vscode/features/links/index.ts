import * as vscode from 'vscode';
import type { AnnotationLookup } from '../../../core/tree/group-papers';
import type { LibraryService } from '../../library/library-service';
import type { RecentPapers } from '../search/recent-papers';
import type { PaperPicker } from '../shared/paper-picker';
import { insertCitation, showBacklinks } from './link-commands';
import { LinkDiagnostics } from './link-diagnostics';
import { NoteCodeLensProvider } from './note-code-lens';
import { PaperCompletionProvider, PaperDocumentLinkProvider, PaperHoverProvider, PaperReferenceProvider } from './paper-link-providers';
import { WorkspaceMentions } from './workspace-mentions';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

export interface LinksDeps {
  library: LibraryService;
  output: vscode.LogOutputChannel;
  recent: RecentPapers;
  /** Status and tags from notes, for `status:` / `tag:` in completion queries. */
  annotations: AnnotationLookup;
  picker: PaperPicker;
  /** The paper the reader shows, if any (Show Backlinks without an argument). */
  activePaperId: () => string | undefined;
}

/**
 * Links between notes and papers in markdown: `[[id]]` / `@id` become links with hovers,
 * `[[` and `@` complete paper ids, unknown `[[id]]` are warnings, Find All References and Show
 * Backlinks list mentions, notes get an Open paper / backlinks CodeLens; and Insert Citation
 * for markdown and LaTeX.
 */
export function registerLinks(deps: LinksDeps): vscode.Disposable[] {
  const { library } = deps;
  const mentions = new WorkspaceMentions(deps.output, library);
  const codeLens = new NoteCodeLensProvider(library, mentions);
  return [
    mentions,
    vscode.languages.registerDocumentLinkProvider(MARKDOWN, new PaperDocumentLinkProvider(library)),
    vscode.languages.registerHoverProvider(MARKDOWN, new PaperHoverProvider(library)),
    vscode.languages.registerCompletionItemProvider(
      MARKDOWN,
      new PaperCompletionProvider(library, deps.recent, deps.annotations),
      '[',
      '@',
    ),
    vscode.languages.registerReferenceProvider(MARKDOWN, new PaperReferenceProvider(mentions, library)),
    codeLens,
    vscode.languages.registerCodeLensProvider(MARKDOWN, codeLens),
    new LinkDiagnostics(library),
    vscode.commands.registerCommand('lectern.showBacklinks', (arg?: unknown) => showBacklinks(deps, mentions, arg)),
    vscode.commands.registerCommand('lectern.insertCitation', (arg?: unknown) => insertCitation(deps, arg)),
  ];
}
