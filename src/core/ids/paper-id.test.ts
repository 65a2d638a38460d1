import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { paperIdFor, sanitizeId } from './paper-id';
import { slugifyTitle, MAX_SLUG_LENGTH } from './slugify-title';
import { assignIds } from './assign-ids';
import { importDailyPapers } from '../import/daily-papers-importer';
import { repoRoot, seedCorpusPath } from '../../../test/support/shared-corpora';
import { importedPaper as record } from '../../../test/support/imported-paper';

test('the id prefers arXiv id, then DOI, then cite key, then the title', () => {
  const full = { arxivId: '2403.01234v2', doi: '10.1038/Nature10098', citeKey: 'Smith2020', title: 'Deep Nets' };
  assert.equal(paperIdFor(full), '2403.01234');
  assert.equal(paperIdFor({ ...full, arxivId: undefined }), 'doi-10.1038-nature10098');
  assert.equal(paperIdFor({ ...full, arxivId: undefined, doi: undefined }), 'smith2020');
  assert.equal(paperIdFor({ title: 'Deep Nets: A Survey' }), 'deep-nets-a-survey');
});

test('old-style arXiv ids and resolver-prefixed DOIs become file-name-safe ids', () => {
  assert.equal(paperIdFor({ arxivId: 'hep-th/0701001v3', title: 'x' }), 'hep-th-0701001');
  assert.equal(paperIdFor({ arxivId: 'arXiv:0704.0001', title: 'x' }), '0704.0001');
  assert.equal(paperIdFor({ doi: 'https://doi.org/10.1000/ABC(1)', title: 'x' }), 'doi-10.1000-abc-1');
});

test('title slugs fold diacritics and Greek, stay ASCII, and cut at a word boundary', () => {
  assert.equal(slugifyTitle('Über die Größe von μ-Bench'), 'uber-die-grosse-von-mu-bench');
  assert.equal(slugifyTitle('Zamora-López: Cortical hubs'), 'zamora-lopez-cortical-hubs');
  const long = slugifyTitle('See What You Are Told: Visual Attention Sink in Large Multimodal Models');
  assert.equal(long, 'see-what-you-are-told-visual-attention-sink-in-large');
  assert.equal(slugifyTitle('x'.repeat(200)).length, MAX_SLUG_LENGTH);
  assert.equal(slugifyTitle('???'), '');
  assert.equal(paperIdFor({ title: '???' }), 'untitled');
});

test('the 76 seed ids are stable (reviewed snapshot: notes are keyed by them)', () => {
  const text = readFileSync(seedCorpusPath, 'utf8');
  const { papers, diagnostics } = assignIds(importDailyPapers('corpus/daily-papers.txt', text).papers);
  const expected = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/seed-ids.json'), 'utf8')) as string[];
  assert.deepEqual(
    papers.map((p) => p.id),
    expected,
  );
  assert.equal(diagnostics.length, 0);
  assert.equal(new Set(expected).size, 76);
});

test('colliding ids get deterministic suffixes and a warning naming both records', () => {
  const a = record({ doi: '10.1/x', title: 'First', source: { file: 'a.bib', line: 3 } });
  const b = record({ doi: '10.1/X', title: 'Second', source: { file: 'b.bib', line: 9 } });
  const c = record({ doi: '10.1/x', title: 'Third', source: { file: 'b.bib', line: 20 } });
  const { papers, diagnostics } = assignIds([a, b, c]);
  assert.deepEqual(
    papers.map((p) => p.id),
    ['doi-10.1-x', 'doi-10.1-x-2', 'doi-10.1-x-3'],
  );
  assert.equal(diagnostics.length, 2);
  assert.equal(diagnostics[0].file, 'b.bib');
  assert.equal(diagnostics[0].line, 9);
  assert.match(diagnostics[0].message, /^Lectern: "Second" has the same id "doi-10\.1-x" as the record at a\.bib:3/);
});

test('explicit ids from Lectern JSON are kept but made file-name safe', () => {
  const { papers } = assignIds([record({ id: 'My Paper/2020' })]);
  assert.equal(papers[0].id, 'my-paper-2020');
});

test('property: any title yields a lowercase, file-name-safe id of bounded length, the same every time', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.option(fc.string({ maxLength: 40 })), (title, key) => {
      const id = paperIdFor({ title, citeKey: key ?? undefined });
      assert.match(id, /^[a-z0-9._-]+$/);
      assert.ok(id.length <= 200);
      assert.equal(id, paperIdFor({ title, citeKey: key ?? undefined }));
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (title) => {
      const slug = slugifyTitle(title);
      assert.ok(slug.length <= MAX_SLUG_LENGTH);
      assert.ok(!slug.startsWith('-') && !slug.endsWith('-'));
    }),
    { numRuns: 2000 },
  );
  assert.equal(sanitizeId('--A..B--'), 'a..b');
});
