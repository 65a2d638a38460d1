// `npm run test:electron`: the extension-host suite (test/e2e/suite/) in desktop VS Code through
// @vscode/test-electron, for contributors with internet access (it downloads VS Code into
// .e2e/vscode-test/) and a desktop (on a headless Linux box, run it under xvfb-run).
//   npm run build && node --import tsx scripts/test-electron.ts
// Without internet (as on CI and the project's machines) it stops with a message: use
// `npm run test:e2e`, which runs the same suite (and the UI journeys) in code-server.
// Env: VSCODE_VERSION (default: latest stable), VSCODE_EXECUTABLE_PATH (an installed VS Code:
// no download).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { compileSuite } from '../test/e2e/harness/compile-suite';
import { paths } from '../test/e2e/harness/paths';

const root = paths.repoRoot;
const fail = (message: string): never => {
  console.error(`Lectern: ${message}`);
  process.exit(1);
};

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main?: string };
if (!manifest.main || !existsSync(resolve(root, manifest.main)))
  fail(`${manifest.main ?? 'the extension'} is not built: run \`npm run build\` first.`);

// Inside the repository, so that the compiled suite's `require('mocha')` finds node_modules.
const suiteIndex = await compileSuite(join(root, 'test', 'e2e', 'suite'), join(paths.e2eDir, 'test-electron', 'suite'));
const workspace = mkdtempSync(join(tmpdir(), 'lectern-electron-workspace-'));
cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });

/** Network errors of the VS Code download (DNS, refused, reset, timeout), anywhere in the cause chain. */
function downloadFailure(error: unknown): string | undefined {
  const networkCodes = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;
  for (
    let e = error as { code?: unknown; message?: unknown; hostname?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && networkCodes.test(e.code))
      return `${e.code}${typeof e.hostname === 'string' ? ` ${e.hostname}` : ''}`;
    const text = typeof e === 'string' ? e : typeof e.message === 'string' ? e.message : '';
    if (/getaddrinfo|Failed to get VS Code archive|Failed to download|TimeoutError|timed out/i.test(text)) return text;
  }
  return undefined;
}

let exitCode = 0;
try {
  exitCode = await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: suiteIndex,
    launchArgs: [workspace, '--disable-extensions'],
    cachePath: join(paths.e2eDir, 'vscode-test'),
    version: process.env.VSCODE_VERSION,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
  });
} catch (error) {
  exitCode = 1;
  const network = downloadFailure(error);
  if (network !== undefined) {
    console.error(
      `Lectern: @vscode/test-electron could not download VS Code (${network}): this machine cannot reach Microsoft's update server.\n` +
        '  Run the same extension-host suite, plus the UI journeys, in code-server instead: npm run test:e2e\n' +
        '  (or point VSCODE_EXECUTABLE_PATH at an installed desktop VS Code).',
    );
  } else {
    // runTests rejects (TestRunFailedError) when the suite fails or VS Code cannot start.
    console.error(`Lectern: the extension-host suite failed in desktop VS Code: ${(error as Error).message ?? error}`);
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
process.exitCode = exitCode;
