import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeWhitespace } from './normalize-whitespace';

test('every run of whitespace becomes one space, ends trimmed, single spaces kept', () => {
  const cases: Array<[string, string]> = [
    [
      'Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies',
      'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
    ],
    ['  A fully differential calculation\n  in perturbative QCD  ', 'A fully differential calculation in perturbative QCD'],
    ['tabs\tin\t\tBibTeX', 'tabs in BibTeX'],
    ['no\u00a0break and\u2028line separator', 'no break and line separator'],
    ['a \t b', 'a b'],
    ['already clean', 'already clean'],
    ['\n\n', ''],
    ['', ''],
  ];
  for (const [text, expected] of cases) assert.equal(normalizeWhitespace(text), expected, JSON.stringify(text));
});
