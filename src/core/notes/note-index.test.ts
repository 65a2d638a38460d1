import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PaperSearch } from '../search/paper-search';
import type { Paper } from '../model/paper';
import { NoteIndex } from './note-index';

const note = (paper: string, extra = '', body = '') => `---\npaper: ${paper}\n${extra}---\n${body}`;

function build() {
  return new NoteIndex([
    {
      path: 'papers/notes/2403.01234.md',
      text: note('"2403.01234"', 'status: reading\ntags: [vision, to-cite]\n', '# Sinks\n\n[[2403.01234]] see also @smith2020.\n'),
      mtime: 300,
    },
    {
      path: 'papers/notes/renamed.md',
      text: note('smith2020', 'status: read\n', 'Builds on [[2403.01234|the sinks paper]] and @2403.01234.\n'),
      mtime: 100,
    },
    { path: 'journal/today.md', text: '# Today\n\nRead @smith2020 and `@2403.01234`.\n', mtime: 200 },
  ]);
}

describe('NoteIndex', () => {
  test('maps papers to notes by front matter, not file name', () => {
    const index = build();
    assert.equal(index.noteFor('smith2020')?.path, 'papers/notes/renamed.md');
    assert.equal(index.noteFor('2403.01234')?.path, 'papers/notes/2403.01234.md');
    assert.equal(index.noteFor('today'), undefined);
    assert.deepEqual(index.papers(), ['2403.01234', 'smith2020']);
    assert.equal(index.hasNote('smith2020'), true);
    assert.equal(index.size, 3);
  });

  test('annotationsFor gives status and tags, and plugs into search filters', () => {
    const index = build();
    assert.deepEqual(index.annotationsFor('2403.01234'), { status: 'reading', tags: ['vision', 'to-cite'] });
    assert.deepEqual(index.annotationsFor('smith2020'), { status: 'read', tags: [] });
    assert.equal(index.annotationsFor('nope'), undefined);
    const paper = (id: string, title: string): Paper => ({
      id,
      title,
      authors: [],
      abstract: '',
      keywords: [],
      categories: [],
      topics: [],
      source: { file: 'x', line: 1 },
    });
    const search = PaperSearch.build([paper('2403.01234', 'Attention sinks'), paper('smith2020', 'Attention heads')]);
    const found = search.search('attention tag:to-cite', { annotations: (id) => index.annotationsFor(id) });
    assert.deepEqual(
      found.results.map((result: { id: string }) => result.id),
      ['2403.01234'],
    );
  });

  test("notesByRecency and backlinks (a paper's own note left out)", () => {
    const index = build();
    assert.deepEqual(
      index.notesByRecency().map((entry) => entry.path),
      ['papers/notes/2403.01234.md', 'journal/today.md', 'papers/notes/renamed.md'],
    );
    const backlinks = index.backlinks('2403.01234');
    assert.deepEqual(
      backlinks.map((link) => [link.note.path, link.references.map((ref) => ref.kind)]),
      [['papers/notes/renamed.md', ['wikilink', 'at']]],
    );
    assert.deepEqual(
      index.backlinks('smith2020').map((link) => link.note.path),
      ['journal/today.md', 'papers/notes/2403.01234.md'],
    );
    assert.deepEqual(index.backlinks('nothing'), []);
  });

  test('two notes claiming one paper: both kept, a diagnostic naming both paths on each', () => {
    const index = build();
    index.update('papers/notes/copy.md', note('smith2020', 'tags: [extra]\n'), 400);
    assert.deepEqual(
      index.notesFor('smith2020').map((entry) => entry.path),
      ['papers/notes/copy.md', 'papers/notes/renamed.md'],
    );
    assert.deepEqual(index.annotationsFor('smith2020'), { status: 'read', tags: ['extra'] });
    const diagnostics = index.diagnostics();
    assert.equal(diagnostics.length, 2);
    assert.deepEqual(
      diagnostics.map((d) => [d.path, d.line]),
      [
        ['papers/notes/copy.md', 2],
        ['papers/notes/renamed.md', 2],
      ],
    );
    for (const diagnostic of diagnostics) {
      assert.match(diagnostic.message, /^Lectern: this note and `papers\/notes\/(copy|renamed)\.md` all have `paper: smith2020`/);
      assert.ok(!diagnostic.message.includes(`\`${diagnostic.path}\` all`), 'names the other note');
    }
    // A note named after the paper wins.
    index.update('papers/notes/smith2020.md', note('smith2020'), 0);
    assert.equal(index.noteFor('smith2020')?.path, 'papers/notes/smith2020.md');
  });

  test('broken front matter and damaged highlights are diagnostics; the note is still indexed', () => {
    const index = new NoteIndex([
      { path: 'bad.md', text: '---\npaper: x\ntitle: "open\n---\n@y\n', mtime: 1 },
      { path: 'anchors.md', text: note('z', '', '## Highlights\n\n> q\n<!-- lectern:highlight id= -->\n'), mtime: 2 },
    ]);
    assert.equal(index.noteFor('x'), undefined);
    assert.deepEqual(
      index.backlinks('y').map((link) => link.note.path),
      ['bad.md'],
    );
    const diagnostics = index.diagnostics();
    assert.deepEqual(
      diagnostics.map((d) => d.path),
      ['anchors.md', 'bad.md'],
    );
    assert.match(diagnostics[0].message, /^Lectern: the highlight comment on line 7/);
    assert.match(diagnostics[1].message, /^Lectern: the front matter is not valid YAML/);
  });

  test('incremental update and remove', () => {
    const index = build();
    index.update('papers/notes/renamed.md', note('other-paper', '', 'No links now.\n'), 500);
    assert.equal(index.noteFor('smith2020'), undefined);
    assert.equal(index.noteFor('other-paper')?.path, 'papers/notes/renamed.md');
    assert.deepEqual(index.backlinks('2403.01234'), []);
    assert.equal(index.notesByRecency()[0].path, 'papers/notes/renamed.md');
    index.remove('papers/notes/2403.01234.md');
    assert.equal(index.hasNote('2403.01234'), false);
    assert.deepEqual(
      index.backlinks('smith2020').map((link) => link.note.path),
      ['journal/today.md'],
    );
    index.remove('missing.md');
    assert.equal(index.size, 2);
  });
});
