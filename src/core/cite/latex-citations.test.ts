import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findLatexCitations, latexCompletionContext, withoutComments } from './latex-citations';

function keys(text: string): string[] {
  return findLatexCitations(text).map((c) => {
    assert.equal(text.slice(c.start, c.end), c.key, `the range of ${c.key} is the key`);
    return `${c.command}:${c.key}`;
  });
}

describe('findLatexCitations', () => {
  test('LaTeX, natbib and biblatex commands, starred and capitalised', () => {
    assert.deepEqual(keys('\\cite{a} \\citep{b} \\citet*{c} \\Citet{d} \\citealp{e} \\citeauthor{f}'), [
      'cite:a',
      'citep:b',
      'citet:c',
      'Citet:d',
      'citealp:e',
      'citeauthor:f',
    ]);
    assert.deepEqual(keys('\\parencite{a}\\textcite{b}\\autocite*{c}\\footcite{d}\\Textcite{e}\\smartcite{f}'), [
      'parencite:a',
      'textcite:b',
      'autocite:c',
      'footcite:d',
      'Textcite:e',
      'smartcite:f',
    ]);
  });

  test('optional arguments, several keys, spaces and line breaks', () => {
    assert.deepEqual(keys('\\citep[see][p.~4]{smith2020, doe:99}'), ['citep:smith2020', 'citep:doe:99']);
    assert.deepEqual(keys('\\cite[ch.~2]{a,b,\n   c}'), ['cite:a', 'cite:b', 'cite:c']);
    assert.deepEqual(keys('\\parencite [p. 3] {x}'), ['parencite:x']);
    assert.deepEqual(keys('\\nocite{*} \\nocite{hidden}'), ['nocite:hidden']);
    assert.deepEqual(keys('\\citep[{[}odd{]}]{k}'), ['citep:k']); // brackets balanced inside an optional argument
  });

  test('biblatex multicite: (pre)(post) then [pre][post]{keys} groups', () => {
    assert.deepEqual(keys('\\cites(See)(and more)[p.~1]{a}[ch.~2]{b,c}{d} and {e}'), ['cites:a', 'cites:b', 'cites:c', 'cites:d']);
    assert.deepEqual(keys('\\parencites{a}{b}.'), ['parencites:a', 'parencites:b']);
    assert.deepEqual(keys('\\textcites[3]{a}[4]{b}'), ['textcites:a', 'textcites:b']);
  });

  test('comments, \\%, escaped commands and verbatim are skipped', () => {
    assert.deepEqual(keys('% \\cite{no}\n50\\% \\cite{yes} % \\cite{no2}'), ['cite:yes']);
    assert.deepEqual(keys('\\\\% \\cite{no}\n'), []);
    assert.deepEqual(keys('\\begin{verbatim}\\cite{no}\\end{verbatim}\\cite{yes}'), ['cite:yes']);
    assert.deepEqual(keys('\\citation{aux} \\bibliographystyle{plain}'), []);
    assert.equal(withoutComments('a%b\nc').length, 'a%b\nc'.length);
  });
});

describe('latexCompletionContext', () => {
  test('inside the key braces: the key at the cursor', () => {
    assert.deepEqual(latexCompletionContext('\\citep[p.~2]{a, vas', 19), { query: 'vas', replaceStart: 16, replaceEnd: 19 });
    assert.deepEqual(latexCompletionContext('\\cite{}', 6), { query: '', replaceStart: 6, replaceEnd: 6 });
    assert.deepEqual(latexCompletionContext('\\cite{sm2020}', 8), { query: 'sm', replaceStart: 6, replaceEnd: 12 });
    assert.deepEqual(latexCompletionContext('\\cites[1]{a}[2]{b', 17), { query: 'b', replaceStart: 16, replaceEnd: 17 });
  });

  test('outside citation braces, or after a closed group', () => {
    assert.equal(latexCompletionContext('\\section{Intro', 14), undefined);
    assert.equal(latexCompletionContext('\\cite{a} b', 10), undefined);
    assert.equal(latexCompletionContext('% \\cite{a', 9), undefined);
  });
});
