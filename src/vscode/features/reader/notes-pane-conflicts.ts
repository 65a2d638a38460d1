import * as vscode from 'vscode';
import type { NotePaneSyncOptions } from './note-pane-sync';

/** Read-only documents holding the notes pane's version of a note after a conflict, for Compare. */
export const PANE_VERSION_SCHEME = 'lectern-notes-pane';

type Conflict = Parameters<NotePaneSyncOptions['showConflict']>[0];

/**
 * Conflicts between the reader's notes pane and the note: the warning with Compare / Open Note,
 * and the pane's version of each conflicted note as a read-only document for as long as the
 * window lives (the note itself keeps it too, in a "Notes pane conflict" section).
 */
export class NotesPaneConflicts implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly paneVersions = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  /** Tells the user; never waits for them (the notes pane's queue goes on). */
  readonly show = ({ paperId, noteUri, paneNote, count }: Conflict): void => {
    const uri = vscode.Uri.from({ scheme: PANE_VERSION_SCHEME, path: `/${paperId}/${noteUri.path.split('/').pop() ?? `${paperId}.md`}` });
    this.paneVersions.set(uri.toString(), paneNote);
    this.changeEmitter.fire(uri);
    const file = vscode.workspace.asRelativePath(noteUri);
    const compare = vscode.l10n.t('Compare');
    const openNote = vscode.l10n.t('Open Note');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Lectern: {0} was changed in the notes pane and elsewhere at the same time. Nothing was lost: the note keeps the other change, and the pane\'s version of {1} is in a "Notes pane conflict" section at its end.',
          file,
          count === 1 ? vscode.l10n.t('that passage') : vscode.l10n.t('{0} passages', count),
        ),
        compare,
        openNote,
      )
      .then(async (choice) => {
        if (choice === compare)
          await vscode.commands.executeCommand('vscode.diff', uri, noteUri, vscode.l10n.t('{0}: notes pane ↔ note', file), {
            preview: true,
          });
        else if (choice === openNote)
          await vscode.window.showTextDocument(noteUri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      });
  };

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.paneVersions.get(uri.toString()) ??
      vscode.l10n.t(
        'Lectern: this version of the notes pane is no longer available (it is still in the note’s "Notes pane conflict" section).',
      )
    );
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
