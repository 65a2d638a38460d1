import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findReferences } from './note-references';
import { idRange, mentionsOf, mentionsWithLines, referenceAt, referenceCompletionContext, shortTitle } from './reference-lookup';

describe('referenceAt and idRange', () => {
  const text = 'See [[ alpha-1 |Alpha]] and @beta.';
  test('finds the reference under an offset; the end counts only when touching', () => {
    assert.equal(referenceAt(text, 4)?.id, 'alpha-1');
    assert.equal(referenceAt(text, 22)?.id, 'alpha-1');
    assert.equal(referenceAt(text, 23), undefined);
    assert.equal(referenceAt(text, 23, { touchingEnd: true })?.id, 'alpha-1');
    assert.equal(referenceAt(text, 28)?.id, 'beta');
    assert.equal(referenceAt(text, 33, { touchingEnd: true })?.id, 'beta');
    assert.equal(referenceAt(text, 2), undefined);
  });

  test('the id range inside brackets or after @', () => {
    const [wiki, at] = findReferences(text);
    assert.deepEqual(idRange(text, wiki), [7, 14]);
    assert.equal(text.slice(...idRange(text, wiki)), 'alpha-1');
    assert.equal(text.slice(...idRange(text, at)), 'beta');
  });
});

describe('mentions with lines and previews', () => {
  test('0-based lines and characters, CRLF too', () => {
    const text = '---\r\npaper: x\r\n---\r\nIntro [[a]]\r\n\r\n  Then @b and [[a|again]].\r\n';
    const mentions = mentionsWithLines(text, findReferences(text));
    assert.deepEqual(
      mentions.map((m) => [m.id, m.line, m.character, m.endLine, m.endCharacter, m.preview]),
      [
        ['a', 3, 6, 3, 11, 'Intro [[a]]'],
        ['b', 5, 7, 5, 9, 'Then @b and [[a|again]].'],
        ['a', 5, 14, 5, 25, 'Then @b and [[a|again]].'],
      ],
    );
    assert.deepEqual(
      mentionsOf(text, 'a').map((m) => m.line),
      [3, 5],
    );
  });

  test('a long line is cut around the mention', () => {
    const text = `${'word '.repeat(60)}[[target]]${' tail'.repeat(60)}`;
    const [mention] = mentionsOf(text, 'target');
    assert.ok(mention.preview.includes('[[target]]'));
    assert.ok(mention.preview.startsWith('…') && mention.preview.endsWith('…'));
    assert.ok(mention.preview.length <= 124, String(mention.preview.length));
  });
});

describe('referenceCompletionContext', () => {
  test('after [[: the typed text, the range to replace, and whether ]] is missing', () => {
    assert.deepEqual(referenceCompletionContext('See [[atten', 11), {
      kind: 'wikilink',
      query: 'atten',
      replaceStart: 6,
      replaceEnd: 11,
      needsClose: true,
    });
    assert.deepEqual(referenceCompletionContext('See [[]]', 6), {
      kind: 'wikilink',
      query: '',
      replaceStart: 6,
      replaceEnd: 6,
      needsClose: false,
    });
    assert.deepEqual(referenceCompletionContext('See [[at|alias]] x', 8), {
      kind: 'wikilink',
      query: 'at',
      replaceStart: 6,
      replaceEnd: 8,
      needsClose: false,
    });
    assert.deepEqual(referenceCompletionContext('[[visual att]]', 12), {
      kind: 'wikilink',
      query: 'visual att',
      replaceStart: 2,
      replaceEnd: 12,
      needsClose: false,
    });
    assert.deepEqual(referenceCompletionContext('[[ab|cd]]', 3), {
      kind: 'wikilink',
      query: 'a',
      replaceStart: 2,
      replaceEnd: 4,
      needsClose: false,
    });
  });

  test('after a word-starting @', () => {
    assert.deepEqual(referenceCompletionContext('As @mind', 8), {
      kind: 'at',
      query: 'mind',
      replaceStart: 4,
      replaceEnd: 8,
      needsClose: false,
    });
    assert.deepEqual(referenceCompletionContext('[@', 2), { kind: 'at', query: '', replaceStart: 2, replaceEnd: 2, needsClose: false });
    assert.deepEqual(referenceCompletionContext('@ab-cd more', 2), {
      kind: 'at',
      query: 'a',
      replaceStart: 1,
      replaceEnd: 6,
      needsClose: false,
    });
  });

  test('nothing elsewhere: e-mails, single brackets, closed links, escapes', () => {
    for (const [line, cursor] of [
      ['mail a@b', 8],
      ['see [x', 6],
      ['[[done]] then', 13],
      ['\\[[x', 4],
      ['\\@x', 3],
      ['plain', 5],
    ] as const) {
      assert.equal(referenceCompletionContext(line, cursor), undefined, line);
    }
  });
});

test('shortTitle cuts at a word boundary', () => {
  assert.equal(shortTitle('Short'), 'Short');
  assert.equal(shortTitle('See What You Are Told: Visual Attention Sink in Large Multimodal Models', 30), 'See What You Are Told: Visual…');
});
