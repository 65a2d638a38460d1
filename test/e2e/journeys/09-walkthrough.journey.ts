import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand } from '../harness/browser';
import { journey } from '../harness/journey-runner';

// The Get Started walkthrough, as a new user meets it: Welcome: Open Walkthrough…, Lectern's, and the
// first step's button, Add Corpus File…, which asks for a file (VS Code's own file dialog in the
// browser) and adds it to the workspace's `lectern.corpus`.

// CSL-JSON outside `papers/`: no default `lectern.corpus` glob matches it (every `.bib` would match
// `**/*.bib`), so only Add Corpus File… can bring it into the library.
const CSL = JSON.stringify([
  {
    id: 'walkthrough2025',
    type: 'article-journal',
    title: 'Walkthrough Papers Arrive in the Library',
    author: [{ family: 'Quill', given: 'Ada' }],
    issued: { 'date-parts': [[2025]] },
  },
]);
const FILE = 'inbox/walkthrough.json';

/** The paper count the status bar shows ("81 papers"). */
async function paperCount(page: Page): Promise<number> {
  const text = await page
    .locator('.statusbar-item', { hasText: /\d+ papers?/ })
    .first()
    .innerText({ timeout: 20_000 });
  return Number(/(\d+) papers?/.exec(text)![1]);
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

journey(
  "the Get Started walkthrough opens, and its first step's Add Corpus File… button adds a CSL-JSON file to the library, which Ctrl+' P finds",
  async ({ page, workspace, screenshot }) => {
    mkdirSync(join(workspace, 'inbox'), { recursive: true });
    writeFileSync(join(workspace, FILE), CSL);
    await runCommand(page, 'Lectern: Focus on Papers View'); // loads the library, if no journey has yet
    const before = await paperCount(page);

    await runCommand(page, 'Welcome: Open Walkthrough...');
    await page.locator('.quick-input-widget input').fill('Lectern');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Lectern' }).first().click({ timeout: 10_000 });
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get Started with Lectern').first().waitFor({ timeout: 20_000 });
    for (const step of ['Add your library', 'Search your papers', 'Read a paper', 'Take a note', 'Cite it in a draft']) {
      await walkthrough.getByText(step, { exact: true }).first().waitFor({ timeout: 10_000 });
    }
    await walkthrough.getByRole('img').first().waitFor({ timeout: 10_000 }); // the step's screenshot
    await screenshot('walkthrough');

    // The first step is open: its button runs Add Corpus File…, whose dialog takes a typed path.
    await walkthrough.getByText('Add Corpus File…', { exact: true }).first().click({ timeout: 10_000 });
    const input = page.locator('.quick-input-widget input');
    const typed = join(workspace, FILE);
    // The dialog fills in the workspace folder itself once it has listed it: type the path after that.
    await until(async () => (await input.inputValue().catch(() => '')).endsWith('/workspace/'), 'the file dialog on the workspace folder');
    await input.fill(typed);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'walkthrough.json' }).first().waitFor({ timeout: 10_000 });
    await until(async () => (await input.inputValue()) === typed, 'the typed path to stay in the dialog', 5_000);
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click();

    const settings = join(workspace, '.vscode', 'settings.json');
    await until(() => existsSync(settings) && readFileSync(settings, 'utf8').includes(`"${FILE}"`), 'lectern.corpus to name the file');
    await until(async () => (await paperCount(page)) === before + 1, `the status bar to count ${before + 1} papers`);
    // The search step's key: the chord Ctrl+' P (focus in the workbench, not the terminal).
    await page
      .locator('.part.sidebar')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+'");
    await page.keyboard.press('p');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Lectern: Search Papers' }).waitFor({ timeout: 10_000 });
    await page.locator('.quick-input-widget input').fill('walkthrough papers arrive');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Walkthrough Papers Arrive in the Library' })
      .first()
      .waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
  },
  { timeoutMs: 120_000 },
);
