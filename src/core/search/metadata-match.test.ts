import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PaperLibrary } from '../library/paper-library';
import type { Paper } from '../model/paper';
import { metadataMatches, metadataMatchLine } from './metadata-match';

// Records shaped like the Zotero marine-chemistry export's (../shared/corpora): the keyword and the author are the only
// places the query words occur.
const papers: Paper[] = [
  {
    id: 'reeves_origin_2014',
    title: 'The origin of methanethiol in midocean ridge hydrothermal fluids',
    authors: ['Eoghan P. Reeves', 'Jill M. McDermott', 'Jeffrey S. Seewald'],
    year: 2014,
    abstract: 'Simple alkyl thiols such as methanethiol (CH3SH) are widely speculated to form in seafloor hot spring fluids.',
    keywords: ['biogeochemistry', 'methyl mercaptan', 'origin of life', 'prebiotic chemistry'],
    categories: [],
    topics: [],
    source: { file: 'My Library.bib', line: 18388 },
  },
  {
    id: 'hansell_recalcitrant_2013',
    title: 'Recalcitrant Dissolved Organic Carbon Fractions',
    authors: ['Dennis A. Hansell'],
    year: 2013,
    abstract: 'Marine dissolved organic carbon holds a reservoir as large as the atmospheric carbon dioxide.',
    keywords: [],
    categories: ['physics.ao-ph'],
    topics: [],
    source: { file: 'My Library.bib', line: 120 },
  },
];

test('a keyword, an author or a category holding a matched term is named with its field, in the record order', () => {
  const [reeves, hansell] = papers;
  assert.deepEqual(metadataMatches(reeves, ['methyl']), [{ field: 'keywords', values: ['methyl mercaptan'] }]);
  assert.deepEqual(metadataMatches(reeves, ['seewald', 'prebiotic', 'chemistry']), [
    { field: 'keywords', values: ['prebiotic chemistry'] }, // not "biogeochemistry": words, not substrings
    { field: 'authors', values: ['Jeffrey S. Seewald'] },
  ]);
  assert.deepEqual(metadataMatches(hansell, ['ao']), [{ field: 'categories', values: ['physics.ao-ph'] }]);
  assert.deepEqual(metadataMatches(hansell, ['carbon']), [], 'the title and abstract are not metadata');
  assert.deepEqual(metadataMatches(hansell, []), []);
});

test("the line for a row shows up to three values per field, the authors' names apart by semicolons", () => {
  const many: Paper = { ...papers[0], keywords: ['ocean a', 'ocean b', 'ocean c', 'ocean d'], authors: ['A. Ocean', 'B. Ocean'] };
  assert.equal(metadataMatchLine(many, ['ocean']), 'keywords: ocean a, ocean b, ocean c, … · authors: A. Ocean; B. Ocean');
  assert.equal(metadataMatchLine(papers[1], ['organic']), undefined);
});

test("a search's own terms lead to the field that explains the hit", () => {
  const library = PaperLibrary.open([{ path: 'My Library.bib', fingerprint: 'f', papers, diagnostics: [] }]);
  const [byKeyword] = library.search.search('mercaptan', { limit: 5 }).results;
  assert.equal(byKeyword.id, 'reeves_origin_2014');
  assert.deepEqual(byKeyword.matches, { title: [], abstract: [] });
  assert.equal(metadataMatchLine(library.paper(byKeyword.id)!, byKeyword.terms), 'keywords: methyl mercaptan');
  const [byAuthor] = library.search.search('hansel', { limit: 5 }).results; // a typo still finds the name
  assert.equal(metadataMatchLine(library.paper(byAuthor.id)!, byAuthor.terms), 'authors: Dennis A. Hansell');
});

test('an author: filter names the authors it matched, even with no word to search (a filter-only query)', () => {
  const [reeves] = papers;
  assert.deepEqual(metadataMatches(reeves, [], 'author:seewald'), [{ field: 'authors', values: ['Jeffrey S. Seewald'] }]);
  assert.equal(metadataMatchLine(reeves, ['methyl'], 'methyl author:"Jill M"'), 'keywords: methyl mercaptan · authors: Jill M. McDermott');
  assert.equal(metadataMatchLine(reeves, [], '-author:seewald'), undefined, 'a negated filter matched no author');
  assert.equal(metadataMatchLine(reeves, [], 'year:2014'), undefined);
});

test('a hostile keyword (a pasted page, line breaks) is shown on one line, cut short', () => {
  const page = `methyl ${'mercaptan\n'.repeat(2000)}`;
  const line = metadataMatchLine({ ...papers[0], keywords: [page] }, ['methyl'])!;
  assert.ok(line.startsWith('keywords: methyl mercaptan mercaptan'), line);
  assert.ok(line.length <= 80 && !line.includes('\n') && line.endsWith('…'), line);
});
