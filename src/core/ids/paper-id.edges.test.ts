// Edge cases of paper ids that mutation testing (npm run mutate -- --module ids) showed untested. Notes are keyed
// by id, so an id must never change for the same record: every spelled-out letter is pinned here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignIds } from './assign-ids';
import { paperIdFor, sanitizeId } from './paper-id';
import { slugifyTitle } from './slugify-title';
import { importedPaper as record } from '../../../test/support/imported-paper';

test('letters without a decomposition are spelled out in title slugs, each one pinned', () => {
  const spelled: [string, string][] = [
    ['ß', 'ss'],
    ['æ', 'ae'],
    ['Æ', 'ae'],
    ['ø', 'o'],
    ['Ø', 'o'],
    ['œ', 'oe'],
    ['Œ', 'oe'],
    ['ł', 'l'],
    ['Ł', 'l'],
    ['đ', 'd'],
    ['Đ', 'd'],
    ['þ', 'th'],
    ['Þ', 'th'],
    ['ð', 'd'],
    ['ı', 'i'],
    ['α', 'alpha'],
    ['β', 'beta'],
    ['γ', 'gamma'],
    ['δ', 'delta'],
    ['ε', 'epsilon'],
    ['ζ', 'zeta'],
    ['η', 'eta'],
    ['θ', 'theta'],
    ['ι', 'iota'],
    ['κ', 'kappa'],
    ['λ', 'lambda'],
    ['μ', 'mu'],
    ['\u00b5', 'mu'],
    ['ν', 'nu'],
    ['ξ', 'xi'],
    ['π', 'pi'],
    ['ρ', 'rho'],
    ['σ', 'sigma'],
    ['ς', 'sigma'],
    ['τ', 'tau'],
    ['υ', 'upsilon'],
    ['φ', 'phi'],
    ['χ', 'chi'],
    ['ψ', 'psi'],
    ['ω', 'omega'],
    ['Γ', 'gamma'],
    ['Δ', 'delta'],
    ['Θ', 'theta'],
    ['Λ', 'lambda'],
    ['Ξ', 'xi'],
    ['Π', 'pi'],
    ['Σ', 'sigma'],
    ['Φ', 'phi'],
    ['Ψ', 'psi'],
    ['Ω', 'omega'],
  ];
  for (const [letter, expected] of spelled) assert.equal(slugifyTitle(`${letter} Net`), `${expected}-net`, letter);
});

test('any other non-ASCII character separates words in a slug instead of joining them', () => {
  assert.equal(slugifyTitle('Encoder\u2192Decoder'), 'encoder-decoder');
  assert.equal(slugifyTitle('脳 decoding'), 'decoding');
});

test('DOIs lose an http:// or https:// resolver or a doi: prefix, but only in front', () => {
  assert.equal(paperIdFor({ doi: 'http://doi.org/10.1000/X', title: 'x' }), 'doi-10.1000-x');
  assert.equal(paperIdFor({ doi: 'https://dx.doi.org/10.1000/X', title: 'x' }), 'doi-10.1000-x');
  assert.equal(paperIdFor({ doi: 'DOI:10.1000/X', title: 'x' }), 'doi-10.1000-x');
  assert.equal(paperIdFor({ doi: '10.1000/abc-doi:5', title: 'x' }), 'doi-10.1000-abc-doi-5');
});

test('an arXiv version suffix of any length is dropped', () => {
  assert.equal(paperIdFor({ arxivId: '2403.01234v12', title: 'x' }), '2403.01234');
  assert.equal(paperIdFor({ arxivId: 'ARXIV:2403.01234V3', title: 'x' }), '2403.01234');
});

test('sanitized ids collapse repeated hyphens and never start or end with dots or hyphens (no hidden files)', () => {
  assert.equal(sanitizeId('My--Paper'), 'my-paper');
  assert.equal(sanitizeId('..hidden..'), 'hidden');
  assert.equal(sanitizeId('.-.x.-.'), 'x');
  assert.equal(paperIdFor({ citeKey: '..', title: 'Fallback Title' }), 'fallback-title');
});

test('a record whose id was taken by a suffixed duplicate gets the next suffix and a warning naming that duplicate', () => {
  const { papers, diagnostics } = assignIds([
    record({ citeKey: 'x', title: 'One', source: { file: 'a.bib', line: 1 } }),
    record({ citeKey: 'x', title: 'Two', source: { file: 'a.bib', line: 5 } }),
    record({ citeKey: 'x-2', title: 'Three', source: { file: 'a.bib', line: 9 } }),
  ]);
  assert.deepEqual(
    papers.map((p) => p.id),
    ['x', 'x-2', 'x-2-2'],
  );
  assert.deepEqual(
    diagnostics.map((d) => [d.severity, d.line, d.column]),
    [
      ['warning', 5, 1],
      ['warning', 9, 1],
    ],
  );
  assert.match(diagnostics[1].message, /^Lectern: "Three" has the same id "x-2" as the record at a\.bib:5; it was loaded as "x-2-2"\./);
});
