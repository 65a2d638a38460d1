import * as vscode from 'vscode';
import { highlightPageLabels } from '../../../core/notes/note-highlights';
import { locateFrontMatter, parseNote } from '../../../core/notes/note-front-matter';
import { noteClaims, resolveClaims } from '../../../core/notes/note-claims';
import { libraryNoteResolver } from '../../../core/notes/library-note-resolver';
import type { LibraryService } from '../../library/library-service';
import { libraryFor } from '../links/paper-link-providers';

/**
 * In a paper's note, each PDF highlight's `p. N` (after its `<!-- lectern:highlight … -->` line) is a link that
 * opens the paper's PDF in the reader at that highlight and flashes it (`lectern.openPdf` with `page` and
 * `highlight`). Only notes whose front matter names a known paper get links.
 */
export class HighlightPageLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly library: Pick<LibraryService, 'current' | 'ensureLoaded'>) {}

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const text = document.getText();
    if (!/lectern:highlight/i.test(text) || locateFrontMatter(text).kind !== 'closed') return [];
    const labels = highlightPageLabels(text);
    if (labels.length === 0) return [];
    const { fileName: _fileName, ...claims } = noteClaims(document.uri.path, parseNote(text).frontMatter);
    const library = await libraryFor(this.library);
    if (!library || token.isCancellationRequested) return [];
    const paperId = resolveClaims(claims, libraryNoteResolver(library))?.paper;
    if (!paperId) return [];
    return labels.map((label) => {
      const args = [paperId, { page: label.page, highlight: label.id }];
      const link = new vscode.DocumentLink(
        new vscode.Range(document.positionAt(label.start), document.positionAt(label.end)),
        vscode.Uri.parse(`command:lectern.openPdf?${encodeURIComponent(JSON.stringify(args))}`),
      );
      link.tooltip = vscode.l10n.t('Open the PDF at this highlight (page {0})', label.page);
      return link;
    });
  }
}
