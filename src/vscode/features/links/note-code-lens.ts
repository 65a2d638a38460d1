import * as vscode from 'vscode';
import { locateFrontMatter, parseNote } from '../../../core/notes/note-front-matter';
import { shortTitle } from '../../../core/notes/reference-lookup';
import { noteClaims, resolveClaims } from '../../../core/notes/note-claims';
import { libraryNoteResolver } from '../../../core/notes/library-note-resolver';
import type { LibraryService } from '../../library/library-service';
import { libraryFor } from './paper-link-providers';
import type { WorkspaceMentions } from './workspace-mentions';

class BacklinksLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly paperId: string,
  ) {
    super(range);
  }
}

/**
 * At the top of a note (markdown whose front matter names a paper: `paper: <id>`, `citekey:`,
 * `citation-key:` or `doi:`): "Open paper: <title>"
 * and "N backlinks" (counted when VS Code resolves the lens, so a note opens without a scan).
 */
export class NoteCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(
    private readonly library: LibraryService,
    private readonly mentions: WorkspaceMentions,
  ) {
    const refresh = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changeEmitter.fire(), 500);
    };
    this.disposables.push(library.onDidChange(refresh), mentions.onDidChange(refresh));
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const text = document.getText();
    if (locateFrontMatter(text).kind !== 'closed') return [];
    // Front matter only: a file name alone (`smith2020.md` anywhere) is not enough for a lens.
    const { fileName: _fileName, ...claims } = noteClaims(document.uri.path, parseNote(text).frontMatter);
    if (!claims.paper && !claims.citeKey && !claims.doi) return [];
    const library = await libraryFor(this.library);
    if (!library || token.isCancellationRequested) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const resolved = resolveClaims(claims, libraryNoteResolver(library));
    const paper = resolved && library.paper(resolved.paper);
    const paperId = claims.paper;
    if (!paper) {
      if (!paperId) return [];
      return [
        new vscode.CodeLens(top, {
          title: vscode.l10n.t('$(warning) No paper has the id "{0}" — Refresh Corpus', paperId),
          tooltip: vscode.l10n.t(
            'Lectern cannot find the paper this note names in its front matter (paper:). Check the id, or refresh the corpus.',
          ),
          command: 'lectern.refreshCorpus',
        }),
      ];
    }
    return [
      new vscode.CodeLens(top, {
        title: vscode.l10n.t('$(book) Open paper: {0}', shortTitle(paper.title)),
        tooltip: vscode.l10n.t('Open {0} in Lectern', paper.title),
        command: 'lectern.openPaper',
        arguments: [paper.id],
      }),
      new BacklinksLens(top, paper.id),
    ];
  }

  async resolveCodeLens(lens: vscode.CodeLens): Promise<vscode.CodeLens> {
    if (lens instanceof BacklinksLens) {
      const count = await this.mentions.backlinkCount(lens.paperId);
      lens.command = {
        title:
          count === 0 ? vscode.l10n.t('No backlinks') : count === 1 ? vscode.l10n.t('1 backlink') : vscode.l10n.t('{0} backlinks', count),
        tooltip: vscode.l10n.t('Markdown files in this workspace that mention this paper with [[id]] or @id'),
        command: 'lectern.showBacklinks',
        arguments: [lens.paperId],
      };
    }
    return lens;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
