import * as vscode from 'vscode';
import type { LibraryService } from '../../library/library-service';
import type { ReaderPanels } from '../reader/reader-panels';
import { paperIdFrom } from '../shared/paper-id-from';
import type { PaperPicker } from '../shared/paper-picker';
import { refusedInRestrictedMode } from '../trust';
import { attachPdf } from './attach-pdf';
import { getArxivPdf } from './get-arxiv-pdf';
import { HighlightPageLinkProvider } from './highlight-page-links';
import type { PaperPdfs } from './paper-pdfs';

export interface PdfDeps {
  library: Pick<LibraryService, 'ensureLoaded' | 'current'>;
  readers: ReaderPanels;
  pdfs: PaperPdfs;
  picker: PaperPicker;
}

/**
 * Lectern: Open PDF (the paper's PDF in the reader's PDF tab, optionally at a page), Lectern: Attach PDF… (copy
 * a file into the PDF folder, or link it where it is) and Lectern: Get PDF from arXiv. Each takes a paper id (or a
 * tree node), else the paper the reader shows, else asks. In notes, a PDF highlight's `p. N` links to it in the PDF.
 */
export function registerPdf({ library, readers, pdfs, picker }: PdfDeps): vscode.Disposable[] {
  const paperFor = async (arg: unknown, title: string): Promise<string | undefined> =>
    paperIdFrom(arg) ?? readers.activePaperId() ?? (await picker.pick({ title }));
  return [
    vscode.languages.registerDocumentLinkProvider({ language: 'markdown' }, new HighlightPageLinkProvider(library)),
    // `options.highlight`: the id of a highlight in the paper's note to show and flash (the note's `p. N` links).
    vscode.commands.registerCommand('lectern.openPdf', async (arg?: unknown, options?: { page?: number; highlight?: string }) => {
      const paperId = await paperFor(arg, vscode.l10n.t('Lectern: Open PDF'));
      if (!paperId) return;
      const paper = (await library.ensureLoaded()).resolve(paperId);
      if (!paper) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Lectern: no paper has the id or citekey "{0}". Run Lectern: Refresh Corpus if you just added it.', paperId),
        );
        return;
      }
      const page = typeof options?.page === 'number' && Number.isInteger(options.page) && options.page >= 1 ? options.page : undefined;
      const highlight =
        typeof options?.highlight === 'string' && /^[\w.:-]{1,100}$/.test(options.highlight) ? options.highlight : undefined;
      await readers.openPdf(paper.id, page, highlight);
    }),
    vscode.commands.registerCommand('lectern.attachPdf', async (arg?: unknown, file?: unknown): Promise<boolean> => {
      // Copying or linking a file writes to the workspace: not in Restricted Mode.
      if (refusedInRestrictedMode(vscode.l10n.t('Attaching a PDF'))) return false;
      const paperId = await paperFor(arg, vscode.l10n.t('Lectern: Attach PDF…'));
      if (!paperId) return false;
      const paper = (await library.ensureLoaded()).resolve(paperId);
      if (!paper) return false;
      const attached = await attachPdf(paper, pdfs, file instanceof vscode.Uri ? file : undefined);
      if (attached) pdfs.attached(paper.id);
      return attached;
    }),
    // Resolves to how it ended (`saved`, `cancelled`, `failed` with the message shown, `refused` in Restricted Mode), for the reader and tests.
    vscode.commands.registerCommand('lectern.getPdf', async (arg?: unknown): Promise<string | undefined> => {
      if (refusedInRestrictedMode(vscode.l10n.t('Downloading a PDF into the workspace'))) return 'refused';
      const paperId = await paperFor(arg, vscode.l10n.t('Lectern: Get PDF from arXiv'));
      if (!paperId) return undefined;
      const paper = (await library.ensureLoaded()).resolve(paperId);
      if (!paper) return undefined;
      const result = await getArxivPdf(paper, pdfs);
      if (result.kind === 'saved') pdfs.attached(paper.id);
      if (result.kind === 'failed') void vscode.window.showErrorMessage(result.message);
      else if (result.kind === 'saved')
        void vscode.window.showInformationMessage(vscode.l10n.t('Lectern: saved {0}.', vscode.workspace.asRelativePath(result.uri)));
      return result.kind;
    }),
  ];
}
