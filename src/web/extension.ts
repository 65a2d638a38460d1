import type * as vscode from 'vscode';
import { activateLectern, type LecternApi } from '../vscode/platform/activate-lectern';
import { webPlatform } from './web-platform';

/** The web entry (`browser`): Lectern in VS Code for the Web, where the extension host is a browser worker. */
export function activate(context: vscode.ExtensionContext): LecternApi {
  return activateLectern(context, webPlatform(context.extensionUri));
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
