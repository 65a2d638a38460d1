import * as vscode from 'vscode';
import { uriExists } from '../../adapters/uri-exists';
import { basename } from 'node:path';
import type { Paper } from '../../../core/model/paper';
import { pdfFileName } from '../../../core/pdf/pdf-candidates';
import type { PaperPdfs } from './paper-pdfs';

/**
 * Lectern: Attach PDF…: asks for a PDF, then copies it into the first PDF folder as `<paper id>.pdf` (found by
 * name from then on, shared through git) or links it where it is (remembered for this workspace; the file is
 * only read). The copy goes into the workspace only: a folder outside it is never written. True when attached.
 */
export async function attachPdf(paper: Paper, pdfs: PaperPdfs, given?: vscode.Uri): Promise<boolean> {
  const source =
    given ??
    (
      await vscode.window.showOpenDialog({
        title: `Lectern: Attach PDF to “${paper.title}”`,
        canSelectMany: false,
        filters: { PDF: ['pdf', 'PDF'] },
        openLabel: 'Attach',
      })
    )?.[0];
  if (!source) return false;
  const workspaceFolder = pdfs.workspaceFolder(paper);
  const target = pdfs
    .folders(paper)
    .map((folder) => vscode.Uri.file(folder))
    .find((folder) => workspaceFolder && vscode.workspace.getWorkspaceFolder(folder)?.uri.toString() === workspaceFolder.uri.toString());
  const copyLabel = target ? `Copy into ${vscode.workspace.asRelativePath(target)} as ${pdfFileName(paper.id)}` : undefined;
  const choice = await vscode.window.showQuickPick(
    [
      ...(copyLabel
        ? [{ label: copyLabel, detail: 'The workspace keeps its own copy (shared with git, found by the paper id).', copy: true }]
        : []),
      {
        label: `Link to ${basename(source.fsPath)} where it is`,
        detail: 'Lectern reads the file where it is and never changes it.',
        copy: false,
      },
    ],
    { title: `Lectern: Attach PDF to “${paper.title}”` },
  );
  if (!choice) return false;
  if (!choice.copy || !target) {
    await pdfs.link(paper.id, source.fsPath);
    return true;
  }
  const destination = vscode.Uri.joinPath(target, pdfFileName(paper.id));
  if (await uriExists(destination)) {
    const replace = await vscode.window.showWarningMessage(
      `Lectern: ${vscode.workspace.asRelativePath(destination)} already exists. Replace it with ${basename(source.fsPath)}?`,
      { modal: true },
      'Replace',
    );
    if (replace !== 'Replace') return false;
  }
  await vscode.workspace.fs.createDirectory(target);
  await vscode.workspace.fs.copy(source, destination, { overwrite: true });
  await pdfs.link(paper.id, undefined);
  return true;
}
