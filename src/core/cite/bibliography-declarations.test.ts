import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { latexBibliographies, markdownBibliographies, resolveBibliographyPath } from './bibliography-declarations';

describe('markdownBibliographies', () => {
  test('one path or a list, with ranges on the paths', () => {
    const one = '---\ntitle: Draft\nbibliography: refs.bib\n---\nText';
    const [found] = markdownBibliographies(one);
    assert.equal(found.path, 'refs.bib');
    assert.equal(one.slice(found.start, found.end), 'refs.bib');
    const list = '---\nbibliography:\n  - "a.bib"\n  - ../lib/b.json\n---\n';
    assert.deepEqual(
      markdownBibliographies(list).map((d) => [d.path, list.slice(d.start, d.end)]),
      [
        ['a.bib', '"a.bib"'],
        ['../lib/b.json', '../lib/b.json'],
      ],
    );
    assert.deepEqual(
      markdownBibliographies('---\nbibliography: [x.bib, y.bib]\n---\n').map((d) => d.path),
      ['x.bib', 'y.bib'],
    );
  });

  test('none without front matter, without the key, or when it does not parse', () => {
    assert.deepEqual(markdownBibliographies('bibliography: refs.bib\n'), []);
    assert.deepEqual(markdownBibliographies('---\ntitle: x\n---\n'), []);
    assert.deepEqual(markdownBibliographies('---\nbibliography: [unclosed\n---\n'), []);
    assert.deepEqual(markdownBibliographies('---\nbibliography: refs.bib\n'), []);
  });
});

describe('latexBibliographies', () => {
  test('\\bibliography adds .bib; \\addbibresource keeps the name; comments skipped', () => {
    const text = '\\addbibresource[location=local]{refs.bib}\n% \\bibliography{old}\n\\bibliography{a, b.bib}';
    assert.deepEqual(
      latexBibliographies(text).map((d) => [d.path, text.slice(d.start, d.end)]),
      [
        ['refs.bib', 'refs.bib'],
        ['a.bib', 'a'],
        ['b.bib', 'b.bib'],
      ],
    );
  });
});

describe('resolveBibliographyPath', () => {
  test('relative to the document, ~ and absolute paths', () => {
    assert.equal(resolveBibliographyPath('/w/paper', 'refs.bib'), '/w/paper/refs.bib');
    assert.equal(resolveBibliographyPath('/w/paper/', '../lib/./refs.bib'), '/w/lib/refs.bib');
    assert.equal(resolveBibliographyPath('/w', '~/Zotero/my.bib', '/home/me'), '/home/me/Zotero/my.bib');
    assert.equal(resolveBibliographyPath('/w', '/abs/x.bib'), '/abs/x.bib');
    assert.equal(resolveBibliographyPath('C:\\w\\doc', '..\\refs.bib'), 'C:\\w\\refs.bib');
  });
});
