import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, viewRows } from '../harness/browser';
import { journey } from '../harness/journey-runner';

// The Get Started walkthrough, as a new user meets it: Welcome: Open Walkthrough…, Lectern's, and the
// first step's button, Add Corpus File…, which asks for a file (VS Code's own file dialog in the
// browser) and adds it to the workspace's `lectern.corpus`.

const BIB = `@article{walkthrough2025,
  title = {Walkthrough Papers Arrive in the Library},
  author = {Quill, Ada},
  year = {2025}
}
`;

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

journey(
  "the Get Started walkthrough opens, and its first step's Add Corpus File… button adds a BibTeX file to the library",
  async ({ page, workspace, screenshot }) => {
    // Outside the `lectern.corpus` globs, so only the walkthrough's command can bring it in.
    mkdirSync(join(workspace, 'inbox'), { recursive: true });
    writeFileSync(join(workspace, 'inbox', 'walkthrough.bib'), BIB);

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
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(join(workspace, 'inbox', 'walkthrough.bib'));
    // The dialog lists the folder as the path is typed; its OK button takes the typed file.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'walkthrough.bib' }).first().waitFor({ timeout: 10_000 });
    await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click();

    const settings = join(workspace, '.vscode', 'settings.json');
    await until(
      () => existsSync(settings) && readFileSync(settings, 'utf8').includes('inbox/walkthrough.bib'),
      'lectern.corpus to name the file',
    );
    await viewRows(page, 'Papers').first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'Lectern: Search Papers');
    await page.locator('.quick-input-widget input').fill('walkthrough papers arrive');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Walkthrough Papers Arrive in the Library' })
      .first()
      .waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    assert.match(readFileSync(settings, 'utf8'), /"inbox\/walkthrough\.bib"/);
  },
  { timeoutMs: 120_000 },
);
