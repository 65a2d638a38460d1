import * as vscode from 'vscode';
import type { LecternApi } from '../../../src/extension';

/** Activates Lectern (as opening its view would) and returns its API. */
export async function lectern(): Promise<LecternApi> {
  const extension = vscode.extensions.getExtension<LecternApi>('lectern-research.lectern');
  if (!extension) throw new Error('the Lectern extension is not installed in this VS Code');
  return extension.activate();
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The workspace folder the test workbench opened. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e workbench opened no folder');
  return folder.uri;
}

const decoder = new TextDecoder();

/** A workspace file's text. */
export const readText = async (uri: vscode.Uri): Promise<string> => decoder.decode(await vscode.workspace.fs.readFile(uri));

/** Writes a workspace file as a user's editor or another program would. */
export const writeText = (uri: vscode.Uri, text: string): Thenable<void> =>
  vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

/** Whether a workspace file exists. */
export const fileExists = (uri: vscode.Uri): Thenable<boolean> =>
  vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
