import * as vscode from 'vscode';
import type { PaperPdfs } from './paper-pdfs';

/** How long PDF changes settle before the full text is read again: a folder copied in is one refresh. */
const SETTLE_MS = 500;

/**
 * Watches `**\/*.pdf` under each folder of `lectern.pdf.folders` (for every workspace folder, and absolute ones)
 * and calls `onChange` once a burst of creations, changes and deletions has settled, so a PDF copied in, replaced
 * or deleted is searched (or dropped) without a library change. The watchers are made again when the setting or
 * the workspace folders change.
 */
export function watchPdfFolders(pdfs: PaperPdfs, onChange: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, SETTLE_MS);
  };
  let watchers: vscode.FileSystemWatcher[] = [];
  const watch = () => {
    for (const watcher of watchers) watcher.dispose();
    const roots = vscode.workspace.workspaceFolders ?? [undefined];
    const folders = new Set(roots.flatMap((root) => pdfs.foldersOf(root)));
    watchers = [...folders].map((folder) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '**/*.{pdf,PDF}'));
      watcher.onDidCreate(changed);
      watcher.onDidChange(changed);
      watcher.onDidDelete(changed);
      return watcher;
    });
  };
  watch();
  const subscriptions = [
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('lectern.pdf.folders')) watch();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(watch),
  ];
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    for (const disposable of [...subscriptions, ...watchers]) disposable.dispose();
  });
}
