import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from '../../../core/import/bibtex-importer';
import { PaperLibrary } from '../../../core/library/paper-library';
import { completionCandidates } from './completion-candidates';

const BIB = `@article{vaswani2017attention,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  journal = {Advances in Neural Information Processing Systems},
  year = {2017},
}
@article{smith2020ocean,
  title = {Ocean acidification and coastal carbonate chemistry},
  author = {Smith, Jane},
  journal = {Marine Chemistry},
  year = {2020},
}
@book{Barabasi2016,
  title = {Network Science},
  author = {Barab{\\'a}si, Albert-L{\\'a}szl{\\'o}},
  publisher = {Cambridge University Press},
  year = {2016},
}
`;
const library = PaperLibrary.open([{ path: 'refs.bib', fingerprint: 'x', ...importBibtex('refs.bib', BIB) }]);
const keys = (query: string, recent: string[] = []) => completionCandidates(library, query, recent).map((paper) => paper.citeKey);

test('with nothing typed: the recently opened papers first, then the library', () => {
  const recent = library.resolve('smith2020ocean')!.id;
  assert.deepEqual(keys('', [recent]), ['smith2020ocean', 'vaswani2017attention', 'Barabasi2016']);
});

test('a citekey typed in part, any case, offers that paper first', () => {
  assert.equal(keys('barabasi')[0], 'Barabasi2016');
  assert.equal(keys('VASWANI2017')[0], 'vaswani2017attention');
});

test('a citekey-like word run is searched as words: author, year and title words find the paper', () => {
  assert.deepEqual(keys('ocean acidification'), ['smith2020ocean']);
  assert.equal(keys('attention2017')[0], 'vaswani2017attention');
});

test('a query that names nothing offers nothing', () => {
  assert.deepEqual(keys('zzzqqq'), []);
});
