// A thesis's genre that citation-js's type table does not know (`type = {Habilitation}`) is kept as written, beside
// the table's own (`@phdthesis` → "PhD thesis").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';

test('a thesis keeps a genre of its own, and gets the written-out genre of its type', () => {
  const papers = importBibtex('x.bib', '@thesis{h, title = {T}, type = {Habilitation}}\n@phdthesis{p, title = {P}}').papers;
  assert.deepEqual(
    papers.map((p) => [p.citeKey, p.csl?.type, p.csl?.genre]),
    [
      ['h', 'thesis', 'Habilitation'],
      ['p', 'thesis', 'PhD thesis'],
    ],
  );
});
