import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkXml } from './xml-well-formed';

test('a well-formed document gives its root element and attributes', () => {
  const text =
    '\ufeff<?xml version="1.0"?>\n<!-- c -->\n<style xmlns="x" class=\'in-text\'><a b="1 &amp; 2"/><![CDATA[<no>]]>&#169;</style>\n';
  assert.deepEqual(checkXml(text), { root: { name: 'style', attributes: { xmlns: 'x', class: 'in-text' } } });
});

test('each kind of error is reported at its line and column', () => {
  const cases: Array<[string, number, number, RegExp]> = [
    ['<style>\n  <info>\n</style>', 3, 1, /`<\/style>` closes `<info>` \(opened at line 2\)/],
    ['<style>\n  <info>', 2, 9, /the file ends inside `<info>` \(opened at line 2\)/],
    ['<style>\n  <a b=1/>\n</style>', 2, 5, /the tag `<a>` is malformed/],
    ['<style>\n  <a b="1" b="2"/>\n</style>', 2, 12, /attribute `b` is given twice/],
    ['<style>\n  R&D\n</style>', 2, 4, /`&` does not start an entity/],
    ['<style>\n  <a b="R&D"/>\n</style>', 2, 6, /`&` in attribute `b`/],
    ['<style>\n  < a/>\n</style>', 2, 3, /`<` does not start a tag/],
    ['<style/>\n<style/>', 2, 1, /a second root element `<style>`/],
    ['hello <style/>', 1, 1, /text outside the root element/],
    ['<style>\n<!-- open\n</style>', 2, 1, /a comment is not closed/],
    ['</style>', 1, 1, /closes nothing/],
    ['', 1, 1, /there is no root element/],
  ];
  for (const [text, line, column, reason] of cases) {
    const { error } = checkXml(text);
    assert.ok(error, text);
    assert.deepEqual([error.line, error.column], [line, column], `${JSON.stringify(text)}: ${error.reason}`);
    assert.match(error.reason, reason);
  }
});
