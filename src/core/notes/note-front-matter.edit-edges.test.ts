// setFrontMatterKeys on the less usual shapes a hand-edited note can hold, to the character: a value that is a block
// list, map or scalar (its comments and the line breaks after it stay), padded and odd tag lists, lists whose items
// hold `#`, keys without a value, anchors and aliases next to the edited key, values that need quotes, and the
// after-edit check refusing hand-made edits. Where the edits matter (the editor applies them, not the text), they are
// checked too: only the changed characters are replaced.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFrontMatterEdits, setFrontMatterKeys, type FrontMatterChanges, type FrontMatterEditResult } from './note-front-matter';

const text = (note: string, changes: FrontMatterChanges) => {
  const result = setFrontMatterKeys(note, changes);
  if ('error' in result) assert.fail(result.error);
  return result.text;
};
const error = (result: FrontMatterEditResult) => ('error' in result ? result.error : `no error: ${JSON.stringify(result.text)}`);
const UNSAFE = (why: string) => `Lectern: could not update the note's front matter safely (${why}); edit it by hand.`;
const TOUCHING = (why: string) =>
  `Lectern: could not update the note's front matter without touching other lines (${why}); edit it by hand.`;

describe('a value on several lines, replaced', () => {
  test('a block list: its comments stay, each on a line of its own (also without a space after `#`, and in CRLF)', () => {
    assert.equal(
      text('---\nstatus:\n  - reading # old\n  - read #new\n---\n', { status: 'read' }),
      '---\nstatus: read\n# old\n#new\n---\n',
    );
    assert.equal(text('---\nstatus:\n  - reading\n  -   #odd\n  - read\n---\n', { status: 'read' }), '---\nstatus: read\n#odd\n---\n');
    assert.equal(
      text('---\r\nstatus:\r\n  - reading # old\r\n  - read\r\n---\r\n', { status: 'read' }),
      '---\r\nstatus: read\r\n# old\r\n---\r\n',
    );
  });

  test('a `#` inside a quoted item or an anchor name is no comment', () => {
    assert.equal(text('---\nstatus:\n  - "see #3"\n  - read\n---\n', { status: 'read' }), '---\nstatus: read\n---\n');
    assert.equal(text('---\nstatus:\n  - &r#1 reading\n---\n', { status: 'read' }), '---\nstatus: read\n---\n');
  });

  test("a block map: its comments stay, a quoted `#` in it is no comment; the body's last line keeps no line break", () => {
    assert.equal(
      text('---\nstatus:\n  phase: reading # since Monday\n  other: "#2"\n---\n', { status: 'read' }),
      '---\nstatus: read\n# since Monday\n---\n',
    );
    assert.equal(
      text('---\nstatus:\n  - reading\n  - read\n---\nBody without a line break', { status: 'read' }),
      '---\nstatus: read\n---\nBody without a line break',
    );
  });

  test('a folded or literal title: the blank line after it stays', () => {
    assert.equal(
      text('---\ntitle: >\n  Attention is\n  all you need\n\nstatus: read\n---\n', { title: 'Attention' }),
      '---\ntitle: Attention\n\nstatus: read\n---\n',
    );
    assert.equal(
      text('---\ntitle: |\n  Attention\nstatus: read\n---\n', { title: 'Attention' }),
      '---\ntitle: Attention\nstatus: read\n---\n',
    );
  });

  test('the spaces between the colon and a value stay, for a scalar and a flow list', () => {
    const result = setFrontMatterKeys('---\nstatus:  reading\ntitle:  [A]\n---\n', { status: 'read', title: 'B' });
    assert.deepEqual(result, {
      text: '---\nstatus:  read\ntitle:  B\n---\n',
      edits: [
        { start: 13, end: 20, newText: 'read' },
        { start: 29, end: 32, newText: 'B' },
      ],
    });
  });
});

describe('removing a key', () => {
  test('a key without a value, a block list, a title with a quoted `#`', () => {
    assert.equal(text('---\n? status\npaper: 2403.01234\n---\n', { status: null }), '---\npaper: 2403.01234\n---\n');
    assert.equal(text('---\ntags:\n  - a\n  - b\nstatus: read\n---\n', { tags: null }), '---\nstatus: read\n---\n');
    assert.equal(text('---\ntitle: "A #1 paper"\nstatus: read\n---\n', { title: null }), '---\nstatus: read\n---\n');
    assert.equal(text('---\ntags: [a, b]\nstatus: read\n---\n', { tags: null }), '---\nstatus: read\n---\n');
  });
});

describe('tag lists', () => {
  test('the same tags: no edit; a repeated tag goes', () => {
    assert.deepEqual(setFrontMatterKeys('---\ntags: []\n---\n', { tags: [] }), { text: '---\ntags: []\n---\n', edits: [] });
    assert.deepEqual(setFrontMatterKeys('---\ntags: [a, a]\n---\n', { tags: ['a'] }), {
      text: '---\ntags: [a]\n---\n',
      edits: [{ start: 12, end: 15, newText: '' }],
    });
    assert.deepEqual(setFrontMatterKeys('---\ntags: [a, " a "]\n---\n', { tags: ['a'] }), {
      text: '---\ntags: [a]\n---\n',
      edits: [{ start: 12, end: 19, newText: '' }],
    });
  });

  test('tags asked for are trimmed, blank and repeated ones dropped', () => {
    assert.deepEqual(setFrontMatterKeys('---\ntags: [vlm]\n---\n', { tags: ['vlm', ' vlm ', '', 'to-cite'] }), {
      text: '---\ntags: [vlm, to-cite]\n---\n',
      edits: [{ start: 14, end: 14, newText: ', to-cite' }],
    });
  });

  test('a padded item is the tag it trims to, and is kept as written', () => {
    assert.equal(text('---\ntags: [" vlm ", b]\n---\n', { tags: ['vlm', 'c'] }), '---\ntags: [" vlm ", c]\n---\n');
    assert.equal(text('---\ntags: [" a ", b]\n---\n', { tags: ['a', 'b', 'c'] }), '---\ntags: [" a ", b, c]\n---\n');
    assert.equal(text('---\ntags:\n  - " a "\n  - b\n---\n', { tags: ['a', 'c'] }), '---\ntags:\n  - " a "\n  - c\n---\n');
  });

  test('several items removed together, at the end or in the middle; an item holding `#`', () => {
    assert.equal(text('---\ntags: [a, b, c]\n---\n', { tags: ['a'] }), '---\ntags: [a]\n---\n');
    assert.equal(text('---\ntags: [a, b, c, d]\n---\n', { tags: ['a', 'd'] }), '---\ntags: [a, d]\n---\n');
    assert.equal(text('---\ntags: [vlm, "issue #3"]\n---\n', { tags: ['vlm'] }), '---\ntags: [vlm]\n---\n');
  });

  test('a folded item on two lines is removed with its lines only', () => {
    assert.equal(text('---\ntags:\n  - a\n  - >-\n    long tag\n  - b\n---\n', { tags: ['a', 'b'] }), '---\ntags:\n  - a\n  - b\n---\n');
  });

  test("reordered block list: the comment and blank line between items, and a removed item's comment, stay", () => {
    assert.equal(
      text('---\ntags:\n  - b\n\n  # reading group\n  - a # first\n  - c # gone\n---\n', { tags: ['a', 'b'] }),
      '---\ntags:\n  - a # first\n  - b\n\n  # reading group\n  # gone\n---\n',
    );
  });

  test('indented front matter: new items and keys take its indentation', () => {
    assert.equal(
      text('---\n  paper: x\n  tags:\n    - a\n---\n', { tags: ['a', 'b'], status: 'read' }),
      '---\n  paper: x\n  tags:\n    - a\n    - b\n  status: read\n---\n',
    );
  });

  test('tags that are a map become a list; `? tags` without a value and no tags is left alone', () => {
    assert.equal(text('---\ntags: {a: 1}\n---\n', { tags: [] }), '---\ntags: []\n---\n');
    assert.deepEqual(setFrontMatterKeys('---\n? tags\n---\n', { tags: [] }), { text: '---\n? tags\n---\n', edits: [] });
  });

  test('an item whose line does not start with `-` (its anchor on the next line) is refused', () => {
    assert.equal(
      error(setFrontMatterKeys('---\ntags:\n  - a\n  -\n    &x-y b\n---\n', { tags: ['a'] })),
      UNSAFE('a list item not on its own line'),
    );
  });
});

describe('values that need quotes', () => {
  test('a title with a comma is plain after `title:` but quoted in a tag list, as are `]` and `, `', () => {
    assert.equal(
      text('---\ntitle: T\n---\n', { title: 'Attention, please', tags: ['a, b', 'c]', 'q&a'] }),
      '---\ntitle: Attention, please\ntags: ["a, b", "c]", q&a]\n---\n',
    );
  });

  test('a no-break space at the end, a control character, a line separator: double-quoted, escaped where unprintable', () => {
    assert.equal(text('---\ntitle: T\n---\n', { title: 'Attention\u00a0' }), '---\ntitle: "Attention\u00a0"\n---\n');
    assert.equal(text('---\ntitle: T\n---\n', { title: 'Bell\u0007' }), '---\ntitle: "Bell\\u0007"\n---\n');
    assert.equal(text('---\ntitle: T\n---\n', { title: 'Line\u2028break\u0085' }), '---\ntitle: "Line\\u2028break\\u0085"\n---\n');
  });
});

describe('notes with nothing to change, or no usual front matter', () => {
  test('no changes: the note as it is, even with broken or unclosed front matter', () => {
    assert.deepEqual(setFrontMatterKeys('---\nstatus: "unclosed\n---\n', {}), { text: '---\nstatus: "unclosed\n---\n', edits: [] });
    assert.deepEqual(setFrontMatterKeys('---\nstatus: a\n', {}), { text: '---\nstatus: a\n', edits: [] });
  });

  test('a note that is only a BOM, or a BOM and a blank line: the block goes after the BOM, no extra blank line', () => {
    assert.equal(text('\ufeff', { status: 'read' }), '\ufeff---\nstatus: read\n---\n');
    assert.equal(text('\ufeff\n# Notes\n', { status: 'read' }), '\ufeff---\nstatus: read\n---\n\n# Notes\n');
  });

  test('a front matter of comments only gets the key; of `~`, or of a sentence, is refused', () => {
    assert.equal(text('---\n# nothing yet\n---\n', { status: 'read' }), '---\n# nothing yet\nstatus: read\n---\n');
    assert.equal(error(setFrontMatterKeys('---\n~\n---\n', { status: 'read' })), TOUCHING('the result would not parse'));
    assert.equal(
      error(setFrontMatterKeys('---\nAttention is all you need\n---\n', { status: 'read' })),
      "Lectern: the note's front matter is not `key: value` lines; fix it, then try again.",
    );
  });

  test('`? status` (no value, no colon) cannot be set; no text at all (a caller bug) is refused, never thrown', () => {
    assert.equal(error(setFrontMatterKeys('---\n? status\n---\n', { status: 'read' })), UNSAFE('a key without `:` after it'));
    assert.match(
      error(setFrontMatterKeys(null as unknown as string, { status: 'read' })),
      /^Lectern: could not update the note's front matter safely \(.*null.*\); edit it by hand\.$/,
    );
  });
});

describe('anchors and aliases', () => {
  test('an anchor and alias on keys Lectern does not change are no reason to refuse', () => {
    assert.equal(
      text('---\nbase: &b 1\nmirror: *b\nstatus: reading\n---\n', { status: 'read' }),
      '---\nbase: &b 1\nmirror: *b\nstatus: read\n---\n',
    );
  });

  test('an anchor used elsewhere, inside a list or on line 4; an alias inside the list: refused, naming the line', () => {
    assert.equal(
      error(setFrontMatterKeys('---\npaper: 2403.01234\ntitle: T\nstatus: &s reading\nmirror: *s\n---\n', { status: 'read' })),
      'Lectern: `status` on line 4 cannot be changed on its own: its anchor `&s` is used by an alias. Edit it by hand.',
    );
    assert.equal(
      error(setFrontMatterKeys('---\ntags: [&t a, b]\nother: *t\n---\n', { tags: ['b'] })),
      'Lectern: `tags` on line 2 cannot be changed on its own: its anchor `&t` is used by an alias. Edit it by hand.',
    );
    assert.equal(
      error(setFrontMatterKeys('---\nx: &x a\ntags: [*x, b]\n---\n', { tags: ['b'] })),
      'Lectern: `tags` on line 3 cannot be changed on its own: it holds the alias `*x`. Edit it by hand.',
    );
  });
});

describe('the after-edit check, on hand-made edits', () => {
  test('an edit that makes an unreadable key readable, or unreadable another way, changes that key: refused', () => {
    // `&p` on the removed paper's value defines the anchor `*p` used below it.
    assert.equal(
      error(checkFrontMatterEdits('---\npaper: 2403.01234\nmirror: *p\n---\n', [{ start: 11, end: 21, newText: '&p' }], { paper: null })),
      TOUCHING('another key would change'),
    );
    assert.equal(
      error(
        checkFrontMatterEdits('---\npaper: 2403.01234\nmirror: [*p, *q]\n---\n', [{ start: 11, end: 21, newText: '&p' }], { paper: null }),
      ),
      TOUCHING('another key would change'),
    );
  });

  test('overlapping edits are refused with the reason', () => {
    const overlapping = [
      { start: 4, end: 10, newText: 'x' },
      { start: 6, end: 12, newText: 'y' },
    ];
    assert.equal(
      error(checkFrontMatterEdits('---\nstatus: a\n---\n', overlapping, { status: 'b' })),
      'Lectern: could not check the front matter edit (Lectern: overlapping edits at 6); edit it by hand.',
    );
  });
});
