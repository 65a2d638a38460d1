// Regenerates test/fixtures/keybindings/vscode-<platform>.json: VS Code's default keymap for Linux,
// Windows and macOS, as the VS Code bundled in code-server (see test/e2e/) shows it with
// "Preferences: Open Default Keyboard Shortcuts (JSON)". The web workbench picks its platform from the
// browser's user agent, so headless Chromium is told a Windows, macOS or Linux user agent in turn.
//   node --import tsx scripts/dump-default-keybindings.ts
// Needs `npm run e2e:install` (code-server and Chromium). Keeps only `key` and `command`, what
// test/unit/keybindings.test.ts checks against. Env: KEYBINDINGS_KEEP=1 keeps .e2e/keybindings/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { chromium, type Page } from 'playwright-core';
import { HEADLESS_CHROMIUM_ARGS } from '../test/support/chromium-args';
import { runCommand, waitForWorkbench } from '../test/e2e/harness/browser';
import { startCodeServer } from '../test/e2e/harness/code-server';
import { createSocketDir, paths, socketDirLayout } from '../test/e2e/harness/paths';

/** Chromium 120-style user agents: VS Code's platform.ts looks for "Windows", "Macintosh" or "Linux" in it. */
const platforms = {
  linux: {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    platform: 'Linux x86_64',
  },
  windows: {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    platform: 'Win32',
  },
  macos: {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    platform: 'MacIntel',
  },
} as const;

type Platform = keyof typeof platforms;

interface Binding {
  key: string;
  command: string;
}

const fixturesDir = join(paths.repoRoot, 'test', 'fixtures', 'keybindings');
const runDir = join(paths.e2eDir, 'keybindings');

/** Opens the default keymap and reads it through the clipboard (Monaco's text is not all in the DOM). */
async function readDefaultKeymap(page: Page, platform: Platform): Promise<Binding[]> {
  await runCommand(page, 'Preferences: Open Default Keyboard Shortcuts (JSON)');
  // The default keymap's first line; the editor is the one that shows it.
  const lines = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'Override key bindings' }).first();
  await lines.waitFor({ state: 'visible', timeout: 30_000 });
  const editor = lines;
  await editor.click();
  await page.keyboard.press(platform === 'macos' ? 'Meta+A' : 'Control+A');
  // Chromium on Linux copies natively on Ctrl+Insert whatever the user agent says (Meta+C is not copy here).
  await page.keyboard.press('Control+Insert');
  // The page's code, as text: this script is typed for Node, without the DOM's types.
  const text = await page.evaluate<string>('navigator.clipboard.readText()');
  const entries = parse(text) as { key: string; command: string }[];
  if (!Array.isArray(entries) || entries.length < 100)
    throw new Error(`${platform}: the default keymap read has ${entries?.length} entries (${text.length} characters copied)`);
  const seen = new Set<string>();
  return entries
    .map(({ key, command }) => ({ key, command }))
    .filter((b) => {
      const id = `${b.key}\n${b.command}`;
      return !seen.has(id) && seen.add(id);
    });
}

async function dump(platform: Platform, url: string): Promise<Binding[]> {
  const short = socketDirLayout(createSocketDir());
  mkdirSync(short.tmp, { recursive: true });
  const context = await chromium.launchPersistentContext(short.chromiumProfile, {
    executablePath: paths.chromiumBin,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: HEADLESS_CHROMIUM_ARGS,
    userAgent: platforms[platform].userAgent,
    env: { ...process.env, HOME: short.chromiumHome, TMPDIR: short.tmp },
  });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    const value = platforms[platform].platform;
    await context.addInitScript(`Object.defineProperty(Navigator.prototype, 'platform', { get: () => ${JSON.stringify(value)} })`);
    const page = await context.newPage();
    await page.goto(url);
    await waitForWorkbench(page);
    // Built-in extensions (git, markdown, emmet…) add their bindings a few seconds after the workbench shows.
    await page.waitForTimeout(10_000);
    return await readDefaultKeymap(page, platform);
  } finally {
    await context.close();
    rmSync(short.socketDir, { recursive: true, force: true });
  }
}

rmSync(runDir, { recursive: true, force: true });
const workspace = join(runDir, 'workspace');
mkdirSync(workspace, { recursive: true });
const server = await startCodeServer({ runDir });
try {
  mkdirSync(fixturesDir, { recursive: true });
  for (const platform of Object.keys(platforms) as Platform[]) {
    const bindings = await dump(platform, server.workbenchUrl(workspace));
    const file = join(fixturesDir, `vscode-${platform}.json`);
    writeFileSync(file, `${JSON.stringify(bindings, null, 0).replace(/\},\{/g, '},\n{')}\n`);
    console.log(`${platform}: ${bindings.length} bindings → ${file}`);
  }
} finally {
  await server.stop();
  if (process.env.KEYBINDINGS_KEEP !== '1') rmSync(runDir, { recursive: true, force: true });
}
