import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteIndex } from '../../../core/notes/note-index';
import { seedLibrary } from '../../../../test/support/seed-library';
import {
  isNotePath,
  NOTE_NAME_ATTEMPTS,
  noteFileNames,
  notesFolderSegments,
  noteTemplateLocation,
  openNotePlan,
  parseTagsInput,
  statusChoices,
  statusFromArgument,
} from './note-decisions';
import { noteTreeItem } from './note-tree-items';

const note = (paperId: string, extra = '') => `---\npaper: ${paperId}\n${extra}---\n\n# Notes\n`;

test('Open Note opens the note whose front matter names the paper, wherever it was moved; otherwise it creates one', () => {
  const [a, b] = seedLibrary().papers;
  const index = new NoteIndex([
    { path: '/ws/papers/notes/brain/renamed.md', text: note(a.id), mtime: 1 },
    { path: '/ws/papers/notes/other.md', text: `See [[${b.id}]].\n`, mtime: 2 },
  ]);
  assert.deepEqual(openNotePlan(index, a.id), { action: 'open', path: '/ws/papers/notes/brain/renamed.md' });
  assert.deepEqual(openNotePlan(index, b.id), { action: 'create' }, 'a file that only mentions the paper is not its note');
});

test('a new note is named after the paper id, then -2, -3… never reusing a taken name', () => {
  const id = seedLibrary().papers[0].id;
  const names = [...noteFileNames(id)];
  assert.deepEqual(names.slice(0, 3), [`${id}.md`, `${id}-2.md`, `${id}-3.md`]);
  assert.equal(names.length, NOTE_NAME_ATTEMPTS);
  assert.equal(new Set(names).size, names.length);
});

test('the notes folder setting: slashes trimmed, papers/notes when empty', () => {
  assert.deepEqual(notesFolderSegments(undefined), ['papers', 'notes']);
  assert.deepEqual(notesFolderSegments('//'), ['papers', 'notes']);
  assert.deepEqual(notesFolderSegments('/research/notes/'), ['research', 'notes']);
});

test('which markdown files are notes: under the notes folder, or anywhere in the workspace by setting', () => {
  const folder = { wholeWorkspace: false, inWorkspace: true, folderPath: '/ws/papers/notes' };
  assert.ok(isNotePath('/ws/papers/notes/a.md', folder));
  assert.ok(isNotePath('/ws/papers/notes/deep/b.md', folder));
  assert.ok(!isNotePath('/ws/papers/notes-old/a.md', folder), 'a sibling folder sharing the prefix');
  assert.ok(!isNotePath('/ws/papers/notes/a.txt', folder));
  assert.ok(!isNotePath('/ws/README.md', folder));
  assert.ok(!isNotePath('/ws/papers/notes/a.md', { ...folder, folderPath: undefined }), 'no workspace folder');
  const workspace = { wholeWorkspace: true, inWorkspace: true, folderPath: '/ws/papers/notes' };
  assert.ok(isNotePath('/ws/README.md', workspace));
  assert.ok(!isNotePath('/elsewhere/x.md', { ...workspace, inWorkspace: false }));
});

test('the note template: workspace-relative or absolute, .lectern/note-template.md by default', () => {
  assert.deepEqual(noteTemplateLocation(''), { segments: ['.lectern', 'note-template.md'] });
  assert.deepEqual(noteTemplateLocation('  templates\\paper.md '), { segments: ['templates', 'paper.md'] });
  assert.deepEqual(noteTemplateLocation('/home/me/t.md'), { absolute: '/home/me/t.md' });
  assert.deepEqual(noteTemplateLocation('C:\\me\\t.md'), { absolute: 'C:\\me\\t.md' });
});

test('Set Status offers the three statuses with their labels, the current one marked; Set Tags splits on commas', () => {
  assert.deepEqual(statusChoices('reading'), [
    { label: 'To read', status: 'to-read' },
    { label: 'Reading', status: 'reading', description: 'current' },
    { label: 'Read', status: 'read' },
  ]);
  assert.ok(statusChoices(undefined).every((choice) => choice.description === undefined));
  assert.equal(statusFromArgument('read'), 'read');
  assert.equal(statusFromArgument('done'), undefined);
  assert.equal(statusFromArgument(3), undefined);
  assert.deepEqual(parseTagsInput(' to-cite, ,snn ,'), ['to-cite', 'snn']);
  assert.deepEqual(parseTagsInput(''), []);
});

test('a Notes view row: the paper title, status and tags, the file and edit time; an orphan says so', () => {
  const paper = seedLibrary().papers[1];
  const index = new NoteIndex([{ path: '/ws/papers/notes/n.md', text: note(paper.id, 'status: read\ntags: [to-cite, snn]\n'), mtime: 5 }]);
  const entry = index.noteFor(paper.id)!;
  const where = { relativePath: 'papers/notes/n.md', edited: 'today' };
  const item = noteTreeItem(entry, paper, where);
  assert.equal(item.label, paper.title);
  assert.equal(item.description, 'Read #to-cite #snn');
  assert.equal(item.tooltip, 'papers/notes/n.md\nEdited today');
  assert.deepEqual(item.icon, { id: 'pass-filled' });
  assert.equal(item.contextValue, 'paper.noted');
  assert.equal(item.resource, '/ws/papers/notes/n.md');
  assert.equal(item.opensResource, true);

  const orphan = noteTreeItem({ ...entry, paper: 'no-such-paper', status: 'reading', title: 'My title' }, undefined, where);
  assert.equal(orphan.label, 'My title');
  assert.equal(orphan.contextValue, 'note.orphan');
  assert.equal(orphan.tooltip, 'papers/notes/n.md\nEdited today\nNo paper "no-such-paper" in the corpus');
  assert.deepEqual(orphan.icon, { id: 'book' });
});
