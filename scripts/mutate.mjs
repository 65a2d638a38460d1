// `npm run mutate`: mutation testing of the core modules issue 9 names, with StrykerJS driving Node's test runner
// (the tap runner: each test file runs as `node --import tsx <file>`, which prints TAP). Each module runs on its own,
// with only the test files that cover it, so a run stays affordable on a small machine. Shared settings, including the
// break threshold, are in stryker.config.json; reports go to reports/mutation/<module>.html and .json.
//
//   npm run mutate                                         every module below, one after the other
//   npm run mutate -- --mutate 'src/core/ids/*.ts'         the modules with a file matching the glob, only those files
//   npm run mutate -- --module ids                         one module by name
//   npm run mutate -- --module ids --incremental           reuse the last run's results for unchanged code and tests
//
// Stryker 10's command line refuses Node 20 (it asks for 22), and so does its package entry (which loads the command
// line); its API runs fine on Node 20, so this script loads the API's own module by path.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const { Stryker } = await import(new URL('../node_modules/@stryker-mutator/core/dist/src/stryker.js', import.meta.url).href);

const root = new URL('..', import.meta.url).pathname;

/** What is mutated and which tests must catch it, per module. `coverageAnalysis: 'off'` where tests run in a browser. */
const MODULES = [
  {
    name: 'front-matter',
    // The note's front matter: parsing and key edits (note-front-matter.ts and its front-matter-*.ts parts) and the
    // byte-exact write-back (note-bytes.ts). note-body-sync.test.ts also calls the editor, but checks body sync.
    mutate: ['src/core/notes/note-front-matter*.ts', 'src/core/notes/front-matter-*.ts', 'src/core/notes/note-bytes.ts'],
    tests: ['src/core/notes/note-front-matter*.test.ts', 'src/core/notes/no-lost-text.property.test.ts'],
  },
  {
    name: 'parse-query',
    mutate: ['src/core/search/parse-query.ts'],
    tests: ['src/core/search/parse-query*.test.ts'],
  },
  // The BibTeX importer, in four parts run one at a time (together about 2,000 mutants, over an hour in one run).
  // None runs bibtex-importer.corpora.test.ts: its 10,000-entry file and real corpora would run for every mutant.
  // Module-level constants (tables, limits) are evaluated once per test process (`ignoreStatic`): their mutants
  // would each need a fresh process, which costs more than they tell.
  {
    name: 'bibtex-record',
    mutate: [
      'src/core/import/bibtex-record.ts',
      'src/core/import/bibtex-names.ts',
      'src/core/import/bibtex-csl.ts',
      'src/core/import/bibtex-text.ts',
    ],
    tests: ['src/core/import/bibtex-importer.test.ts', 'src/core/import/bibtex-*.edges.test.ts'],
    ignoreStatic: true,
  },
  {
    name: 'bibtex-importer',
    mutate: ['src/core/import/bibtex-importer.ts', 'src/core/import/bibtex-chunks.ts'],
    tests: ['src/core/import/bibtex-importer.test.ts', 'src/core/import/bibtex-*.edges.test.ts'],
    ignoreStatic: true,
  },
  {
    name: 'bibtex-macros',
    mutate: ['src/core/import/bibtex-macros.ts', 'src/core/import/bibtex-field-bounds.ts', 'src/core/import/bibtex-undefined-macros.ts'],
    tests: [
      'src/core/import/bibtex-macros*.test.ts',
      'src/core/import/bibtex-importer.test.ts',
      'src/core/import/bibtex-*.edges.test.ts',
      'test/unit/hostile-imports.test.ts',
    ],
    ignoreStatic: true,
  },
  {
    name: 'bibtex-scanner',
    mutate: [
      'src/core/import/bibtex-scanner.ts',
      'src/core/import/bibtex-repair.ts',
      'src/core/import/bibtex-damage.ts',
      'src/core/import/bibtex-parser-*.ts',
    ],
    // The importer's tests that reach the scanner's every path (entries, broken ones, repairs, damaged bytes); the
    // names and TeX tests and import-corpus-file.test.ts add run time to every surviving mutant and nothing here.
    tests: [
      'src/core/import/bibtex-scanner*.test.ts',
      'src/core/import/bibtex-importer.test.ts',
      'src/core/import/bibtex-importer*.edges.test.ts',
      // The built-in macros of bibtex-parser-settings.ts, as fields show them.
      'src/core/import/bibtex-macros.import.test.ts',
    ],
    ignoreStatic: true,
  },
  {
    name: 'protocol',
    mutate: ['src/shared/protocol.ts'],
    tests: ['src/shared/protocol*.test.ts'],
  },
  {
    name: 'sanitizer',
    mutate: ['webview/sanitize-html.ts'],
    // sanitizer.test.ts checks the sanitiser alone in a few seconds; hostile.test.ts (the whole reader against the
    // hostile corpus, about a minute) is left out so a run stays in minutes.
    tests: ['test/browser/sanitizer.test.ts'],
    // The sanitiser runs inside Chromium, where Stryker cannot see which tests reach which mutant.
    coverageAnalysis: 'off',
  },
  {
    name: 'search-rows',
    // What a search row shows beside its title: the excerpt window, the highlighted words and the metadata line
    // ("keywords: …", "authors: …") of a paper found only through its metadata.
    mutate: ['src/core/text/excerpt-around.ts', 'src/core/search/highlight-terms.ts', 'src/core/search/metadata-match.ts'],
    tests: ['src/core/text/excerpt-around*.test.ts', 'src/core/search/highlight-terms*.test.ts', 'src/core/search/metadata-match*.test.ts'],
  },
  {
    name: 'citations',
    // Citations in notes: finding `[@key]` and `\\cite{key}` in markdown and LaTeX, and where a new one goes.
    mutate: ['src/core/cite/pandoc-citations.ts', 'src/core/cite/latex-citations.ts', 'src/core/cite/citation-insertion.ts'],
    tests: [
      'src/core/cite/pandoc-citations*.test.ts',
      'src/core/cite/latex-citations*.test.ts',
      'src/core/cite/citation-insertion*.test.ts',
    ],
  },
  {
    name: 'ids',
    mutate: ['src/core/ids/*.ts'],
    tests: ['src/core/ids/*.test.ts'],
  },
];

/** A glob as a regular expression: `**`, `*`, `?` and `{a,b}`, enough for the patterns above and on the command line. */
function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '{') source += '(?:';
    else if (ch === '}') source += ')';
    else if (ch === ',' && source.includes('(?:')) source += '|';
    else source += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function listFiles(dir, found = []) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, found);
    else if (entry.name.endsWith('.ts')) found.push(relative('.', path));
  }
  return found;
}

const matching = (files, globs) => files.filter((file) => globs.some((glob) => globToRegExp(glob).test(file)));

function parseArgs(argv) {
  const options = { mutate: undefined, module: undefined, incremental: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--incremental') {
      options.incremental = true;
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') {
      console.error(`Lectern: ${flag} needs a value, e.g. npm run mutate -- --mutate 'src/core/ids/*.ts'.`);
      process.exit(2);
    }
    if (flag === '--mutate') options.mutate = value;
    else if (flag === '--module') options.module = value;
    else {
      console.error(
        `Lectern: unknown option ${arg}; use --incremental, --mutate <glob> or --module <${MODULES.map((m) => m.name).join('|')}>.`,
      );
      process.exit(2);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const sources = [...listFiles('src'), ...listFiles('webview')].filter((file) => !file.endsWith('.test.ts'));
const plan = [];
for (const module of MODULES) {
  if (options.module && module.name !== options.module) continue;
  let files = matching(sources, module.mutate);
  if (options.mutate) files = matching(files, [options.mutate]);
  if (files.length > 0) plan.push({ ...module, files });
}
if (plan.length === 0) {
  console.error(
    `Lectern: no module file matches ${options.mutate ?? options.module}; the modules are ${MODULES.map((m) => m.name).join(', ')}.`,
  );
  process.exit(2);
}

process.chdir(root);
const strykerConfig = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
const summary = [];
for (const module of plan) {
  const started = Date.now();
  console.log(`\n=== ${module.name}: ${module.files.join(', ')} ===`);
  const stryker = new Stryker({
    configFile: 'stryker.config.json',
    mutate: module.files,
    // The config's node arguments (tsx, and the citation style the unit tests preload), with this module's tests.
    tap: { ...strykerConfig.tap, testFiles: module.tests },
    ...(module.coverageAnalysis ? { coverageAnalysis: module.coverageAnalysis } : {}),
    ...(module.ignoreStatic ? { ignoreStatic: true } : {}),
    htmlReporter: { fileName: `reports/mutation/${module.name}.html` },
    ...(options.incremental ? { incremental: true, incrementalFile: `reports/mutation/${module.name}.incremental.json` } : {}),
    jsonReporter: { fileName: `reports/mutation/${module.name}.json` },
  });
  const results = await stryker.runMutationTest();
  const count = (...statuses) => results.filter((r) => statuses.includes(r.status)).length;
  const detected = count('Killed', 'Timeout');
  const valid = detected + count('Survived', 'NoCoverage');
  const score = valid === 0 ? 100 : (100 * detected) / valid;
  // A timeout counts as detected (the mutant made a test hang), but on a loaded machine a slow test can time out
  // too: the count is shown so a score carried by timeouts is seen.
  summary.push(
    `${module.name.padEnd(13)} ${score.toFixed(2).padStart(6)} %  (${detected}/${valid} detected, ${count('Timeout')} of them by timeout, ${Math.round((Date.now() - started) / 1000)} s)`,
  );
}
console.log(`\nMutation scores (break at 85 %):\n${summary.join('\n')}`);
