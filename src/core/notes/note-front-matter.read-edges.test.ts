// How parseNote reads the less usual YAML a hand-edited note can hold: keys that are not text (numbers, null, lists),
// values that are empty or padded, Lectern keys of the wrong shape, cyclic `!!omap`/`!!set` values, broken YAML (nothing
// is read from it), and a caller that hands it no text at all (reported, never thrown).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNote } from './note-front-matter';

const IGNORED = 'Lectern ignores it until then.';
const problems = (text: string) => parseNote(text).problems.map((p) => `${p.line}:${p.column} ${p.message}`);

describe('keys', () => {
  test('a number key keeps its text; a null key and a list key are not keys Lectern reads', () => {
    const note = parseNote('---\n1.50: x\n0x10: y\n? [a, b]\n: pair\n~: m\nstatus: read\n---\n');
    assert.deepEqual(note.frontMatter, { tags: [], '1.50': 'x', '0x10': 'y', status: 'read' });
    assert.deepEqual(note.problems, []);
  });

  test('two null keys are one key twice', () => {
    assert.deepEqual(problems('---\n~: a\nnull: b\n---\n'), ['3:1 Lectern: the front matter has a key twice; keep one of them.']);
  });

  test('a key without a value (`? other`) reads as null', () => {
    const note = parseNote('---\n? other\nstatus: read\n---\n');
    assert.deepEqual(note.frontMatter, { tags: [], other: null, status: 'read' });
    assert.deepEqual(note.problems, []);
  });

  test('`__proto__` is an ordinary key: own, enumerable, writable and deletable, the prototype untouched', () => {
    const { frontMatter } = parseNote('---\n__proto__: {polluted: true}\nother: 1\n---\n');
    assert.equal(Object.getPrototypeOf(frontMatter), Object.prototype);
    const ordinary = { writable: true, enumerable: true, configurable: true };
    assert.deepEqual(Object.getOwnPropertyDescriptor(frontMatter, '__proto__'), { value: { polluted: true }, ...ordinary });
    assert.deepEqual(Object.getOwnPropertyDescriptor(frontMatter, 'other'), { value: 1, ...ordinary });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe("Lectern's keys", () => {
  test('empty and null values are absent; the rest of the note is read', () => {
    const note = parseNote('---\npaper: 2403.01234\nstatus:\ntitle: ~\ncreated: null\ntags: ~\n---\n# Notes\n');
    assert.deepEqual(note.frontMatter, { tags: [], paper: '2403.01234' });
    assert.deepEqual(note.problems, []);
    assert.equal(note.body, '# Notes\n');
  });

  test('a quoted paper id and status are trimmed (an id is lower-cased); a bad id is quoted trimmed in its message', () => {
    assert.deepEqual(parseNote('---\npaper: " 2403.01234 "\nstatus: "  reading "\n---\n').frontMatter, {
      tags: [],
      paper: '2403.01234',
      status: 'reading',
    });
    assert.deepEqual(problems('---\npaper: " not an id "\n---\n'), [
      "2:8 Lectern: `paper: not an id` is not a paper id; ids use only a-z, 0-9, `.`, `_` and `-` (copy it from the paper's reader).",
    ]);
  });

  test('a title or date that is a list or map is reported and ignored', () => {
    const note = parseNote('---\ntitle: [Attention]\ncreated: {year: 2024}\n---\n');
    assert.deepEqual(note.frontMatter, { tags: [] });
    assert.deepEqual(
      note.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        `2:8 Lectern: \`title\` should be a single value, not a list or map; ${IGNORED}`,
        `3:10 Lectern: \`created\` should be a single value, not a list or map; ${IGNORED}`,
      ],
    );
  });

  test('a quoted number tagged `!!float` is read as YAML reads it; a plain one as written', () => {
    assert.equal(parseNote('---\npaper: !!float "2403.0100"\n---\n').frontMatter.paper, '2403.01');
    assert.equal(parseNote('---\npaper: 2403.0100\n---\n').frontMatter.paper, '2403.0100');
  });

  test('null and empty tags in a list are dropped; a tag map is reported with no tags', () => {
    assert.deepEqual(parseNote('---\ntags: [a, ~, "", b]\n---\n').frontMatter.tags, ['a', 'b']);
    const map = parseNote('---\ntags: {a: 1}\n---\n');
    assert.deepEqual(map.frontMatter, { tags: [] });
    assert.equal(map.problems.length, 1);
  });
});

describe('values Lectern cannot read', () => {
  test('a `!!omap` or `!!set` that contains itself is reported at its value; the other keys are read', () => {
    const note = parseNote('---\nm: &m !!omap\n  - a: *m\ns: &s !!set\n  ? *s\nstatus: read\n---\n');
    assert.deepEqual(note.frontMatter, { tags: [], status: 'read' });
    assert.deepEqual(
      note.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        `3:3 Lectern: \`m\` cannot be read: an alias in it refers to the value that contains it; ${IGNORED}`,
        `5:3 Lectern: \`s\` cannot be read: an alias in it refers to the value that contains it; ${IGNORED}`,
      ],
    );
  });

  test('broken YAML: the problem, and no key is read from the broken block', () => {
    const note = parseNote('---\nstatus: reading\ntitle: "Attention\n---\n# Notes\n');
    assert.deepEqual(note.frontMatter, { tags: [] });
    assert.equal(note.hasFrontMatter, true);
    assert.deepEqual(
      note.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        '4:1 Lectern: the front matter is not valid YAML (Missing closing "quote); fix this line — values containing `: ` or ` #` need quotes.',
      ],
    );
  });

  test('a front matter of `~` is empty; a sentence after a comment is pointed at on its own line', () => {
    const empty = parseNote('---\n~\n---\nBody\n');
    assert.deepEqual([empty.frontMatter, empty.problems, empty.hasFrontMatter, empty.body], [{ tags: [] }, [], true, 'Body\n']);
    assert.deepEqual(problems('---\n# a comment\nAttention is all you need\n---\n'), [
      '3:1 Lectern: the front matter must be `key: value` lines (like `status: reading`); fix or remove the lines between the `---` fences.',
    ]);
  });

  test('no text at all (a caller bug) is reported on line 1, never thrown', () => {
    const note = parseNote(null as unknown as string);
    assert.deepEqual(note.frontMatter, { tags: [] });
    assert.equal(note.hasFrontMatter, false);
    assert.equal(note.bodyOffset, 0);
    assert.equal(note.problems.length, 1);
    assert.deepEqual([note.problems[0].line, note.problems[0].column], [1, 1]);
    assert.match(note.problems[0].message, /^Lectern: this note's front matter could not be read \(.*null.*\)\.$/);
  });
});
