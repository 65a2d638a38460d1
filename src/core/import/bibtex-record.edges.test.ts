// The last gaps in the record's tests: an escaped brace inside a name, and the records of a file whose entries
// citation-js cannot map together (one unreadable field makes it map each entry alone; each must still be tidied).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cslNamesOf } from './bibtex-names';
import { importBibtex } from './bibtex-importer';

test('an escaped brace neither opens nor closes a group in a name list', () => {
  // `\}` inside an organisation's braces does not end it: the ` and ` in it is no separator.
  assert.deepEqual(cslNamesOf('{Ann \\} and Bo} and Cy'), {
    names: [{ literal: 'Ann } and Bo' }, { family: 'Cy' }],
    unsplittable: [],
  });
  assert.deepEqual(cslNamesOf('{Curly \\} Brace Ltd}').names, [{ literal: 'Curly } Brace Ltd' }]);
  // A name whose last brace is escaped is not wholly in braces: no organisation.
  assert.equal(cslNamesOf('{Ann \\}').names[0]?.literal, undefined);
  // `\{` outside braces opens nothing: the ` and ` after it still separates two names.
  assert.deepEqual(cslNamesOf('Doe \\{ and Roe, Jane').names.slice(1), [{ family: 'Roe', given: 'Jane' }]);
  assert.equal(cslNamesOf('Doe \\{ and Roe, Jane').names.length, 2);
});

test('entries mapped one at a time (a `$` never closed elsewhere in the file) are tidied like the others', () => {
  const papers = importBibtex(
    'x.bib',
    `@phdthesis{t, title = {T}, school = {MIT}, note = {$x}}
@book{b, title = {B}, pages = {456}}
@article{, title = {NoKey}}`,
  ).papers;
  assert.deepEqual(
    papers.map((p) => p.csl),
    [
      // The unreadable note is left out; the genre is written out as in a file citation-js maps whole.
      { publisher: 'MIT', type: 'thesis', genre: 'PhD thesis', id: 't', 'citation-key': 't', title: 'T' },
      { type: 'book', id: 'b', 'citation-key': 'b', title: 'B', 'number-of-pages': '456' },
      { type: 'article-journal', id: '', title: 'NoKey' },
    ],
  );
});
