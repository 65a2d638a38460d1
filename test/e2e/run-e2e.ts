// Lectern's end-to-end tests in real VS Code (code-server + headless Chromium):
//   npm run build && node --import tsx test/e2e/run-e2e.ts
// Runs the UI journeys in test/e2e/journeys/*.journey.ts against the packaged .vsix, then the
// extension-host mocha suites test/e2e/suite/ (index.ts + *.test.ts) and test/e2e/multi-root/ (its own
// two-folder workspace) against the built extension.
// Env: E2E_FILTER=<text> (only journeys whose name contains it), E2E_SUITE=<text> (only suite files whose name contains it), E2E_KEEP=1 (keep .e2e/run-<id>/),
// E2E_VERBOSE=1 (all browser console lines of the extension-host suite), E2E_NO_WORKSPACE_WARMUP=1 (see README: a multi-root window).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runE2ESession } from './harness/e2e-session';
import { packageExtension } from './harness/package-extension';
import { paths } from './harness/paths';

interface Manifest {
  main?: string;
  contributes?: { viewsContainers?: { activitybar?: { title?: string }[] } };
}

const e2eDir = join(paths.repoRoot, 'test', 'e2e');
const manifest = JSON.parse(readFileSync(join(paths.repoRoot, 'package.json'), 'utf8')) as Manifest;

if (!manifest.main) {
  console.error('e2e: package.json has no "main": there is no extension to test (the harness alone: `npm run test:e2e:smoke`).');
  process.exit(1);
}
const main = resolve(paths.repoRoot, manifest.main);
if (![main, `${main}.js`].some(existsSync)) {
  console.error(`e2e: ${manifest.main} (package.json "main") is not built; run \`npm run build\` first.`);
  process.exit(1);
}
const vscodeignore = join(paths.repoRoot, '.vscodeignore');
if (!existsSync(vscodeignore) || !readFileSync(vscodeignore, 'utf8').includes('.e2e')) {
  // vsce does not read .gitignore: without this it would pack the 300 MB code-server install.
  console.error('e2e: .vscodeignore must exclude `.e2e/**` (and `test-results/**`) before packaging.');
  process.exit(1);
}

const journeysDir = join(e2eDir, 'journeys');
const journeyFiles = existsSync(journeysDir)
  ? readdirSync(journeysDir)
      .filter((name) => name.endsWith('.journey.ts'))
      .sort()
      .map((name) => join(journeysDir, name))
  : [];
const suiteDirs = ['suite', 'multi-root'].map((name) => join(e2eDir, name)).filter((dir) => existsSync(join(dir, 'index.ts')));
if (journeyFiles.length === 0 && suiteDirs.length === 0) {
  console.error('e2e: nothing to run: no test/e2e/journeys/*.journey.ts and no test/e2e/suite/index.ts.');
  process.exit(1);
}

const started = Date.now();
const vsix = packageExtension(paths.repoRoot, join(paths.e2eDir, 'lectern.vsix'));
console.log(`e2e: packaged ${vsix} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const ok = await runE2ESession({
  vsix: [vsix],
  extensionDevelopmentPath: paths.repoRoot,
  suiteDirs,
  journeyFiles,
  workspaceTemplate: join(e2eDir, 'workspace'),
  activityBarItem: manifest.contributes?.viewsContainers?.activitybar?.[0]?.title,
});
process.exitCode = ok ? 0 : 1;
