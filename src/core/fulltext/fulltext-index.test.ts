import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Paper } from '../model/paper';
import { PaperSearch } from '../search/paper-search';
import { FullTextIndex, type PdfText } from './fulltext-index';
import { fullTextFilter } from './fulltext-mode';
import { FULL_TEXT_WEIGHT, mergeFullText, searchWithFullText } from './merge-fulltext';

const paper = (id: string, title: string, abstract: string, authors: string[] = ['Ann Smith']): Paper => ({
  id,
  title,
  authors,
  year: 2020,
  abstract,
  keywords: [],
  categories: [],
  topics: ['Neuroscience'],
  source: { file: 'refs.bib', line: 1 },
});

const papers = [
  paper('abstract-hit', 'Learning rules', 'We study dendritic spikes in cortex.'),
  paper('pdf-only', 'A survey of plasticity', 'Synapses change with experience.', ['Bo Chen']),
  paper('no-pdf', 'Unrelated', 'Nothing about it.'),
];

const texts: PdfText[] = [
  {
    paper: papers[1],
    file: '/ws/papers/pdf/pdf-only.pdf',
    pages: [
      'Introduction to synapses.',
      'Methods.',
      'Filler.',
      'Filler.',
      'Filler.',
      'Filler.',
      'Dendritic spikes are rare in this preparation.',
    ],
  },
  { paper: papers[0], file: '/ws/papers/pdf/abstract-hit.pdf', pages: ['Dendritic spikes again.', 'More about dendritic spikes.'] },
];

describe('FullTextIndex', () => {
  const index = FullTextIndex.build(texts);

  it('finds the papers whose pages match, with the page and the text around the match', () => {
    assert.equal(index.pageCount, 9);
    const hits = index.search('dendritic spikes', { limit: 10 });
    const pdfOnly = hits.find((hit) => hit.id === 'pdf-only');
    assert.deepEqual(pdfOnly?.pages, [{ page: 7, snippet: 'Dendritic spikes are rare in this preparation.' }]);
    assert.deepEqual(
      hits
        .find((hit) => hit.id === 'abstract-hit')
        ?.pages.map((page) => page.page)
        .sort(),
      [1, 2],
    );
    assert.deepEqual(index.search('synapses', { limit: 10 })[0].pages[0], { page: 1, snippet: 'Introduction to synapses.' });
  });

  it('applies filters to pages through their paper, and never matches on authors alone', () => {
    assert.deepEqual(
      index.search('dendritic author:chen', { limit: 10 }).map((hit) => hit.id),
      ['pdf-only'],
    );
    assert.deepEqual(index.search('dendritic year:..2019', { limit: 10 }), []);
    assert.deepEqual(index.search('smith', { limit: 10 }), []);
    const tagged = index.search('dendritic tag:read', {
      limit: 10,
      annotations: (id) => (id === 'abstract-hit' ? { tags: ['read'] } : undefined),
    });
    assert.deepEqual(
      tagged.map((hit) => hit.id),
      ['abstract-hit'],
    );
  });
});

describe('mergeFullText', () => {
  const search = PaperSearch.build(papers);
  const index = FullTextIndex.build(texts);
  const merged = (query: string, mode: 'on' | 'off' | 'only' = 'on') =>
    mergeFullText(search.search(query), index.search(query, { limit: 10 }), mode, 10);

  it('ranks a paper that matched only in its PDF below the abstract hit, and says where it matched', () => {
    const response = merged('dendritic spikes');
    assert.deepEqual(
      response.results.map((hit) => [hit.id, hit.fullTextOnly ?? false]),
      [
        ['abstract-hit', false],
        ['pdf-only', true],
      ],
    );
    assert.equal(response.total, 2);
    assert.deepEqual(response.results[1].matches, {
      title: [],
      abstract: [],
      fulltext: [{ page: 7, snippet: 'Dendritic spikes are rare in this preparation.' }],
    });
    // The abstract hit's own PDF adds to its score, by the full-text weight.
    const alone = search.search('dendritic spikes').results[0].score;
    const pdfScore = index.search('dendritic spikes', { limit: 10 }).find((hit) => hit.id === 'abstract-hit')!.score;
    assert.ok(Math.abs(response.results[0].score - (alone + FULL_TEXT_WEIGHT * pdfScore)) < 1e-9);
    assert.equal(response.results[0].matches.fulltext?.length, 2);
  });

  it('a full-text-only hit stays below even when its pages score higher than the abstract hit', () => {
    const many: PdfText = { ...texts[0], pages: Array.from({ length: 3 }, () => 'dendritic spikes dendritic spikes dendritic spikes') };
    const response = mergeFullText(search.search('dendritic'), FullTextIndex.build([many]).search('dendritic', { limit: 10 }), 'on', 10);
    assert.deepEqual(
      response.results.map((hit) => hit.id),
      ['abstract-hit', 'pdf-only'],
    );
  });

  it('fulltext:off leaves the PDFs out, fulltext:only keeps only them', () => {
    assert.deepEqual(
      merged('dendritic spikes', 'off').results.map((hit) => hit.id),
      ['abstract-hit'],
    );
    const only = merged('dendritic spikes', 'only');
    assert.deepEqual(only.results.map((hit) => hit.id).sort(), ['abstract-hit', 'pdf-only']);
    assert.ok(only.results.every((hit) => hit.fullTextOnly && hit.matches.fulltext!.length > 0));
  });

  it('reads the fulltext: filter out of a query', () => {
    assert.deepEqual(fullTextFilter('dendritic fulltext:only spikes'), { query: 'dendritic spikes', mode: 'only' });
    assert.deepEqual(fullTextFilter('FULLTEXT:off'), { query: '', mode: 'off' });
    assert.deepEqual(fullTextFilter('fulltext:maybe spikes'), { query: 'spikes', mode: undefined });
    assert.deepEqual(fullTextFilter('spikes  "a b"'), { query: 'spikes  "a b"', mode: undefined });
  });
});

describe('searchWithFullText', () => {
  const search = PaperSearch.build(papers);
  const index = FullTextIndex.build(texts);
  const run = (query: string, setting: 'on' | 'off') => {
    const asked: string[] = [];
    const response = searchWithFullText(
      query,
      setting,
      10,
      (rest) => (asked.push(`papers:${rest}`), search.search(rest)),
      (rest) => (asked.push(`pdfs:${rest}`), index.search(rest, { limit: 10 })),
    );
    return { ids: response.results.map((hit) => hit.id), query: response.query, asked };
  };

  it('follows the setting unless the query says otherwise, and never passes the filter on', () => {
    assert.deepEqual(run('dendritic spikes', 'off'), {
      ids: ['abstract-hit'],
      query: 'dendritic spikes',
      asked: ['papers:dendritic spikes'],
    });
    assert.deepEqual(run('dendritic spikes fulltext:on', 'off').ids, ['abstract-hit', 'pdf-only']);
    assert.deepEqual(run('dendritic fulltext:off spikes', 'on'), {
      ids: ['abstract-hit'],
      query: 'dendritic fulltext:off spikes',
      asked: ['papers:dendritic spikes'],
    });
    assert.deepEqual(run('preparation fulltext:only', 'on').asked, ['pdfs:preparation']);
  });
});
