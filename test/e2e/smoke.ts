// Proves the end-to-end harness on its own, with a minimal fixture extension instead of Lectern:
//   node --import tsx test/e2e/smoke.ts
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { notifications, runCommand, webviewFrame } from './harness/browser';
import { runE2ESession } from './harness/e2e-session';
import { journey } from './harness/journey-runner';
import { packageExtension } from './harness/package-extension';
import { paths } from './harness/paths';

const fixtures = join(paths.repoRoot, 'test', 'e2e', 'fixtures');
const extensionDir = join(fixtures, 'smoke-extension');

journey('the command palette runs "Smoke: Say Hello" and its notification shows', async ({ page }) => {
  await runCommand(page, 'Smoke: Say Hello');
  await notifications(page, 'Hello from the smoke extension').first().waitFor({ timeout: 15_000 });
});

journey('a webview opens and its DOM is reachable through the nested iframes', async ({ page }) => {
  await runCommand(page, 'Smoke: Show Webview');
  const heading = webviewFrame(page).locator('#hello');
  await heading.waitFor({ timeout: 20_000 });
  assert.equal(await heading.textContent(), 'Hello from the webview');
});

const started = Date.now();
const vsix = packageExtension(extensionDir, join(paths.e2eDir, 'smoke-extension.vsix'));
console.log(`e2e: packaged ${vsix} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const ok = await runE2ESession({
  vsix: [vsix],
  extensionDevelopmentPath: extensionDir,
  suiteDirs: [join(fixtures, 'smoke-suite')],
  journeyFiles: [],
  workspaceTemplate: join(paths.repoRoot, 'test', 'e2e', 'workspace'),
});
process.exitCode = ok ? 0 : 1;
