import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import { citationInsertion, citeKeyOf, isLatexLanguage, type MarkdownCitationStyle } from './citation-insertion';

function paper(fields: Partial<Paper> & Pick<Paper, 'id' | 'title'>): Paper {
  return { authors: [], abstract: '', keywords: [], categories: [], topics: [], source: { file: 'library.bib', line: 1 }, ...fields };
}

const keyed = paper({
  id: 'cracking-the-code',
  citeKey: 'he2025cracking',
  title: 'Cracking the Code [of] Hallucination',
  doi: '10.1234/x',
});
const plain = paper({ id: 'latent-compass', title: 'Latent Compass' });

/** Inserts at the `|` of `marked` and returns the new text. */
function apply(languageId: string, marked: string, p: Paper, style?: MarkdownCitationStyle): string {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const result = citationInsertion({ languageId, text, offset, paper: p, style });
  return text.slice(0, result.offset) + result.text + text.slice(result.offset);
}

describe('citationInsertion in LaTeX', () => {
  test('outside a citation: \\cite{key}, the citation key else the id', () => {
    assert.equal(apply('latex', 'As shown |.', keyed), 'As shown \\cite{he2025cracking}.');
    assert.equal(apply('latex', 'As shown |.', plain), 'As shown \\cite{latent-compass}.');
    assert.equal(apply('tex', '|', plain), '\\cite{latent-compass}');
    assert.equal(citeKeyOf({ id: 'x', citeKey: '  ' }), 'x');
  });

  test('inside \\cite{…}: only the key, with the separators it needs', () => {
    assert.equal(apply('latex', '\\cite{|}', plain), '\\cite{latent-compass}');
    assert.equal(apply('latex', '\\cite{a|}', plain), '\\cite{a, latent-compass}');
    assert.equal(apply('latex', '\\cite{a, |}', plain), '\\cite{a, latent-compass}');
    assert.equal(apply('latex', '\\cite{a,|}', plain), '\\cite{a, latent-compass}');
    assert.equal(apply('latex', '\\cite{|a}', plain), '\\cite{latent-compass, a}');
    assert.equal(apply('latex', '\\cite{a,|b}', plain), '\\cite{a, latent-compass, b}');
  });

  test('a cursor inside a key moves to its end', () => {
    assert.equal(apply('latex', '\\cite{smi|th2020} x', plain), '\\cite{smith2020, latent-compass} x');
  });

  test('natbib and biblatex commands with optional arguments, and unclosed braces', () => {
    assert.equal(apply('latex', '\\citep[see][p.~3]{a|}', keyed), '\\citep[see][p.~3]{a, he2025cracking}');
    assert.equal(apply('latex', '\\parencite*{|', keyed), '\\parencite*{he2025cracking');
    assert.equal(apply('latex', '\\textcite{a,\n  b|}', keyed), '\\textcite{a,\n  b, he2025cracking}');
    assert.equal(apply('latex', '\\nocite{|}', keyed), '\\nocite{he2025cracking}');
  });

  test('a key already cited inserts nothing', () => {
    assert.equal(apply('latex', '\\cite{he2025cracking, b|}', keyed), '\\cite{he2025cracking, b}');
  });

  test('braces of other commands, closed citations and paragraph breaks are outside', () => {
    assert.equal(apply('latex', '\\section{Intro|}', plain), '\\section{Intro\\cite{latent-compass}}');
    assert.equal(apply('latex', '\\cite{a} |', plain), '\\cite{a} \\cite{latent-compass}');
    assert.equal(apply('latex', '\\cite{a\n\n|', plain), '\\cite{a\n\n\\cite{latent-compass}');
    assert.equal(apply('latex', '\\emph{\\cite{a} |}', plain), '\\emph{\\cite{a} \\cite{latent-compass}}');
  });

  test('which languages are LaTeX', () => {
    assert.ok(isLatexLanguage('latex') && isLatexLanguage('tex'));
    assert.ok(!isLatexLanguage('markdown') && !isLatexLanguage('bibtex'));
  });
});

describe('citationInsertion in markdown', () => {
  test('pandoc (the default): [@citekey], the key after [@, ; @key inside a bracketed citation', () => {
    assert.equal(apply('markdown', 'See |.', keyed), 'See [@he2025cracking].');
    assert.equal(apply('markdown', 'See |.', plain), 'See [@latent-compass].');
    assert.equal(apply('markdown', 'See [@|', keyed), 'See [@he2025cracking]');
    assert.equal(apply('markdown', 'See [@|].', keyed), 'See [@he2025cracking].');
    assert.equal(apply('markdown', 'See @|', keyed), 'See @he2025cracking');
    assert.equal(apply('markdown', 'See [@a, p. 4|].', keyed), 'See [@a, p. 4; @he2025cracking].');
    assert.equal(apply('markdown', 'See [@a; |].', keyed), 'See [@a; @he2025cracking].');
    assert.equal(apply('markdown', 'See [@a;|].', keyed), 'See [@a; @he2025cracking].');
    assert.equal(apply('markdown', 'See [|@a].', keyed), 'See [@he2025cracking; @a].');
    assert.equal(apply('markdown', 'See [@he2025cracking; @b|].', keyed), 'See [@he2025cracking; @b].');
    assert.equal(apply('markdown', 'A [link|](x) here', keyed), 'A [link[@he2025cracking]](x) here');
    assert.equal(apply('quarto', 'mail@|', keyed), 'mail@[@he2025cracking]');
  });

  test('pandoc: a key Pandoc cannot read bare is braced', () => {
    const odd = paper({ id: 'x', citeKey: 'smith.2020.', title: 'T' });
    assert.equal(apply('markdown', '|', odd), '[@{smith.2020.}]');
    assert.equal(apply('markdown', '|', odd, 'at'), '@{smith.2020.}');
  });

  test('wikilink: [[id]], or the rest after [[', () => {
    assert.equal(apply('markdown', 'See |.', keyed, 'wikilink'), 'See [[cracking-the-code]].');
    assert.equal(apply('markdown', 'See [[|]].', keyed, 'wikilink'), 'See [[cracking-the-code]].');
    assert.equal(apply('markdown', 'See [[|', keyed, 'wikilink'), 'See [[cracking-the-code]]');
  });

  test('at: @citekey, a space before it after a word, just the key after a word-starting @', () => {
    assert.equal(apply('markdown', 'See |.', keyed, 'at'), 'See @he2025cracking.');
    assert.equal(apply('markdown', 'See |.', plain, 'at'), 'See @latent-compass.');
    assert.equal(apply('markdown', 'See|', plain, 'at'), 'See @latent-compass');
    assert.equal(apply('markdown', '(|)', plain, 'at'), '(@latent-compass)');
    assert.equal(apply('markdown', '[@|]', plain, 'at'), '[@latent-compass]');
    assert.equal(apply('markdown', 'mail@|', plain, 'at'), 'mail@ @latent-compass');
  });

  test('link: the markdown citation', () => {
    assert.equal(apply('markdown', '- |', keyed, 'link'), '- [Cracking the Code \\[of\\] Hallucination](https://doi.org/10.1234/x)');
    assert.equal(apply('markdown', '|', plain, 'link'), '[Latent Compass](lectern:paper/latent-compass)');
  });

  test('other languages get the markdown form; offsets are clamped', () => {
    assert.equal(apply('plaintext', 'x|', plain), 'x[@latent-compass]');
    assert.deepEqual(citationInsertion({ languageId: 'markdown', text: 'ab', offset: 99, paper: plain }), {
      offset: 2,
      text: '[@latent-compass]',
    });
  });
});
