import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latexToUnicode } from './latex-to-unicode';

const bib = (text: string): string => latexToUnicode(text, { stripGroupingBraces: true });

test('accents in every spelling BibTeX exports use', () => {
  assert.equal(latexToUnicode("Zamora-L{\\'{o}}pez"), 'Zamora-López');
  assert.equal(latexToUnicode('J{\\"{u}}rgen M\\"uller'), 'Jürgen Müller');
  assert.equal(latexToUnicode("Dvo{\\v{r}}{\\'a}k"), 'Dvořák');
  assert.equal(latexToUnicode("Garc{\\'\\i}a"), 'García');
  assert.equal(latexToUnicode('{\\o}stergaard, {\\aa}se, {\\ss}'), 'østergaard, åse, ß');
  assert.equal(latexToUnicode('Arnatkevi\\v{c}i\\={u}t\\.{e}'), 'Arnatkevičiūtė');
  assert.equal(latexToUnicode('\\c{c}a va'), 'ça va');
  assert.equal(latexToUnicode('\\uparrow stays'), '\\uparrow stays', 'a command is not read as \\u + "parrow"');
});

test('symbols, escapes, dashes and quotes', () => {
  assert.equal(latexToUnicode('50\\% of A \\& B, item \\#1, a\\_b'), '50% of A & B, item #1, a_b');
  assert.equal(latexToUnicode("pages 1--5 --- and ``quoted''"), 'pages 1–5 — and “quoted”');
  assert.equal(latexToUnicode('\\mu m and \\alpha-helix'), 'μ m and α-helix');
  assert.equal(latexToUnicode('{\\textcopyright} 2013 Elsevier'), '© 2013 Elsevier');
  assert.equal(bib('CO{\\textless}sub{\\textgreater}2{\\textless}/sub{\\textgreater}'), 'CO<sub>2</sub>');
  assert.equal(latexToUnicode('Fig.~3 and ~10x'), 'Fig. 3 and ~10x');
  // A tilde written out is a tilde, never a tie's space: Mendeley's `{\~{}}250,000`, `\textasciitilde{}`; `\^{}` a caret.
  assert.equal(
    bib('over the past {\\~{}}250,000 years, n\\textasciitilde{}2, x\\^{}2, se\\~{n}or'),
    'over the past ~250,000 years, n~2, x^2, señor',
  );
  // TeX spacing commands are spaces (thin spaces, which whitespace normalisation makes plain), never literal text.
  assert.equal(latexToUnicode('3\\,\\% and 5\\;mm, a\\:b, c\\>d, x\\!y'), '3\u2009% and 5\u2009mm, a\u2009b, c\u2009d, xy');
  assert.equal(latexToUnicode('$a\\,b$ and line\\\\, next'), '$a\\,b$ and line\\\\, next', 'math and `\\\\,` are kept');
});

test('math is kept verbatim for the reader', () => {
  assert.equal(latexToUnicode('with $\\sigma_{xy} = \\nu e^2/h$ and \\(x_{i}\\)'), 'with $\\sigma_{xy} = \\nu e^2/h$ and \\(x_{i}\\)');
  assert.equal(bib('$x_{i}$ and {Fourier}'), '$x_{i}$ and Fourier');
  assert.equal(latexToUnicode('costs \\$5 and \\$6'), 'costs $5 and $6');
});

test('formatting commands keep their text; unknown commands stay as typed', () => {
  assert.equal(bib('Attention is {\\textit{almost}} all you need'), 'Attention is almost all you need');
  assert.equal(latexToUnicode('\\emph{\\textbf{both}} and \\textsc{Caps}'), 'both and Caps');
  assert.equal(bib('Chemical {Informatics} in \\textit{{R}}'), 'Chemical Informatics in R');
  assert.equal(latexToUnicode('{\\it Nomads} of the {\\bf Present}'), 'Nomads of the Present');
  assert.equal(latexToUnicode('see \\href{https://x.org}{the site}'), 'see the site');
  assert.equal(bib('\\unknown{x} and {y}'), '\\unknown{x} and y', 'an unknown command keeps its argument braces');
});

test('line-breaking hints are no text; a wider space or a new line is a space', () => {
  assert.equal(bib('location--\\hspace{0pt}allocation, multi\\-level, a\\allowbreak b'), 'location–allocation, multilevel, ab');
  assert.equal(latexToUnicode('a\\hspace{1em}b, line\\newline next'), 'a b, line  next');
});

test('grouping braces: one-character groups always go, wider ones only for BibTeX text', () => {
  assert.equal(latexToUnicode('{a} and {a b} and {Fourier}'), 'a and {a b} and {Fourier}');
  assert.equal(bib('{a} and {a b} and {Fourier}'), 'a and a b and Fourier');
  assert.equal(bib('{{SPE}-{DOM}}'), 'SPE-DOM');
  // Case protection around math or across it (titles of IRIDIA's hand-kept library); the math itself is kept.
  assert.equal(
    bib('the {$\\epsilon$}-domination of a {TP$+$PLS} and a ({1+\\(\\lambda\\)}) EA'),
    'the $\\epsilon$-domination of a TP$+$PLS and a (1+\\(\\lambda\\)) EA',
  );
  assert.equal(bib('\\textit{$k$-means} in {$O(n)$}'), '$k$-means in $O(n)$', "a command's argument may hold math");
  assert.equal(latexToUnicode('a {$x$} b'), 'a {$x$} b', 'outside BibTeX, braces around math stay as typed');
  assert.equal(bib('the set \\{0, 1\\}'), 'the set {0, 1}', 'escaped braces are text');
  assert.equal(latexToUnicode('unbalanced { brace'), 'unbalanced { brace');
});

test('deep nesting is handled in linear time', () => {
  const depth = 200_000;
  const started = Date.now();
  assert.equal(bib(`${'{'.repeat(depth)}x${'}'.repeat(depth)}`), 'x');
  assert.ok(Date.now() - started < 5000);
});

test('plain text is returned unchanged', () => {
  for (const text of ['', 'Plain title', 'Ünïcödé already', 'a - b']) assert.equal(latexToUnicode(text), text);
});
