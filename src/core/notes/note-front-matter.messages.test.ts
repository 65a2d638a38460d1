// What a user is told about a hand-edited note's front matter: each problem parseNote reports (exact line, column
// and message), each refusal of setFrontMatterKeys, and the exact text of list edits.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNote, setFrontMatterKeys, type FrontMatterChanges } from './note-front-matter';

const problems = (text: string) => parseNote(text).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
const IGNORED = 'Lectern ignores it until then.';

describe('problems in a note', () => {
  test('broken YAML, an unclosed block (after a BOM too), and lines that are not `key: value`', () => {
    assert.deepEqual(problems('---\npaper: 2403.01234\ntitle: "Attention\n---\n# Notes\n'), [
      '4:1 Lectern: the front matter is not valid YAML (Missing closing "quote); fix this line — values containing `: ` or ` #` need quotes.',
    ]);
    const unclosed = 'Lectern: the front matter that starts on line 1 has no closing `---` line; add one after its last key.';
    assert.deepEqual(problems('---\npaper: 2403.01234\nstatus: reading\n# Notes\n'), [`1:1 ${unclosed}`]);
    assert.deepEqual(problems('\ufeff---\npaper: 2403.01234\n'), [`1:2 ${unclosed}`]);
    assert.deepEqual(problems('---\njust a sentence\n---\n'), [
      '2:1 Lectern: the front matter must be `key: value` lines (like `status: reading`); fix or remove the lines between the `---` fences.',
    ]);
  });

  test("Lectern's keys with the wrong shape are ignored, each reported at its value", () => {
    const tags = 'Lectern: `tags` should be a list like `[reading-group, to-cite]`; Lectern ignores it until then.';
    assert.deepEqual(problems('---\npaper: 2403.01234\ntags:\n  area: vision\n---\n'), [`4:3 ${tags}`]);
    assert.deepEqual(problems('---\npaper: 2403.01234\ntags: {a: 1}\n---\n'), [`3:7 ${tags}`]);
    const note = parseNote('---\npaper: [2403.01234]\nstatus:\n  - reading\n---\n');
    assert.deepEqual(note.frontMatter, { tags: [] });
    assert.deepEqual(
      note.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        `2:8 Lectern: \`paper\` should be a single value, not a list or map; ${IGNORED}`,
        `4:3 Lectern: \`status\` should be a single value, not a list or map; ${IGNORED}`,
      ],
    );
  });

  test('aliases: a Lectern key that is one is ignored; another key whose alias has no anchor is reported', () => {
    const aliased = parseNote('---\nstatus: read\ntags: &t [a]\nother: *t\ntitle: *t\n---\n');
    assert.deepEqual(aliased.frontMatter, { tags: ['a'], status: 'read', other: ['a'] });
    assert.deepEqual(
      aliased.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [`5:8 Lectern: \`title\` is the alias \`*t\`; write the value itself, ${IGNORED}`],
    );
    // Inside a list, the alias without an anchor is pointed at, not the one before it.
    assert.deepEqual(problems('---\nx: &x 1\nmirror: [*x, *nowhere]\n---\n'), [
      `3:14 Lectern: \`mirror\` cannot be read: the alias \`*nowhere\` has no \`&nowhere\` anchor before it; ${IGNORED}`,
    ]);
    const dangling = parseNote('---\nmirror: *nowhere\nstatus: read\n---\n');
    assert.deepEqual(dangling.frontMatter, { tags: [], status: 'read' });
    assert.deepEqual(
      dangling.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [`2:9 Lectern: \`mirror\` cannot be read: the alias \`*nowhere\` has no \`&nowhere\` anchor before it; ${IGNORED}`],
    );
  });

  test('a blank status is absent; a title keeps its spaces; a date is read as written; a `---` in the body is body', () => {
    assert.deepEqual(parseNote('---\nstatus: "  "\ntitle: "  Spaced  "\ncreated: 2024-01-05\n---\n').frontMatter, {
      tags: [],
      title: '  Spaced  ',
      created: '2024-01-05',
    });
    const note = parseNote('---\npaper: X.1\n---\nbody\n---\nmore\n');
    assert.deepEqual([note.frontMatter.paper, note.body, note.bodyOffset], ['x.1', 'body\n---\nmore\n', 19]);
  });
});

describe('edits refused, with what to do', () => {
  const refused = (text: string, changes: FrontMatterChanges) => {
    const result = setFrontMatterKeys(text, changes);
    return 'error' in result ? result.error : `edited: ${result.text}`;
  };
  test('an unclosed block, broken YAML (its line), a list or flow map, an unreadable key', () => {
    assert.equal(
      refused('---\npaper: x\nbody without a closing fence\n', { status: 'read' }),
      "Lectern: the note's front matter has no closing `---` line; add one, then try again.",
    );
    assert.equal(
      refused('---\npaper: x\ntitle: "unclosed\n---\nbody\n', { status: 'read' }),
      "Lectern: the note's front matter is not valid YAML (line 4); fix it, then try again.",
    );
    for (const text of ['---\n[a, b]\n---\n', '---\n{status: a}\n---\n']) {
      assert.equal(
        refused(text, { status: 'read' }),
        "Lectern: the note's front matter is not `key: value` lines; fix it, then try again.",
      );
    }
    assert.equal(
      refused('---\nmirror: *nowhere\nstatus: read\n---\n', { status: 'reading' }),
      "Lectern: `mirror` on line 2 of the note's front matter cannot be read (the alias `*nowhere` has no `&nowhere` anchor before it); fix it, then try again.",
    );
  });

  test('removing an item of a `[ ]` list that spans a comment is refused, not done by dropping the comment', () => {
    assert.equal(
      refused('---\ntags: [a, # why\n  b]\n---\n', { tags: ['b'] }),
      "Lectern: could not update the note's front matter safely (comments inside a [ ] list); edit it by hand.",
    );
  });
});

describe('list edits, exactly', () => {
  const edited = (text: string, changes: FrontMatterChanges) => {
    const result = setFrontMatterKeys(text, changes);
    assert.ok(!('error' in result), 'error' in result ? result.error : '');
    return result;
  };
  test('`[ ]` lists: items removed with their separator, new ones appended, a reorder rewritten, a comment after the list kept', () => {
    assert.deepEqual(edited('---\ntags: [a, b]  # flow\n---\n', { tags: ['c'] }), {
      text: '---\ntags: [c]  # flow\n---\n',
      edits: [{ start: 11, end: 15, newText: 'c' }],
    });
    assert.deepEqual(edited('---\ntags: [a, b, c]\n---\n', { tags: ['a', 'c', 'd'] }), {
      text: '---\ntags: [a, c, d]\n---\n',
      edits: [
        { start: 14, end: 17, newText: '' },
        { start: 18, end: 18, newText: ', d' },
      ],
    });
    assert.deepEqual(edited('---\ntags: [a, b, c]\n---\n', { tags: ['c', 'a'] }), {
      text: '---\ntags: [c, a]\n---\n',
      edits: [{ start: 10, end: 19, newText: '[c, a]' }],
    });
    assert.deepEqual(edited('---\ntags: [a, b, c]\n---\n', { tags: [] }).text, '---\ntags: []\n---\n');
    assert.deepEqual(edited('---\ntags: []\n---\n', { tags: ['x', 'y'] }), {
      text: '---\ntags: [x, y]\n---\n',
      edits: [{ start: 11, end: 11, newText: 'x, y' }],
    });
  });

  test('`- item` lists: a reorder keeps each item line as written; emptying keeps the comments; null removes the key', () => {
    assert.equal(
      edited('---\ntags:\n  - a  # first\n  - b\n  - c\n---\n', { tags: ['c', 'a'] }).text,
      '---\ntags:\n  - c\n  - a  # first\n---\n',
    );
    assert.equal(edited('---\ntags:\n  - a  # first\n  - b\n---\n', { tags: [] }).text, '---\ntags: []\n  # first\n---\n');
    assert.equal(edited('---\ntags:\n  - a\n  - b\n---\n', { tags: null }).text, '---\n---\n');
  });
});

describe('shapes the editor refuses, and shapes it edits in place', () => {
  const result = (text: string, changes: FrontMatterChanges) => {
    const r = setFrontMatterKeys(text, changes);
    return 'error' in r ? r.error : r.text;
  };
  const unsafe = (why: string) => `Lectern: could not update the note's front matter safely (${why}); edit it by hand.`;
  test('an explicit `? key` with an empty value, and a list item whose value is on the next line, are refused', () => {
    assert.equal(result('---\n? status\n:\n---\n', { status: 'read' }), unsafe('a key without `:` after it'));
    assert.equal(result('---\ntags:\n  - # first\n    a\n  - b\n---\n', { tags: ['b'] }), unsafe('a list item not on its own line'));
  });

  test('block lists: an item replaced, the first removed, a removed item keeps its comment', () => {
    assert.equal(result('---\ntags:\n  - a\n  - b\n---\n', { tags: ['a', 'c'] }), '---\ntags:\n  - a\n  - c\n---\n');
    assert.equal(result('---\ntags:\n  - a\n  - b\n---\n', { tags: ['b'] }), '---\ntags:\n  - b\n---\n');
    assert.equal(result('---\ntags:\n  - a\n  - b # keep\n---\n', { tags: ['a'] }), '---\ntags:\n  - a\n  # keep\n---\n');
    assert.equal(result('---\n? tags\n:\n  - a\n---\n', { tags: ['b'] }), '---\n? tags\n:\n  - b\n---\n');
  });

  test('other values: a block scalar, a map or comma-separated tags replaced; quoting kept; indentation followed', () => {
    assert.equal(
      result('---\ntitle: |\n  Long\n  title\nstatus: read\n---\n', { title: 'Short' }),
      '---\ntitle: Short\nstatus: read\n---\n',
    );
    assert.equal(result('---\ntags:\n  area: x\n---\n', { tags: ['a'] }), '---\ntags: [a]\n---\n');
    assert.equal(result('---\ntags: a, b\n---\n', { tags: ['a', 'b', 'c'] }), '---\ntags: [a, b, c]\n---\n');
    assert.equal(result('---\ntags: a, b\n---\n', { tags: ['a', 'b'] }), '---\ntags: a, b\n---\n');
    // A tag that needs quotes inside `[ ]` gets them, though it would not after `tags: `.
    assert.equal(result('---\ntags: draft\n---\n', { tags: ['draft', 'to read, later'] }), '---\ntags: [draft, "to read, later"]\n---\n');
    assert.equal(result('---\nstatus: read\n---\n', { tags: ['a]'], created: null }), '---\nstatus: read\ntags: ["a]"]\n---\n');
    assert.equal(result('---\n  paper: x\n  status: read\n---\n', { tags: ['a'] }), '---\n  paper: x\n  status: read\n  tags: [a]\n---\n');
    assert.equal(result("---\nstatus: 'reading'\n---\n", { status: "it's" }), "---\nstatus: 'it''s'\n---\n");
    assert.equal(result('---\nstatus: "reading"\n---\n', { status: 'done' }), '---\nstatus: "done"\n---\n');
    assert.equal(result('---\nstatus:   # why\n---\n', { status: 'read' }), '---\nstatus: read   # why\n---\n');
    assert.equal(result('---\nstatus: read  # c\ntags: [a]\n---\n', { status: null }), '---\n# c\ntags: [a]\n---\n');
  });
});

test('the closing fence: exactly `---` (trailing blanks allowed) on a line of its own, also as the last line', () => {
  const read = (text: string) => {
    const note = parseNote(text);
    return [note.hasFrontMatter, note.frontMatter, note.body, note.bodyOffset];
  };
  assert.deepEqual(read('---\npaper: x\n-----\n# body\n'), [false, { tags: [] }, '---\npaper: x\n-----\n# body\n', 0]);
  assert.deepEqual(read('---\nseparator: ---\nstatus: read\n---\nbody\n'), [
    true,
    { tags: [], separator: '---', status: 'read' },
    'body\n',
    36,
  ]);
  assert.deepEqual(read('---\nstatus: read\n---  \nbody'), [true, { tags: [], status: 'read' }, 'body', 23]);
  assert.deepEqual(read('---\nstatus: read\n---'), [true, { tags: [], status: 'read' }, '', 20]);
});
