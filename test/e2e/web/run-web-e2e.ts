// Lectern in VS Code for the Web, end to end: the extension is packaged with only its `browser` entry (no `main`, no
// Node bundle), so code-server can run it nowhere but in the workbench's web worker extension host; then the
// journeys in web-extension.journey.ts drive it in headless Chromium:
//   npm run build && node --import tsx test/e2e/web/run-web-e2e.ts      (npm run test:e2e:web)
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runE2ESession } from '../harness/e2e-session';
import { packageExtension } from '../harness/package-extension';
import { paths } from '../harness/paths';

const manifest = JSON.parse(readFileSync(join(paths.repoRoot, 'package.json'), 'utf8')) as Record<string, unknown> & { browser?: string };
if (!manifest.browser || !existsSync(join(paths.repoRoot, manifest.browser))) {
  console.error('e2e: package.json "browser" is missing or not built; run `npm run build` first.');
  process.exit(1);
}

/**
 * A copy of the extension as the Marketplace would ship it, minus `main` and the Node bundles. `"type": "module"`
 * goes too: VS Code 1.100's web host takes an extension of that type without a `.cjs` `main` for an ES module, and
 * refuses it ("ESM modules are not supported in the web worker extension host"). (vsce refuses
 * `extensionKind: ["web"]`, so marking the full package instead is not an option.)
 */
function stageWebOnlyExtension(): string {
  const stage = join(paths.e2eDir, 'web-extension');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const shipped = ['dist/web', 'dist/webview', 'media', 'corpus', 'schemas', 'l10n', 'README.md', 'LICENSE', '.vscodeignore'];
  const nls = readdirSync(paths.repoRoot).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name));
  for (const item of [...shipped, ...nls]) {
    if (existsSync(join(paths.repoRoot, item))) cpSync(join(paths.repoRoot, item), join(stage, item), { recursive: true });
  }
  const { main: _main, type: _type, scripts: _scripts, ...browserOnly } = manifest;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(browserOnly, null, 2));
  return stage;
}

const stage = stageWebOnlyExtension();
const vsix = packageExtension(stage, join(paths.e2eDir, 'lectern-web.vsix'));
console.log(`e2e: packaged the browser-only ${vsix}`);

const ok = await runE2ESession({
  vsix: [vsix],
  extensionDevelopmentPath: stage,
  suiteDirs: [],
  journeyFiles: [join(paths.repoRoot, 'test', 'e2e', 'web', 'web-extension.journey.ts')],
  workspaceTemplate: join(paths.repoRoot, 'test', 'e2e', 'workspace'),
  activityBarItem: 'Lectern',
});
process.exitCode = ok ? 0 : 1;
