import * as vscode from 'vscode';
import { findReferences } from '../../../core/notes/note-references';
import { idRange } from '../../../core/notes/reference-lookup';
import type { LibraryService } from '../../library/library-service';
import { libraryFor } from './paper-link-providers';

const DEBOUNCE_MS = 300;
const UNKNOWN_PAPER_CODE = 'unknown-paper';

function unknownPaperMessage(id: string): string {
  return vscode.l10n.t('Lectern: no paper has the id "{0}"; check the id or run Lectern: Refresh Corpus.', id);
}

/** What a `[[…]]` warning is for: a Lectern-style id (lowercase `a-z 0-9 . _ -`). */
const LECTERN_ID = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Warnings on `[[id]]` links whose id names no paper, in open markdown documents. A citekey names
 * its paper as an id does (`[[Smith2020]]`). Only lowercase id-like targets are warned: `[[Some
 * Note]]`, `[[ProjectPlan]]` are Obsidian/Foam links to other notes, and `@word` is never reported
 * (most `@` words are not meant as paper ids). Checked on open and, debounced, on change;
 * everything open is checked again when the library changes.
 */
export class LinkDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lectern-links');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly library: LibraryService) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        const key = document.uri.toString();
        clearTimeout(this.timers.get(key));
        this.timers.delete(key);
        this.collection.delete(document.uri);
      }),
      library.onDidChange(() => this.checkAllOpen()),
    );
    // Documents already open when Lectern activates.
    this.checkAllOpen();
  }

  private checkAllOpen(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'markdown') {
      // A document whose language changed away from markdown keeps no stale warnings.
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

  /** Publishes the warnings of one document (exposed for tests and the commands that edit notes). */
  async check(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const text = document.getText();
    const links = findReferences(text).filter((reference) => reference.kind === 'wikilink');
    if (links.length === 0) {
      this.collection.delete(document.uri);
      return;
    }
    const library = await libraryFor(this.library);
    if (!library || document.isClosed || document.version !== version) return;
    const diagnostics = links
      .filter((reference) => LECTERN_ID.test(reference.id) && !library.resolve(reference.id))
      .map((reference) => {
        const [start, end] = idRange(text, reference);
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(document.positionAt(start), document.positionAt(end)),
          unknownPaperMessage(reference.id),
          vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = 'Lectern';
        diagnostic.code = UNKNOWN_PAPER_CODE;
        return diagnostic;
      });
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
