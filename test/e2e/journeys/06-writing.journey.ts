import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFile, webviewFrame } from '../harness/browser';
import { journey } from '../harness/journey-runner';

const BIBTEX = `@article{kowalski2021tides,
  title = {Tidal Mixing in Shallow Coastal Estuaries},
  author = {Kowalski, Anna and Ortega, Luis},
  journal = {Journal of Coastal Research},
  year = {2021}
}
`;

journey(
  'a [@key] citation in a Quarto file with a bibliography: front matter opens the paper in the reader on Ctrl+click',
  async ({ page, workspace, screenshot }) => {
    mkdirSync(join(workspace, 'thesis'), { recursive: true });
    writeFileSync(join(workspace, 'thesis', 'refs.bib'), BIBTEX);
    writeFileSync(
      join(workspace, 'thesis', 'chapter.qmd'),
      '---\ntitle: "Chapter 2"\nbibliography: refs.bib\n---\n\nMixing peaks at spring tide [@kowalski2021tides, p. 4].\n',
    );
    // The new .bib reaches the library through the corpus watcher before the file opens.
    await page.waitForTimeout(3000);
    await openFile(page, 'chapter.qmd');
    const citation = page.locator('.monaco-editor .detected-link', { hasText: 'kowalski2021tides' }).first();
    await citation.waitFor({ timeout: 20_000 });
    await citation.click({ modifiers: ['Control'] });
    await webviewFrame(page).locator('h1', { hasText: 'Tidal Mixing in Shallow Coastal Estuaries' }).waitFor({ timeout: 20_000 });
    await screenshot('reader-from-citation');
  },
  { timeoutMs: 90_000 },
);
