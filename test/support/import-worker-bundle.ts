import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './shared-corpora';

/**
 * Bundles the corpus worker (`import-worker.ts`) from source into a fresh temporary folder, as `npm run build` does
 * for `dist/`, so worker tests run the code under test rather than a stale build. Returns the folder.
 */
export async function bundleImportWorker(prefix: string): Promise<string> {
  const bundleDir = mkdtempSync(join(tmpdir(), prefix));
  await build({
    entryPoints: [join(repoRoot, 'src/vscode/library/import-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: join(bundleDir, 'import-worker.cjs'),
    logLevel: 'error',
  });
  return bundleDir;
}
