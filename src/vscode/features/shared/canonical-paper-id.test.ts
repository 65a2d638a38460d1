import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from '../../../core/import/bibtex-importer';
import { PaperLibrary } from '../../../core/library/paper-library';
import { canonicalPaperId } from './canonical-paper-id';

const BIB =
  '@article{Smith2020,\n  title = {Ocean Acidification},\n  author = {Smith, Jane},\n  doi = {10.1000/xyz},\n  year = {2020}\n}\n';

test('a command argument may be an id or a citekey; the command gets the paper id', async () => {
  const library = PaperLibrary.open([{ path: 'refs.bib', fingerprint: 'x', ...importBibtex('refs.bib', BIB) }]);
  let loads = 0;
  const loaded = { current: library, ensureLoaded: () => (loads++, Promise.resolve(library)) };
  assert.equal(await canonicalPaperId(loaded, 'Smith2020'), 'doi-10.1000-xyz');
  assert.equal(await canonicalPaperId(loaded, 'doi-10.1000-xyz'), 'doi-10.1000-xyz');
  assert.equal(await canonicalPaperId(loaded, 'unknown'), 'unknown', 'left for the command to report');
  assert.equal(await canonicalPaperId(loaded, undefined), undefined);
  assert.equal(loads, 0, 'a loaded library is not loaded again');
  const notYet = { current: undefined, ensureLoaded: () => (loads++, Promise.resolve(library)) };
  assert.equal(await canonicalPaperId(notYet, 'Smith2020'), 'doi-10.1000-xyz');
  assert.equal(loads, 1);
  const failing = { current: undefined, ensureLoaded: () => Promise.reject(new Error('no corpus')) };
  assert.equal(await canonicalPaperId(failing, 'Smith2020'), 'Smith2020');
});
