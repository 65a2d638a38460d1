import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from '../../support/free-port';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onExit } from './on-exit';
import { createSocketDir, paths, socketDirLayout } from './paths';
import { killProcessTree, stopProcessTree } from './process-tree';

/** User settings for a quiet workbench: no welcome page, tips, telemetry, update checks or git prompts. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  // The run folder lives inside this git repository: don't offer to open it.
  'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServerOptions {
  /** A fresh folder for this run; user data, extensions, config and logs go under it. */
  runDir: string;
  /**
   * A short folder for TMPDIR, the XDG dirs and code-server's session socket (see paths.ts: socket paths
   * must stay under ~107 bytes). Default: a fresh `/tmp/lectern-e2e-XXXXXX`, removed by `stop()`.
   */
  socketDir?: string;
  /** `.vsix` files to install before starting. */
  extensions?: string[];
  /** Extra user settings, merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** How long to wait for `/healthz`. */
  timeoutMs?: number;
  /** Listen on this port, or the next free one above it (at most 50 tried); default: any free port. */
  port?: number;
  /** Leave an existing `user-data/User/settings.json` as it is (default: rewrite it from `settings`). */
  keepUserSettings?: boolean;
  /** Keep VS Code's workspace trust on, so a folder opens in Restricted Mode (default: off, `--disable-workspace-trust`). */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  pid: number;
  logFile: string;
  /** code-server's `--user-data-dir` (settings, the workbench's caches). */
  userDataDir: string;
  /** The workbench page for `folder` (absolute path; a `.code-workspace` file opens that workspace), optionally with a `payload` (see extension-host-tests.ts). */
  workbenchUrl(folder: string, payload?: [string, string][]): string;
  /** `vscode-remote://127.0.0.1:PORT/<absolute path>`, how the web workbench names server-side files. */
  remoteUri(absolutePath: string): string;
  /** Stops code-server and everything it started (extension hosts, pty host, watchers). */
  stop(): Promise<void>;
  /** Resolves, with a description, when code-server's process (group leader) exits, for whatever reason. */
  exited: Promise<string>;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `first`, or the next free port above it. */
async function firstFreePort(first: number, tries = 50): Promise<number> {
  for (let port = first; port < first + tries && port <= 65535; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free port on 127.0.0.1 from ${first} to ${first + tries - 1}`);
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts code-server on a free 127.0.0.1 port with throwaway user data and the given extensions installed. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { runDir, extensions = [], settings = {}, timeoutMs = 30_000, keepUserSettings = false } = options;
  if (!existsSync(paths.codeServerBin)) {
    throw new Error(`code-server is not installed; run ${paths.installScript}`);
  }
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  const config = join(runDir, 'code-server.yaml');
  const logFile = join(runDir, 'code-server.log');
  const ownSocketDir = options.socketDir === undefined;
  const short = socketDirLayout(options.socketDir ?? createSocketDir());
  const removeSocketDir = () => {
    if (ownSocketDir) rmSync(short.socketDir, { recursive: true, force: true });
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Keep code-server out of the home directory, and its sockets on a short path.
    TMPDIR: short.tmp,
    XDG_RUNTIME_DIR: short.xdgRuntime,
    XDG_CONFIG_HOME: short.xdgConfig,
    XDG_DATA_HOME: short.xdgData,
    XDG_CACHE_HOME: short.xdgCache,
  };
  for (const dir of [
    join(userDataDir, 'User'),
    extensionsDir,
    short.tmp,
    short.xdgRuntime,
    short.xdgConfig,
    short.xdgData,
    short.xdgCache,
  ]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  if (!keepUserSettings || !existsSync(settingsFile))
    writeFileSync(settingsFile, JSON.stringify({ ...quietSettings, ...settings }, null, 2));
  writeFileSync(config, 'auth: none\ncert: false\n');
  const dirs = [
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--config',
    config,
    '--session-socket',
    short.sessionSocket,
  ];

  if (extensions.length > 0) {
    const install = extensions.flatMap((vsix) => ['--install-extension', vsix]);
    await promisify(execFile)(paths.codeServerBin, [...install, ...dirs], { env }).catch((error: Error & { stderr?: string }) => {
      removeSocketDir();
      throw new Error(`code-server --install-extension failed: ${error.message}\n${error.stderr ?? ''}`);
    });
  }

  const port = options.port === undefined ? await freePort() : await firstFreePort(options.port);
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    ...dirs,
  ];
  const log = openSync(logFile, 'a');
  // detached: its own session and process group (setsid), so stop() can end the whole tree.
  // The group leader is a small shell that also ends the group if this process dies without
  // cleaning up (SIGKILL), checking once a second.
  const watchdog =
    '"$0" "$@" & server=$!; while kill -0 "$E2E_RUNNER_PID" && kill -0 "$server"; do sleep 1; done 2>/dev/null; kill -TERM 0';
  const child = spawn('/bin/sh', ['-c', watchdog, paths.codeServerBin, ...args], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...env, E2E_RUNNER_PID: String(process.pid) },
  });
  closeSync(log);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) {
    removeSocketDir();
    throw new Error(`could not start ${paths.codeServerBin}`);
  }
  writeFileSync(join(runDir, 'code-server.pid'), String(pid)); // For stale-runs.ts, should this process be SIGKILLed.
  const unregister = onExit(() => {
    killProcessTree(pid, 'SIGKILL');
    removeSocketDir();
  });
  let exited: string | undefined;
  const exitedPromise = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => resolve((exited = `code-server exited (${signal ?? code})`)));
  });

  const stop = async () => {
    unregister();
    await stopProcessTree(pid);
    removeSocketDir();
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`${exited ?? `code-server not healthy after ${timeoutMs} ms`}; log ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    port,
    url,
    pid,
    logFile,
    userDataDir,
    workbenchUrl(folder, payload) {
      // A `.code-workspace` file opens as a (multi-root) workspace, anything else as a folder.
      let query = `${folder.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(folder)}`;
      if (payload) query += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return `${url}/?${query}`;
    },
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath}`,
    stop,
    exited: exitedPromise,
  };
}
