import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus, type Corpus, type CorpusFile } from '../corpus/corpus';
import { mergeTaxonomies } from '../library/resolve-taxonomy';
import type { Topic } from '../model/topic';
import { repoRoot } from '../../../test/support/shared-corpora';
import { seedLibrary } from '../../../test/support/seed-library';
import { addCurationEntry, removeCurationEntries, type CurationEntry } from './edit-curation';
import { parseTaxonomy } from './load-taxonomy';

const USER_FILE = '/w/.lectern/topics.json';
const bundled = parseTaxonomy('corpus/topics.json', readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8')).taxonomy!;
const files = seedLibrary().corpus.files;

/** The tree of the seed corpus under the bundled taxonomy and a user's topics file, built from scratch (a reload). */
function treeWith(userText: string | undefined, corpusFiles: CorpusFile[] = files): Corpus {
  const user = userText === undefined ? undefined : parseTaxonomy(USER_FILE, userText).taxonomy;
  return buildCorpus(corpusFiles, { taxonomy: user ? mergeTaxonomies(bundled, user) : bundled });
}

const topic = (corpus: Corpus, name: string): Topic | undefined => corpus.topics.find((t) => t.name === name);
const members = (corpus: Corpus, name: string): string[] => topic(corpus, name)?.paperIds ?? [];
/** Corpus order of a set of ids. */
const inCorpusOrder = (corpus: Corpus, ids: Iterable<string>): string[] => {
  const wanted = new Set(ids);
  return corpus.papers.filter((p) => wanted.has(p.id)).map((p) => p.id);
};

/** Adds a step and checks the file changed by exactly one new line; returns the new text. */
function edit(text: string, entry: CurationEntry): string {
  const result = addCurationEntry(text, entry);
  assert.ok(!('error' in result), JSON.stringify(result));
  const before = text.split('\n');
  const after = result.text.split('\n');
  assert.equal(after.length, before.length + 1, 'one line added');
  const at = after.findIndex((line, i) => line !== before[i]);
  assert.deepEqual([...after.slice(0, at), ...after.slice(at + 1)], before, 'every other line byte for byte the same');
  assert.equal(
    after[at].trim(),
    `${JSON.stringify(entry).replace(/":/g, '": ').replace(/,"/g, ', "').replace(/^\{/, '{ ').replace(/\}$/, ' }')},`,
  );
  assert.equal(
    result.text.slice(0, result.change.offset) + result.change.content + text.slice(result.change.offset + result.change.length),
    result.text,
  );
  return result.text;
}

const START = [
  '// My library: extra topics and my changes to the tree.',
  '{',
  '  "topics": {},',
  '  "curation": [',
  '    // steps go here',
  '  ],',
  '}',
  '',
].join('\n');

test('rename, merge, split (phrase and papers), move, pin and hide: each one line in the file, and a reload gives the same tree', () => {
  let text = START;
  const base = treeWith(text);
  assert.deepEqual(base.diagnostics, []);
  const [a, b, c, d, e, f] = base.topics.filter((t) => t.origin !== 'other' && t.paperIds.length >= 3);
  assert.ok(f, `enough topics: ${base.topics.map((t) => t.name).join(', ')}`);

  text = edit(text, { rename: a.name, to: 'My Renamed Topic' });
  let tree = treeWith(text);
  assert.deepEqual(members(tree, 'My Renamed Topic'), a.paperIds);
  assert.equal(topic(tree, a.name), undefined);
  assert.equal(topic(tree, 'My Renamed Topic')?.origin, a.origin, 'a renamed topic keeps its origin');
  for (const id of a.paperIds)
    assert.ok(tree.byId.get(id)!.topics.includes('My Renamed Topic'), 'papers carry the new name (search topic:)');

  text = edit(text, { merge: [b.name, c.name], into: b.name });
  tree = treeWith(text);
  assert.deepEqual(members(tree, b.name), inCorpusOrder(tree, [...b.paperIds, ...c.paperIds]));
  assert.equal(topic(tree, c.name), undefined);

  // Split d by a word of its first paper's title that some of its other papers lack.
  const word = d.paperIds
    .flatMap((id) => base.byId.get(id)!.title.split(/[^A-Za-z]+/))
    .filter((w) => w.length >= 6)
    .find((w) =>
      d.paperIds.some((id) => !`${base.byId.get(id)!.title} ${base.byId.get(id)!.abstract}`.toLowerCase().includes(w.toLowerCase())),
    )!;
  assert.ok(word, 'a word to split by');
  text = edit(text, { split: d.name, into: 'Split Off', phrase: word });
  tree = treeWith(text);
  const split = members(tree, 'Split Off');
  assert.ok(split.length > 0 && split.length < d.paperIds.length, `"${word}" splits ${split.length} of ${d.paperIds.length}`);
  for (const id of split) {
    assert.ok(d.paperIds.includes(id), 'only papers of the split topic');
    assert.ok(!members(tree, d.name).includes(id), 'they left it');
  }
  assert.deepEqual(inCorpusOrder(tree, [...split, ...members(tree, d.name)]), d.paperIds, 'no paper lost or added');

  const picked = members(tree, e.name).slice(0, 2);
  text = edit(text, { split: e.name, into: 'Picked Papers', papers: picked });
  tree = treeWith(text);
  assert.deepEqual(members(tree, 'Picked Papers'), picked);
  assert.equal(topic(tree, 'Picked Papers')?.origin, e.origin);
  for (const id of picked) assert.ok(!members(tree, e.name).includes(id));

  const moved = members(tree, f.name)[0];
  text = edit(text, { move: moved, from: f.name, to: 'My Renamed Topic' });
  tree = treeWith(text);
  assert.ok(!members(tree, f.name).includes(moved));
  assert.ok(members(tree, 'My Renamed Topic').includes(moved));

  const pinned = tree.papers.find((p) => !p.topics.includes(b.name))!;
  text = edit(text, { pin: pinned.id, to: b.name });
  tree = treeWith(text);
  assert.ok(members(tree, b.name).includes(pinned.id));

  const hidden = members(tree, f.name);
  text = edit(text, { hide: f.name });
  tree = treeWith(text);
  assert.equal(topic(tree, f.name), undefined);
  for (const id of hidden) {
    const topics = tree.byId.get(id)!.topics;
    assert.ok(!topics.includes(f.name));
    assert.ok(topics.length > 0, 'a paper of a hidden topic keeps its other topics or goes to Other');
  }
  assert.deepEqual(tree.diagnostics, []);

  // A reload (the file read again, the corpus built again) gives the same tree, papers and topics alike.
  const reloaded = treeWith(text);
  assert.deepEqual(reloaded.topics, tree.topics);
  assert.deepEqual(reloaded.papers, tree.papers);
  assert.match(
    text,
    /^\/\/ My library: extra topics and my changes to the tree\.\n\{\n {2}"topics": \{\},\n {2}"curation": \[\n {4}\/\/ steps go here\n/,
  );
});

test('a pinned paper stays in its topic when the corpus changes, and a later split by phrase leaves it there', () => {
  const base = treeWith(undefined);
  const [target] = base.topics.filter((t) => t.origin !== 'other');
  const outsider = base.papers.find((p) => !p.topics.includes(target.name))!;
  const firstWord = outsider.title.split(/\s+/).find((w) => w.length > 4)!;
  let text = edit(START, { pin: outsider.id, to: target.name });
  text = edit(text, { rename: target.name, to: 'Renamed' });
  text = edit(text, { split: 'Renamed', into: 'By Phrase', phrase: firstWord });
  const tree = treeWith(text);
  assert.ok(members(tree, 'Renamed').includes(outsider.id), 'pinned (the pin follows the rename): the split by phrase does not take it');
  assert.ok(!members(tree, 'By Phrase').includes(outsider.id));
  assert.deepEqual(topic(tree, 'Renamed')?.pinnedIds, [outsider.id], 'the tree can mark the pinned paper, under the new name');
  assert.equal(topic(tree, 'By Phrase')?.pinnedIds, undefined);
  // The corpus changes (another file's papers arrive, topics are assigned anew): the pin holds.
  const other = {
    ...files[0],
    path: 'corpus/more.txt',
    papers: files[0].papers.slice(0, 10).map((p) => ({ ...p, title: `${p.title} (again)` })),
  };
  const grown = treeWith(text, [...files, other]);
  assert.ok(members(grown, 'Renamed').includes(outsider.id));
  // Moving it out undoes the pin.
  const moved = treeWith(edit(text, { move: outsider.id, from: 'Renamed', to: 'Elsewhere' }));
  assert.deepEqual(members(moved, 'Elsewhere'), [outsider.id]);
  assert.equal(topic(moved, 'Elsewhere')?.origin, 'curated');
  assert.equal(topic(moved, 'Renamed')?.pinnedIds, undefined, 'no longer marked pinned');
  assert.equal(topic(moved, 'Elsewhere')?.pinnedIds, undefined, 'moved, not pinned');
  // Hiding the topic drops the pin with it: pinned again elsewhere later, only that pin shows.
  const rehomed = treeWith(edit(edit(text, { hide: 'Renamed' }), { pin: outsider.id, to: 'Home' }));
  assert.deepEqual(topic(rehomed, 'Home')?.pinnedIds, [outsider.id]);
});

test('Show Hidden Topics removes the hide lines and nothing else; the topic returns', () => {
  const base = treeWith(undefined);
  const [x, y] = base.topics;
  const withRename = edit(START, { rename: y.name, to: 'Kept Name' });
  const hidden = edit(edit(withRename, { hide: x.name }), { hide: 'Kept Name' });
  assert.equal(topic(treeWith(hidden), x.name), undefined);
  const shown = removeCurationEntries(hidden, (entry) => typeof entry === 'object' && entry !== null && 'hide' in entry);
  assert.ok(!('error' in shown));
  assert.equal(shown.text, withRename, 'byte for byte the file before the two hides');
  assert.deepEqual(treeWith(shown.text).topics, treeWith(withRename).topics);
});

test('a curation step that names a topic the tree lacks changes nothing and says so; an unknown paper is a warning at its line', () => {
  const text = [
    '{',
    '  "curation": [',
    '    { "rename": "No Such Topic", "to": "Anything" },',
    '    { "pin": "no-such-paper", "to": "Pinned" },',
    '    { "split": "Other", "into": "Two", "papers": ["also-missing"] },',
    '  ]',
    '}',
  ].join('\n');
  const tree = treeWith(text);
  assert.deepEqual(treeWith(undefined).topics, tree.topics, 'the tree is still shown, unchanged');
  assert.deepEqual(
    tree.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity}`),
    ['3:5 info', '4:14 warning', '5:5 info'],
  );
  assert.match(tree.diagnostics[1].message, /^Lectern: \/w\/\.lectern\/topics\.json:4:14: no paper has the id or citekey "no-such-paper"/);
});

test("renaming a topic to another topic's name merges them, with a warning at the step that names the topic twice", () => {
  const [x, y] = treeWith(undefined).topics;
  const text = edit(START, { rename: x.name, to: y.name.toUpperCase() });
  const tree = treeWith(text);
  assert.deepEqual(members(tree, y.name), inCorpusOrder(tree, [...x.paperIds, ...y.paperIds]), 'one topic, under the existing spelling');
  assert.equal(topic(tree, x.name), undefined);
  assert.deepEqual(
    tree.diagnostics.map((d) => [d.line, d.severity]),
    [[6, 'warning']],
  );
  assert.match(tree.diagnostics[0].message, new RegExp(`"${y.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is already a topic`));
});
