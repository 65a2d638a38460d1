import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the harness reads and writes for a checkout at `repoRoot`; `.e2e/` and `test-results/` are git-ignored. */
export function harnessPaths(repoRoot: string) {
  const e2eDir = join(repoRoot, '.e2e');
  return {
    repoRoot,
    /** Installs, packaged `.vsix` files and one `run-<id>/` folder per run (logs, workspace copies, user data). */
    e2eDir,
    /** Screenshots, one per journey (and one per failure). */
    screenshotsDir: join(repoRoot, 'test-results', 'e2e'),
    installScript: join(repoRoot, 'scripts', 'e2e', 'install-code-server.sh'),
    codeServerBin: join(e2eDir, 'code-server', 'node_modules', '.bin', 'code-server'),
    chromiumBin: '/usr/bin/chromium',
  };
}

/** The paths of this checkout. */
export const paths = harnessPaths(resolve(fileURLToPath(new URL('../../..', import.meta.url))));

/**
 * Unix socket paths are limited to 107 bytes on Linux (`sun_path`), and Chromium, code-server and
 * VS Code create theirs under TMPDIR, XDG_RUNTIME_DIR, the browser profile and code-server's session
 * socket. Under the checkout (`.e2e/run-…/tmp`) a clone at a 60-character path already overflowed, so
 * everything that holds a socket lives in a short folder under the OS temp dir instead.
 */
export const maxSocketPathBytes = 100;

/** The OS temp dir, or `/tmp` when TMPDIR itself is too long to leave room for socket names under it. */
export function shortTempRoot(osTemp = tmpdir()): string {
  return Buffer.byteLength(osTemp) <= 32 ? osTemp : '/tmp';
}

/** Creates a fresh `/tmp/lectern-e2e-XXXXXX` (the caller removes it when done). */
export function createSocketDir(root = shortTempRoot()): string {
  return mkdtempSync(join(root, 'lectern-e2e-'));
}

/** The socket-bearing folders of one process tree (code-server or Chromium) inside its socket dir. */
export function socketDirLayout(socketDir: string) {
  return {
    socketDir,
    /** TMPDIR: Chromium's `.org.chromium.Chromium.XXXXXX/SingletonSocket`, VS Code's git and IPC sockets. */
    tmp: join(socketDir, 'tmp'),
    /** XDG_RUNTIME_DIR: VS Code's `vscode-ipc-<uuid>.sock` when it is set. */
    xdgRuntime: join(socketDir, 'run'),
    xdgConfig: join(socketDir, 'config'),
    xdgData: join(socketDir, 'data'),
    xdgCache: join(socketDir, 'cache'),
    /** code-server's `--session-socket` (by default `<user-data-dir>/code-server-ipc.sock`, under the checkout). */
    sessionSocket: join(socketDir, 'cs.sock'),
    /** Chromium's profile (`SingletonSocket` link) and HOME. */
    chromiumProfile: join(socketDir, 'profile'),
    chromiumHome: join(socketDir, 'home'),
  };
}

export type SocketDirLayout = ReturnType<typeof socketDirLayout>;

/** The longest sockets the processes of a run create under `layout` (names as Chromium, code-server and VS Code 1.100 make them). */
export function expectedSocketPaths(layout: SocketDirLayout): string[] {
  const uuid = '00000000-0000-0000-0000-000000000000';
  return [
    join(layout.tmp, '.org.chromium.Chromium.XXXXXX', 'SingletonSocket'),
    join(layout.chromiumProfile, 'SingletonSocket'),
    layout.sessionSocket,
    join(layout.xdgRuntime, `vscode-ipc-${uuid}.sock`),
    join(layout.tmp, `vscode-ipc-${uuid}.sock`),
    join(layout.xdgRuntime, 'vscode-git-0123456789.sock'),
    join(layout.tmp, 'vscode-git-0123456789.sock'),
  ];
}
