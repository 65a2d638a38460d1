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
        title: attachTitle(paper),
        canSelectMany: false,
        filters: { PDF: ['pdf', 'PDF'] },
        openLabel: vscode.l10n.t('Attach'),
      })
    )?.[0];
  if (!source) return false;
  const workspaceFolder = pdfs.workspaceFolder(paper);
  const target = pdfs
    .folders(paper)
    .map((folder) => vscode.Uri.file(folder))
    .find((folder) => workspaceFolder && vscode.workspace.getWorkspaceFolder(folder)?.uri.toString() === workspaceFolder.uri.toString());
  const copyLabel = target
    ? vscode.l10n.t('Copy into {0} as {1}', vscode.workspace.asRelativePath(target), pdfFileName(paper.id))
    : undefined;
  const choice = await vscode.window.showQuickPick(
    [
      ...(copyLabel
        ? [
            {
              label: copyLabel,
              detail: vscode.l10n.t('The workspace keeps its own copy (shared with git, found by the paper id).'),
              copy: true,
            },
          ]
        : []),
      {
        label: vscode.l10n.t('Link to {0} where it is', basename(source.fsPath)),
        detail: vscode.l10n.t('Lectern reads the file where it is and never changes it.'),
        copy: false,
      },
    ],
    { title: attachTitle(paper) },
  );
  if (!choice) return false;
  if (!choice.copy || !target) {
    await pdfs.link(paper.id, source.fsPath);
    return true;
  }
  const destination = vscode.Uri.joinPath(target, pdfFileName(paper.id));
  if (await uriExists(destination)) {
    const replaceLabel = vscode.l10n.t('Replace');
    const replace = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Lectern: {0} already exists. Replace it with {1}?',
        vscode.workspace.asRelativePath(destination),
        basename(source.fsPath),
      ),
      { modal: true },
      replaceLabel,
    );
    if (replace !== replaceLabel) return false;
  }
  await vscode.workspace.fs.createDirectory(target);
  await vscode.workspace.fs.copy(source, destination, { overwrite: true });
  await pdfs.link(paper.id, undefined);
  return true;
}

const attachTitle = (paper: Paper): string => vscode.l10n.t('Lectern: Attach PDF to “{0}”', paper.title);
