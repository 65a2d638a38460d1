import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { passwordPdf, textPdf } from '../support/pdf-fixtures';
import { paperView, showPaper } from './paper-fixtures';
import { browserSkipReason, ReaderHarness, repoRoot, type ReaderPage } from './reader-harness';

// The reader speaks VS Code's display language: the host hands `vscode.l10n.bundle` to the page, whose every
// label, title, aria-label, status line and error then comes from it. A pseudo-locale made from the English bundle
// (each vowel accented, each message bracketed, placeholders kept) shows any text that stayed English.

const skip = browserSkipReason();
const english = JSON.parse(readFileSync(join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú' };
const pseudo = (message: string) => `[${message.replace(/[aeiouAEIOU]/g, (vowel) => ACCENTED[vowel])}]`;
const untranslated = (message: string) => message;
/** A message with its `{n}` placeholders filled in, as `l10n.t` does. */
const format = (message: string, ...args: (string | number)[]) => message.replace(/\{(\d+)\}/g, (_, n: string) => String(args[Number(n)]));

// A translation that tries to end the data block and run a script: it must stay data.
const HOSTILE_KEY = '</script><script>window.__pwned = 1</script><!--';
const HOSTILE_VALUE = '</SCRIPT><img src=x onerror="window.__pwned = 2">';
const pseudoBundle = {
  ...Object.fromEntries(Object.keys(english).map((message) => [message, pseudo(message)])),
  [HOSTILE_KEY]: HOSTILE_VALUE,
};

describe('the reader in another language, in Chromium under the reader CSP', { skip }, () => {
  let harness: ReaderHarness;

  before(async () => {
    harness = await ReaderHarness.start();
  });

  after(async () => {
    await harness?.close();
  });

  const text = (reader: ReaderPage, selector: string) =>
    reader.evaluate<string | null>(`document.querySelector(${JSON.stringify(selector)})?.textContent.trim() ?? null`);
  const attribute = (reader: ReaderPage, selector: string, name: string) =>
    reader.evaluate<string | null>(`document.querySelector(${JSON.stringify(selector)})?.getAttribute(${JSON.stringify(name)}) ?? null`);

  /** A paper with a PDF and no note, shown in a reader opened with `translation`. */
  async function readerShowingPaper(translation?: { messages: Record<string, string> | string; language?: string }): Promise<ReaderPage> {
    const reader = await harness.open({ translation });
    await reader.send(showPaper(paperView({ id: 'pdf-paper', title: 'A Paper With a PDF', pdf: 'paper.pdf', hasNote: false })));
    await reader.send({ type: 'noteBody', paperId: 'pdf-paper', body: '', version: 1 });
    return reader;
  }

  async function sendPdf(reader: ReaderPage, bytes: Uint8Array, fileName: string): Promise<void> {
    const base64 = Buffer.from(bytes).toString('base64');
    await reader.evaluate(`(() => {
      const data = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
      window.postMessage({ type: 'pdfDocument', paperId: 'pdf-paper', paperTitle: 'A Paper With a PDF', fileName: ${JSON.stringify(fileName)}, data }, '*');
    })()`);
  }

  /** What a user sees of the action bar and the notes pane, each checked against `tr` of its English message. */
  async function assertPaperTexts(reader: ReaderPage, tr: (message: string) => string): Promise<void> {
    const back = 'nav.actions vscode-button[aria-keyshortcuts="Alt+ArrowLeft"]';
    assert.equal(await text(reader, back), tr('Back'));
    assert.equal(await attribute(reader, back, 'title'), tr('Back (Alt+Left)'));
    assert.equal(
      await attribute(reader, 'nav.actions vscode-button[aria-keyshortcuts="N"]', 'title'),
      tr('Create a note for this paper (N)'),
    );
    assert.equal(await attribute(reader, 'nav.actions', 'aria-label'), tr('Paper actions'));
    assert.equal(await text(reader, '#cite-label'), tr('Copy citation'));
    const bibtex = 'nav.actions vscode-button[aria-keyshortcuts="C"]';
    assert.equal(await attribute(reader, bibtex, 'aria-label'), format(tr('Copy citation as {0}'), 'BibTeX'));
    const toRead = `nav.actions [aria-labelledby="status-label"] vscode-button`;
    assert.equal(await text(reader, toRead), tr('To read'));
    assert.equal(await attribute(reader, toRead, 'title'), tr('Mark as to read'));
    assert.equal(await attribute(reader, toRead, 'aria-label'), format(tr('Set status: {0}'), tr('To read')));
    assert.equal(await text(reader, '.status-badge'), tr('No status'));
    assert.equal(await text(reader, '#notes-heading'), tr('Notes'));
    assert.equal(await text(reader, '#notes-pane .notes-message'), tr('This paper has no note yet.'));
    assert.equal(await text(reader, '#notes-pane vscode-button:not([hidden])'), tr('Create note'));
    assert.equal(await text(reader, '#annotations-heading'), tr('Highlights'));
    assert.equal(await attribute(reader, '#tab-pdf', 'title'), format(tr('Read {0} (P)'), 'paper.pdf'));
  }

  /** The PDF toolbar and pages of a 3-page PDF, opened in `reader`. */
  async function assertPdfTexts(reader: ReaderPage, tr: (message: string) => string): Promise<void> {
    await reader.page.getByRole('tab', { name: tr('PDF') }).click();
    await sendPdf(reader, await textPdf(3), 'paper.pdf');
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="1"].rendered')`, 20_000);
    assert.equal(await attribute(reader, '.pdf-toolbar', 'aria-label'), tr('PDF'));
    assert.equal(await attribute(reader, '.pdf-page-input', 'aria-label'), tr('Page number'));
    assert.equal(await attribute(reader, '.pdf-page-input', 'title'), tr('Go to page (G)'));
    assert.equal(await attribute(reader, '.pdf-find-input', 'aria-label'), tr('Find in PDF'));
    assert.equal(await attribute(reader, '.pdf-find-input', 'placeholder'), tr('Find in PDF'));
    assert.equal(await text(reader, '.pdf-page-count'), format(tr('of {0}'), 3));
    assert.equal(await attribute(reader, '.pdf-page[data-page-number="2"]', 'aria-label'), format(tr('Page {0}'), 2));
    const toolLabels = await reader.evaluate<string[]>(
      `[...document.querySelectorAll('.pdf-toolbar button.pdf-tool')].map((b) => b.getAttribute('aria-label') ?? b.textContent.trim())`,
    );
    for (const label of ['Previous page', 'Next page', 'Zoom out', 'Zoom in', 'Fit width', 'Previous match', 'Next match', 'Dark pages'])
      assert.ok(toolLabels.includes(tr(label)), `${tr(label)} in ${toolLabels.join(' | ')}`);
  }

  /** The message of a password-protected PDF, with the paper's title and file name in their places. */
  async function assertPdfError(tr: (message: string) => string, translation?: { messages: Record<string, string> }): Promise<void> {
    const reader = await readerShowingPaper(translation);
    await reader.page.getByRole('tab', { name: tr('PDF') }).click();
    await sendPdf(reader, await passwordPdf(), 'locked.pdf');
    await reader.waitFor(`document.querySelector('.pdf-problem')`, 20_000);
    const message =
      'Lectern: the PDF of “{0}” ({1}) is password-protected, and Lectern does not open protected PDFs. Open it in another viewer, or attach an unprotected copy with Attach PDF….';
    assert.equal(await text(reader, '.pdf-problem p'), format(tr(message), 'A Paper With a PDF', 'locked.pdf'));
    assert.equal(await text(reader, '.pdf-problem .pdf-back'), tr('Back to the abstract'));
    assert.deepEqual(reader.pageErrors, []);
    await reader.close();
  }

  test('with a translation, the actions, the notes pane, the PDF toolbar and an error text are translated; arguments keep their places', async () => {
    const reader = await readerShowingPaper({ messages: pseudoBundle, language: 'de' });
    assert.equal(await reader.evaluate<string>('document.documentElement.lang'), 'de');
    await assertPaperTexts(reader, pseudo);
    await assertPdfTexts(reader, pseudo);
    // Nothing a user sees or hears is still an English message of the bundle (a text missed by l10n.t).
    const shown = await reader.evaluate<string[]>(`(() => {
      const texts = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) texts.push(walker.currentNode.textContent.trim());
      for (const element of document.body.querySelectorAll('*'))
        for (const name of ['title', 'aria-label', 'placeholder']) if (element.hasAttribute(name)) texts.push(element.getAttribute(name).trim());
      return texts;
    })()`);
    assert.deepEqual(
      shown.filter((shownText) => shownText in english && pseudo(shownText) !== shownText),
      [],
      'texts still in English',
    );
    const record = await reader.record();
    assert.deepEqual({ csp: record.csp, pwned: record.pwned, pageErrors: reader.pageErrors }, { csp: [], pwned: [], pageErrors: [] });
    // The hostile translation arrived as data, whole.
    assert.equal(
      await reader.evaluate<string>(`JSON.parse(document.getElementById('lectern-messages').textContent)[${JSON.stringify(HOSTILE_KEY)}]`),
      HOSTILE_VALUE,
    );
    assert.equal(
      await reader.evaluate<number>(`document.querySelectorAll('script').length`),
      2,
      'the data block and the bundle, nothing more',
    );
    await reader.close();
    await assertPdfError(pseudo, { messages: pseudoBundle });
  });

  test('without a translation (English), the page shows the English texts', async () => {
    const reader = await readerShowingPaper();
    assert.equal(await reader.evaluate<string>('document.documentElement.lang'), 'en');
    await assertPaperTexts(reader, untranslated);
    await assertPdfTexts(reader, untranslated);
    assert.deepEqual(reader.pageErrors, []);
    await reader.close();
    await assertPdfError(untranslated);
  });

  test('an unreadable or empty translation block leaves the reader in English and working', async () => {
    for (const messages of ['{"Back": "Zurück"', '["Back"]', '', '{"Back": 5, "Forward": {"message": 7}}']) {
      const reader = await readerShowingPaper({ messages });
      await assertPaperTexts(reader, untranslated);
      assert.deepEqual(reader.pageErrors, [], `block ${messages}`);
      await reader.close();
    }
  });
});
