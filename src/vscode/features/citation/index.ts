import * as vscode from 'vscode';
import { formatCitation, type CitationFormat } from '../../../core/cite/format-citation';
import type { LibraryService } from '../../library/library-service';
import { paperIdFrom } from '../shared/paper-id-from';
import type { PaperPicker } from '../shared/paper-picker';

export interface CitationDeps {
  library: Pick<LibraryService, 'ensureLoaded'>;
  picker: PaperPicker;
  /** The paper the reader shows, if any: the command's default. */
  activePaperId: () => string | undefined;
}

const FORMATS: Array<{ format: CitationFormat; label: string; command: string }> = [
  { format: 'bibtex', label: 'BibTeX', command: 'lectern.copyCitationBibtex' },
  { format: 'apa', label: 'APA reference', command: 'lectern.copyCitationApa' },
  { format: 'markdown', label: 'Markdown link', command: 'lectern.copyCitationMarkdown' },
];

/** Copy Citation (asks for the format) and one command per format for the context menu. */
export function registerCitation({ library, picker, activePaperId }: CitationDeps): vscode.Disposable[] {
  const copy = async (arg: unknown, format?: CitationFormat) => {
    const id = paperIdFrom(arg) ?? activePaperId() ?? (await picker.pick({ title: 'Lectern: Copy Citation' }));
    if (!id) return;
    const paper = (await library.ensureLoaded()).resolve(id); // an id or a citekey
    if (!paper) {
      void vscode.window.showWarningMessage(`Lectern: no paper has the id "${id}".`);
      return;
    }
    const chosen =
      format ??
      (
        await vscode.window.showQuickPick(
          FORMATS.map((f) => ({ label: f.label, format: f.format, detail: formatCitation(paper, f.format).split('\n')[0] })),
          { title: `Copy Citation: ${paper.title}` },
        )
      )?.format;
    if (!chosen) return;
    await vscode.env.clipboard.writeText(formatCitation(paper, chosen));
    vscode.window.setStatusBarMessage(`$(check) Copied ${FORMATS.find((f) => f.format === chosen)!.label} for "${paper.title}"`, 3000);
  };
  return [
    vscode.commands.registerCommand('lectern.copyCitation', (arg?: unknown) => copy(arg)),
    ...FORMATS.map((f) => vscode.commands.registerCommand(f.command, (arg?: unknown) => copy(arg, f.format))),
  ];
}
