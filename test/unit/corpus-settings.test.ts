import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excludePattern, importLimitsFrom, libraryOptionsFor, resolveCorpusSettings } from '../../src/vscode/library/corpus-settings';

const defaults = {
  corpus: ['**/*.bib', 'papers/**/*.{json,jsonl,ndjson,txt}', '**/*.lectern.{json,jsonl}'],
  corpusExclude: ['**/node_modules/**', '**/.git/**'],
  includeSampleCorpus: true,
};

test('default settings: every default glob, the sample included, no user globs to warn about', () => {
  const settings = resolveCorpusSettings(defaults);
  assert.deepEqual(settings, { globs: defaults.corpus, exclude: defaults.corpusExclude, includeSample: true, userGlobs: [] });
  assert.deepEqual(libraryOptionsFor(settings, '/ext/corpus'), { sampleFolder: '/ext/corpus' });
});

test('includeSampleCorpus false leaves the sample (and so its taxonomy) out', () => {
  const settings = resolveCorpusSettings({ ...defaults, includeSampleCorpus: false });
  assert.deepEqual(libraryOptionsFor(settings, '/ext/corpus'), {});
});

test('blank or non-string globs are dropped; a mistyped setting falls back instead of throwing', () => {
  const settings = resolveCorpusSettings({
    corpus: ['refs/*.bib', '', '  ', 42, null],
    corpusExclude: 'not-an-array',
    includeSampleCorpus: 'yes',
    userCorpus: ['refs/*.bib', ''],
  });
  assert.deepEqual(settings, { globs: ['refs/*.bib'], exclude: [], includeSample: true, userGlobs: ['refs/*.bib'] });
});

test('excludes become one findFiles glob', () => {
  assert.equal(excludePattern([]), undefined);
  assert.equal(excludePattern(['**/a/**']), '**/a/**');
  assert.equal(excludePattern(['**/a/**', '**/b/**']), '{**/a/**,**/b/**}');
});

test('lectern.import.maxFileSizeMB and maxRecordsPerFile become import limits; a missing or invalid value keeps the default', () => {
  assert.deepEqual(importLimitsFrom({ maxFileSizeMB: 100, maxRecordsPerFile: 1_000_000 }), {
    maxFileBytes: 104_857_600,
    maxRecords: 1_000_000,
  });
  assert.deepEqual(importLimitsFrom({ maxFileSizeMB: 2.5, maxRecordsPerFile: 10 }), { maxFileBytes: 2 * 1024 * 1024, maxRecords: 10 });
  for (const bad of [undefined, 0, -5, 0.5, '100', Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.deepEqual(
      importLimitsFrom({ maxFileSizeMB: bad, maxRecordsPerFile: bad }),
      { maxFileBytes: undefined, maxRecords: undefined },
      String(bad),
    );
  }
});
