// Author lists as a user sees them: the parser's names (TeX) and the simple split used when the parser is not needed
// or could not read an entry, including braces, escapes, "others" and the three "Last, Jr, First" forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Creator } from '@retorquere/bibtex-parser';
import { creatorNames, simpleNames } from './bibtex-names';

test('the simple split: ` and ` only outside braces, escaped commas are not separators, TeX converted', () => {
  assert.deepEqual(simpleNames('{Barnes and Noble}, Inc. and Doe, Jane'), ['Inc. Barnes and Noble', 'Jane Doe']);
  assert.deepEqual(simpleNames('{Doe}} and Roe, Ann and {Lee and Kim}'), ['Doe}', 'Ann Roe', 'Lee and Kim']);
  assert.deepEqual(simpleNames('Doe\\, Jane and Roe'), ['Doe Jane', 'Roe']);
  assert.deepEqual(simpleNames('M{\\"u}ller, Jo'), ['Jo Müller']);
  assert.deepEqual(simpleNames('Last, Jr, First, Extra'), ['First Extra Last Jr']);
  assert.deepEqual(simpleNames('x and {}'), ['x']);
  assert.deepEqual(simpleNames('{{Ann} and Bo} and Cy'), ['Ann and Bo', 'Cy']);
});

test('the simple split drops "others" only as a whole name, with trailing space or braces', () => {
  assert.deepEqual(simpleNames('Doe, Jane and others '), ['Jane Doe']);
  assert.deepEqual(simpleNames('Doe, Jane and {Others}'), ['Jane Doe']);
  assert.deepEqual(simpleNames('Ann Brothers and Othersen'), ['Ann Brothers', 'Othersen']);
  assert.equal(simpleNames(''), undefined);
  assert.equal(simpleNames(undefined), undefined);
});

test('names from the parser: literal names, parts in display order, "others" and empty names dropped', () => {
  const creators = [
    { name: ' others ' },
    { name: '{}' },
    { lastName: 'M{\\"u}ller', firstName: 'Jo', prefix: 'van', suffix: 'Jr' },
    { lastName: 'Othersen' },
    { name: 'ACME {Corp}' },
  ] as Creator[];
  assert.deepEqual(creatorNames(creators), ['Jo van Müller Jr', 'Othersen', 'ACME Corp']);
  assert.equal(creatorNames(undefined), undefined);
});
