import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Paper } from '../model/paper';
import { titledPaper } from '../../../test/support/imported-paper';
import { citationInsertion, isLatexLanguage, MARKDOWN_CITATION_STYLES, type MarkdownCitationStyle } from './citation-insertion';

// The edges of Insert Citation: what goes where for a cursor (`|`) in LaTeX and markdown.
const paper = titledPaper('latent-compass', 'Latent Compass', '', 'library.bib');
const braced: Paper = { ...paper, id: 'odd', citeKey: 'my key.' };

function apply(languageId: string, marked: string, p: Paper = paper, style?: MarkdownCitationStyle): string {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const result = citationInsertion({ languageId, text, offset, paper: p, style });
  return text.slice(0, result.offset) + result.text + text.slice(result.offset);
}

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
for (const [name, marked, expected] of LATEX) test(`LaTeX: ${name}`, () => assert.equal(apply('latex', marked), expected));

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
for (const [name, marked, expected] of PANDOC) test(`Pandoc: ${name}`, () => assert.equal(apply('markdown', marked), expected));

test('a key Pandoc cannot read bare is braced, and recognised braced in a group', () => {
  assert.equal(apply('markdown', 'see |', braced), 'see [@{my key.}]');
  assert.equal(apply('markdown', 'see [@{my key.}; |]', braced), 'see [@{my key.}; ]');
  assert.equal(apply('markdown', 'mail|', braced, 'at'), 'mail @{my key.}');
  assert.equal(apply('markdown', '|', paper, 'at'), '@latent-compass');
});

test('wikilinks complete an open [[ and close it when needed', () => {
  assert.equal(apply('markdown', 'see [[|', paper, 'wikilink'), 'see [[latent-compass]]');
  assert.equal(apply('markdown', 'see [[|]]', paper, 'wikilink'), 'see [[latent-compass]]');
  assert.equal(apply('markdown', 'see [|', paper, 'wikilink'), 'see [[[latent-compass]]');
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
