import * as vscode from 'vscode';

/** Says which `lectern.corpus` patterns matched no file: in the output channel, and a warning that offers Open Settings. */
export function warnUnmatchedGlobs(output: vscode.LogOutputChannel, globs: string[]): void {
  const listed = globs.map((g) => `"${g}"`).join(', ');
  const message =
    globs.length > 1
      ? vscode.l10n.t('Lectern: the corpus patterns {0} matched no files. Fix "lectern.corpus" in your settings or add the files.', listed)
      : vscode.l10n.t('Lectern: the corpus pattern {0} matched no files. Fix "lectern.corpus" in your settings or add the files.', listed);
  output.warn(message);
  void vscode.window.showWarningMessage(message, vscode.l10n.t('Open Settings')).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'lectern.corpus');
  });
}
