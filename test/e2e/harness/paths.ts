import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the end-to-end harness reads and writes; everything under `.e2e/` and `test-results/` is git-ignored. */
export const paths = (() => {
  const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
  const e2eDir = join(repoRoot, '.e2e');
  return {
    repoRoot,
    /** Installs, packaged `.vsix` files and one `run-<id>/` folder per run. */
    e2eDir,
    /** Screenshots, one per journey (and one per failure). */
    screenshotsDir: join(repoRoot, 'test-results', 'e2e'),
    installScript: join(repoRoot, 'scripts', 'e2e', 'install-code-server.sh'),
    codeServerBin: join(e2eDir, 'code-server', 'node_modules', '.bin', 'code-server'),
    chromiumBin: '/usr/bin/chromium',
  };
})();
