import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPandocCitations } from './pandoc-citations';

// The edges of what a note's markdown cites (the links, hovers and "no such paper" warnings all read this list):
// each case is a line of markdown and its citations as `key` (in text), `[key]` (bracketed) or `[-key]`.
function cited(text: string): string[] {
  return findPandocCitations(text).map((c) => {
    assert.equal(text.slice(c.start, c.end), c.key, `the range of ${c.key} is the key`);
    return c.bracketed ? `[${c.suppressAuthor ? '-' : ''}${c.key}]` : c.key;
  });
}

const CASES: Array<[string, string, string[]]> = [
  ['a braced key ends at its brace', 'see @{https://x.org/a?b}, then', ['https://x.org/a?b']],
  ['an empty, unclosed or broken braced key is none', 'a @{} b @{open c @{a\nb}', []],
  ['a key may end the text', 'as shown by @doe', ['doe']],
  ['a lone @ at the end is none', 'mail me @', []],
  ['a colon not followed by a key character ends the key', 'see @doe: it shows', ['doe']],
  ['a URL key keeps its ://', 'see @https://x.org/p here', ['https://x.org/p']],
  ['an escaped @ is none; an escaped backslash before @ is not an escape', 'a \\@doe b \\\\@lee', ['lee']],
  ['escaped brackets do not open or close a group', 'see \\[1\\] and [a \\] b @doe] and \\[@lee]', ['[doe]', 'lee']],
  ['a closed group before the key is not its group', 'see [a] @doe] here', ['doe']],
  ['a link inside the group does not close it', '[@doe see [a](http://x.org) more]', ['[doe]']],
  ['a group without its closing bracket is none', '[@doe and more', ['doe']],
  ['a blank line ends a group, before or after the key', '[see\n\n@doe] and [@lee\n  \nmore]', ['doe', 'lee']],
  ['a single line break does not', '[see\n@doe] and [@lee\r\nmore]', ['[doe]', '[lee]']],
  ['a link, a reference definition and a wikilink are not groups', '[@a](http://x) [@b]: http://y [[@c]] [[@d] e]', ['a', 'b', 'c', 'd']],
  ['-@ suppresses the author only at the start of an item', '[see; -@doe] [x a-@lee] [-@kim]', ['[-doe]', '[lee]', '[-kim]']],
  ['a key right after a code span counts; inside one it does not', '`x`@doe and `@lee` and <!-- `@kim` @ann --> @bob', ['doe', 'bob']],
  ['a closed group inside the group before the key is skipped', '[see [a] @doe]', ['[doe]']],
  ['an escaped closing bracket does not close the group', '[@doe \\] more', ['doe']],
  ['a bracket right after the group makes it a wikilink end', 'see [@c]] y', ['c']],
  ['a space then a slash does not extend a key', 'see @doe /x', ['doe']],
  ['a hidden span inside another is still hidden, with more hidden after', '<!-- `x` @ann --> @bob `y`', ['bob']],
  ['two line breaks end a group after the key', '[@kim\n\nmore]', ['kim']],
];

for (const [name, markdown, expected] of CASES) {
  test(name, () => assert.deepEqual(cited(markdown), expected, markdown));
}

test('a suppressed author moves the citation start to its "-"; a Quarto label is a cross-reference only with its prefix', () => {
  const [suppressed] = findPandocCitations('[-@kim]');
  assert.equal(suppressed.markerStart, 1);
  const labels = findPandocCitations('@fig-plot @sec-intro @figure @smith-fig-2').map((c) => [c.key, c.crossReference]);
  assert.deepEqual(labels, [
    ['fig-plot', true],
    ['sec-intro', true],
    ['figure', false],
    ['smith-fig-2', false],
  ]);
});
