/**
 * Hostile and unusual front matter: every YAML anchor/alias case is read without throwing (the
 * key is reported with its line) and an edit is either correct or refused; lone `\r` line breaks;
 * a two-key edit next to a block list; and the after-edit safety checks made to fire.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkFrontMatterEdits, parseNote, setFrontMatterKeys, type FrontMatterChanges } from './note-front-matter';
import { NoteIndex } from './note-index';
import { applyTextEdits } from './text-edit';

const BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
].join('\n');

/** The hostile alias cases: the note, the problem parseNote reports (line, column, message part), the refusal's text. */
const ALIAS_CASES: Array<{ name: string; text: string; line: number; column: number; problem: RegExp; refusal: RegExp }> = [
  {
    name: 'an undefined alias',
    text: '---\npaper: p1\nmirror: *nope\n---\nbody\n',
    line: 3,
    column: 9,
    problem: /^Lectern: `mirror` cannot be read: the alias `\*nope` has no `&nope` anchor before it;/,
    refusal:
      /^Lectern: `mirror` on line 3 of the note's front matter cannot be read \(the alias `\*nope` has no `&nope` anchor before it\)/,
  },
  {
    name: 'an alias before its anchor',
    text: '---\npaper: p1\nmirror: *s\nstatus: &s reading\n---\n',
    line: 3,
    column: 9,
    problem: /^Lectern: `mirror` cannot be read: the alias `\*s` has no `&s` anchor before it;/,
    refusal: /^Lectern: `mirror` on line 3 of the note's front matter cannot be read/,
  },
  {
    name: 'a self-referencing alias (list)',
    text: '---\npaper: p1\nloop: &l [*l]\n---\n',
    line: 3,
    column: 10,
    problem: /^Lectern: `loop` cannot be read: an alias in it refers to the value that contains it;/,
    refusal: /^Lectern: `loop` on line 3 of the note's front matter cannot be read \(an alias in it refers to the value that contains it\)/,
  },
  {
    name: 'a self-referencing alias (map)',
    text: '---\npaper: p1\nloop: &l\n  self: *l\n---\n',
    line: 4,
    column: 3,
    problem: /^Lectern: `loop` cannot be read: an alias in it refers to the value that contains it;/,
    refusal: /^Lectern: `loop` on line 4 of the note's front matter cannot be read/,
  },
  {
    name: 'an alias bomb',
    text: `---\npaper: p1\n${BOMB}\n---\n`,
    line: 6,
    column: 7,
    problem: /^Lectern: `d` cannot be read: its aliases expand to more than 100 copies, an alias bomb;/,
    refusal:
      /^Lectern: `d` on line 6 of the note's front matter cannot be read \(its aliases expand to more than 100 copies, an alias bomb\)/,
  },
];

describe('YAML anchors and aliases', () => {
  for (const c of ALIAS_CASES) {
    test(`${c.name}: read without throwing, reported at its line, every edit refused`, () => {
      const note = parseNote(c.text);
      assert.equal(note.frontMatter.paper, 'p1', 'the readable keys are still read');
      assert.equal(note.hasFrontMatter, true);
      const problem = note.problems.find((p) => c.problem.test(p.message));
      assert.ok(problem, `a problem matching ${String(c.problem)} in ${JSON.stringify(note.problems)}`);
      assert.deepEqual([problem.line, problem.column], [c.line, c.column]);
      for (const changes of [{ status: 'read' }, { status: null }, { tags: ['t'] }, { paper: 'p2', tags: [] }] as FrontMatterChanges[]) {
        const result = setFrontMatterKeys(c.text, changes);
        assert.ok('error' in result, `refused: ${JSON.stringify(changes)}`);
        assert.match(result.error, c.refusal);
      }
    });
  }

  test('random anchors and aliases: parseNote never throws, an edit is refused or reads back as asked with the other keys unchanged', () => {
    const names = fc.constantFrom('a', 'b', 's');
    const value = fc.oneof(
      fc.constantFrom('reading', 'x', '[x, y]', '{k: v}', ''),
      names.map((n) => `*${n}`),
      fc.tuple(names, fc.constantFrom('reading', '[x, y]', '{k: v}', '')).map(([n, v]) => `&${n} ${v}`),
      names.map((n) => `[*${n}, *${n}]`),
      fc.tuple(names, names).map(([n, m]) => `&${n} [*${m}]`),
      names.map((n) => `{k: *${n}}`),
    );
    const key = fc.constantFrom('status', 'tags', 'paper', 'mirror', 'other', '<<', '&s title', '*s');
    const lines = fc
      .uniqueArray(fc.tuple(key, value), { maxLength: 5, selector: ([k]) => k })
      .map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`));
    const changes = fc.record(
      {
        status: fc.constantFrom<string | null>('read', null),
        tags: fc.constantFrom<string[] | null>(['t'], null),
        paper: fc.constantFrom<string | null>('p9', null),
      },
      { requiredKeys: [] },
    );
    const counts = { written: 0, refused: 0 };
    fc.assert(
      fc.property(lines, changes, (front, wanted) => {
        const text = `---\n${front.join('\n')}\n---\nbody\n`;
        const before = parseNote(text);
        const result = setFrontMatterKeys(text, wanted);
        if ('error' in result) {
          assert.match(result.error, /^Lectern: /);
          counts.refused++;
          return;
        }
        counts.written++;
        assert.equal(applyTextEdits(text, result.edits), result.text);
        const after = parseNote(result.text);
        assert.ok(after.body === 'body\n');
        for (const [k, v] of Object.entries(wanted)) {
          if (k === 'tags') assert.deepEqual(after.frontMatter.tags, v ?? []);
          else assert.equal(after.frontMatter[k], v ?? undefined);
        }
        const others = (note: typeof before) =>
          JSON.stringify(
            Object.entries(note.frontMatter).filter(([k]) => !(k in wanted) && k !== 'tags' && k !== 'paper' && k !== 'status'),
          );
        assert.equal(others(after), others(before));
      }),
      { numRuns: 600 },
    );
    assert.ok(counts.written > 100 && counts.refused > 100, JSON.stringify(counts));
  });

  test('the bomb does not stop the keys after it from being read', () => {
    const note = parseNote(`---\n${BOMB}\nstatus: reading\n---\n`);
    assert.equal(note.frontMatter.status, 'reading');
    assert.deepEqual(
      note.frontMatter.c,
      Array.from({ length: 9 }, () => Array.from({ length: 9 }, () => Array.from({ length: 9 }, () => 'x'))),
    );
    assert.equal('d' in note.frontMatter, false);
  });

  test('clearing or changing an anchored key an alias uses is refused (it would change the alias too)', () => {
    const text = '---\nstatus: &s reading\nmirror: *s\n---\n';
    assert.deepEqual(parseNote(text).frontMatter, { tags: [], status: 'reading', mirror: 'reading' });
    for (const status of [null, 'read']) {
      const result = setFrontMatterKeys(text, { status });
      assert.deepEqual(result, {
        error: 'Lectern: `status` on line 2 cannot be changed on its own: its anchor `&s` is used by an alias. Edit it by hand.',
      });
    }
    const tagged = '---\ntags: [&t a, b]\nalso: *t\n---\n';
    assert.match((setFrontMatterKeys(tagged, { tags: ['b'] }) as { error: string }).error, /its anchor `&t` is used by an alias/);
    const withAlias = '---\nx: &t a\ntags: [*t, b]\n---\n';
    assert.match((setFrontMatterKeys(withAlias, { tags: ['b'] }) as { error: string }).error, /it holds the alias `\*t`/);
    // Other keys' anchors are no reason to refuse.
    assert.equal(
      (setFrontMatterKeys(text, { tags: ['q'] }) as { text: string }).text,
      '---\nstatus: &s reading\nmirror: *s\ntags: [q]\n---\n',
    );
  });

  test('an anchor no alias uses, and a Lectern key that is an alias: correct edits', () => {
    assert.equal((setFrontMatterKeys('---\nstatus: &s reading\n---\n', { status: null }) as { text: string }).text, '---\n---\n');
    const aliased = '---\nx: &s reading\nstatus: *s\n---\n';
    const note = parseNote(aliased);
    assert.equal(note.frontMatter.status, undefined);
    assert.deepEqual(
      note.problems.map((p) => [p.line, p.column, p.message]),
      [[3, 9, 'Lectern: `status` is the alias `*s`; write the value itself, Lectern ignores it until then.']],
    );
    assert.equal((setFrontMatterKeys(aliased, { status: 'read' }) as { text: string }).text, '---\nx: &s reading\nstatus: read\n---\n');
    assert.equal((setFrontMatterKeys(aliased, { status: null }) as { text: string }).text, '---\nx: &s reading\n---\n');
  });

  test('a batch with a hostile note: the good notes are indexed and the bad one is reported where it breaks', () => {
    const good = (id: string) => ({
      path: `notes/${id}.md`,
      text: `---\npaper: ${id}\nstatus: reading\ntags: [a]\n---\n[[other]]\n`,
      mtime: 1,
    });
    const notes = [good('good1'), ...ALIAS_CASES.map((c, i) => ({ path: `notes/bad${i}.md`, text: c.text, mtime: 2 })), good('good2')];
    const index = new NoteIndex(notes);
    assert.equal(index.size, notes.length);
    assert.equal(index.noteFor('good1')?.status, 'reading');
    assert.equal(index.noteFor('good2')?.status, 'reading');
    assert.deepEqual(
      index.backlinks('other').map((b) => b.note.path),
      ['notes/good1.md', 'notes/good2.md'],
    );
    const diagnostics = index.diagnostics().filter((d) => d.path.startsWith('notes/bad'));
    ALIAS_CASES.forEach((c, i) => {
      const found = diagnostics.find((d) => d.path === `notes/bad${i}.md` && c.problem.test(d.message));
      assert.ok(found, `${c.name} is reported`);
      assert.deepEqual([found.line, found.column, found.severity], [c.line, c.column, 'warning']);
    });
  });
});

test('a note Lectern does not read (too large, a pipe) is an entry with only its problem, and re-reading it clears it', () => {
  const index = new NoteIndex([{ path: 'n/big.md', text: '---\npaper: p1\n---\n[[p2]]\n', mtime: 1 }]);
  const message =
    'Lectern: this file is 3.0 MB, over the 2 MB Lectern reads in a markdown file, so it is skipped; split it to have it read.';
  index.unreadable('n/big.md', 2, message);
  assert.equal(index.hasNote('p1'), false);
  assert.deepEqual(index.backlinks('p2'), []);
  assert.deepEqual(index.diagnostics(), [{ path: 'n/big.md', line: 1, column: 1, severity: 'warning', message }]);
  index.update('n/big.md', '---\npaper: p1\n---\n', 3);
  assert.equal(index.hasNote('p1'), true);
  assert.deepEqual(index.diagnostics(), []);
});

describe('lone \\r line breaks', () => {
  const text = '---\rpaper: p1\rstatus: reading # since Monday\rtags:\r  - a\r---\r# Body\rtext\r';

  test('the front matter is read, problems counted in editor lines', () => {
    const note = parseNote(text);
    assert.deepEqual(note.frontMatter, { paper: 'p1', status: 'reading', tags: ['a'] });
    assert.equal(note.body, '# Body\rtext\r');
    assert.deepEqual(
      parseNote('---\rpaper: p1\rbad: [\r---\r').problems.map((p) => p.line),
      [4],
    );
  });

  test('setting keys edits the block in place with `\\r` (no second front matter)', () => {
    const result = setFrontMatterKeys(text, { status: 'read', tags: ['a', 'b'], created: '2026-12-04' });
    assert.deepEqual(result, {
      text: '---\rpaper: p1\rstatus: read # since Monday\rtags:\r  - a\r  - b\rcreated: 2026-12-04\r---\r# Body\rtext\r',
      edits: [
        { start: 22, end: 29, newText: 'read' },
        { start: 57, end: 57, newText: '  - b\rcreated: 2026-12-04\r' },
      ],
    });
    assert.equal(
      (setFrontMatterKeys(text, { status: null, tags: [] }) as { text: string }).text,
      '---\rpaper: p1\r# since Monday\rtags: []\r---\r# Body\rtext\r', // The removed key's comment stays.
    );
    assert.equal((setFrontMatterKeys('# Body\r', { status: 'read' }) as { text: string }).text, '---\rstatus: read\r---\r\r# Body\r');
  });

  test('front matter mixing lone `\\r` with `\\n` is refused', () => {
    const result = setFrontMatterKeys('---\rpaper: p1\nstatus: reading\r---\n', { status: 'read' });
    assert.deepEqual(result, {
      error: "Lectern: the note's front matter mixes line endings (`\\r` alone and `\\n`); make them the same, then try again.",
    });
  });
});

describe('two keys at once', () => {
  test('tags on a block list and a new paper key', () => {
    const text = '---\ntags:\n  - a # first\n  - b\n---\nbody\n';
    assert.deepEqual(setFrontMatterKeys(text, { paper: 'x1', tags: ['a', 'b', 'c'] }), {
      text: '---\ntags:\n  - a # first\n  - b\n  - c\npaper: x1\n---\nbody\n',
      edits: [{ start: 30, end: 30, newText: '  - c\npaper: x1\n' }],
    });
    assert.equal(
      (setFrontMatterKeys(text, { paper: 'x1', status: 'read', tags: ['b', 'd'] }) as { text: string }).text,
      '---\ntags:\n  # first\n  - b\n  - d\npaper: x1\nstatus: read\n---\nbody\n',
    );
  });
});

describe('the after-edit safety checks', () => {
  const text = '---\npaper: p1\nstatus: reading\nrating: 4\n---\nbody\n';
  const at = (needle: string) => text.indexOf(needle);

  test('a correct edit passes', () => {
    const edits = [{ start: at('reading'), end: at('reading') + 7, newText: 'read' }];
    assert.deepEqual(checkFrontMatterEdits(text, edits, { status: 'read' }), { text: text.replace('reading', 'read'), edits });
  });

  test('the re-parse: a result that is not YAML is refused', () => {
    const result = checkFrontMatterEdits(text, [{ start: at('reading'), end: at('reading') + 7, newText: 'read: [' }], { status: 'read' });
    assert.deepEqual(result, {
      error:
        "Lectern: could not update the note's front matter without touching other lines (the result would not parse); edit it by hand.",
    });
    const unclosed = checkFrontMatterEdits(text, [{ start: at('---\nbody'), end: at('---\nbody') + 4, newText: '' }], {
      status: 'reading',
    });
    assert.match((unclosed as { error: string }).error, /\(the result would not parse\)/);
  });

  test('the compare: a body, another key or the wrong value is refused', () => {
    const fail = (why: string) => ({
      error: `Lectern: could not update the note's front matter without touching other lines (${why}); edit it by hand.`,
    });
    assert.deepEqual(
      checkFrontMatterEdits(text, [{ start: at('body'), end: at('body') + 4, newText: 'BODY' }], {}),
      fail('the body would change'),
    );
    assert.deepEqual(
      checkFrontMatterEdits(text, [{ start: at('4'), end: at('4') + 1, newText: '5' }], { status: 'reading' }),
      fail('another key would change'),
    );
    assert.deepEqual(
      checkFrontMatterEdits(text, [{ start: at('reading'), end: at('reading') + 7, newText: 'raed' }], { status: 'read' }),
      fail('`status`'),
    );
    assert.deepEqual(
      checkFrontMatterEdits(text, [{ start: at('rating'), end: at('---\nbody'), newText: '' }], { status: 'reading' }),
      fail('another key would change'),
    );
    assert.deepEqual(
      checkFrontMatterEdits('# just a body\n', [{ start: 0, end: 1, newText: '---\nstatus: read\n---\n' }], { status: 'read' }),
      fail('the body would change'),
    );
    assert.deepEqual(
      checkFrontMatterEdits(text, [{ start: at('rating'), end: at('rating'), newText: 'tags: [x]\n' }], { tags: ['y'] }),
      fail('`tags`'),
    );
  });
});
