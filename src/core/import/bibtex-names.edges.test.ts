// Author lists as CSL names: the BibTeX split (` and ` outside braces), particles, suffixes, organisations, TeX,
// "others", and names that cannot be split (kept whole as a literal, never guessed at).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Creator } from '@retorquere/bibtex-parser';
import { cslNamesOf, cslNamesOfCreators } from './bibtex-names';
import { importBibtex } from './bibtex-importer';

test('family, given, particles and suffixes as BibTeX defines them', () => {
  assert.deepEqual(cslNamesOf('St. Pierre, Kyra A. and van Gogh, Vincent and Smith, Jr., John').names, [
    { family: 'St. Pierre', given: 'Kyra A.' },
    { family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' },
    { family: 'Smith', given: 'John', suffix: 'Jr.' },
  ]);
  assert.deepEqual(cslNamesOf('Charles de Gaulle and de la Fontaine, Jean').names, [
    { family: 'Gaulle', given: 'Charles', 'non-dropping-particle': 'de' },
    { family: 'Fontaine', given: 'Jean', 'non-dropping-particle': 'de la' },
  ]);
  assert.deepEqual(cslNamesOf('M{\\"u}ller, Jo and 王, 小明 and A.~B. Smith').names, [
    { family: 'Müller', given: 'Jo' },
    { family: '王', given: '小明' },
    { family: 'Smith', given: 'A. B.' },
  ]);
});

test('a name wholly in braces is an organisation; braces elsewhere only protect', () => {
  assert.deepEqual(cslNamesOf('{World Health Organization} and {Barnes and Noble}, Inc.').names, [
    { literal: 'World Health Organization' },
    { family: 'Barnes and Noble', given: 'Inc.' },
  ]);
  assert.deepEqual(cslNamesOf('{{Ann} and Bo} and Cy').names, [{ literal: 'Ann and Bo' }, { family: 'Cy' }]);
  assert.deepEqual(cslNamesOf('{Ann} {Bo}').names, [{ family: 'Bo', given: 'Ann' }]);
});

test('"others" and empty names are dropped, only as whole names', () => {
  assert.deepEqual(cslNamesOf('Doe, Jane and others ').names, [{ family: 'Doe', given: 'Jane' }]);
  assert.deepEqual(cslNamesOf('Doe, Jane and {Others}').names, [{ family: 'Doe', given: 'Jane' }]);
  assert.deepEqual(cslNamesOf('Ann Brothers and Othersen and {}').names, [{ family: 'Brothers', given: 'Ann' }, { family: 'Othersen' }]);
  assert.deepEqual(cslNamesOf(''), { names: [], unsplittable: [] });
});

test('a name that cannot be split is kept whole as a literal and reported, never rearranged', () => {
  assert.deepEqual(cslNamesOf('Last, Jr, First, Extra and Doe, Jane'), {
    names: [{ literal: 'Last, Jr, First, Extra' }, { family: 'Doe', given: 'Jane' }],
    unsplittable: ['Last, Jr, First, Extra'],
  });
  // TeX the name grammar cannot place (a command it does not know, a `$` never closed): the name stays whole.
  assert.deepEqual(cslNamesOf('{\\relax Ch}ristine Doe and M{\\"u}ller, $Jo'), {
    names: [{ literal: '{\\relax Ch}ristine Doe' }, { literal: 'Müller, $Jo' }],
    unsplittable: ['{\\relax Ch}ristine Doe', 'Müller, $Jo'],
  });
  // An escaped comma is not a separator (BibTeX reads "Doe\\," as a first name), and accents are TeX BibTeX knows.
  assert.deepEqual(cslNamesOf('Doe\\, Jane and Elvs{\\aa}shagen, Torbj{\\o}rn').names, [
    { family: 'Jane', given: 'Doe' },
    { family: 'Elvsåshagen', given: 'Torbjørn' },
  ]);
});

test('names from the parser: literal names, parts mapped to CSL, "others" and empty names dropped', () => {
  const creators = [
    { name: ' others ' },
    { name: '{}' },
    { lastName: 'M{\\"u}ller', firstName: 'Jo', prefix: 'van', suffix: 'Jr' },
    { lastName: 'Othersen' },
    { lastName: 'others' },
    { firstName: 'Nofamily' },
    { name: 'ACME {Corp}' },
  ] as Creator[];
  assert.deepEqual(cslNamesOfCreators(creators), [
    { family: 'Müller', given: 'Jo', 'non-dropping-particle': 'van', suffix: 'Jr' },
    { family: 'Othersen' },
    { literal: 'ACME Corp' },
  ]);
  assert.deepEqual(cslNamesOfCreators(undefined), []);
});

test('names of an entry only the BibTeX parser can read: particles, suffixes, organisations; `others` dropped', () => {
  const names = (text: string) => importBibtex('x.bib', text).papers.map((p) => [p.authors, p.csl?.author, p.csl?.editor]);
  assert.deepEqual(
    names(
      '@article{k title = {T}, author = {van Gogh, Jr., Vincent and {ACME Inc.} and M{\\"u}ller, J{\\"o}rg and others}, editor = {Doe, Jane and {others}}}',
    ),
    [
      [
        ['Vincent van Gogh Jr.', 'ACME Inc.', 'Jörg Müller'],
        [
          { family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van', suffix: 'Jr.' },
          { literal: 'ACME Inc.' },
          { family: 'Müller', given: 'Jörg' },
        ],
        [{ family: 'Doe', given: 'Jane' }],
      ],
    ],
  );
  assert.deepEqual(names('@article{k title = {T}, author = {{ } and Plato}}'), [[['Plato'], [{ family: 'Plato' }], undefined]]);
});

test('only a name that is exactly `others` is dropped, on the parser`s path too', () => {
  assert.deepEqual(
    importBibtex('x.bib', '@article{k title = {T}, author = {{Friends of others} and Brothers, Jo}}').papers.map((p) => p.csl?.author),
    [[{ literal: 'Friends of others' }, { family: 'Brothers', given: 'Jo' }]],
  );
});

test('a name that only ends or starts with "others" is a name', () => {
  assert.deepEqual(cslNamesOf('Smith, Jo and Brothers').names, [{ family: 'Smith', given: 'Jo' }, { family: 'Brothers' }]);
  assert.deepEqual(
    importBibtex('x.bib', '@article{k title = {T}, author = {{Others Inc.} and Smith, Jo}}').papers.map((p) => p.csl?.author),
    [[{ literal: 'Others Inc.' }, { family: 'Smith', given: 'Jo' }]],
  );
});
