import * as vscode from 'vscode';
import type { LibraryService } from '../../library/library-service';

/**
 * Restricted Mode (an untrusted workspace, e.g. a notes repository just cloned). Lectern declares
 * `untrustedWorkspaces: limited`: reading works (the views, search, the reader, hovers, copying
 * citations) and so do the user's own explicit edits of notes that exist (typing in a note or the
 * notes pane, Set Status, Set Tags, Insert Citation into the open document). What would write files
 * the user did not open — a new note made from the workspace's note template, `.lectern/topics.json`
 * (topic curation), a corpus file copied in and the workspace settings (Add Corpus File, the sample)
 * — is refused with a message until the workspace is trusted.
 */

/** The message for an `action` (e.g. "Creating a note") refused in Restricted Mode. */
export function restrictedModeMessage(action: string): string {
  return vscode.l10n.t(
    'Lectern: {0} is off in Restricted Mode, because it writes files into this workspace. Trust the workspace (Manage Workspace Trust) to use it.',
    action,
  );
}

/**
 * True, after telling the user why, when the workspace is not trusted: the caller stops there.
 * `action` names what was refused, as the start of a sentence ("Creating a note").
 */
export function refusedInRestrictedMode(action: string): boolean {
  if (vscode.workspace.isTrusted) return false;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window.showWarningMessage(restrictedModeMessage(action), manage).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return true;
}

/**
 * Once the user trusts the workspace, the library is read again: the workspace's own values of the
 * restricted settings (`capabilities.untrustedWorkspaces.restrictedConfigurations` in package.json,
 * the import limits) were ignored until then.
 */
export function registerTrust({
  library,
  output,
}: {
  library: Pick<LibraryService, 'reload'>;
  output: vscode.LogOutputChannel;
}): vscode.Disposable[] {
  if (!vscode.workspace.isTrusted)
    output.info('Restricted Mode: new notes, topic edits and adding corpus files are off until the workspace is trusted.');
  return [
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.info('The workspace is trusted now: every Lectern action is on; reading the library again with its own settings.');
      library.reload().catch(() => undefined); // reload() reports its own failures
    }),
  ];
}
