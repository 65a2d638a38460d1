import type * as vscode from 'vscode';
import { activateLectern, type LecternApi } from './vscode/platform/activate-lectern';
import { nodePlatform } from './vscode/platform/node-platform';

export type { LecternApi } from './vscode/platform/activate-lectern';

/** The desktop entry (`main`): Lectern over a Node extension host. The web entry is `src/web/extension.ts`. */
export function activate(context: vscode.ExtensionContext): LecternApi {
  return activateLectern(context, nodePlatform(context.extensionUri));
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
