import * as vscode from 'vscode';
import { describeConnection } from '../../../node/pg/pg-connection-error';
import { databaseSettingProblem } from './connection-state';
import { DATABASE_SETTING, type SharedLibrary } from './shared-library';
import { registerSharedStatus } from './shared-status';
import type { SharedTreeSource } from './shared-tree-source';

export interface SharedLibraryDeps {
  shared: SharedLibrary;
  sharedTree: SharedTreeSource;
  output: vscode.LogOutputChannel;
}

/** Arguments of Connect to a Shared Library… given by a caller instead of the input boxes (tests, other extensions). */
interface ConnectArgs {
  url?: string;
  password?: string;
}

/**
 * The shared PostgreSQL library's commands and status-bar item: Connect (the connection string when the setting
 * has none, then the password, kept in SecretStorage), Disconnect, Forget Password, and the status item's actions.
 * A library named in the settings is connected to at activation, in the background.
 */
export function registerSharedLibrary({ shared, sharedTree, output }: SharedLibraryDeps): vscode.Disposable[] {
  if (shared.url) void shared.connect();
  return [
    ...registerSharedStatus(shared),
    vscode.commands.registerCommand('lectern.connectSharedLibrary', (args?: ConnectArgs) => connectCommand(shared, output, args)),
    vscode.commands.registerCommand('lectern.disconnectSharedLibrary', async () => {
      await shared.disconnect();
      output.info('Shared library: disconnected.');
    }),
    vscode.commands.registerCommand('lectern.forgetSharedLibraryPassword', async () => {
      await shared.storePassword(undefined);
      await shared.disconnect();
      void vscode.window.showInformationMessage(
        vscode.l10n.t("Lectern: the password for {0} was removed from VS Code's secret storage.", shared.label ?? ''),
      );
    }),
    vscode.commands.registerCommand('lectern.sharedLibraryActions', () => showActions(shared, output)),
    vscode.commands.registerCommand('lectern.showMoreSharedPapers', (parentKey: unknown) => {
      if (typeof parentKey === 'string') sharedTree.showMore(parentKey);
    }),
  ];
}

/** Connect to a Shared Library…: resolves true when connected. */
async function connectCommand(shared: SharedLibrary, output: vscode.LogOutputChannel, args: ConnectArgs | undefined): Promise<boolean> {
  const url = args?.url ?? shared.url ?? (await askForUrl());
  if (!url) return false;
  const problem = databaseSettingProblem(url);
  if (problem) {
    const choice = await vscode.window.showErrorMessage(problem, vscode.l10n.t('Open Settings'));
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `lectern.${DATABASE_SETTING}`);
    return false;
  }
  const password =
    args?.password ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Lectern: Connect to a Shared Library'),
      prompt: vscode.l10n.t(
        'The password of {0} (leave empty if the server asks for none). VS Code keeps it in its secret storage.',
        describeConnection(url),
      ),
      password: true,
      ignoreFocusOut: true,
    }));
  if (password === undefined) return false;
  // The password first: writing the setting connects at once, and that connection must find it.
  await shared.storePassword(password || undefined, url);
  if (url !== shared.url)
    await vscode.workspace.getConfiguration('lectern').update(DATABASE_SETTING, url, vscode.ConfigurationTarget.Global);
  await shared.connect();
  if (shared.state === 'connected') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Lectern: connected to the shared library {0}.', shared.label ?? ''));
    return true;
  }
  // A refused password is not kept: the next Connect asks again.
  if (shared.state === 'wrong-password' || shared.state === 'needs-password') await shared.storePassword(undefined);
  output.warn(`Shared library: connecting failed (${shared.state}).`);
  return false;
}

function askForUrl(): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title: vscode.l10n.t('Lectern: Connect to a Shared Library'),
      prompt: vscode.l10n.t(
        "The shared library's connection string, without the password (saved in your user settings as lectern.library.database).",
      ),
      placeHolder: 'postgresql://user@host:5432/database',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? databaseSettingProblem(value.trim()) : undefined),
    })
    .then((value) => value?.trim() || undefined);
}

/** The status item's click: what can be done in the current state. */
async function showActions(shared: SharedLibrary, output: vscode.LogOutputChannel): Promise<void> {
  const run =
    (command: string, ...args: unknown[]) =>
    () =>
      vscode.commands.executeCommand(command, ...args);
  const actions: Array<vscode.QuickPickItem & { run: () => Thenable<unknown> }> = [];
  const state = shared.state;
  if (state === 'offline') actions.push({ label: vscode.l10n.t('$(refresh) Reconnect Now'), run: () => shared.connect() });
  if (state !== 'connected')
    actions.push({ label: vscode.l10n.t('$(key) Connect to a Shared Library…'), run: run('lectern.connectSharedLibrary') });
  if (state === 'connected') actions.push({ label: vscode.l10n.t('$(search) Search Papers'), run: run('lectern.searchPapers') });
  if (state !== 'off')
    actions.push({ label: vscode.l10n.t('$(debug-disconnect) Disconnect'), run: run('lectern.disconnectSharedLibrary') });
  actions.push(
    { label: vscode.l10n.t('$(trash) Forget the Password'), run: run('lectern.forgetSharedLibraryPassword') },
    { label: vscode.l10n.t('$(settings-gear) Open Settings'), run: run('workbench.action.openSettings', `lectern.${DATABASE_SETTING}`) },
    {
      label: vscode.l10n.t('$(output) Show Output'),
      run: () => Promise.resolve(output.show(true)),
    },
  );
  const choice = await vscode.window.showQuickPick(actions, {
    title: vscode.l10n.t('Lectern: Shared Library {0}', shared.label ?? ''),
    placeHolder: shared.lastProblem ?? vscode.l10n.t('Connected'),
  });
  await choice?.run();
}
