import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutPdf, linesAt } from '../../test/support/pdf-fixtures-text';
import { damagedPdf, pageSentence, passwordPdf, scriptedPdf, textPdf } from '../../test/support/pdf-fixtures';
import { extractPdfText, PdfTextError } from './pdf-text-extract';

describe('extractPdfText', () => {
  it('gives each page its own text, in page order', async () => {
    const pages = await extractPdfText(await textPdf(5));
    assert.equal(pages.length, 5);
    for (let page = 1; page <= 5; page++) assert.match(pages[page - 1], new RegExp(`^${pageSentence(page).replace('.', '\\.')}`));
  });

  it('keeps each column of a two-column page together', async () => {
    const left = ['Left column starts with spiking', 'neurons that fire in bursts.'];
    const right = ['Right column talks about', 'transformers and attention.'];
    const [text] = await extractPdfText(await layoutPdf([[...linesAt(left, 72), ...linesAt(right, 320)]]));
    assert.match(text, /spiking neurons that fire in bursts\./);
    assert.match(text, /talks about transformers and attention\./);
    assert.ok(text.indexOf('bursts') < text.indexOf('Right column'), text);
  });

  it('joins a word hyphenated at a line end, and keeps a real hyphen inside a line', async () => {
    const [text] = await extractPdfText(
      await layoutPdf([linesAt(['Synaptic plasticity drives hyphen-', 'ation of self-supervised learning.'])]),
    );
    assert.match(text, /drives hyphenation of self-supervised learning\./);
  });

  it('folds ligatures and reads non-Latin text', async () => {
    const [text] = await extractPdfText(
      await layoutPdf([linesAt(['The ﬁrst ﬂow is eﬃcient.', 'Νευρωνικά δίκτυα και нейронные сети, 神経回路網.'])]),
    );
    assert.match(text, /The first flow is efficient\./);
    assert.match(text, /Νευρωνικά δίκτυα και нейронные сети, 神経回路網\./);
  });

  it('reads the text of a PDF with scripts without running them', async () => {
    const [text] = await extractPdfText(await scriptedPdf());
    assert.match(text, /A PDF with scripts that must never run\./);
    assert.equal((globalThis as { __pwned?: unknown }).__pwned, undefined);
  });

  it('says which PDFs it cannot read: password-protected, damaged, empty', async () => {
    await assert.rejects(extractPdfText(await passwordPdf()), (error) => error instanceof PdfTextError && error.failure === 'password');
    await assert.rejects(extractPdfText(damagedPdf()), (error) => error instanceof PdfTextError && error.failure === 'damaged');
    await assert.rejects(extractPdfText(new Uint8Array()), (error) => error instanceof PdfTextError && error.failure === 'damaged');
  });
});
