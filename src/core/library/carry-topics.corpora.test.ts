import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MemoryIndexCacheStore } from './index-cache-store';
import { LibraryLoader } from './library-loader';
import { MemoryCorpusSource } from './memory-corpus-source';
import { sharedCorpus } from '../../../test/support/shared-corpora';

// A researcher's real library changing by a paper or two (a reference manager's export): the tree stays as it is.
const iclr = sharedCorpus('openreview_iclr2021_paperlist.tsv');
const law = sharedCorpus('csljson_betterbibtex_law_my-library.json');

const jsonl = (...papers: object[]) => papers.map((paper) => JSON.stringify(paper)).join('\n');
const GNN = {
  doi: '10.5555/lectern.carry',
  title: 'Graph neural networks for molecule property prediction',
  abstract: 'Message passing.',
  year: 2025,
};
const LATER = { ...GNN, doi: '10.5555/lectern.later', title: 'Message passing graph neural networks for molecules' };
const RL = { ...GNN, title: 'Exploration bonuses for agents', abstract: 'Curiosity.', keywords: ['Reinforcement Learning'] };

test(
  "a paper added to ICLR 2021's 2,966 moves no other paper and joins the topic its neighbours share; a large import discovers anew",
  { skip: iclr.skip || law.skip },
  async () => {
    const source = new MemoryCorpusSource({ '/w/iclr.tsv': readFileSync(iclr.path, 'utf8') }, ['/w']);
    const store = new MemoryIndexCacheStore();
    const cache = { store, key: 'index', contents: 'index' as const };
    const loader = new LibraryLoader(source, { cache });
    const { library } = await loader.load();
    await loader.saveCache();
    const saved = store.entries.get('index');
    assert.ok(saved, 'the index of the library as loaded is cached');
    const before = new Map(library.papers.map((paper) => [paper.id, paper.topics]));
    const names = library.corpus.topics.map((topic) => topic.name);

    source.write('/w/new.jsonl', jsonl(GNN));
    const added = (await loader.applyChange({ path: '/w/new.jsonl', kind: 'changed' }))!;
    assert.deepEqual([added.change.added.length, added.change.changed.length, added.change.removed.length], [1, 0, 0]);
    assert.deepEqual(
      library.corpus.topics.map((topic) => topic.name),
      names,
      'the same topics, in the same order',
    );
    for (const paper of library.papers) if (before.has(paper.id)) assert.deepEqual(paper.topics, before.get(paper.id), paper.title);
    const gnn = library.papers.find((paper) => paper.title === GNN.title)!;
    assert.equal(gnn.topics[0], 'Graph Neural Networks');
    assert.ok(library.corpus.topics.find((topic) => topic.name === 'Graph Neural Networks')!.paperIds.includes(gnn.id));
    assert.equal(library.corpus.topicsDrift, 1);
    // Cached with the topics: a window reloaded on the same files shows the tree as the user left it, and its index
    // (loaded, not rebuilt) files the new paper where the tree does.
    await loader.saveCache();
    assert.notEqual(store.entries.get('index'), saved);
    const reloaded = await new LibraryLoader(source, { cache }).load();
    assert.deepEqual([reloaded.topicsFrom, reloaded.library.indexFrom, reloaded.cacheStale], ['cache', 'cache', false]);
    assert.deepEqual(
      reloaded.library.papers.map((paper) => paper.topics),
      library.papers.map((paper) => paper.topics),
    );
    assert.deepEqual(reloaded.library.corpus.topics, library.corpus.topics);
    assert.equal(reloaded.library.corpus.topicsDrift, 1, 'the drift counts on towards the next discovery');
    const filed = reloaded.library.search.search('topic:"Graph Neural Networks" molecule property', { limit: 5 }).results;
    assert.ok(filed.some((hit) => hit.id === gnn.id));
    // What the cache spares the user: discovery on these files files many papers elsewhere.
    const discovered = (await new LibraryLoader(source).load()).library;
    const moved = discovered.papers.filter((paper, i) => paper.topics.join() !== library.papers[i].topics.join()).length;
    assert.ok(moved > 100, `discovery moves ${moved} papers`);
    // Without its topics entry the cached index (of carried topics) is not taken: topics discovered, index rebuilt.
    const topicsEntry = store.entries.get('index.topics');
    store.entries.delete('index.topics');
    const bare = await new LibraryLoader(source, { cache }).load();
    assert.deepEqual([bare.topicsFrom, bare.library.indexFrom, bare.cacheStale], ['assigned', 'build', true]);
    store.entries.set('index.topics', topicsEntry!);

    // The reference manager exported another paper while the window was closed: the next start carries the tree over.
    const closed = new MemoryCorpusSource(
      { '/w/iclr.tsv': readFileSync(iclr.path, 'utf8'), '/w/new.jsonl': jsonl(GNN), '/w/later.jsonl': jsonl(LATER) },
      ['/w'],
    );
    const started = await new LibraryLoader(closed, { cache }).load();
    assert.deepEqual([started.topicsFrom, started.cacheStale], ['carried', true]);
    for (const paper of started.library.papers) if (before.has(paper.id)) assert.deepEqual(paper.topics, before.get(paper.id), paper.title);
    const later = started.library.papers.find((paper) => paper.title === LATER.title)!;
    assert.equal(later.topics[0], 'Graph Neural Networks');
    assert.equal(started.library.corpus.topicsDrift, 2);
    const inTopic = started.library.search.search('topic:"Graph Neural Networks" message passing molecules', { limit: 5 }).results;
    assert.ok(
      inTopic.some((hit) => hit.id === later.id),
      'the index files it where the tree does',
    );

    // Edited by hand: its keyword names a topic there is; it moves there, and no other paper moves.
    source.write('/w/new.jsonl', jsonl(RL));
    const edited = (await loader.applyChange({ path: '/w/new.jsonl', kind: 'changed' }))!;
    assert.deepEqual([edited.change.added.length, edited.change.changed.length, edited.change.removed.length], [0, 1, 0]);
    assert.equal(library.papers.find((paper) => paper.title === RL.title)!.topics[0], 'Reinforcement Learning');
    for (const paper of library.papers) if (before.has(paper.id)) assert.deepEqual(paper.topics, before.get(paper.id), paper.title);
    assert.equal(library.corpus.topicsDrift, 2);

    source.remove('/w/new.jsonl');
    const removed = (await loader.applyChange({ path: '/w/new.jsonl', kind: 'deleted' }))!;
    assert.deepEqual([removed.change.added.length, removed.change.changed.length, removed.change.removed.length], [0, 0, 1]);
    assert.deepEqual(
      library.corpus.topics.map((topic) => topic.name),
      names,
    );
    assert.equal(library.corpus.topicsDrift, 3, 'papers that came, changed and went count towards the next discovery');

    // A thousand papers of a law library are more than a change: the topics are discovered again, with them.
    source.write('/w/law.json', readFileSync(law.path, 'utf8'));
    await loader.applyChange({ path: '/w/law.json', kind: 'changed' });
    assert.equal(library.corpus.topicsDrift, 0);
    await loader.saveCache();
    assert.notEqual(store.entries.get('index'), saved, 'discovered again: cached again');
    assert.ok(
      library.corpus.topics.some((topic) => !names.includes(topic.name)),
      'topics of the law papers',
    );
  },
);
