import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLatexCitations, latexCompletionContext, withoutComments } from './latex-citations';

// The edges of what a LaTeX draft cites (links, hovers and "no such paper" warnings read this list), and of the
// completion inside `\cite{…}`: each case is LaTeX source and its keys as `command:key`.
function cited(tex: string): string[] {
  return findLatexCitations(tex).map((c) => {
    assert.equal(tex.slice(c.start, c.end), c.key, `the range of ${c.key} is the key`);
    return `${c.command}:${c.key}`;
  });
}

const CASES: Array<[string, string, string[]]> = [
  ['an .aux line and style commands are not citations', '\\citation{a} \\citationstyle{b} \\bibliographystyle{c} \\cite{d}', ['cite:d']],
  ['after a line break (\\\\) the name is text; after \\\\\\ it is a command', '\\\\cite{a} and \\\\\\cite{b}', ['cite:b']],
  [
    'multicites take up to two (pre)(post) notes, then [pre][post]{keys} groups',
    '\\cites(see)(ch. 2)[p.~1]{a}[p.~2]{b, c} more {d}',
    ['cites:a', 'cites:b', 'cites:c'],
  ],
  ['a single cite reads one group of keys', '\\cite{a}{b} \\citep[x][y][z]{c}', ['cite:a']],
  ['a multicite stops at the first group that is not one', '\\cites{a} (b) {c}', ['cites:a']],
  ['keys may sit on the next line', '\\citep[p.~4]\n  {a,\n   b}', ['citep:a', 'citep:b']],
  [
    'keys still being typed (no closing brace before the next command) are none',
    '\\cite{a, b and more \\citet{c} and \\cite{d,\n\ne}',
    ['citet:c'],
  ],
  ['nested brackets in a note stay in the note', '\\citep[see {[}x{]}][]{a}', ['citep:a']],
  ['a comment ends at the line; \\% is text', '\\cite{a} % \\cite{b}\n50\\% \\cite{c}', ['cite:a', 'cite:c']],
  [
    'verbatim content is not LaTeX, up to its own end',
    '\\begin{verbatim}\\cite{a}\\end{verbatim}\\cite{b}\\begin{comment}\\cite{c}',
    ['cite:b'],
  ],
  ['a command without a group of keys reads none', '\\nocite x} \\cite{b} \\cite{abc', ['cite:b']],
  ['a blank line of spaces is a paragraph break too', '\\cite{d,\n  \ne} \\citet{f}', ['citet:f']],
];

for (const [name, tex, expected] of CASES) {
  test(name, () => assert.deepEqual(cited(tex), expected, tex));
}

test('blanking keeps offsets: comments and verbatim become spaces of the same length, line breaks kept', () => {
  const tex = 'a % x\n\\begin{comment}\nno\n\\end{comment} b';
  const out = withoutComments(tex);
  assert.equal(out.length, tex.length);
  assert.equal(out, `a    \n${' '.repeat(15)}\n  \n${' '.repeat(13)} b`);
});

test('completion inside the keys of a citation, not after a blank line or outside braces', () => {
  const line = '\\citep[p.~2]{a, vas} more';
  assert.deepEqual(latexCompletionContext(line, 18), { query: 'va', replaceStart: 16, replaceEnd: 19 });
  assert.deepEqual(latexCompletionContext('\\cite{a}[p.~1]{b', 16), undefined, 'a single cite has one group of keys');
  assert.deepEqual(latexCompletionContext('\\cites{a}[p.~1]{b', 17), { query: 'b', replaceStart: 16, replaceEnd: 17 });
  assert.equal(latexCompletionContext('\\cite{a,\n\nb', 11), undefined);
  assert.equal(latexCompletionContext('\\cite{a,\n  \nb', 13), undefined, 'a blank line of spaces');
  assert.deepEqual(latexCompletionContext('\\textcite{va', 12), { query: 'va', replaceStart: 10, replaceEnd: 12 });
  assert.deepEqual(latexCompletionContext('\\Citep* [see] [p.~2] {ab', 24), { query: 'ab', replaceStart: 22, replaceEnd: 24 });
  assert.deepEqual(latexCompletionContext('\\cites(see)(p.~2)[x]{a}[y]{b', 28), { query: 'b', replaceStart: 27, replaceEnd: 28 });
  assert.equal(latexCompletionContext('\\cite{a} b', 10), undefined);
  const far = `\\cite{${'x'.repeat(600)}, v`;
  assert.equal(latexCompletionContext(far, far.length), undefined, 'the command more than 500 characters back is not looked for');
});
