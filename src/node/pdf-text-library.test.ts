import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { useMessageBundle } from '../core/l10n/message-bundle';
import { MemoryIndexCacheStore } from '../core/library/index-cache-store';
import { fromPseudo, pseudoBundle } from '../../test/support/pseudo-locale';
import { damagedPdf, pageSentence, passwordPdf, scriptedPdf, textPdf } from '../../test/support/pdf-fixtures';
import { readPdfTexts, type PdfSource } from './pdf-text-library';

const folder = mkdtempSync(join(tmpdir(), 'lectern-fulltext-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const source = (id: string, ...files: string[]): PdfSource => ({
  paper: { id, title: `Paper ${id}`, authors: [], topics: [] },
  paths: files.map((file) => join(folder, file)),
});

afterEach(() => useMessageBundle(undefined));

describe('readPdfTexts', () => {
  it('reads the first PDF that exists, page by page, and a second run parses none', async () => {
    writeFileSync(join(folder, 'a.pdf'), await textPdf(3));
    writeFileSync(join(folder, 'b.pdf'), await textPdf(2));
    const store = new MemoryIndexCacheStore();
    const sources = [source('a', 'missing.pdf', 'a.pdf'), source('b', 'b.pdf'), source('none', 'nowhere.pdf')];
    const first = await readPdfTexts(sources, store);
    assert.equal(first.extracted, 2);
    assert.equal(first.extractedPages, 5);
    assert.deepEqual(
      first.texts.map((text) => [text.paper.id, text.file, text.pages.length]),
      [
        ['a', join(folder, 'a.pdf'), 3],
        ['b', join(folder, 'b.pdf'), 2],
      ],
    );
    assert.match(first.texts[0].pages[2], /^Lectern test sentence on page 3\./);
    assert.deepEqual(first.diagnostics, []);
    const second = await readPdfTexts(sources, store);
    assert.equal(second.extracted, 0);
    assert.deepEqual(second.texts, first.texts);
  });

  it('reads a file again when it changed, and finds its text by content hash when only its time changed', async () => {
    const path = join(folder, 'c.pdf');
    writeFileSync(path, await textPdf(1));
    const store = new MemoryIndexCacheStore();
    await readPdfTexts([source('c', 'c.pdf')], store);
    utimesSync(path, new Date(), new Date(Date.now() + 5_000)); // touched, same bytes
    const touched = await readPdfTexts([source('c', 'c.pdf')], store);
    assert.equal(touched.extracted, 0);
    writeFileSync(path, await textPdf(4));
    const changed = await readPdfTexts([source('c', 'c.pdf')], store);
    assert.equal(changed.extracted, 1);
    assert.equal(changed.texts[0].pages.length, 4);
    assert.equal(changed.texts[0].pages[3].startsWith(pageSentence(4)), true);
  });

  it('skips PDFs it cannot read with a warning naming the paper and the file, and reads the rest', async () => {
    writeFileSync(join(folder, 'locked.pdf'), await passwordPdf());
    writeFileSync(join(folder, 'broken.pdf'), damagedPdf());
    writeFileSync(join(folder, 'empty.pdf'), new Uint8Array());
    writeFileSync(join(folder, 'page.pdf'), '<html>not a pdf</html>');
    writeFileSync(join(folder, 'scripted.pdf'), await scriptedPdf());
    const store = new MemoryIndexCacheStore();
    const sources = ['locked', 'broken', 'empty', 'page', 'scripted'].map((name) => source(name, `${name}.pdf`));
    const report = await readPdfTexts(sources, store);
    assert.deepEqual(
      report.texts.map((text) => text.paper.id),
      ['scripted'],
    );
    const messages = report.diagnostics.map((d) => `${d.severity} ${d.file}: ${d.message}`);
    assert.equal(messages.length, 4, messages.join('\n'));
    assert.match(messages[0], /^warning .*locked\.pdf: Lectern: the PDF of “Paper locked” \(.*locked\.pdf\) is protected by a password/);
    assert.match(messages[1], /Paper broken.*broken\.pdf\) is damaged/);
    assert.match(messages[2], /Paper empty.*empty\.pdf\) is empty \(0 bytes\)/);
    assert.match(messages[3], /Paper page.*page\.pdf\) is not a PDF/);
    // The failures are remembered: a second run parses nothing and says the same.
    const again = await readPdfTexts(sources, store);
    assert.equal(again.extracted, 0);
    assert.deepEqual(
      again.diagnostics.map((d) => d.message),
      report.diagnostics.map((d) => d.message),
    );
  });

  it('a failure cached by a run in English is reported in the display language of the next run, with the same file', async () => {
    writeFileSync(join(folder, 'locked2.pdf'), await passwordPdf());
    writeFileSync(join(folder, 'broken2.pdf'), damagedPdf());
    writeFileSync(join(folder, 'page2.pdf'), '<html>not a pdf</html>');
    const store = new MemoryIndexCacheStore();
    const sources = ['locked2', 'broken2', 'page2'].map((name) => source(name, `${name}.pdf`));
    const english = await readPdfTexts(sources, store);
    assert.equal(english.diagnostics.length, 3);
    useMessageBundle(pseudoBundle());
    const translated = await readPdfTexts(sources, store);
    assert.equal(translated.extracted, 0, 'read from the cache');
    assert.deepEqual(
      translated.diagnostics.map((d) => d.file),
      english.diagnostics.map((d) => d.file),
    );
    translated.diagnostics.forEach((diagnostic, i) => {
      assert.match(diagnostic.message, /^⟪LECTERN: THE PDF OF/, diagnostic.message);
      assert.equal(fromPseudo(diagnostic.message), english.diagnostics[i].message.toUpperCase());
    });
    // The cached failure's own words are translated too, not kept from the English run.
    const [locked, broken, page] = translated.diagnostics.map((d) => d.message);
    assert.match(locked, /\) ⟪IS PROTECTED BY A PASSWORD/);
    assert.match(broken, /\) ⟪IS DAMAGED \(/);
    assert.match(page, /\) ⟪IS NOT A PDF/);
  });
});
