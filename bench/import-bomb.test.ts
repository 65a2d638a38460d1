import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { IMPORT_BOMB_BOUND_MB, type ImportBombFigures } from './import-bomb';

test(`importing the macro bombs raises peak RSS by less than ${IMPORT_BOMB_BOUND_MB} MB`, () => {
  const script = fileURLToPath(new URL('./import-bomb.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const figures = JSON.parse(run.stdout) as ImportBombFigures;
  assert.deepEqual(figures.papers, [2, 2]);
  assert.equal(figures.boundMB, IMPORT_BOMB_BOUND_MB);
  assert.ok(figures.growthMB < IMPORT_BOMB_BOUND_MB, `peak RSS grew by ${figures.growthMB} MB`);
  assert.equal(figures.met, true);
});
