// Runs every unit test (`src/**/*.test.ts`, `test/unit/**/*.test.ts`, `bench/`) and the reader's browser tests
// (`test/browser/*.test.ts`: Debian Chromium via playwright-core, built bundle) with Node's built-in runner.
// Node 20's `--test` takes no globs, so the files are found here.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const roots = [join(root, 'src'), join(root, 'test', 'unit'), join(root, 'test', 'browser'), join(root, 'bench')];

function findTests(dir, found = []) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, found);
    else if (name.endsWith('.test.ts')) found.push(relative(root, path));
  }
  return found;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : roots.flatMap((dir) => findTests(dir)).sort();
if (files.length === 0) {
  console.error('Lectern: no unit tests found under src/, test/unit/, test/browser/ or bench/.');
  process.exit(1);
}
// The CLI tests run the shipped bundle: build it once here, from the current sources, rather than in
// test files that run two at a time (one rebuilding it while another runs it).
const cliBuild = spawnSync(process.execPath, ['scripts/build.mjs', '--only-cli'], { cwd: root, stdio: 'inherit' });
if (cliBuild.status !== 0) {
  console.error('Lectern: building dist/cli.cjs for the CLI tests failed.');
  process.exit(1);
}
// Two files at a time: the browser tests mostly wait on Chromium, so the two cores stay busy. The bundled
// citation style is preloaded, as the extension and the CLI load it at start-up.
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--import',
    './test/support/register-citation-style.mjs',
    '--test',
    '--test-concurrency=2',
    '--test-reporter',
    'spec',
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
