import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNote, setFrontMatterKeys, type FrontMatterChanges } from './note-front-matter';
import { applyTextEdits } from './text-edit';

/** Sets keys, checks the edits reproduce the returned text, and returns it. */
function set(text: string, changes: FrontMatterChanges): string {
  const result = setFrontMatterKeys(text, changes);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  assert.equal(applyTextEdits(text, result.edits), result.text);
  for (let i = 1; i < result.edits.length; i++) assert.ok(result.edits[i - 1].end < result.edits[i].start, 'edits are sorted and apart');
  return result.text;
}

describe('parseNote', () => {
  test('reads Lectern keys as strings, other keys as YAML gives them, and the body', () => {
    const text =
      '---\npaper: 2403.01230\ntitle: "Attention: is it all?"\nstatus: reading\ntags: [vision, "to cite"]\ncreated: 2026-11-29\nrating: 4\n---\n# Body\n';
    const note = parseNote(text);
    assert.deepEqual(note.problems, []);
    assert.deepEqual(note.frontMatter, {
      paper: '2403.01230',
      title: 'Attention: is it all?',
      status: 'reading',
      tags: ['vision', 'to cite'],
      created: '2026-11-29',
      rating: 4,
    });
    assert.equal(note.body, '# Body\n');
    assert.equal(note.bodyOffset, text.indexOf('# Body'));
    assert.equal(note.hasFrontMatter, true);
  });

  test('CRLF, a byte-order mark, block lists and comma-separated tags', () => {
    const note = parseNote('\ufeff---\r\npaper: abc\r\ntags:\r\n  - a # first\r\n  - b\r\n---\r\nbody\r\n');
    assert.deepEqual(note.problems, []);
    assert.deepEqual(note.frontMatter, { paper: 'abc', tags: ['a', 'b'] });
    assert.equal(note.body, 'body\r\n');
    assert.deepEqual(parseNote('---\ntags: a, b ,, a\n---\n').frontMatter.tags, ['a', 'b']);
  });

  test('a note without front matter has no paper; its whole text is the body', () => {
    for (const text of ['# Just notes\n', '', '--- not a fence\n', 'text\n---\npaper: x\n---\n']) {
      const note = parseNote(text);
      assert.equal(note.frontMatter.paper, undefined);
      assert.deepEqual(note.frontMatter.tags, []);
      assert.equal(note.body, text);
      assert.equal(note.bodyOffset, 0);
      assert.deepEqual(note.problems, []);
    }
  });

  test('broken YAML becomes problems with line and column, never an exception', () => {
    const note = parseNote('---\npaper: x\ntitle: "unclosed\nstatus: read\n---\nbody\n');
    assert.equal(note.problems.length > 0, true);
    assert.match(note.problems[0].message, /^Lectern: the front matter is not valid YAML/);
    assert.ok(note.problems[0].line >= 3, JSON.stringify(note.problems));
    assert.equal(note.body, 'body\n');

    const duplicate = parseNote('---\npaper: x\nstatus: read\nstatus: reading\n---\n');
    assert.deepEqual(duplicate.problems, [
      { line: 4, column: 1, message: 'Lectern: the front matter has `status` twice; keep one of them.' },
    ]);

    const unclosed = parseNote('---\npaper: x\n# body\n');
    assert.equal(unclosed.frontMatter.paper, undefined);
    assert.match(unclosed.problems[0].message, /no closing `---` line/);

    const notMap = parseNote('---\n- a\n- b\n---\n');
    assert.match(notMap.problems[0].message, /must be `key: value` lines/);

    const badId = parseNote('---\npaper: Not An Id\n---\n');
    assert.equal(badId.frontMatter.paper, undefined);
    assert.deepEqual(
      badId.problems.map((p) => [p.line, p.column]),
      [[2, 8]],
    );
    assert.match(badId.problems[0].message, /^Lectern: `paper: Not An Id` is not a paper id/);
  });

  test('never throws on odd input', () => {
    for (const text of [
      '---\n---\n',
      '---\n',
      '---\n---',
      '---\n: : :\n---\n',
      '---\n{a: [}\n---\n',
      '---\n&a x: *a\n---\n',
      '---\n__proto__: 1\n---\n',
      '\ufeff',
    ]) {
      const note = parseNote(text);
      assert.ok(Array.isArray(note.problems));
    }
    assert.equal(Object.getPrototypeOf(parseNote('---\n__proto__: {polluted: 1}\n---\n').frontMatter), Object.prototype);
  });
});

describe('setFrontMatterKeys', () => {
  const note = [
    '---',
    '# Lectern keeps this comment',
    'paper:   2403.01230   # aligned on purpose',
    "title: 'Attention: it''s all you need'",
    '',
    'status: to-read',
    'rating: 4      # out of 5',
    'tags: [vision,  "to cite"]',
    'aliases:',
    '  - attn',
    'created: 2026-11-29',
    '---',
    '# Attention — ünïcödé 😀',
    '',
    'A body with a rule:',
    '---',
    'status: not front matter',
    '',
  ].join('\n');

  test('changing status rewrites only its value', () => {
    const text = set(note, { status: 'reading' });
    assert.equal(text, note.replace('status: to-read', 'status: reading'));
  });

  test('changing tags in a flow list keeps the other items as written', () => {
    assert.equal(
      set(note, { tags: ['vision', 'to cite', 'sinks'] }),
      note.replace('tags: [vision,  "to cite"]', 'tags: [vision,  "to cite", sinks]'),
    );
    assert.equal(set(note, { tags: ['to cite'] }), note.replace('tags: [vision,  "to cite"]', 'tags: ["to cite"]'));
    assert.equal(set(note, { tags: ['vision'] }), note.replace('tags: [vision,  "to cite"]', 'tags: [vision]'));
    assert.equal(set(note, { tags: [] }), note.replace('tags: [vision,  "to cite"]', 'tags: []'));
    assert.equal(set(note, { tags: ['to cite', 'vision'] }), note.replace('tags: [vision,  "to cite"]', 'tags: ["to cite", vision]'));
    assert.equal(
      set(note, { tags: ['a, b', 'x: y', '#hash'] }),
      note.replace('tags: [vision,  "to cite"]', 'tags: ["a, b", "x: y", "#hash"]'),
    );
    assert.deepEqual(parseNote(set(note, { tags: ['a, b', 'x: y', '#hash', '[x]'] })).frontMatter.tags, ['a, b', 'x: y', '#hash', '[x]']);
  });

  test('changing tags in a block list edits item lines and keeps comments', () => {
    const block = "---\npaper: x\ntags:\n    - one   # keep me\n    - 'two'\n    # a comment line\n    - three\nstatus: read\n---\nbody\n";
    assert.equal(set(block, { tags: ['one', 'two', 'three', 'four'] }), block.replace('    - three\n', '    - three\n    - four\n'));
    assert.equal(set(block, { tags: ['two', 'three'] }), block.replace('    - one   # keep me\n', '    # keep me\n'));
    assert.equal(set(block, { tags: ['one', 'two'] }), block.replace('    - three\n', ''));
    assert.equal(
      set(block, { tags: ['one', 'three', 'x y: z'] }),
      block.replace("    - 'two'\n", '').replace('    - three\n', '    - three\n    - "x y: z"\n'),
    );
    const emptied = set(block, { tags: [] });
    assert.deepEqual(parseNote(emptied).frontMatter.tags, []);
    assert.equal(emptied, '---\npaper: x\ntags: []\n    # keep me\n    # a comment line\nstatus: read\n---\nbody\n');
    const reordered = set('---\ntags:\n- b # bee\n- a\n---\n', { tags: ['a', 'b', 'c'] });
    assert.equal(reordered, '---\ntags:\n- a\n- b # bee\n- c\n---\n');
  });

  test("a missing key is added at the end of the front matter, at the keys' indentation", () => {
    assert.equal(set('---\npaper: x\n---\nbody', { status: 'read' }), '---\npaper: x\nstatus: read\n---\nbody');
    assert.equal(set('---\n---\nbody', { status: 'read', tags: ['a'] }), '---\nstatus: read\ntags: [a]\n---\nbody');
    assert.equal(set('---\n  paper: x\n---\n', { status: 'read' }), '---\n  paper: x\n  status: read\n---\n');
    assert.equal(set('---\npaper: x\n# trailing comment\n---\n', { tags: [] }), '---\npaper: x\n# trailing comment\ntags: []\n---\n');
  });

  test('empty values are filled in after the colon, before a comment', () => {
    assert.equal(
      set('---\nstatus:   # pick one\ntags:\n---\n', { status: 'reading', tags: ['a'] }),
      '---\nstatus: reading   # pick one\ntags: [a]\n---\n',
    );
    assert.equal(set('---\nstatus: ~\n---\n', { status: 'read' }), '---\nstatus: read\n---\n');
  });

  test('null removes a key; a comment on its line stays', () => {
    assert.equal(set(note, { status: null }), note.replace('status: to-read\n', ''));
    assert.equal(set(note, { paper: null }), note.replace('paper:   2403.01230   # aligned on purpose\n', '# aligned on purpose\n'));
    assert.equal(set(note, { tags: null }), note.replace('tags: [vision,  "to cite"]\n', ''));
    assert.equal(set('---\nstatus: read\n---\n', { tags: null }), '---\nstatus: read\n---\n');
  });

  test('quoting style is kept, and values that need quotes get them', () => {
    assert.equal(
      set(note, { title: 'It\'s: a "title"' }),
      note.replace("title: 'Attention: it''s all you need'", "title: 'It''s: a \"title\"'"),
    );
    assert.equal(set('---\ntitle: "x"\n---\n', { title: 'y' }), '---\ntitle: "y"\n---\n');
    assert.equal(set('---\ntitle: x\n---\n', { title: 'a: b # c' }), '---\ntitle: "a: b # c"\n---\n');
    assert.equal(set('---\ntitle: x\n---\n', { title: 'true' }), '---\ntitle: "true"\n---\n');
    assert.equal(set('---\ntitle: x\n---\n', { title: 'line\nbreak' }), '---\ntitle: "line\\nbreak"\n---\n');
    assert.equal(set('---\npaper: x\n---\n', { paper: '2403.01230' }), '---\npaper: "2403.01230"\n---\n');
    assert.equal(parseNote(set('---\ntitle: |\n  old\n  title\nstatus: read\n---\n', { title: 'new' })).frontMatter.title, 'new');
  });

  test('CRLF notes stay CRLF; unicode and a body with `---` are untouched', () => {
    const crlf = note.replaceAll('\n', '\r\n');
    assert.equal(
      set(crlf, { status: 'read', tags: ['vision'] }),
      crlf.replace('status: to-read', 'status: read').replace('tags: [vision,  "to cite"]', 'tags: [vision]'),
    );
    assert.equal(set('---\r\npaper: x\r\n---\r\nbody\r\n', { status: 'read' }), '---\r\npaper: x\r\nstatus: read\r\n---\r\nbody\r\n');
    const blockCrlf = '---\r\ntags:\r\n  - a\r\n---\r\n';
    assert.equal(set(blockCrlf, { tags: ['a', 'b'] }), '---\r\ntags:\r\n  - a\r\n  - b\r\n---\r\n');
  });

  test('a note without front matter gets one inserted at the top, in one edit at offset 0', () => {
    const result = setFrontMatterKeys('# My notes\n\ntext\n', { paper: 'abc', status: 'to-read' });
    assert.ok(!('error' in result));
    assert.deepEqual(result.edits, [{ start: 0, end: 0, newText: '---\npaper: abc\nstatus: to-read\n---\n\n' }]);
    assert.equal(set('\r\n\r\ntext', { status: 'read' }), '---\r\nstatus: read\r\n---\r\n\r\n\r\ntext');
    assert.equal(set('\ufeffhi', { status: 'read' }), '\ufeff---\nstatus: read\n---\n\nhi');
    assert.equal(set('', { tags: [] }), '---\ntags: []\n---\n');
  });

  test('broken front matter is an error and no edit', () => {
    for (const text of [
      '---\ntitle: "unclosed\n---\nbody\n',
      '---\nstatus: a\nstatus: b\n---\n',
      '---\npaper: x\nbody without a closing fence\n',
      '---\n[a, b]\n---\n',
      '---\n{status: a}\n---\n',
    ]) {
      const result = setFrontMatterKeys(text, { status: 'read' });
      assert.ok('error' in result, text);
      assert.match(result.error, /^Lectern: /);
    }
  });

  test('no changes, or values already set, give no edits', () => {
    assert.deepEqual(setFrontMatterKeys(note, {}), { text: note, edits: [] });
    assert.deepEqual(setFrontMatterKeys(note, { status: 'to-read', tags: ['vision', 'to cite'], paper: '2403.01230' }), {
      text: note,
      edits: [],
    });
    assert.deepEqual(setFrontMatterKeys('no front matter', { status: null }), { text: 'no front matter', edits: [] });
  });
});
