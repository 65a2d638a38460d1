import * as vscode from 'vscode';
import type { ConnectionState } from './connection-state';
import type { SharedLibrary } from './shared-library';

/** The status-bar item's text and background for each state (`off`: hidden). */
function statusText(state: ConnectionState): { text: string; background?: string } {
  switch (state) {
    case 'off':
      return { text: '' };
    case 'connecting':
      return { text: vscode.l10n.t('$(sync~spin) Shared library: connecting') };
    case 'connected':
      return { text: vscode.l10n.t('$(database) Shared library') };
    case 'offline':
      return { text: vscode.l10n.t('$(debug-disconnect) Shared library: offline'), background: 'statusBarItem.warningBackground' };
    case 'needs-password':
      return { text: vscode.l10n.t('$(key) Shared library: password needed'), background: 'statusBarItem.warningBackground' };
    case 'wrong-password':
      return { text: vscode.l10n.t('$(key) Shared library: wrong password'), background: 'statusBarItem.errorBackground' };
    case 'schema-newer':
      return { text: vscode.l10n.t('$(warning) Shared library: update Lectern'), background: 'statusBarItem.errorBackground' };
    case 'no-schema':
      return { text: vscode.l10n.t('$(warning) Shared library: no library'), background: 'statusBarItem.errorBackground' };
  }
}

/**
 * The shared library's status-bar item (beside Lectern's own): its state, the library's name and the last problem
 * in the tooltip; clicking it offers what fits the state. A fault is also said once in a notification, not at
 * every retry.
 */
export function registerSharedStatus(shared: SharedLibrary): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem('lectern.sharedLibrary', vscode.StatusBarAlignment.Left, 49);
  item.name = vscode.l10n.t('Lectern Shared Library');
  item.command = 'lectern.sharedLibraryActions';
  let notified: ConnectionState | undefined;
  const render = (state: ConnectionState) => {
    if (state === 'off') {
      item.hide();
      notified = undefined;
      return;
    }
    const { text, background } = statusText(state);
    item.text = text;
    item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    const label = shared.label ?? '';
    item.tooltip = shared.lastProblem ?? vscode.l10n.t('Lectern: the shared library {0}. Click for its actions.', label);
    item.accessibilityInformation = { label: `${text.replace(/\$\([^)]*\)\s*/g, '')}. ${shared.lastProblem ?? label}` };
    item.show();
    if (state === 'connected') notified = undefined;
    else if (state !== 'connecting' && state !== notified && shared.lastProblem) {
      notified = state;
      void vscode.window.showWarningMessage(shared.lastProblem, vscode.l10n.t('Show Actions')).then((choice) => {
        if (choice) void vscode.commands.executeCommand('lectern.sharedLibraryActions');
      });
    }
  };
  render(shared.state);
  return [item, shared.onDidChangeState(render)];
}
