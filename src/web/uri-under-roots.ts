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
