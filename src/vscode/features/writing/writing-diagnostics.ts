import * as os from 'node:os';
import * as vscode from 'vscode';
import { uriExists } from '../../adapters/uri-exists';
import { resolveBibliographyPath } from '../../../core/cite/bibliography-declarations';
import type { LibraryService } from '../../library/library-service';
import { kindOf, loadedLibrary } from './citation-providers';
import { bibliographiesOf, citedKeys, isPandocProject } from './cited-keys';
import type { WorkspaceCitations } from './workspace-citations';

const DEBOUNCE_MS = 300;
/** Bibliography formats the corpus reads (BibTeX, CSL-JSON); others (`.yaml`, `.ris`) are left to Pandoc. */
const READABLE_BIBLIOGRAPHY = /\.(?:bib|bibtex|json)$/i;

/** Absolute paths of a document's declared bibliographies, with their declarations. */
function declaredIn(uri: vscode.Uri, declarations: ReturnType<typeof bibliographiesOf>) {
  const folder = vscode.Uri.joinPath(uri, '..').fsPath;
  return declarations.map((declaration) => ({ ...declaration, absolute: resolveBibliographyPath(folder, declaration.path, os.homedir()) }));
}

function warning(document: vscode.TextDocument, start: number, end: number, message: string, code: string): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'Lectern';
  diagnostic.code = code;
  return diagnostic;
}

/**
 * Writing documents, checked on open and (debounced) on change, and again when the library
 * changes: a cited key that names no paper is a warning on the key (bare `@word` only in Quarto,
 * R Markdown or a document naming a bibliography, where Pandoc would cite it too); a named
 * bibliography that does not exist is a warning on its path; existing ones join the corpus.
 * At startup, the bibliographies every writing file of the workspace names join it too.
 */
export class WritingDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lectern-citations');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly library: LibraryService,
    private readonly citations: WorkspaceCitations,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        clearTimeout(this.timers.get(document.uri.toString()));
        this.timers.delete(document.uri.toString());
        this.collection.delete(document.uri);
      }),
      library.onDidChange(() => this.checkAllOpen()),
    );
    this.checkAllOpen();
  }

  /** Declares the bibliographies every writing file of the workspace names (run once, after activation). */
  async discoverWorkspaceBibliographies(): Promise<void> {
    const found: string[] = [];
    for await (const file of this.citations.declarations()) {
      for (const declaration of declaredIn(
        file.uri,
        file.paths.map((path) => ({ path, start: 0, end: 0 })),
      )) {
        if (READABLE_BIBLIOGRAPHY.test(declaration.absolute) && (await uriExists(vscode.Uri.file(declaration.absolute))))
          found.push(declaration.absolute);
      }
    }
    if (found.length > 0) this.library.declareBibliographies(found);
  }

  private checkAllOpen(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!kindOf(document) || document.uri.scheme === 'git') {
      if (this.collection.has(document.uri)) this.collection.delete(document.uri);
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(document);
      }, delay),
    );
  }

  /** Publishes the warnings of one document. */
  async check(document: vscode.TextDocument): Promise<void> {
    const kind = kindOf(document);
    if (!kind) return;
    const version = document.version;
    const text = document.getText();
    const diagnostics = await this.bibliographyWarnings(document, bibliographiesOf(kind, text));
    const strict = kind === 'latex' || isPandocProject(document.uri.path, text);
    const keys = citedKeys(kind, text).filter((cited) => strict || cited.bracketed);
    const library = keys.length > 0 ? await loadedLibrary(this.library) : undefined;
    if (document.isClosed || document.version !== version) return;
    for (const cited of library ? keys : []) {
      if (library!.resolve(cited.key)) continue;
      const message = vscode.l10n.t(
        'Lectern: no paper has the citation key "{0}"; add it to a corpus file or a bibliography this document names, or run Lectern: Refresh Corpus.',
        cited.key,
      );
      diagnostics.push(warning(document, cited.start, cited.end, message, 'unknown-citation-key'));
    }
    this.collection.set(document.uri, diagnostics);
  }

  private async bibliographyWarnings(
    document: vscode.TextDocument,
    declarations: ReturnType<typeof bibliographiesOf>,
  ): Promise<vscode.Diagnostic[]> {
    const diagnostics: vscode.Diagnostic[] = [];
    const readable: string[] = [];
    if (document.uri.scheme !== 'file') return diagnostics; // an untitled document has no folder to resolve paths from
    for (const declaration of declaredIn(document.uri, declarations)) {
      if (await uriExists(vscode.Uri.file(declaration.absolute))) {
        if (READABLE_BIBLIOGRAPHY.test(declaration.absolute)) readable.push(declaration.absolute);
        continue;
      }
      const message = vscode.l10n.t(
        'Lectern: the bibliography "{0}" does not exist (looked for {1}); fix the path or create the file.',
        declaration.path,
        declaration.absolute,
      );
      diagnostics.push(warning(document, declaration.start, declaration.end, message, 'missing-bibliography'));
    }
    if (readable.length > 0) this.library.declareBibliographies(readable);
    return diagnostics;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
