import { test } from 'node:test';
import assert from 'node:assert/strict';
import { includesSample } from '../../src/core/library/library-loader';
import {
  excludePattern,
  importLimitsFrom,
  libraryOptionsFor,
  resolveCorpusSettings,
  sampleSetting,
  windowSample,
} from '../../src/vscode/library/corpus-settings';

const defaults = {
  corpus: ['**/*.bib', 'papers/**/*.{json,jsonl,ndjson,txt,tsv}', '**/*.lectern.{json,jsonl}'],
  corpusExclude: ['**/node_modules/**', '**/.git/**'],
  includeSampleCorpus: 'auto',
};

test('default settings: every default glob, the sample while there is no corpus of ones own, no user globs to warn about', () => {
  const settings = resolveCorpusSettings(defaults);
  assert.deepEqual(settings, { globs: defaults.corpus, exclude: defaults.corpusExclude, sample: 'auto', userGlobs: [] });
  assert.deepEqual(libraryOptionsFor(settings, '/ext/corpus'), { sampleFolder: '/ext/corpus', sampleWhen: 'auto' });
});

test('includeSampleCorpus: auto, always and never, and the booleans of older settings', () => {
  assert.equal(sampleSetting('auto'), 'auto');
  assert.equal(sampleSetting(undefined), 'auto');
  assert.equal(sampleSetting('always'), 'always');
  assert.equal(sampleSetting(true), 'always');
  assert.equal(sampleSetting('never'), 'never');
  assert.equal(sampleSetting(false), 'never');
  assert.equal(sampleSetting('sometimes'), 'auto');
  const options = (value: unknown) => libraryOptionsFor(resolveCorpusSettings({ ...defaults, includeSampleCorpus: value }), '/c');
  assert.deepEqual(options(true), { sampleFolder: '/c', sampleWhen: 'always' });
  assert.deepEqual(options('always'), { sampleFolder: '/c', sampleWhen: 'always' });
});

test('includeSampleCorpus false or never leaves the sample (and so its taxonomy) out', () => {
  assert.deepEqual(libraryOptionsFor(resolveCorpusSettings({ ...defaults, includeSampleCorpus: false }), '/ext/corpus'), {});
  assert.deepEqual(libraryOptionsFor(resolveCorpusSettings({ ...defaults, includeSampleCorpus: 'never' }), '/ext/corpus'), {});
});

test('auto: the sample joins only while no corpus file of the users own is listed (an empty or broken one counts)', () => {
  assert.equal(includesSample('auto', 0), true);
  assert.equal(includesSample('auto', 1), false);
  assert.equal(includesSample('always', 0), true);
  assert.equal(includesSample('always', 3), true);
});

test('blank or non-string globs are dropped; a mistyped setting falls back instead of throwing', () => {
  const settings = resolveCorpusSettings({
    corpus: ['refs/*.bib', '', '  ', 42, null],
    corpusExclude: 'not-an-array',
    includeSampleCorpus: 'yes',
    userCorpus: ['refs/*.bib', ''],
  });
  assert.deepEqual(settings, { globs: ['refs/*.bib'], exclude: [], sample: 'auto', userGlobs: ['refs/*.bib'] });
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

test('multi-root: the sample joins if one folder asks for it always, else while one leaves it auto; no folder: the window decides', () => {
  assert.equal(windowSample('never', ['never', 'always']), 'always');
  assert.equal(windowSample('always', ['never', 'auto']), 'auto');
  assert.equal(windowSample('always', ['never', 'never']), 'never');
  assert.equal(windowSample('always', []), 'always');
  assert.equal(windowSample('auto', []), 'auto');
});
