import * as vscode from 'vscode';

/**
 * The URI of `path` (a `Uri.fsPath` string, as Lectern keeps paths) when the folders it lives in are not `file:`
 * URIs, as in VS Code for the Web: the root whose path holds it lends its scheme and authority. A `file:` root, or
 * a path under no root, gives `Uri.file(path)`, as on the desktop.
 *
 * @example uriUnderRoots('/ws/refs.bib', [Uri.parse('vscode-remote://host/ws')]) // vscode-remote://host/ws/refs.bib
 */
export function uriUnderRoots(path: string, roots: readonly vscode.Uri[]): vscode.Uri {
  const slashed = path.replace(/\\/g, '/');
  let best: vscode.Uri | undefined;
  for (const root of roots) {
    const rootPath = root.fsPath.replace(/\\/g, '/').replace(/\/+$/, '');
    const inside = slashed === rootPath || slashed.startsWith(`${rootPath}/`);
    if (inside && (!best || rootPath.length > best.fsPath.length)) best = root;
  }
  if (!best || best.scheme === 'file') return vscode.Uri.file(path);
  const rootFsPath = best.fsPath.replace(/\\/g, '/').replace(/\/+$/, '');
  const rest = slashed.slice(rootFsPath.length);
  return best.with({ path: `${best.path.replace(/\/+$/, '')}${rest}` });
}

/**
 * Paths to URIs for a window: under a workspace folder or the extension's own folder, that root's scheme; a
 * virtual workspace (a `vscode-vfs:` folder on the desktop, a `vscode-remote:` one on the web) gets URIs VS Code's
 * file system can read. Elsewhere a `file:` URI, as before.
 */
export function pathUris(extensionUri: vscode.Uri): (path: string) => vscode.Uri {
  return (path) => uriUnderRoots(path, [...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri), extensionUri]);
}

/** At most `maxBytes + 1` bytes of `uri`, through `workspace.fs` (which reads whole files: `stat` checked the size first). */
export async function readThroughWorkspaceFs(uri: vscode.Uri, maxBytes: number): Promise<Uint8Array> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  return bytes.byteLength > maxBytes + 1 ? bytes.subarray(0, maxBytes + 1) : bytes;
}
