// `npm run screenshots`: the README's screenshots, taken in real VS Code (code-server + headless
// Chromium, through the e2e harness) with the packaged Lectern on a copy of test/e2e/workspace/.
//   npm run build && node --import tsx scripts/take-screenshots.ts
// Writes media/screenshots/<name>.png (Default Light Modern) and <name>-dark.png (Default Dark
// Modern) for every shot in `shots` below, at a 1400×900 window, cropped to the shot's area.
// Each theme gets its own fresh code-server and browser, so shots do not depend on a previous run.
// Env: SHOTS=name,name (only those), SCREENSHOTS_KEEP=1 (keep .e2e/screenshots/ with logs).
//
// To add a shot (e.g. the reader), append to `shots`: drive the page from where the previous
// shot left it, and return the area to keep (`clipAround(...)`, or undefined for the whole window).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import {
  expandRow,
  launchBrowser,
  openFile,
  runCommand,
  viewRows,
  waitForWorkbench,
  webviewFrame,
  type Browser,
} from '../test/e2e/harness/browser';
import { startCodeServer, type CodeServer } from '../test/e2e/harness/code-server';
import { packageExtension } from '../test/e2e/harness/package-extension';
import { paths } from '../test/e2e/harness/paths';

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ShotContext {
  page: Page;
  server: CodeServer;
  /** Absolute path of the opened workspace (a fresh copy of test/e2e/workspace/ per theme). */
  workspace: string;
}

export interface Shot {
  /** File name without `.png`; the dark variant gets `-dark`. */
  name: string;
  /** What the picture must show (printed, and worth checking by eye after a change). */
  shows: string;
  /** Puts the workbench in the state to capture; returns the area to keep (undefined: the whole window). */
  take(ctx: ShotContext): Promise<Clip | undefined>;
}

const viewport = { width: 1400, height: 900 };

/** The bounding box of `locators` together, grown by `margin` (or per side), within the window. */
export async function clipAround(
  locators: Locator[],
  margin: number | { top?: number; right?: number; bottom?: number; left?: number } = 16,
): Promise<Clip> {
  const m = typeof margin === 'number' ? { top: margin, right: margin, bottom: margin, left: margin } : margin;
  const boxes = await Promise.all(locators.map(async (l) => (await l.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }));
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - (m.left ?? 0));
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - (m.top ?? 0));
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + (m.right ?? 0));
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + (m.bottom ?? 0));
  return { x: Math.round(x), y: Math.round(y), width: Math.round(right - x), height: Math.round(bottom - y) };
}

/** Drags the side bar's right edge to make it `width` pixels wide (topic names fit). */
async function setSidebarWidth(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar').first();
  const box = (await sidebar.boundingBox())!;
  const edge = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(edge + (box.x + width - edge) / 2, y, { steps: 4 });
  await page.mouse.move(box.x + width, y, { steps: 4 });
  await page.mouse.up();
}

/** Moves the pointer where it shows no hover or tooltip, and waits for animations to settle. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(viewport.width - 5, viewport.height / 2);
  await page.waitForTimeout(700);
}

/**
 * The Papers view, 560 px wide, Notes collapsed, the hallucination topic expanded: the same state
 * whichever shot runs first. `clickIcon` opens it the way a person does (the activity-bar icon;
 * clicking it while the view is already shown would close the side bar).
 */
async function showPapersView(page: Page, options: { clickIcon?: boolean } = {}): Promise<void> {
  const shown = await page
    .locator('.part.sidebar .composite.title', { hasText: /Lectern/i })
    .first()
    .isVisible();
  if (options.clickIcon && !shown) await page.locator('.activitybar [aria-label="Lectern"]').first().click();
  else if (!shown) await runCommand(page, 'Lectern: Focus on Papers View');
  const rows = viewRows(page, 'Papers');
  await rows.first().waitFor({ timeout: 30_000 });
  const sidebar = (await page.locator('.part.sidebar').first().boundingBox())!;
  if (Math.abs(sidebar.width - 560) > 2) await setSidebarWidth(page, 560); // Wide enough for most paper titles.
  // Collapse the (empty) Notes view so that Papers gets the side bar's height.
  const notesHeader = page.locator('.pane-header', { has: page.locator('.title', { hasText: /^\s*Notes\s*$/i }) }).first();
  if ((await notesHeader.getAttribute('aria-expanded')) === 'true') await notesHeader.click();
  await notesHeader.and(page.locator('[aria-expanded="false"]')).waitFor({ timeout: 5_000 });
  await expandRow(rows.filter({ hasText: /Hallucination/ }).first());
  await rows.filter({ hasText: 'See What You Are Told: Visual Attention Sink' }).first().waitFor({ timeout: 10_000 });
}

/** The shots, in order; each theme runs them all on one workbench page. */
export const shots: Shot[] = [
  {
    name: 'papers-view',
    shows: 'the Lectern activity-bar icon active, the Papers view with topics and counts, one topic expanded to its papers',
    async take({ page }) {
      await showPapersView(page, { clickIcon: true });
      await settle(page);
      // Activity bar and side bar over the whole height, down to the status bar's "N papers".
      return clipAround(
        [
          page.locator('.part.activitybar').first(),
          page.locator('.part.sidebar').first(),
          page.locator('.statusbar-item', { hasText: /\d+ papers/ }).first(),
        ],
        0,
      );
    },
  },
  {
    name: 'search',
    shows: 'Lectern: Search Papers with "attention sink" typed; the attention-sink paper first, its matched words marked',
    async take({ page }) {
      await showPapersView(page);
      await runCommand(page, 'Lectern: Search Papers');
      const widget = page.locator('.quick-input-widget');
      await widget.locator('input').fill('attention sink');
      const rows = widget.locator('.quick-input-list .monaco-list-row');
      await rows.first().filter({ hasText: 'Visual Attention Sink' }).waitFor({ timeout: 15_000 });
      await settle(page);
      // The top-left of the window: the palette over the Papers view, so it is seen in context.
      const around = await clipAround([widget], 60);
      return { x: 0, y: 0, width: around.x + around.width, height: Math.max(around.y + around.height, 300) };
    },
  },
  {
    name: 'reader',
    shows:
      'the reader on the math paper opened from a search: toolbar, title, topics, the abstract with MathML and marked terms, a highlight, related papers',
    async take({ page }) {
      await page.keyboard.press('Escape');
      await runCommand(page, 'Lectern: Search Papers');
      const widget = page.locator('.quick-input-widget');
      await widget.locator('input').fill('spiking energy bound');
      await widget
        .locator('.quick-input-list .monaco-list-row')
        .first()
        .filter({ hasText: 'Energy Bounds for Spiking' })
        .waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      const reader = webviewFrame(page);
      await reader.locator('#abstract math').first().waitFor({ timeout: 20_000 });
      await runCommand(page, 'View: Close Primary Side Bar');
      await settle(page);
      return clipAround([page.locator('.part.editor').first()], 0);
    },
  },
  {
    name: 'note',
    shows: "Open Note from the reader: the paper's new markdown note (front matter, headings from the template) beside the reader",
    async take({ page }) {
      await openInReader(page, 'spiking energy bound', 'Energy Bounds for Spiking');
      await runCommand(page, 'Lectern: Open Note');
      await page.locator('.tab', { hasText: 'spiking-energy-2024.md' }).first().waitFor({ timeout: 15_000 });
      await runCommand(page, 'View: Close Primary Side Bar');
      await settle(page);
      return clipAround([page.locator('.part.editor').first()], 0);
    },
  },
  {
    name: 'cite',
    shows: 'Lectern: Insert Citation in a markdown draft, "attention sink" typed, the paper to cite first',
    async take({ page, workspace }) {
      writeFileSync(join(workspace, 'draft.md'), '# Related work\n\nLarge multimodal models attend to a few visual tokens ');
      if (await page.locator('.quick-input-widget').isVisible()) await page.keyboard.press('Escape');
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'View: Close Primary Side Bar');
      await openFile(page, 'draft.md');
      await page.locator('.tab.active', { hasText: 'draft.md' }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Control+End');
      await runCommand(page, 'Lectern: Insert Citation');
      const widget = page.locator('.quick-input-widget');
      await widget.locator('input').fill('attention sink');
      await widget
        .locator('.quick-input-list .monaco-list-row')
        .first()
        .filter({ hasText: 'Visual Attention Sink' })
        .waitFor({ timeout: 15_000 });
      await settle(page);
      const around = await clipAround([widget, page.locator('.part.editor').first()], 0);
      return { ...around, height: Math.min(around.height, 300) };
    },
  },
];

/** Opens the paper that `query` finds first (its title contains `title`) in the reader. */
async function openInReader(page: Page, query: string, title: string): Promise<void> {
  if (await page.locator('.quick-input-widget').isVisible()) await page.keyboard.press('Escape');
  await runCommand(page, 'Lectern: Search Papers');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').fill(query);
  await widget.locator('.quick-input-list .monaco-list-row').first().filter({ hasText: title }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await webviewFrame(page).locator('h1', { hasText: title }).waitFor({ timeout: 20_000 });
}

const themes = [
  { suffix: '', theme: 'Default Light Modern', bodyClass: 'vs' },
  { suffix: '-dark', theme: 'Default Dark Modern', bodyClass: 'vs-dark' },
];

const outDir = join(paths.repoRoot, 'media', 'screenshots');
const workDir = join(paths.e2eDir, 'screenshots');
const only = process.env.SHOTS?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const selected = only ? shots.filter((s) => only.includes(s.name)) : shots;
if (selected.length === 0) {
  console.error(`Lectern: no shot named ${process.env.SHOTS}; shots: ${shots.map((s) => s.name).join(', ')}`);
  process.exit(1);
}

const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const install = spawnSync('bash', [paths.installScript], { stdio: 'inherit' });
if (install.status !== 0) process.exit(install.status ?? 1);
const vsix = packageExtension(paths.repoRoot, join(paths.e2eDir, 'lectern.vsix'));
rmSync(workDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let failed = false;
for (const { suffix, theme, bodyClass } of themes) {
  const themeStarted = Date.now();
  const runDir = join(workDir, theme.replace(/\W+/g, '-').toLowerCase());
  const workspace = join(runDir, 'workspace');
  cpSync(join(paths.repoRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({ runDir, extensions: [vsix], settings: { 'workbench.colorTheme': theme } });
    browser = await launchBrowser(runDir);
    const page = await browser.open(server.workbenchUrl(workspace));
    await waitForWorkbench(page, { activityBarItem: 'Lectern' });
    await page.locator(`.monaco-workbench.${bodyClass}`).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1500); // Let the status bar and late notifications settle.
    for (const shot of selected) {
      const file = join(outDir, `${shot.name}${suffix}.png`);
      const clip = await shot.take({ page, server, workspace });
      writeFileSync(file, await page.screenshot({ clip }));
      const kb = Math.round(statSync(file).size / 1024);
      console.log(
        `Lectern: ${file.slice(paths.repoRoot.length + 1)} (${clip ? `${clip.width}×${clip.height}` : 'window'}, ${kb} KB): ${shot.shows}`,
      );
      if (kb > 250) console.log(`Lectern:   over 250 KB: crop it tighter`);
    }
    console.log(`Lectern: ${theme} done in ${seconds(themeStarted)}`);
  } catch (error) {
    failed = true;
    console.error(`Lectern: screenshots in ${theme} failed: ${error instanceof Error ? (error.stack ?? error.message) : inspect(error)}`);
    if (browser) {
      const page = browser.context.pages().at(-1);
      if (page) await page.screenshot({ path: join(runDir, 'FAILED.png') }).catch(() => undefined);
    }
    console.error(`Lectern: kept ${runDir} (code-server.log, browser-console.log, FAILED.png)`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
}
if (!failed && process.env.SCREENSHOTS_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
console.log(`Lectern: screenshots ${failed ? 'FAILED' : 'done'} in ${seconds(started)}`);
process.exitCode = failed ? 1 : 0;
