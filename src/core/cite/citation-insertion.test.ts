import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import { readFileSync } from 'node:fs';
import { citationInsertion, citeKeyOf, isLatexLanguage, MARKDOWN_CITATION_STYLES, type MarkdownCitationStyle } from './citation-insertion';

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
    assert.equal(apply('markdown', 'See [|', keyed, 'wikilink'), 'See [[[cracking-the-code]]');
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

// Edges: what goes where for a cursor (`|`) in LaTeX and markdown.
const LATEX: Array<[string, string, string]> = [
  ['a key already there, even unclosed or spaced, is not added twice', '\\cite{a, latent-compass|', '\\cite{a, latent-compass'],
  ['spaces around a present key do not hide it', '\\cite{a,  latent-compass |}', '\\cite{a,  latent-compass }'],
  ['a cursor inside a key adds after that key', '\\cite{ab|cd}', '\\cite{abcd, latent-compass}'],
  ['before a comma, no comma is added after', '\\cite{|, a}', '\\cite{latent-compass, a}'],
  ['before the next key on the line, a comma is', '\\cite{a,|  b}', '\\cite{a, latent-compass,   b}'],
  ['an unclosed group reads to the end of the text', '\\cite{a, |b', '\\cite{a, latent-compass, b'],
  ["a closed group before the cursor is not the cursor's", '\\cite{a} |', '\\cite{a} \\cite{latent-compass}'],
  ['a paragraph break ends the search for the group', '\\cite{a,\n\n|', '\\cite{a,\n\n\\cite{latent-compass}'],
  ["a brace that is not a citation's is not one", '\\emph{a |}', '\\emph{a \\cite{latent-compass}}'],
  ['a later group does not close this one', '\\cite{a|, \\emph{x}', '\\cite{a, latent-compass, \\emph{x}'],
  ['a key present after the cursor is not added twice', '\\cite{a|, latent-compass}', '\\cite{a, latent-compass}'],
  ['at the end of an unclosed group, no comma after', '\\cite{a|', '\\cite{a, latent-compass'],
  [
    'optional arguments with spaces and a star still make a citation',
    '\\citep* [see] [p.~2] {|}',
    '\\citep* [see] [p.~2] {latent-compass}',
  ],
];
for (const [name, marked, expected] of LATEX) test(`LaTeX: ${name}`, () => assert.equal(apply('latex', marked, plain), expected));

const PANDOC: Array<[string, string, string]> = [
  ['at the start of a note', '|', '[@latent-compass]'],
  ['right after [@ with no closing bracket on the line', 'see [@|\nmore]', 'see [@latent-compass]\nmore]'],
  ['right after [@ with its closing bracket', 'see [@| more]', 'see [@latent-compass more]'],
  ['at the start of a group', 'see [|@a]', 'see [@latent-compass; @a]'],
  ['after a key and its locator', 'see [@a, p. 4|]', 'see [@a, p. 4; @latent-compass]'],
  ['after a semicolon and a space', 'see [@a; |]', 'see [@a; @latent-compass]'],
  ['after a semicolon with no space', 'see [@a;|]', 'see [@a; @latent-compass]'],
  ['a key already in the group is not added twice', 'see [@latent-compass; |]', 'see [@latent-compass; ]'],
  ["a group on another line is not the cursor's", '[@a]\n|', '[@a]\n[@latent-compass]'],
  ['brackets that hold no citation are not a group', 'see [note |]', 'see [note [@latent-compass]]'],
  ['a cursor between two groups is in neither', '[@a] | [@b]', '[@a] [@latent-compass] [@b]'],
  ["a group on the line before is not the cursor's", 'see [@a;\n|]', 'see [@a;\n[@latent-compass]]'],
  ["a group closed on the next line is not the cursor's", 'see [@a; |\nmore]', 'see [@a; [@latent-compass]\nmore]'],
  ["a group closed before the cursor is not the cursor's", '[@a] x |]', '[@a] x [@latent-compass]]'],
  ['brackets opened after the cursor are not a group', '[@a; | [x]]', '[@a; [@latent-compass] [x]]'],
  ['a citation before the brackets does not make them a group', '@b [note |]', '@b [note [@latent-compass]]'],
];
for (const [name, marked, expected] of PANDOC) test(`Pandoc: ${name}`, () => assert.equal(apply('markdown', marked, plain), expected));

const braced: Paper = { ...plain, id: 'odd', citeKey: 'my key.' };

test('a key Pandoc cannot read bare is braced, and recognised braced in a group', () => {
  assert.equal(apply('markdown', 'see |', braced), 'see [@{my key.}]');
  assert.equal(apply('markdown', 'see [@{my key.}; |]', braced), 'see [@{my key.}; ]');
  assert.equal(apply('markdown', 'mail|', braced, 'at'), 'mail @{my key.}');
  assert.equal(apply('markdown', '|', plain, 'at'), '@latent-compass');
});

test("every LaTeX-like language gets \\cite, and the markdown styles are the setting's choices", () => {
  for (const id of ['latex', 'tex', 'latex-expl3', 'doctex', 'context', 'rsweave', 'jlweave', 'pweave']) assert.ok(isLatexLanguage(id), id);
  for (const id of ['markdown', 'quarto', 'rmd', 'plaintext']) assert.ok(!isLatexLanguage(id), id);
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    contributes: {
      configuration: Array<{ properties: Record<string, { enum?: string[] }> }> | { properties: Record<string, { enum?: string[] }> };
    };
  };
  const sections = Array.isArray(manifest.contributes.configuration)
    ? manifest.contributes.configuration
    : [manifest.contributes.configuration];
  const setting = sections.map((section) => section.properties['lectern.citation.markdownStyle']).find(Boolean);
  assert.deepEqual(MARKDOWN_CITATION_STYLES, setting?.enum);
});
