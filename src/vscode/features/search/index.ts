import * as vscode from 'vscode';
import type { PaperPicker } from '../shared/paper-picker';

export interface SearchDeps {
  picker: PaperPicker;
}

/**
 * Lectern: Search Papers: the paper QuickPick; Enter opens the paper with the query's terms highlighted, or, for a
 * paper that matched only in its PDF, the PDF at the page that matched.
 */
export function registerSearch({ picker }: SearchDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lectern.searchPapers', async (initialQuery?: string) => {
      const id = await picker.pick({
        title: vscode.l10n.t('Lectern: Search Papers'),
        initialQuery: typeof initialQuery === 'string' ? initialQuery : undefined,
        includeExtra: true,
      });
      if (!id) return;
      const page = picker.lastPdfPage;
      if (page !== undefined) await vscode.commands.executeCommand('lectern.openPdf', id, { page });
      else await vscode.commands.executeCommand('lectern.openPaper', id, { query: picker.lastQuery });
    }),
  ];
}
