import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedLibrary } from '../../../../test/support/seed-library';
import { PaperLibrary } from '../../../core/library/paper-library';
import type { Paper } from '../../../core/model/paper';
import { PAPER_PICK_BUTTONS, paperPickItem, recentPickItems, searchPickItems } from './paper-pick-items';

test('a query lists the core search hits in order, each with its topics and year and the abstract around the match', () => {
  const library = seedLibrary();
  const items = searchPickItems(library, 'spiking', { limit: 50 });
  const hits = library.search.search('spiking', { limit: 50 }).results.map((hit) => hit.id);
  assert.ok(hits.length >= 3, 'the seed corpus has papers about spiking networks');
  assert.deepEqual(
    items.map((item) => item.paperId),
    hits,
  );
  for (const item of items) {
    const paper = library.paper(item.paperId)!;
    assert.equal(item.label, paper.title);
    assert.equal(item.alwaysShow, true, 'VS Code must not filter the search results again');
    assert.deepEqual(item.buttons, ['openNote', 'copyCitation', 'revealInTree']);
    if (paper.year !== undefined) assert.match(item.description ?? '', new RegExp(`${paper.year}$`));
    for (const topic of paper.topics.slice(0, 2)) assert.ok(item.description?.includes(topic), `${item.description} names ${topic}`);
    assert.ok(item.detail && item.detail.length <= 160, 'the detail is a short excerpt');
  }
  const withAbstractMatch = items.filter((item) => /spik/i.test(library.paper(item.paperId)!.abstract));
  assert.ok(withAbstractMatch.length > 0);
  for (const item of withAbstractMatch) assert.match(item.detail!, /spik/i, 'the excerpt shows the match');
});

test('the limit and status filters reach the search', () => {
  const library = seedLibrary();
  assert.equal(searchPickItems(library, 'learning', { limit: 3 }).length, 3);
  const [first] = library.papers;
  const annotations = (id: string) => (id === first.id ? { status: 'reading', tags: [] } : undefined);
  assert.deepEqual(
    searchPickItems(library, 'status:reading', { limit: 10, annotations }).map((item) => item.paperId),
    [first.id],
  );
});

test('a query without hits gives one row saying so, with no paper and no buttons', () => {
  const items = searchPickItems(seedLibrary(), 'qwxzvbn', { limit: 50 });
  assert.deepEqual(items, [
    {
      paperId: '',
      label: 'No papers match "qwxzvbn"',
      detail: 'Try fewer words, a shorter prefix, or remove a filter.',
      alwaysShow: true,
      buttons: [],
    },
  ]);
});

test('an empty query lists recently opened papers under a separator, skipping ids the corpus lost', () => {
  const library = seedLibrary();
  const [a, b] = [library.papers[3], library.papers[0]];
  const items = recentPickItems(library, [a.id, 'gone-from-the-corpus', b.id]);
  assert.deepEqual(
    items.map((item) => [item.paperId, item.label, item.separator ?? false]),
    [
      ['', 'recently opened', true],
      [a.id, a.title, false],
      [b.id, b.title, false],
    ],
  );
  assert.equal(items[1].detail, undefined, 'daily-papers records have no authors, so no detail');
});

test('with nothing opened yet, an empty query invites typing and counts the papers', () => {
  const library = seedLibrary();
  const [item] = recentPickItems(library, []);
  assert.equal(item.label, `Type to search ${library.papers.length} papers`);
  assert.equal(item.paperId, '');
});

test('a paper row: no authors means no detail; topics and year are joined with a dot', () => {
  const paper = { ...seedLibrary().papers[0], authors: [], topics: ['A', 'B', 'C'], year: 2024 };
  const item = paperPickItem(paper);
  assert.equal(item.description, 'A, B · 2024');
  assert.equal(item.detail, undefined);
  assert.equal(item.buttons, PAPER_PICK_BUTTONS);
  const authors = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'];
  assert.equal(paperPickItem({ ...paper, authors }).detail, 'Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra');
  assert.equal(paperPickItem({ ...paper, authors }, 'an excerpt').detail, 'an excerpt');
});

test('a paper found only through its keywords or authors says which, in place of an abstract with nothing marked', () => {
  const paper = (id: string, title: string, fields: Partial<Paper>): Paper => ({
    id,
    title,
    authors: [],
    abstract: 'Simple alkyl thiols such as methanethiol (CH3SH) are widely speculated to form in seafloor hot spring fluids.',
    keywords: [],
    categories: [],
    topics: [],
    source: { file: 'My Library.bib', line: 1 },
    ...fields,
  });
  const library = PaperLibrary.open([
    {
      path: 'My Library.bib',
      fingerprint: 'f',
      papers: [
        paper('reeves', 'The origin of methanethiol in midocean ridge hydrothermal fluids', {
          keywords: ['biogeochemistry', 'methyl mercaptan'],
          authors: ['Eoghan P. Reeves', 'Jeffrey S. Seewald'],
        }),
        paper('mercaptan-review', 'Mercaptan chemistry of vent fluids', { authors: ['Jeffrey S. Seewald'] }),
      ],
      diagnostics: [],
    },
  ]);
  const details = (query: string) => new Map(searchPickItems(library, query, { limit: 10 }).map((item) => [item.paperId, item.detail]));
  const mercaptan = details('mercaptan');
  assert.equal(mercaptan.get('reeves'), 'keywords: methyl mercaptan');
  assert.match(mercaptan.get('mercaptan-review')!, /^Simple alkyl thiols/, 'a title match keeps the abstract as its detail');
  assert.equal(details('seewald').get('reeves'), 'authors: Jeffrey S. Seewald');
});
