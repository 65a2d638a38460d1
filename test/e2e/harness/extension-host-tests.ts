import { basename } from 'node:path';
import { format } from 'node:util';
import type { BrowserContext, ConsoleMessage } from 'playwright-core';
import type { CodeServer } from './code-server';
import { hostOutputMarker } from './host-output';
import { warmWorkspaceCache } from './workspace-cache';

export interface ExtensionHostTestsOptions {
  server: CodeServer;
  context: BrowserContext;
  /** Absolute path of the folder (or `.code-workspace` file) to open. */
  workspace: string;
  /** Absolute path of the extension folder to load in development mode (its package.json `main` must be built). */
  extensionDevelopmentPath: string;
  /** Absolute path of the compiled CommonJS suite index exporting `run(): Promise<void>` (see compile-suite.ts). */
  extensionTestsPath: string;
  timeoutMs?: number;
  /** Print every console message of the page, not only the extension host's. */
  verbose?: boolean;
  /** Called with each line of extension-host output (see host-output.ts). */
  onLine?: (line: string) => void;
  /**
   * For a `.code-workspace` file: open it once first so the workbench caches it (see workspace-cache.ts), else the
   * window may open without its folders. Default true; false shows the problem (scripts/e2e/repeat-multi-root.sh).
   */
  warmWorkspaceCache?: boolean;
}

/**
 * Runs a mocha suite inside the (Node, remote) extension host of a code-server window and
 * resolves with its exit code (0 = all passed). code-server's CLI has no --extensionTestsPath,
 * but the web workbench reads it from the URL `payload`, as VS Code's own browser integration
 * tests do; when the suite finishes the workbench calls `window.codeAutomationExit(code)`.
 * The suite's output arrives as page console messages and is printed to stdout.
 */
export async function runExtensionHostTests(options: ExtensionHostTestsOptions): Promise<number> {
  const { server, context, workspace, timeoutMs = 120_000, verbose = false } = options;
  if (workspace.endsWith('.code-workspace') && options.warmWorkspaceCache !== false) {
    const warmed = await warmWorkspaceCache(server, context, workspace);
    if (warmed !== undefined) console.log(`e2e: the workbench cached ${basename(workspace)} (${(warmed / 1000).toFixed(1)} s)`);
  }
  const page = await context.newPage();
  let printing = Promise.resolve();
  const workbenchErrors: string[] = [];
  const print = async (message: ConsoleMessage) => {
    // Messages are styled: ['%c INFO', 'color: #33f', 'text', …]; util.format drops the %c styling.
    const args: unknown[] = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '<unserializable>')));
    const text = args.length > 0 ? format(...args) : message.text();
    const at = text.indexOf(hostOutputMarker);
    if (at >= 0) {
      const line = text.slice(at + hostOutputMarker.length);
      options.onLine?.(line);
      process.stdout.write(`  ${line.replace(/\n/g, '\n  ')}\n`);
    } else if (verbose) {
      process.stdout.write(`  [workbench] ${text}\n`);
    } else if (message.type() === 'error' && !text.startsWith('Failed to load resource')) {
      workbenchErrors.push(text);
    }
  };
  // Keep the lines in order although formatting each one is asynchronous.
  page.on('console', (message) => (printing = printing.then(() => print(message)).catch(() => undefined)));

  let timer: NodeJS.Timeout | undefined;
  try {
    let exit!: (code: number) => void;
    const exitCode = new Promise<number>((resolve, reject) => {
      exit = resolve;
      timer = setTimeout(() => reject(new Error(`extension-host tests did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', server.remoteUri(options.extensionDevelopmentPath)],
      ['extensionTestsPath', server.remoteUri(options.extensionTestsPath)],
    ];
    await page.goto(server.workbenchUrl(workspace, payload));
    const code = await exitCode;
    await new Promise((resolve) => setTimeout(resolve, 250)); // Let the last console messages arrive.
    await printing;
    if (code !== 0 && workbenchErrors.length > 0) {
      // E.g. the suite failed to load before it could mark its output.
      process.stdout.write(`  workbench errors:\n    ${workbenchErrors.join('\n').replace(/\n/g, '\n    ')}\n`);
    }
    return code;
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => undefined);
  }
}
