import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addHighlight, parseHighlights } from '../../src/core/notes/note-highlights';
import { applyTextEdits } from '../../src/core/notes/text-edit';
import type { AnnotationView, WebviewToHostMessage } from '../../src/shared/protocol';
import { HIGHLIGHT_PAGE_TEXT, highlightPdf } from '../support/pdf-highlight-fixtures';
import { paperView, showPaper } from './paper-fixtures';
import { browserSkipReason, ReaderHarness, type ReaderPage } from './reader-harness';

const skip = browserSkipReason();
type AddAnnotation = Extract<WebviewToHostMessage, { type: 'addAnnotation' }>;

describe('highlights in the PDF, in Chromium under the reader CSP', { skip }, () => {
  let harness: ReaderHarness;
  let bytes: Uint8Array;

  before(async () => {
    harness = await ReaderHarness.start();
    bytes = await highlightPdf();
  });

  after(async () => {
    await harness?.close();
  });

  /** A reader showing the paper with the highlight PDF open in its PDF tab (page 1 drawn). */
  async function openPdf(annotations: AnnotationView[] = []): Promise<ReaderPage> {
    const reader = await harness.open();
    await reader.send(showPaper(paperView({ id: 'hl-paper', title: 'Highlights Paper', pdf: 'hl.pdf' }), { annotations }));
    await reader.page.getByRole('tab', { name: 'PDF' }).click();
    const base64 = Buffer.from(bytes).toString('base64');
    await reader.evaluate(`(() => {
      const data = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
      window.postMessage({ type: 'pdfDocument', paperId: 'hl-paper', paperTitle: 'Highlights Paper', fileName: 'hl.pdf', data }, '*');
    })()`);
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="1"].rendered .textLayer span')`, 20_000);
    await reader.clearPosted();
    return reader;
  }

  async function goTo(reader: ReaderPage, page: number): Promise<void> {
    await reader.page.getByRole('spinbutton', { name: 'Page number' }).fill(String(page));
    await reader.page.getByRole('spinbutton', { name: 'Page number' }).press('Enter');
    await reader.waitFor(`document.querySelector('.pdf-page[data-page-number="${page}"].rendered .textLayer span')`, 20_000);
  }

  /**
   * Selects on `page` from `from` (a text and the offset in the span holding it) to `to`, as a drag would leave it,
   * then lets the selection toolbar see it (mouseup).
   */
  async function select(reader: ReaderPage, page: number, from: [string, number], to: [string, number]): Promise<void> {
    await reader.evaluate(`(() => {
      const spans = [...document.querySelectorAll('.pdf-page[data-page-number="${page}"] .textLayer span')];
      const at = ([text, offset]) => {
        const span = spans.find((s) => s.textContent.includes(text));
        if (!span) throw new Error('no span with ' + text);
        return [span.firstChild, span.textContent.indexOf(text) + offset];
      };
      const range = document.createRange();
      range.setStart(...at(${JSON.stringify(from)}));
      range.setEnd(...at(${JSON.stringify(to)}));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    })()`);
    await reader.page.locator('.selection-toolbar').waitFor({ state: 'visible' });
  }

  async function highlight(reader: ReaderPage): Promise<AddAnnotation> {
    await reader.clearPosted();
    await reader.page.locator('.selection-toolbar vscode-button', { hasText: 'Highlight' }).click();
    const posted = await reader.posted();
    assert.equal(posted.length, 1);
    const [message] = posted;
    assert.ok(message.type === 'addAnnotation', `posted ${message.type}`);
    return message;
  }

  /** The texts of a highlight's marks, in order. */
  const marks = (reader: ReaderPage, id: string) =>
    reader.evaluate<string[]>(
      `[...document.querySelectorAll('mark.pdf-annotation[data-annotation-id="${id}"]')].map((m) => m.textContent)`,
    );

  test('selections in the text layer become quote + page + position highlights that go through the note and are drawn again', async () => {
    const reader = await openPdf();
    const made: AddAnnotation[] = [];
    // Page 3, by a real mouse drag over the sentence.
    await goTo(reader, 3);
    const box = await reader.page.locator('.pdf-page[data-page-number="3"] .textLayer span', { hasText: 'Attention sinks' }).boundingBox();
    assert.ok(box);
    await reader.page.mouse.move(box.x + 1, box.y + box.height / 2);
    await reader.page.mouse.down();
    await reader.page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 8 });
    await reader.page.mouse.up();
    await reader.page.locator('.selection-toolbar').waitFor({ state: 'visible' });
    const dragged = await highlight(reader);
    assert.equal(dragged.page, 3);
    // The drag may stop a character short of the end: it starts at the sentence and lies in it.
    assert.ok(HIGHLIGHT_PAGE_TEXT.third.startsWith(dragged.selector.exact) && dragged.selector.exact.length > 40, dragged.selector.exact);
    assert.equal(dragged.selector.prefix, 'An opening line. ');
    made.push(dragged);

    // Page 2: the second of two equal sentences; the context and the position tell it from the first.
    await goTo(reader, 2);
    await reader.evaluate(`(() => {
      const spans = [...document.querySelectorAll('.pdf-page[data-page-number="2"] .textLayer span')].filter((s) => s.textContent === ${JSON.stringify(HIGHLIGHT_PAGE_TEXT.repeated)});
      const range = document.createRange();
      range.selectNodeContents(spans[1]);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    })()`);
    await reader.page.locator('.selection-toolbar').waitFor({ state: 'visible' });
    const second = await highlight(reader);
    assert.deepEqual(second.selector, {
      exact: HIGHLIGHT_PAGE_TEXT.repeated,
      prefix: ' twice. Something between them. ',
      suffix: ' Filler line for the page.',
    });
    assert.equal(second.page, 2);
    made.push(second);

    // Page 4: across the hyphenated line end (the line break is one space in the page's text).
    await goTo(reader, 4);
    await select(reader, 4, ['some-', 0], ['times', 5]);
    const hyphen = await highlight(reader);
    assert.equal(hyphen.selector.exact, 'some- times');
    assert.equal(hyphen.page, 4);
    made.push(hyphen);

    // Page 5: Greek; page 6: the ligatures read as their letters.
    await goTo(reader, 5);
    await select(reader, 5, ['κοσμος', 0], ['κοσμος', 6]);
    const greek = await highlight(reader);
    assert.deepEqual([greek.selector.exact, greek.selector.prefix, greek.page], ['κοσμος', 'λογος και ', 5]);
    made.push(greek);
    await goTo(reader, 6);
    await select(reader, 6, ['first flow', 0], ['first flow', 10]);
    const ligature = await highlight(reader);
    assert.deepEqual([ligature.selector.exact, ligature.page], ['first flow', 6]);
    made.push(ligature);
    // Highlight + comment: the comment goes with the PDF highlight.
    await select(reader, 6, ['fixed point', 0], ['fixed point', 11]);
    await reader.clearPosted();
    await reader.page.locator('.selection-toolbar vscode-button', { hasText: 'Comment' }).click();
    await reader.page.locator('.selection-toolbar textarea').fill('a fixed point, not a cycle');
    await reader.page.keyboard.press('Control+Enter');
    const [commented] = await reader.posted();
    assert.ok(commented.type === 'addAnnotation');
    assert.deepEqual([commented.selector.exact, commented.comment, commented.page], ['fixed point', 'a fixed point, not a cycle', 6]);
    made.push(commented);
    for (const message of made) {
      assert.ok(
        message.position && message.position.end - message.position.start === message.selector.exact.length,
        'position spans the quote',
      );
    }

    // The host writes them into the note; what the note reads back is drawn on the pages.
    let note = '# Highlights Paper\n';
    made.forEach((message, index) => {
      const { type: _type, paperId: _paperId, ...rest } = message;
      note = applyTextEdits(note, addHighlight(note, { ...rest, id: `h-${index}` }));
    });
    assert.match(note, /--> p\. 3\n/);
    const parsed = parseHighlights(note);
    assert.deepEqual(parsed.problems, []);
    await reader.send({ type: 'annotations', paperId: 'hl-paper', annotations: parsed.annotations });
    await reader.waitFor(`document.querySelector('mark.pdf-annotation[data-annotation-id="h-4"]')`, 10_000);
    assert.deepEqual(await marks(reader, 'h-4'), ['first flow']);
    assert.deepEqual(await marks(reader, 'h-5'), ['fixed point']);
    assert.equal(
      await reader.evaluate<string>(`document.querySelector('mark.pdf-annotation[data-annotation-id="h-5"]').title`),
      'a fixed point, not a cycle',
    );
    if (process.env.LECTERN_SCREENSHOT) await reader.page.screenshot({ path: process.env.LECTERN_SCREENSHOT });
    await goTo(reader, 4);
    await reader.waitFor(`document.querySelector('mark.pdf-annotation[data-annotation-id="h-2"]')`, 10_000);
    assert.deepEqual(await marks(reader, 'h-2'), ['some-', 'times']);
    await goTo(reader, 2);
    await reader.waitFor(`document.querySelector('mark.pdf-annotation[data-annotation-id="h-1"]')`, 10_000);
    // The second occurrence is marked, not the first.
    assert.equal(
      await reader.evaluate<number>(
        `[...document.querySelectorAll('.pdf-page[data-page-number="2"] .textLayer span')].findIndex((s) => s.querySelector('mark'))`,
      ),
      2,
    );
    // The side list has them in page order, each with its page.
    assert.deepEqual(
      await reader.evaluate<string[]>(`[...document.querySelectorAll('.pdf-annotations .annotation-page')].map((e) => e.textContent)`),
      ['p. 2', 'p. 3', 'p. 4', 'p. 5', 'p. 6', 'p. 6'],
    );
    const record = await reader.record();
    assert.deepEqual(record.csp, []);
    assert.deepEqual(reader.foreignRequests(), []);
    assert.deepEqual(reader.pageErrors, []);
    await reader.close();
  });

  test('a highlight moved to another page is found there; one found nowhere is listed as an orphan; the side list opens it and flashes it', async () => {
    const moved: AnnotationView = {
      id: 'h-moved',
      selector: { exact: 'appear on page three', prefix: 'Attention sinks ', suffix: ' of this paper.' },
      comment: 'moved to page 3 in this version',
      page: 1,
      position: { start: 0, end: 20 },
    };
    const gone: AnnotationView = {
      id: 'h-gone',
      selector: { exact: 'a sentence this PDF never had', prefix: '', suffix: '' },
      comment: '',
      page: 2,
    };
    const abstractOne: AnnotationView = { id: 'h-abs', selector: { exact: 'An abstract', prefix: '', suffix: '.' }, comment: '' };
    const reader = await openPdf([moved, gone, abstractOne]);
    await reader.waitFor(`!document.querySelector('.pdf-orphans').hidden`, 10_000);
    assert.match(
      await reader.evaluate<string>(`document.querySelector('.pdf-orphans').textContent`),
      /p\. 2: “a sentence this PDF never had”/,
    );
    // The abstract's highlight stays the abstract's (drawn there, not an orphan of the PDF).
    assert.equal(
      await reader.evaluate<number>(`document.querySelectorAll('#abstract mark.annotation[data-annotation-id="h-abs"]').length`),
      1,
    );
    await reader.page.locator('.pdf-annotations .annotation-quote', { hasText: 'appear on page three' }).click();
    await reader.waitFor(
      `document.querySelector('.pdf-page[data-page-number="3"] mark.pdf-annotation[data-annotation-id="h-moved"].flash')`,
      20_000,
    );
    assert.deepEqual(await marks(reader, 'h-moved'), ['appear on page three']);
    assert.equal(await reader.evaluate<string>(`document.querySelector('.pdf-page-input').value`), '3');
    assert.deepEqual((await reader.record()).csp, []);
    await reader.close();
  });

  test('a PDF opened at a highlight (a `p. N` link in the note) shows its page and flashes it', async () => {
    const reader = await harness.open();
    const third: AnnotationView = {
      id: 'h-third',
      selector: { exact: 'Attention sinks', prefix: 'An opening line. ', suffix: ' appear' },
      comment: '',
      page: 3,
    };
    await reader.send(showPaper(paperView({ id: 'hl-paper', title: 'Highlights Paper', pdf: 'hl.pdf' }), { annotations: [third] }));
    const base64 = Buffer.from(bytes).toString('base64');
    await reader.evaluate(`(() => {
      const data = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
      window.postMessage({ type: 'pdfDocument', paperId: 'hl-paper', paperTitle: 'Highlights Paper', fileName: 'hl.pdf', data, page: 3, highlight: 'h-third' }, '*');
    })()`);
    await reader.waitFor(`document.querySelector('mark.pdf-annotation[data-annotation-id="h-third"].flash')`, 20_000);
    assert.equal(await reader.evaluate<string>(`document.querySelector('.pdf-page-input').value`), '3');
    await reader.close();
  });
});
