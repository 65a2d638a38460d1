import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupPapers } from '../../../core/tree/group-papers';
import type { Paper } from '../../../core/model/paper';
import { seedLibrary } from '../../../../test/support/seed-library';
import {
  groupTreeItem,
  missingPaperTreeItem,
  moreTreeItem,
  paperIcon,
  paperTooltip,
  paperTreeItem,
  sampleNoticeTreeItem,
} from './paper-tree-items';

test('topic rows show their paper count, a namespace icon and the context menu of topics', () => {
  const library = seedLibrary();
  const groups = groupPapers(library.corpus, 'topic');
  assert.ok(groups.length >= 6);
  for (const group of groups) {
    const item = groupTreeItem(group, 'topic');
    assert.equal(item.label, group.label);
    assert.equal(item.description, String(group.paperIds.length));
    assert.equal(item.tooltip, `${group.label}: ${group.paperIds.length} paper${group.paperIds.length === 1 ? '' : 's'}`);
    // "Other" has no rename, merge, split or hide in its menu.
    assert.equal(item.contextValue, group.label === 'Other' ? 'group.topic.other' : 'group.topic');
    assert.deepEqual(item.icon, { id: 'symbol-namespace' });
    assert.equal(item.collapsed, true);
  }
});

test('year and source rows get their own icons; a source row names its folder in the tooltip', () => {
  const library = seedLibrary();
  const [year] = groupPapers(library.corpus, 'year');
  assert.deepEqual(groupTreeItem(year, 'year').icon, { id: 'calendar' });
  const [source] = groupPapers(library.corpus, 'source');
  const item = groupTreeItem(source, 'source');
  assert.equal(item.label, 'daily-papers.txt');
  assert.equal(item.tooltip, `daily-papers.txt: ${library.papers.length} papers\ncorpus`);
  assert.deepEqual(item.icon, { id: 'file' });
});

test('a paper row opens the reader, shows year and status, and its icon and menu follow the note', () => {
  const seed = seedLibrary().papers[0];
  assert.equal(paperTreeItem('k', seed, undefined).description, '', 'daily-papers records have no year');
  assert.equal(paperTreeItem('k', seed, undefined).accessibilityLabel, seed.title);
  const paper = { ...seed, year: 2023 };
  const plain = paperTreeItem('topic:x\u0000' + paper.id, paper, undefined);
  assert.equal(plain.label, paper.title);
  assert.equal(plain.description, String(paper.year));
  assert.equal(plain.contextValue, 'paper');
  assert.deepEqual(plain.icon, { id: 'file-text' });
  assert.deepEqual(plain.command, { command: 'lectern.openPaper', title: 'Open Paper', arguments: [paper.id] });
  assert.equal(plain.accessibilityLabel, `${paper.title}, ${paper.year}`);

  const read = paperTreeItem('k', paper, { status: 'read', tags: ['to-cite'] });
  assert.equal(read.description, `${paper.year} · Read`);
  assert.equal(paperTreeItem('k', paper, { status: 'to-read' }).description, `${paper.year} · To read`);
  assert.equal(read.contextValue, 'paper.noted');
  assert.deepEqual(read.icon, { id: 'pass-filled', color: 'charts.green' });

  assert.deepEqual(paperIcon({ status: 'reading' }), { id: 'book', color: 'charts.blue' });
  assert.deepEqual(paperIcon({ status: 'to-read' }), { id: 'bookmark' });
  assert.deepEqual(paperIcon({ tags: ['x'] }), { id: 'note' }, 'a note without status');
  assert.equal(paperTreeItem('k', paper, { tags: [] }).contextValue, 'paper.noted');
});

test('the paper tooltip: escaped title, authors with et al., topics, status and tags, the abstract cut at a word', () => {
  const library = seedLibrary();
  const long = library.papers.find((p) => p.abstract.length > 400 && p.topics.length > 0)!;
  const paper: Paper = {
    ...long,
    title: 'Attention* is [all] you need $(alert)',
    authors: ['A One', 'B Two', 'C Three', 'D Four', 'E Five'],
    year: 2017,
    venue: 'NeurIPS',
  };
  const md = paperTooltip(paper, { status: 'reading', tags: ['to-cite'] });
  const paragraphs = md.split('\n\n');
  assert.equal(paragraphs[0], '**Attention\\* is \\[all\\] you need \\$\\(alert\\)**');
  assert.equal(paragraphs[1], 'A One, B Two, C Three, D Four et al\\. · 2017 · NeurIPS');
  assert.ok(paragraphs[2].startsWith('$(symbol-namespace) '), 'topics behind a theme icon');
  assert.equal(paragraphs[3], '$(tag) Reading, to\\-cite');
  const abstract = paragraphs[4];
  assert.ok(abstract.endsWith('…'));
  const unescaped = abstract.slice(0, -1).replace(/\\(.)/g, '$1');
  assert.ok(long.abstract.startsWith(unescaped), 'the start of the abstract');
  assert.ok(unescaped.length <= 320 && unescaped.length > 250, `${unescaped.length} characters`);
  assert.ok(/\S$/.test(unescaped) && /\s/.test(long.abstract[unescaped.length]), 'cut at a word boundary');

  const tooltipWithoutNote = paperTooltip({ ...paper, topics: [], abstract: 'Short.' });
  assert.deepEqual(tooltipWithoutNote.split('\n\n').slice(2), ['Short\\.']);
});

test('"Show more" pages by the page size and says how many are hidden; a lost paper shows its id', () => {
  assert.equal(moreTreeItem('k', 'topic:x', 450, 200).label, 'Show 200 more…');
  assert.equal(moreTreeItem('k', 'topic:x', 50, 200).label, 'Show 50 more…');
  const more = moreTreeItem('topic:x\u0000more', 'topic:x', 450, 200);
  assert.equal(more.description, '450 not shown');
  assert.deepEqual(more.command?.arguments, ['topic:x']);
  assert.equal(more.command?.command, 'lectern.showMorePapers');
  assert.deepEqual(missingPaperTreeItem('k', 'gone'), { id: 'k', label: 'gone', collapsed: false });
});

test('a sample paper is marked in its row, its hover and its accessible name; the notice row offers Add Corpus File', () => {
  const seed = { ...seedLibrary().papers[0], year: 2025 };
  const own = paperTreeItem('k', seed, undefined);
  assert.equal(own.description, '2025');
  assert.doesNotMatch(paperTooltip(seed), /Sample paper/);
  const sample = paperTreeItem('k', { ...seed, sample: true }, { status: 'read' });
  assert.equal(sample.description, '2025 · Read · sample');
  assert.match((sample.tooltip as { markdown: string }).markdown, /\$\(beaker\) \*Sample paper — bundled with Lectern\*/);
  assert.match(sample.accessibilityLabel!, /, sample paper — bundled with lectern$/);
  const pinned = paperTreeItem('k', { ...seed, sample: true }, undefined, { pinned: true });
  assert.equal(pinned.description, '2025 · pinned · sample');
  assert.match((pinned.tooltip as { markdown: string }).markdown, /\*Pinned to this topic in `\.lectern\/topics\.json`\.\*/);
  assert.match(pinned.accessibilityLabel!, /, pinned to this topic, sample paper/);
  assert.doesNotMatch(sample.accessibilityLabel!, /pinned/);
  const notice = sampleNoticeTreeItem('sample-notice', 76);
  assert.equal(notice.label, 'Sample papers, bundled with Lectern');
  assert.equal(notice.command?.command, 'lectern.addCorpusFile');
  assert.deepEqual(notice.icon, { id: 'beaker' });
  assert.match((notice.tooltip as { markdown: string }).markdown, /These 76 papers ship with Lectern/);
});
