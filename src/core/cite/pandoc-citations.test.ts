import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findPandocCitations, pandocCompletionContext, pandocKeyAt } from './pandoc-citations';

/** Each citation as `key` (bare), `[key]` (bracketed) or `[-key]`, checked against its range. */
function cited(text: string): string[] {
  return findPandocCitations(text).map((c) => {
    assert.equal(text.slice(c.start, c.end), c.key, `the range of ${c.key} is the key`);
    return c.bracketed ? `[${c.suppressAuthor ? '-' : ''}${c.key}]` : c.key;
  });
}

describe('findPandocCitations', () => {
  test("the manual's forms: bracketed, locators, several keys, suppressed author, in text", () => {
    assert.deepEqual(cited('Blah blah [@doe99; @smith2000; @smith2004].'), ['[doe99]', '[smith2000]', '[smith2004]']);
    assert.deepEqual(cited('Blah [see @doe99, pp. 33-35 and *passim*; @smith04, chap. 1].'), ['[doe99]', '[smith04]']);
    assert.deepEqual(cited('Smith says blah [-@smith04].'), ['[-smith04]']);
    assert.deepEqual(cited('@smith04 says blah.'), ['smith04']);
    assert.deepEqual(cited('@smith04 [p. 33] says blah.'), ['smith04']);
    assert.deepEqual(cited('[@key, p. 4]'), ['[key]']);
    assert.deepEqual(cited('A [@a; -@b] mix'), ['[a]', '[-b]']);
  });

  test("Pandoc's key rules: internal punctuation only, braces keep everything", () => {
    assert.equal(pandocKeyAt('@Foo_bar.baz.', 1), 'Foo_bar.baz');
    assert.equal(pandocKeyAt('@Foo_bar--baz', 1), 'Foo_bar');
    assert.equal(pandocKeyAt('@.x', 1), undefined);
    assert.deepEqual(cited('see @Foo_bar.baz.'), ['Foo_bar.baz']);
    assert.deepEqual(cited('[@{Foo_bar.baz.}]'), ['[Foo_bar.baz.]']);
    assert.deepEqual(cited('[@{https://example.com/bib?name=foobar&date=2000}, p. 33]'), [
      '[https://example.com/bib?name=foobar&date=2000]',
    ]);
    assert.deepEqual(cited('@http://zotero.org/users/1/items/A1 said'), ['http://zotero.org/users/1/items/A1']);
    assert.deepEqual(cited('Better BibTeX keys: [@vaswani2017Attention; @d_Alembert:1743; @2403.01234]'), [
      '[vaswani2017Attention]',
      '[d_Alembert:1743]',
      '[2403.01234]',
    ]);
    assert.deepEqual(cited('Unicode: @Müller2020, @王2019.'), ['Müller2020', '王2019']);
  });

  test('offsets: start/end are the key, markerStart the @ or -@', () => {
    const [a, b] = findPandocCitations('x [@ab; -@cd]');
    assert.deepEqual([a.markerStart, a.start, a.end], [3, 4, 6]);
    assert.deepEqual([b.markerStart, b.start, b.end], [8, 10, 12]);
  });

  test('e-mails, URLs, escapes, code, comments and front matter are not citations', () => {
    assert.deepEqual(cited('mail me at a@b.com or <first.last@uni.edu>'), []);
    assert.deepEqual(cited('https://medium.com/@user and \\@notme'), []);
    assert.deepEqual(cited('`@code` and\n\n```\n@fenced\n```\n<!-- @hidden -->\n@seen'), ['seen']);
    assert.deepEqual(cited('---\ntitle: "@notakey"\nbibliography: refs.bib\n---\n\nText [@real].'), ['[real]']);
  });

  test('links and wikilinks are not bracketed citations; a group stays in its paragraph', () => {
    assert.deepEqual(cited('[@key](https://x.org)'), ['key']);
    assert.deepEqual(cited('[see\n\n@key]'), ['key']);
    assert.deepEqual(cited('[see\n@key]'), ['[key]']);
  });

  test('Quarto cross-references are marked', () => {
    const [figure, citation] = findPandocCitations('See @fig-plot and [@sec-x2020].');
    assert.equal(figure.crossReference, true);
    assert.equal(citation.crossReference, true);
    assert.equal(findPandocCitations('@figure2020')[0].crossReference, false);
  });
});

describe('pandocCompletionContext', () => {
  test('after [@, @ and ; @, with the key-like text around the cursor', () => {
    assert.deepEqual(pandocCompletionContext('see [@vasw', 10), { query: 'vasw', replaceStart: 6, replaceEnd: 10 });
    assert.deepEqual(pandocCompletionContext('see [@', 6), { query: '', replaceStart: 6, replaceEnd: 6 });
    assert.deepEqual(pandocCompletionContext('[@a; @sm]', 8), { query: 'sm', replaceStart: 6, replaceEnd: 8 });
    assert.deepEqual(pandocCompletionContext('@smi2020 x', 4), { query: 'smi', replaceStart: 1, replaceEnd: 8 });
    assert.deepEqual(pandocCompletionContext('[-@x', 4), { query: 'x', replaceStart: 3, replaceEnd: 4 });
  });

  test('not in an e-mail or after a word', () => {
    assert.equal(pandocCompletionContext('a@b', 3), undefined);
    assert.equal(pandocCompletionContext('no at here', 5), undefined);
  });
});
