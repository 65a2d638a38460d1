// The CSL record of each BibTeX entry (citation-js's mapping, tidied): a whole work's single page number is its
// length, thesis genres written out, the citekey as id, fields left out, and the venue a record implies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';

const records = (text: string) => importBibtex('x.bib', text).papers.map((p) => [p.citeKey, p.venue, p.csl]);

test('a book`s single-number pages is its page count; an article`s, or a range, stays a page', () => {
  assert.deepEqual(
    records(`@book{b, title = {B}, pages = { 456 }, publisher = {MIT Press}}
@article{a, title = {A}, pages = {456}, journal = {J}}
@book{c, title = {C}, pages = {45--60}}
@report{d, title = {D}, pages = {12}, pagetotal = {300}, institution = {NASA}}`),
    [
      ['b', 'MIT Press', { type: 'book', id: 'b', 'citation-key': 'b', publisher: 'MIT Press', title: 'B', 'number-of-pages': '456' }],
      ['a', 'J', { 'container-title': 'J', type: 'article-journal', id: 'a', 'citation-key': 'a', page: '456', title: 'A' }],
      ['c', undefined, { type: 'book', id: 'c', 'citation-key': 'c', page: '45-60', title: 'C' }],
      // A page count of its own wins: the single page stays a page.
      ['d', 'NASA', { type: 'report', id: 'd', 'citation-key': 'd', page: '12', 'number-of-pages': '300', publisher: 'NASA', title: 'D' }],
    ],
  );
});

test('thesis genres are written out, and the school is the venue', () => {
  assert.deepEqual(
    records(`@phdthesis{e, title = {E}, school = {MIT}}
@mastersthesis{f, title = {F}, school = {ETH}}
@thesis{g, title = {G}, type = {phdthesis}, institution = {Uni}}`),
    [
      ['e', 'MIT', { publisher: 'MIT', type: 'thesis', genre: 'PhD thesis', id: 'e', 'citation-key': 'e', title: 'E' }],
      ['f', 'ETH', { publisher: 'ETH', type: 'thesis', genre: "Master's thesis", id: 'f', 'citation-key': 'f', title: 'F' }],
      ['g', 'Uni', { type: 'thesis', genre: 'PhD thesis', id: 'g', 'citation-key': 'g', publisher: 'Uni', title: 'G' }],
    ],
  );
});

test('no citation key: an empty id and no citation-key; an unknown type is a document; blank, abstract and keywords left out', () => {
  assert.deepEqual(
    records(`@article{, title = {NoKey}, note = {  }, abstract = {Abs}, keywords = {a, b}}
@unknowntype{u, title = {U}}`),
    [
      [undefined, undefined, { type: 'article-journal', id: '', title: 'NoKey' }],
      ['u', undefined, { type: 'document', id: 'u', 'citation-key': 'u', title: 'U' }],
    ],
  );
});

test('a thesis`s or report`s single-number pages is its page count too', () => {
  assert.deepEqual(
    records(`@phdthesis{t, title = {T}, pages = {200}, school = {MIT}}
@report{r, title = {R}, pages = {12}, institution = {NASA}}`),
    [
      [
        't',
        'MIT',
        { publisher: 'MIT', type: 'thesis', genre: 'PhD thesis', id: 't', 'citation-key': 't', title: 'T', 'number-of-pages': '200' },
      ],
      ['r', 'NASA', { type: 'report', id: 'r', 'citation-key': 'r', publisher: 'NASA', title: 'R', 'number-of-pages': '12' }],
    ],
  );
});

test('names only `others`, files and Mendeley tags give the record nothing; an unreadable field costs only itself', () => {
  assert.deepEqual(
    records(`@article{o, title = {O}, author = {others}, editor = {others}, file = {a.pdf}, mendeley-tags = {x}, mendeley-groups = {g}}
@article{m, title = {M}, note = {$x}}
@article{p, title = {P}, journal = {J}}`),
    [
      ['o', undefined, { type: 'article-journal', id: 'o', 'citation-key': 'o', title: 'O' }],
      ['m', undefined, { type: 'article-journal', id: 'm', 'citation-key': 'm', title: 'M' }],
      ['p', 'J', { 'container-title': 'J', type: 'article-journal', id: 'p', 'citation-key': 'p', title: 'P' }],
    ],
  );
});
