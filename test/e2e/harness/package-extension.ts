import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { paths } from './paths';

/**
 * Packages the extension in `extensionDir` into `outFile` with @vscode/vsce@3 (offline, about a
 * second; vsce runs the `vscode:prepublish` script if there is one). The flags keep it
 * non-interactive: vsce would otherwise ask about a missing `repository` field or LICENSE.
 */
export function packageExtension(extensionDir: string, outFile: string): string {
  // vsce does not create the output folder (absent on a clean clone).
  mkdirSync(dirname(outFile), { recursive: true });
  const vsce = join(paths.repoRoot, 'node_modules', '.bin', 'vsce');
  const args = [
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--skip-license',
    '-o',
    outFile,
  ];
  const result = spawnSync(vsce, args, { cwd: extensionDir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `vsce package failed in ${extensionDir} (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
    );
  }
  return outFile;
}
