import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { CodeServer } from './code-server';

/**
 * Why a multi-root window needs this (code-server 4.100.3, VS Code 1.100): the web workbench takes a
 * `.code-workspace` file's folders first from its configuration cache (in the user data on the server, empty the
 * first time a workspace file is opened) while it reads the file itself over the same remote connection. When both
 * reads come back in one turn, the file's folders arrive after the workspace was built from the cache and before the
 * workspace service holds it, so they are dropped: the window is a workspace with no folders for good (the explorer
 * says "You have not yet added a folder to the workspace"; a reload, which reads the now filled cache, opens it
 * right). In VS Code's source: WorkspaceConfiguration.waitAndInitialize fires while WorkspaceService.initialize is
 * between createMultiFolderWorkspace and updateWorkspaceAndInitializeConfiguration. A window whose cache already
 * holds the file starts with its folders, so the file's arrival changes nothing. Figures: test/e2e/README.md.
 */

/** Where the workbench caches each opened `.code-workspace` file (one `workspaces/<id>/workspace.json` per workspace). */
export function workspaceCacheDir(userDataDir: string): string {
  return join(userDataDir, 'User', 'caches', 'CachedConfigurations', 'workspaces');
}

/**
 * Whether the workbench under `userDataDir` wrote `workspaceFile`'s current text into its configuration cache at or
 * after `since` (epoch ms). Cache entries are named by a hash of the workspace's URI, not by its path, and copies of
 * one fixture have the same text: only an entry written by the window just opened tells that its workspace is cached.
 */
export function cachedSince(userDataDir: string, workspaceFile: string, since: number): boolean {
  const dir = workspaceCacheDir(userDataDir);
  if (!existsSync(dir)) return false;
  const text = readFileSync(workspaceFile, 'utf8');
  return readdirSync(dir).some((id) => {
    const entry = join(dir, id, 'workspace.json');
    try {
      return statSync(entry).mtimeMs >= since && (JSON.parse(readFileSync(entry, 'utf8')) as { content?: unknown }).content === text;
    } catch {
      return false; // Not written yet, or half written.
    }
  });
}

/**
 * Opens `workspaceFile` once in a page of its own and closes it as soon as the workbench has cached the file, so
 * that the next window on it starts with its folders. Resolves with the milliseconds it took, or undefined (and
 * says so) if the cache was not written within `timeoutMs`; the caller then opens its window anyway.
 */
export async function warmWorkspaceCache(
  server: CodeServer,
  context: BrowserContext,
  workspaceFile: string,
  timeoutMs = 30_000,
): Promise<number | undefined> {
  // Less a little: the kernel stamps files with a coarse clock, up to a tick behind Date.now().
  const started = Date.now() - 20;
  const page = await context.newPage();
  try {
    await page.goto(server.workbenchUrl(workspaceFile));
    while (!cachedSince(server.userDataDir, workspaceFile, started)) {
      if (Date.now() - started > timeoutMs) {
        console.log(
          `e2e: the workbench did not cache ${workspaceFile} within ${timeoutMs / 1000} s; its window may open without its folders`,
        );
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Date.now() - started;
  } finally {
    await page.close().catch(() => undefined);
  }
}
