import * as vscode from 'vscode';

/** Whether something (a file or a folder) is at `uri`, through `workspace.fs` so remote and virtual files count. */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
