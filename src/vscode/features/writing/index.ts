import * as vscode from 'vscode';
import type { LibraryService } from '../../library/library-service';
import type { RecentPapers } from '../search/recent-papers';
import { CitationCompletionProvider, CitationHoverProvider, CitationLinkProvider, CitationReferenceProvider } from './citation-providers';
import { markdownItCitations, type MarkdownItLike } from './markdown-it-citations';
import { WorkspaceCitations } from './workspace-citations';
import { WritingDiagnostics } from './writing-diagnostics';

/**
 * Markdown, Quarto, R Markdown and LaTeX, by language id and by file name (so `.qmd` and `.Rmd`
 * work without the Quarto or R extensions).
 */
export const WRITING_SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown' },
  { language: 'quarto' },
  { language: 'rmd' },
  { language: 'rmarkdown' },
  { language: 'latex' },
  { language: 'tex' },
  { pattern: '**/*.{qmd,Qmd}' },
  { pattern: '**/*.{Rmd,rmd}' },
  { pattern: '**/*.{tex,ltx}' },
];

/** How long after activation the workspace's declared bibliographies are looked for. */
const DISCOVERY_DELAY_MS = 2000;

export interface WritingDeps {
  library: LibraryService;
  recent: RecentPapers;
  output: vscode.LogOutputChannel;
}

/**
 * Writing with citations: Pandoc citations (`[@key]`, `@key`) and the LaTeX `\cite` family get a
 * hover with the formatted reference, Ctrl+click to the reader, Find All References, completion
 * of keys and warnings for unknown keys; the bibliographies documents name join the corpus, and
 * missing ones are warnings; `vscode://lectern-research.lectern/paper/<id>` links (the Markdown preview's) open the reader.
 */
export function registerWriting({ library, recent, output }: WritingDeps): vscode.Disposable[] {
  const citations = new WorkspaceCitations();
  const diagnostics = new WritingDiagnostics(library, citations);
  const discovery = setTimeout(() => {
    diagnostics
      .discoverWorkspaceBibliographies()
      .catch((error) => output.warn(`Looking for declared bibliographies failed: ${String(error)}`));
  }, DISCOVERY_DELAY_MS);
  return [
    diagnostics,
    new vscode.Disposable(() => clearTimeout(discovery)),
    vscode.languages.registerHoverProvider(WRITING_SELECTOR, new CitationHoverProvider(library)),
    ...citationLinks(library),
    vscode.languages.registerReferenceProvider(WRITING_SELECTOR, new CitationReferenceProvider(library, citations)),
    vscode.languages.registerCompletionItemProvider(WRITING_SELECTOR, new CitationCompletionProvider(library, recent), '@', '{', ','),
    vscode.window.registerUriHandler({
      handleUri: (uri) => {
        const id = /^\/paper\/(.+)$/.exec(uri.path)?.[1];
        if (id) void vscode.commands.executeCommand('lectern.openPaper', decodeURIComponent(id));
      },
    }),
  ];
}

/**
 * The citation links, registered again whenever the library changes: VS Code asks a link provider
 * again only on an edit or when providers change, and a citation typed before its bibliography
 * was read (a `.bib` just added or named) must become a link without an edit.
 */
function citationLinks(library: LibraryService): vscode.Disposable[] {
  const provider = new CitationLinkProvider(library);
  let registration = vscode.languages.registerDocumentLinkProvider(WRITING_SELECTOR, provider);
  const onChange = library.onDidChange(() => {
    registration.dispose();
    registration = vscode.languages.registerDocumentLinkProvider(WRITING_SELECTOR, provider);
  });
  return [
    onChange,
    new vscode.Disposable(() => {
      registration.dispose();
    }),
  ];
}

/**
 * `extendMarkdownIt` for `activate`'s return value: the Markdown preview links `[[id]]`, `@key`
 * and `[@key]` of known papers to `vscode://lectern-research.lectern/paper/<id>`, which opens the reader.
 */
export function extendMarkdownIt<T extends MarkdownItLike>(md: T, library: LibraryService): T {
  markdownItCitations(md, {
    resolve: (key) => {
      const paper = library.current?.resolve(key);
      return paper && { id: paper.id, title: paper.title };
    },
    href: (id) => `${vscode.env.uriScheme}://lectern-research.lectern/paper/${encodeURIComponent(id)}`,
  });
  if (!library.current) void library.ensureLoaded().catch(() => undefined); // links appear at the next render
  return md;
}
