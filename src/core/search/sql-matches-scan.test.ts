import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scannedRows } from './sql-matches-scan';

test('words in a third of a million papers: their first thousand matches are found by testing a few thousand rows', () => {
  const rows = scannedRows({ slotShares: [0.31], mode: 'all', paperCount: 1_000_000, narrowed: false });
  assert.ok(rows !== undefined && rows > 3_000 && rows < 6_000, String(rows));
  // Two words in 60% and 50% of the papers: about 30% match both.
  assert.ok(scannedRows({ slotShares: [0.6, 0.5], mode: 'all', paperCount: 1_000_000, narrowed: false }) !== undefined);
});

test('rarer words, a smaller library, or phrases and filters: the index reads the matches', () => {
  // Two words in 10% of the papers each: 1% match both, so the first thousand need about 100 000 rows tested.
  assert.equal(scannedRows({ slotShares: [0.1, 0.1], mode: 'all', paperCount: 1_000_000, narrowed: false }), undefined);
  assert.equal(scannedRows({ slotShares: [0.05], mode: 'all', paperCount: 1_000_000, narrowed: false }), undefined);
  // At 100 000 papers a word in a third of them has 31 000 matches: the index reads them faster than a scan finds 1 001.
  assert.equal(scannedRows({ slotShares: [0.31], mode: 'all', paperCount: 100_000, narrowed: false }), undefined);
  assert.equal(scannedRows({ slotShares: [0.31], mode: 'all', paperCount: 1_000_000, narrowed: true }), undefined);
  assert.equal(scannedRows({ slotShares: [0], mode: 'all', paperCount: 1_000_000, narrowed: false }), undefined);
  assert.equal(scannedRows({ slotShares: [], mode: 'all', paperCount: 1_000_000, narrowed: false }), undefined);
});

test('when any word may match, the commonest word decides', () => {
  assert.ok(scannedRows({ slotShares: [0.31, 0.01], mode: 'any', paperCount: 1_000_000, narrowed: false }) !== undefined);
  assert.equal(scannedRows({ slotShares: [0.31, 0.01], mode: 'all', paperCount: 1_000_000, narrowed: false }), undefined);
  // A required word (`+word`) narrows the matches in either mode.
  assert.equal(scannedRows({ slotShares: [0.31], requiredShares: [0.05], mode: 'any', paperCount: 1_000_000, narrowed: false }), undefined);
  assert.ok(scannedRows({ slotShares: [], requiredShares: [0.31], mode: 'any', paperCount: 1_000_000, narrowed: false }) !== undefined);
});

test('fewer matches needed (a total exact to fewer): a scan pays off for rarer words, and tests fewer rows', () => {
  // `pre tra` at a million papers: 20 % and 48 % of the papers, about 10 % holding both. To count 1,000 matches the
  // index reads them; to find the 200 the palette's statement ranks, testing about 3,000 rows is cheaper.
  const shares = { slotShares: [0.2, 0.48], mode: 'all' as const, paperCount: 1_000_000, narrowed: false };
  assert.equal(scannedRows(shares), undefined);
  const rows = scannedRows({ ...shares, needed: 200 });
  assert.ok(rows !== undefined && rows > 2_000 && rows < 4_000, String(rows));
  const common = { slotShares: [0.31], mode: 'all' as const, paperCount: 1_000_000, narrowed: false };
  assert.ok(scannedRows({ ...common, needed: 200 })! < scannedRows(common)! / 4);
});
