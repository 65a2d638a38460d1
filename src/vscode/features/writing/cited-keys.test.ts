import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { citedKeyAt, citedKeys, isPandocProject, writingKindOf } from './cited-keys';

describe('cited keys of writing documents', () => {
  test('the syntax comes from the language id, else the file name', () => {
    assert.equal(writingKindOf('quarto', '/w/a.txt'), 'pandoc');
    assert.equal(writingKindOf('plaintext', '/w/draft.qmd'), 'pandoc');
    assert.equal(writingKindOf('plaintext', '/w/analysis.Rmd'), 'pandoc');
    assert.equal(writingKindOf('latex', '/w/x'), 'latex');
    assert.equal(writingKindOf('plaintext', '/w/paper.tex'), 'latex');
    assert.equal(writingKindOf('plaintext', '/w/notes.txt'), undefined);
  });

  test('Pandoc keys without cross-references; LaTeX keys; the key at a cursor', () => {
    const text = 'See @fig-1 and [-@smith2020].';
    const keys = citedKeys('pandoc', text);
    assert.deepEqual(
      keys.map((k) => [k.key, text.slice(k.mentionStart, k.end), k.bracketed]),
      [['smith2020', '-@smith2020', true]],
    );
    assert.equal(citedKeyAt(keys, text.indexOf('smith'))?.key, 'smith2020');
    assert.equal(citedKeyAt(keys, text.indexOf('See')), undefined);
    assert.deepEqual(
      citedKeys('latex', '\\citep{a,b}').map((k) => k.key),
      ['a', 'b'],
    );
  });

  test('Quarto, R Markdown and documents naming a bibliography cite with bare @key too', () => {
    assert.ok(isPandocProject('/w/a.qmd', ''));
    assert.ok(isPandocProject('/w/a.md', '---\nbibliography: refs.bib\n---\n'));
    assert.ok(!isPandocProject('/w/notes.md', '@someone said'));
  });
});
