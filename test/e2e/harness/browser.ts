import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { onExit } from './on-exit';
import { createSocketDir, paths, socketDirLayout } from './paths';
import { HEADLESS_CHROMIUM_ARGS } from '../../support/chromium-args';

export interface Browser {
  context: BrowserContext;
  /** Opens a new tab on `url` (e.g. `server.workbenchUrl(folder)`). */
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium through playwright-core, headless, with a fresh profile. A persistent context
 * (not `browser.newContext()`): webviews need its service workers. The profile, HOME and TMPDIR live
 * in `socketDir` (default: a fresh `/tmp/lectern-e2e-XXXXXX`, removed by `close()`), because Chromium's
 * SingletonSocket must stay under ~107 bytes (see paths.ts). Every page's console goes to
 * `runDir/browser-console.log`.
 */
export async function launchBrowser(runDir: string, socketDir?: string): Promise<Browser> {
  const short = socketDirLayout(socketDir ?? createSocketDir());
  const removeSocketDir = () => {
    if (socketDir === undefined) rmSync(short.socketDir, { recursive: true, force: true });
  };
  const unregister = onExit(removeSocketDir);
  // Chromium fails to start without its TMPDIR.
  for (const dir of [runDir, short.chromiumProfile, short.chromiumHome, short.tmp]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const home = short.chromiumHome;
  const context = await chromium
    .launchPersistentContext(short.chromiumProfile, {
      executablePath: paths.chromiumBin,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: HEADLESS_CHROMIUM_ARGS,
      // Keep Chromium's ~/.pki, ~/.cache and ~/.config writes out of the home directory.
      env: { ...process.env, HOME: home, TMPDIR: short.tmp, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
    })
    .catch((error: unknown) => {
      unregister();
      removeSocketDir();
      throw error;
    });
  const consoleLog = join(runDir, 'browser-console.log');
  context.on('console', (message) => appendFileSync(consoleLog, `[${message.type()}] ${message.text()}\n`));
  context.on('weberror', (error) => appendFileSync(consoleLog, `[pageerror] ${error.error().stack}\n`));
  // The persistent context opens with one blank tab; journeys and suites open their own.
  const blank = context.pages()[0];
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      await blank?.close().catch(() => undefined);
      return page;
    },
    // playwright-core itself kills Chromium (its own process group) if this process exits first.
    async close() {
      try {
        await context.close();
      } finally {
        unregister();
        removeSocketDir();
      }
    },
  };
}

const retried = new Map<string, number>();

/** How often each helper below had to try again this run (e.g. the palette reopened because a command was not in it yet). */
export function retryCounts(): ReadonlyMap<string, number> {
  return retried;
}

function noteRetry(what: string): void {
  retried.set(what, (retried.get(what) ?? 0) + 1);
}

/** Waits for the workbench (and optionally an activity-bar item such as "Lectern"). About 6-13 s after load. */
export async function waitForWorkbench(page: Page, options: { activityBarItem?: string; timeoutMs?: number } = {}): Promise<void> {
  const timeout = options.timeoutMs ?? 60_000;
  for (const selector of ['.monaco-workbench', '.activitybar', '.statusbar']) {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout });
  }
  if (options.activityBarItem) {
    await page.locator(`.activitybar [aria-label="${options.activityBarItem}"]`).first().waitFor({ state: 'visible', timeout });
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs a command by its palette title, e.g. `Lectern: Search Papers`: F1, type, pick that row, Enter.
 * Reopens the palette until the row appears: right after load, extension commands arrive a bit later.
 */
export async function runCommand(page: Page, title: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  const exact = new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
  for (let attempt = 1; ; attempt++) {
    if (await widget.isVisible()) await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    try {
      // Short too: an F1 that a webview taking focus swallowed is pressed again, not waited on for the whole deadline.
      await input.waitFor({ state: 'visible', timeout: Math.max(1000, Math.min(5000, deadline - Date.now())) });
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`the palette did not open for "${title}"`, { cause: error });
      noteRetry('runCommand: the palette did not open, F1 again');
      continue;
    }
    try {
      // Short: a palette that closes right after opening (a webview or notification took focus) is
      // reopened by the next attempt, not waited on.
      await input.fill(`>${title}`, { timeout: 2000 });
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`the palette closed before "${title}" could be typed`, { cause: error });
      noteRetry('runCommand: palette closed before typing, reopened');
      continue;
    }
    try {
      await row.waitFor({ state: 'visible', timeout: Math.max(500, Math.min(3000, deadline - Date.now())) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) {
        throw new Error(`command "${title}" not in the palette after ${attempt} attempt(s)`, { cause: error });
      }
      noteRetry('runCommand: palette reopened, the command was not listed yet');
    }
  }
  // Enter accepts the focused row; click ours if the palette ranked something else first.
  if (await row.evaluate((element) => element.classList.contains('focused'))) {
    await input.press('Enter');
  } else {
    await row.click();
  }
  // Accepted once the palette closes, or once it shows something else: a command may open its
  // own QuickPick in the same widget right away.
  while (await widget.isVisible()) {
    if ((await input.inputValue().catch(() => '')) !== `>${title}`) return;
    if (Date.now() > deadline) throw new Error(`the palette did not accept "${title}"`);
    await page.waitForTimeout(50);
  }
}

/**
 * Runs a command that opens its own QuickPick (title `title`, default the command's) and waits for it; runs it
 * again when it does not show, since a palette that loses focus as Enter is pressed closes without running it.
 */
export async function runPickCommand(page: Page, command: string, title = command, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const shown = page.locator('.quick-input-widget .quick-input-title', { hasText: title });
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, command, { timeoutMs: Math.max(5_000, deadline - Date.now()) });
    const opened = await shown.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (opened) return;
    if (Date.now() >= deadline) throw new Error(`"${command}" did not open its QuickPick after ${attempt} attempt(s)`);
    noteRetry('runPickCommand: command run again, its QuickPick did not show');
  }
}

/**
 * The DOM inside a webview: two nested iframes (VS Code's host frame, then `#active-frame`).
 * With several webviews open, `index` picks one (default: the last opened).
 */
export function webviewFrame(page: Page, options: { index?: number } = {}): FrameLocator {
  const hosts = page.frameLocator('iframe.webview.ready');
  const host = options.index === undefined ? hosts.last() : hosts.nth(options.index);
  return host.frameLocator('#active-frame');
}

/** The rows of a side-bar view, by its header title (e.g. "Papers"). Run "Focus on … View" first. */
export function viewRows(page: Page, viewTitle: string): Locator {
  const header = page.locator('.pane-header .title', { hasText: new RegExp(`^\\s*${escapeRegExp(viewTitle)}\\s*$`, 'i') });
  return page.locator('.pane').filter({ has: header }).locator('.monaco-list-row');
}

/** Expands (or collapses) a tree row through its twistie, whatever its current state. */
export async function expandRow(row: Locator, expanded = true): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) !== String(expanded)) await row.locator('.monaco-tl-twistie').click();
  await row.and(row.page().locator(`[aria-expanded="${expanded}"]`)).waitFor({ timeout: 5_000 });
}

/** Notification toasts currently shown (bottom right), optionally those containing `text`. */
export function notifications(page: Page, text?: string | RegExp): Locator {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  return text === undefined ? toasts : toasts.filter({ hasText: text });
}

/** Saves a PNG of the page to `test-results/e2e/<name>.png` (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(paths.screenshotsDir, { recursive: true });
  const file = join(paths.screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Opens a workspace file with Go to File… (Ctrl+P as a user would). A file written a moment ago may
 * not be in Quick Open's file list yet on a busy machine, so the search is typed again until it shows.
 */
export async function openFile(page: Page, name: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'Go to File...');
    try {
      await input.fill(name, { timeout: 2000 });
      await row.waitFor({ state: 'visible', timeout: Math.max(500, Math.min(5000, deadline - Date.now())) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw new Error(`"${name}" not found by Go to File after ${attempt} attempt(s)`, { cause: error });
      noteRetry('openFile: Go to File typed again, the file was not listed yet');
    }
  }
  await page.keyboard.press('Enter');
}

/** What {@link typeInPick} runs, types and waits for. */
export interface TypeInPick {
  /** The palette title of a command that opens a QuickPick, e.g. `Lectern: Search Papers` (the default). */
  command?: string;
  /** The QuickPick's own title, when it differs from the command's. */
  title?: string;
  /** A row of the QuickPick (a `.quick-input-list .monaco-list-row` locator) that the query must show. */
  row: Locator;
  /** The error when the row never shows, e.g. "the paper of x.bib never appeared in Search Papers". */
  missing: string;
  timeoutMs?: number;
}

/**
 * Runs a command that opens a QuickPick, types `query` and waits until `row` shows; leaves the QuickPick open on
 * it. Runs the command again while the row is missing (a corpus file the journey just wrote is still being read)
 * or when the QuickPick closed before the query was typed (a webview or a notification took the focus).
 */
export async function typeInPick(page: Page, query: string, pick: TypeInPick): Promise<void> {
  const command = pick.command ?? 'Lectern: Search Papers';
  const deadline = Date.now() + (pick.timeoutMs ?? 30_000);
  for (let attempt = 1; ; attempt++) {
    await runPickCommand(page, command, pick.title ?? command);
    const typed = await page
      .locator('.quick-input-widget input')
      .fill(query, { timeout: 2000 })
      .then(
        () => true,
        () => false,
      );
    const shown =
      typed &&
      (await pick.row.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ));
    if (shown) return;
    if (Date.now() > deadline) throw new Error(`${pick.missing} (${attempt} attempt(s))`);
    noteRetry(typed ? 'typeInPick: command run again, the row was not listed yet' : 'typeInPick: QuickPick closed before typing');
    await page.keyboard.press('Escape');
  }
}

/** A row of the open QuickPick holding `text`. */
export function pickRow(page: Page, text: string | RegExp): Locator {
  return page.locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();
}
