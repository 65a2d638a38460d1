import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The bound on peak-RSS growth while importing the macro bombs (the unbounded import peaked at 2.1 GB). */
const MAX_GROWTH_MB = 128;

test(`importing the macro bombs raises peak RSS by less than ${MAX_GROWTH_MB} MB`, () => {
  const script = fileURLToPath(new URL('./import-bomb.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const figures = JSON.parse(run.stdout) as { papers: number[]; growthMB: number };
  assert.deepEqual(figures.papers, [2, 2]);
  assert.ok(figures.growthMB < MAX_GROWTH_MB, `peak RSS grew by ${figures.growthMB} MB`);
});
