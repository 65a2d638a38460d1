import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { isCi, skipUnlessCi } from '../support/missing-prerequisite';
import { repoRoot } from '../support/shared-corpora';

test('CI is on for CI=true or 1 and off when unset, empty, 0 or false', () => {
  for (const value of ['true', 'TRUE', '1', 'yes']) assert.equal(isCi({ CI: value }), true, value);
  for (const value of [undefined, '', ' ', '0', 'false', 'False']) assert.equal(isCi({ CI: value }), false, String(value));
});

test('a missing prerequisite is a skip with its reason on a developer machine', () => {
  assert.equal(skipUnlessCi('no Chromium at /usr/bin/chromium', {}), 'no Chromium at /usr/bin/chromium');
  assert.equal(skipUnlessCi('no Chromium at /usr/bin/chromium', { CI: 'false' }), 'no Chromium at /usr/bin/chromium');
});

test('a missing prerequisite fails under CI, naming what is missing', () => {
  assert.throws(
    () => skipUnlessCi('shared corpus /x/a.bib is absent', { CI: 'true' }),
    /^Error: Lectern: shared corpus \/x\/a\.bib is absent\. CI is set, so this fails instead of skipping/,
  );
});

test('nothing missing: no skip, with or without CI', () => {
  assert.equal(skipUnlessCi(undefined, { CI: 'true' }), undefined);
  assert.equal(skipUnlessCi(undefined, {}), undefined);
});

test('end to end: with CI=true a test file that needs an absent shared corpus fails the run', () => {
  const script = `import { sharedCorpus } from './test/support/shared-corpora.ts'; sharedCorpus('absent.bib');`;
  const run = (CI: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: { ...process.env, CI, LECTERN_SHARED_CORPORA: join(repoRoot, 'no-such-folder') },
      encoding: 'utf8',
    });
  const ci = run('true');
  assert.notEqual(ci.status, 0);
  assert.match(ci.stderr, /Lectern: shared corpus .*no-such-folder\/absent\.bib is absent/);
  assert.equal(run('').status, 0);
});
