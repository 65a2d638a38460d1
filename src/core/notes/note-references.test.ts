import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findReferences } from './note-references';

const ids = (text: string) => findReferences(text).map((ref) => ref.id);

describe('findReferences', () => {
  test('wikilinks, aliases and headings, with their ranges', () => {
    const text = 'See [[2403.01234]] and [[doi-10.1038-nature10098|the Nature paper]] or [[zamora-lopez2010#methods]].';
    assert.deepEqual(findReferences(text), [
      { id: '2403.01234', start: 4, end: 18, kind: 'wikilink' },
      { id: 'doi-10.1038-nature10098', start: 23, end: 67, kind: 'wikilink' },
      { id: 'zamora-lopez2010', start: 71, end: 99, kind: 'wikilink' },
    ]);
    assert.deepEqual(ids('[[Some Note]] [[]] [[ spaced-id ]] [[a\nb]] [[x|y]]'), ['spaced-id', 'x']);
  });

  test('@ references: at a word start, trailing `.` and `-` trimmed', () => {
    const text = 'As @2403.01234. showed (@smith2020; [@hep-th-0701001, p. 3]) — @see-also-';
    assert.deepEqual(findReferences(text), [
      { id: '2403.01234', start: 3, end: 14, kind: 'at' },
      { id: 'smith2020', start: 24, end: 34, kind: 'at' },
      { id: 'hep-th-0701001', start: 37, end: 52, kind: 'at' },
      { id: 'see-also', start: 63, end: 72, kind: 'at' },
    ]);
  });

  test('citekeys with capitals and Pandoc punctuation are references too, as written', () => {
    assert.deepEqual(ids('As @Smith2020: said, [[vaswani2017AttentionAllYou|Vaswani]] and [@smith:2020a; @García2019].'), [
      'Smith2020',
      'vaswani2017AttentionAllYou',
      'smith:2020a',
      'García2019',
    ]);
    assert.deepEqual(ids('[[Some Note]] [[Smith2020#methods]] [[-x]] [[@smith2020|Smith]]'), ['Smith2020', 'smith2020']);
  });

  test('not emails, URLs, mid-word @ or escapes', () => {
    assert.deepEqual(ids('mail a@b.com or x.y@lab.org, https://medium.com/@user, foo@bar, \\@escaped, \\[[esc]], @@double'), []);
    assert.deepEqual(ids('(@ok) "@quoted" *@em* _@under_'), ['ok', 'quoted', 'em']);
  });

  test('not inside fenced code, code spans or HTML comments', () => {
    const text = [
      'Before [[a]].',
      '```python',
      'x = "[[b]] @c"',
      '```',
      'Inline `[[d]] @e` and ``code with ` and @f`` then @g.',
      '~~~~',
      '@h',
      '~~~~',
      '<!-- lectern:highlight id=h-1 prefix="@i [[j]]" -->',
      '<!-- spans',
      '',
      '@k',
      '-->',
      'An unclosed `tick then @l.',
      '',
      'After @m',
    ].join('\n');
    assert.deepEqual(ids(text), ['a', 'g', 'l', 'm']);
  });

  test('an unclosed fence hides the rest of the text', () => {
    assert.deepEqual(ids('@a\n```\n@b\n'), ['a']);
  });
});
