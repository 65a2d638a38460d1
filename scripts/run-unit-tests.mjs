// Runs the unit tests with Node's built-in runner, in two suites (Node 20's `--test` takes no globs, so the files
// are found here: `*.test.ts` under src/, test/unit/, test/browser/ and bench/):
//   node scripts/run-unit-tests.mjs                 the fast suite (`npm run test:unit`): every test file not listed
//                                                   in INTEGRATION below; a quick check and an inner loop
//   node scripts/run-unit-tests.mjs --integration   the files INTEGRATION lists (`npm run test:integration`)
//   node scripts/run-unit-tests.mjs <files…>        just those files, whichever suite they are in
// `npm test` runs both suites. A new test file is in the fast suite unless it matches INTEGRATION; the fast suite
// ends by naming any file whose tests took longer than FAST_FILE_BUDGET_SECONDS, to move or make faster. Fast files
// share a process with others, so one that changes process-wide state (a message bundle) restores it after its tests.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

/** Test files that need more than the code and small fixtures, and why: `*` is any name, `**\/` any folders. */
const INTEGRATION = [
  ['test/browser/*.test.ts', "the reader's bundle in Debian's Chromium (playwright-core)"],
  ['test/unit/pg-*.test.ts', 'the shared library against a throwaway PostgreSQL cluster (initdb, pg_ctl)'],
  ['bench/*.test.ts', "the benchmarks' corpora: 100k-paper ranking (in PostgreSQL too), Zipf noise, peak RSS in a child"],
  ['test/unit/cli*.test.ts', 'the shipped CLI bundle (dist/cli.cjs) run as a subprocess'],
  ['test/unit/pipeline-parity.test.ts', 'the CLI bundle against the extension path over every real corpus'],
  ['test/unit/*-worker.test.ts', 'the corpus worker bundled by esbuild, in a worker thread (20k papers for search)'],
  ['test/unit/worker-l10n.test.ts', 'the corpus worker bundled by esbuild, in a worker thread'],
  ['test/unit/web-bundle.test.ts', 'the web bundles built by esbuild and run in a VM context'],
  ['test/unit/vsix-contents.test.ts', "`npm run build`'s dist/ packaged by vsce"],
  ['**/*.corpora.test.ts', 'whole real libraries from ../shared/corpora'],
  ['src/core/cite/golden-references.test.ts', 'whole real libraries from ../shared/corpora'],
  ['src/core/topics/topic-names-real-corpora.test.ts', 'topic discovery on every real library'],
  ['src/core/topics/name-evidence.test.ts', 'topic discovery on real libraries'],
  ['src/core/topics/shared-corpora.test.ts', 'topics of every real library'],
  ['test/unit/pandoc-compatibility.test.ts', 'real .bib libraries read by a second BibTeX parser'],
  ['test/unit/large-corpus-files.test.ts', 'a 540 MB arXiv snapshot written to disk and read in pieces'],
  ['**/*.property.test.ts', 'random histories and libraries by the hundred or thousand, seconds a file'],
  ['**/*.scale.test.ts', 'corpora of 20,000 papers built in the test'],
];

/** Seconds a fast-suite file's tests may take on an idle machine (most take well under 0.3 s); stretched by the load. */
const FAST_FILE_BUDGET_SECONDS = 3;
/** The fast suite runs in this many processes, not one per file: each Node + tsx start costs about 0.25 s of CPU. */
const FAST_PROCESSES = 6;

const root = new URL('..', import.meta.url).pathname;
const roots = ['src', 'test/unit', 'test/browser', 'bench'];

function findTests(dir, found = []) {
  let names;
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return found;
  }
  for (const name of names) {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) findTests(path, found);
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

function globPattern(glob) {
  const literal = (text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${glob
      .split('**/')
      .map((part) => part.split('*').map(literal).join('[^/]*'))
      .join('(?:.*/)?')}$`,
  );
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

const args = process.argv.slice(2);
const integration = args[0] === '--integration';
const only = integration ? args.slice(1) : args;
const all = roots.flatMap((dir) => findTests(dir)).sort();
if (all.length === 0) fail('Lectern: no unit tests found under src/, test/unit/, test/browser/ or bench/.');
const patterns = INTEGRATION.map(([glob]) => [glob, globPattern(glob)]);
const stale = patterns.filter(([, pattern]) => !all.some((file) => pattern.test(file))).map(([glob]) => glob);
if (stale.length > 0)
  fail(`Lectern: ${stale.join(', ')} in INTEGRATION (scripts/run-unit-tests.mjs) matches no test file: fix or remove it.`);
const isIntegration = (file) => patterns.some(([, pattern]) => pattern.test(file));

const files = only.length > 0 ? only : all.filter((file) => isIntegration(file) === integration);
// The CLI tests run the shipped bundle: build it once here, from the current sources, rather than in test files that
// run two at a time (one rebuilding it while another runs it). The fast suite has no CLI test, so skips the build.
if (files.some(isIntegration)) {
  const cliBuild = spawnSync(process.execPath, ['scripts/build.mjs', '--only-cli'], { cwd: root, stdio: 'inherit' });
  if (cliBuild.status !== 0) fail('Lectern: building dist/cli.cjs for the CLI tests failed.');
}

const work = mkdtempSync(join(tmpdir(), 'lectern-unit-tests-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
// The tests' temporary folders (caches, libraries, exports) go under `work` too, so that none outlives the run,
// whichever test forgets to remove its own (a PostgreSQL cluster run as root uses /tmp, and removes its folder).
const testTemp = join(work, 'tmp');
mkdirSync(testTemp);
// The fast suite's files are imported a share at a time by a few entry files, so Node, tsx and the modules they
// share load once per process rather than once per file; integration files keep a process each (servers, browsers).
const entries = only.length > 0 || integration ? files : batchEntries(files);
const tallyPath = join(work, 'tally.json');
const started = Date.now();
// Two processes at a time: the browser tests mostly wait on Chromium, so the two cores stay busy. The bundled citation
// style is preloaded, as the extension and the CLI load it at start-up.
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--import',
    './test/support/register-citation-style.mjs',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/unit-test-tally.mjs',
    `--test-reporter-destination=${tallyPath}`,
    ...entries,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TMPDIR: testTemp } },
);
summarise(result.status ?? 1);

function batchEntries(testFiles) {
  const size = Math.ceil(testFiles.length / FAST_PROCESSES);
  const batches = [];
  for (let start = 0; start < testFiles.length; start += size) batches.push(testFiles.slice(start, start + size));
  return batches.map((batch, n) => {
    const entry = join(work, `fast-${n + 1}.test.mjs`);
    const imports = batch.map((file) => `await import(${JSON.stringify(pathToFileURL(join(root, file)).href)});`);
    writeFileSync(entry, `${imports.join('\n')}\n`);
    return entry;
  });
}

function summarise(status) {
  let tally;
  try {
    tally = JSON.parse(readFileSync(tallyPath, 'utf8'));
  } catch {
    process.exit(status || 1);
  }
  if (only.length === 0 && !integration) {
    // Other processes stretch every test's time: the budget grows with the load average per core.
    const load = loadavg()[1];
    const budget = FAST_FILE_BUDGET_SECONDS * Math.max(1, load / availableParallelism());
    const slow = Object.entries(tally.secondsByFile)
      .filter(([, seconds]) => seconds > budget)
      .sort(([, a], [, b]) => b - a);
    for (const [file, seconds] of slow) {
      console.log(
        `Lectern: ${relative(root, file)} took ${seconds.toFixed(1)} s, over the fast suite's budget of ${FAST_FILE_BUDGET_SECONDS} s a file (${budget.toFixed(1)} s at load average ${load.toFixed(1)} on ${availableParallelism()} cores): make it faster or list it in INTEGRATION (scripts/run-unit-tests.mjs).`,
      );
    }
  }
  const { tests = 0, pass = 0, fail: failed = 0, cancelled = 0, skipped = 0, todo = 0 } = tally.counts;
  const suite = only.length > 0 ? 'the tests named' : integration ? 'integration tests' : 'fast unit tests';
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `${suite}: ${tests} tests, ${pass} pass, ${failed} fail, ${cancelled} cancelled, ${skipped} skipped, ${todo} todo (${seconds} s)`,
  );
  process.exit(status);
}
