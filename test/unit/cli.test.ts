import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, sharedCorpus } from '../support/shared-corpora';

const cli = join(repoRoot, 'dist', 'cli.cjs');
/** The CLI's `--json` shapes, as far as these tests read them. */
interface Hit {
  id: string;
  title: string;
  score: number;
  topics: string[];
  matches: { title: Array<[number, number]> };
}
interface Listing {
  papers: Array<{ id: string; title: string }>;
  diagnostics: Array<{ message: string }>;
}
interface Topics {
  topics: Array<{ name: string; count: number; papers: string[]; origin: string }>;
}
interface JsonOutput {
  query: string;
  total: number;
  totalIsLowerBound: boolean;
  results: Hit[];
  id: string;
  related: Array<{ sharedTerms: string[] }>;
  papers: Array<{ title: string }>;
  diagnostics: Array<Record<string, unknown>>;
}
const json = <T = JsonOutput>(text: string): T => JSON.parse(text) as T;

/** The CLI's cache goes to a fresh folder, never the user's ~/.cache. */
const cacheDir = mkdtempSync(join(tmpdir(), 'lectern-cli-cache-'));

/** Runs the bundled CLI as a user would (`npx lectern …`). */
function lectern(...args: string[]) {
  return lecternWith({ LECTERN_CACHE_DIR: cacheDir }, ...args);
}

function lecternWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    // A read that blocks (a named pipe) must fail the test, not hang the run.
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  // The CLI is tested as shipped: the esbuild bundle, which scripts/run-unit-tests.mjs rebuilds before any test runs.
  assert.ok(existsSync(cli), `Lectern test: ${cli} is missing; run the CLI tests with npm run test:integration (it builds the CLI).`);
});

test('search --json finds the attention-sink paper first, with match ranges on its title', () => {
  const { code, stdout } = lectern('search', 'attention sink', '--json');
  assert.equal(code, 0);
  const response = json(stdout);
  assert.equal(response.query, 'attention sink');
  assert.ok(response.total >= 1);
  // A small library counts every match: the total is exact.
  assert.equal(response.totalIsLowerBound, false);
  const first = response.results[0];
  assert.equal(first.title, 'See What You Are Told: Visual Attention Sink in Large Multimodal Models');
  assert.equal(first.id, 'see-what-you-are-told-visual-attention-sink-in-large');
  assert.ok(Array.isArray(first.topics) && first.topics.length >= 1);
  const [start, end] = first.matches.title.find(([s]) => first.title.slice(s).startsWith('Sink'))!;
  assert.equal(first.title.slice(start, end), 'Sink');
  assert.equal(typeof first.score, 'number');
});

test('human search output marks the matched terms', () => {
  const { code, stdout } = lectern('search', 'attention sink', '--limit', '3');
  assert.equal(code, 0);
  assert.match(stdout, /1\. See What You Are Told: Visual \[Attention\] \[Sink\] in Large Multimodal Models/);
});

const zotero = sharedCorpus('bibtex_zotero_marine-chemistry_my-library.bib');
test(
  'human search output names the keyword or author a hit was found by when its title and abstract have no match (real Zotero library)',
  { skip: zotero.skip },
  () => {
    const { code, stdout } = lectern('search', 'mercaptan', '--corpus', zotero.path, '--limit', '3');
    assert.equal(code, 0);
    assert.match(stdout, /1\. The origin of methanethiol in midocean ridge hydrothermal fluids\n.*\n {5}keywords: methyl mercaptan\n/);
    const byAuthor = lectern('search', 'Hansell', '--corpus', zotero.path, '--limit', '1');
    assert.match(byAuthor.stdout, /1\. Recalcitrant Dissolved Organic Carbon Fractions\n.*\n {5}authors: Dennis A\. Hansell\n/);
    const byFilter = lectern('search', 'author:Hansell year:2013', '--corpus', zotero.path, '--limit', '1');
    assert.match(byFilter.stdout, /\n {5}authors: Dennis A\. Hansell\n/, 'a filter-only query says which author matched');
  },
);

const iridia = sharedCorpus('bibtex_iridia_cc0/articles.bib');
test(
  "a folder of .bib files shares its @string and @preamble macros, as \\bibliography{abbrev,journals,authors,articles} reads them (IRIDIA's library)",
  { skip: iridia.skip },
  () => {
    const folder = join(iridia.path, '..');
    const { code, stdout } = lectern('show', 'LopStu2012tec', '--corpus', folder);
    assert.equal(code, 0);
    assert.match(stdout, /\nauthors +Manuel López-Ibáñez; Thomas Stützle\n/);
    assert.match(stdout, /\nvenue +IEEE Transactions on Evolutionary Computation\n/);
    const listing = json<Listing>(lectern('list', '--corpus', folder, '--json').stdout);
    assert.equal(listing.papers.length, 1509);
    // No macro left undefined, and the three files of macros alone are no "empty" libraries.
    assert.deepEqual(listing.diagnostics, []);
    assert.ok(listing.papers.some((p) => p.title === 'mlr: Machine Learning in R'));
    // The same file named alone cannot know them, and says so.
    const alone = json<Listing>(lectern('list', '--corpus', iridia.path, '--json').stdout);
    assert.ok(
      alone.diagnostics.some((d) =>
        /`@string` macro `and` is not defined \(used by entry `AbrAmoDan1999` and 1786 more uses\)/.test(d.message),
      ),
    );
  },
);

test('list --json has the 76 seed papers with ids, topics, authors and year', () => {
  const { stdout } = lectern('list', '--json');
  const { papers, diagnostics } = json<Listing>(stdout);
  assert.equal(papers.length, 76);
  assert.deepEqual(Object.keys(papers[0]).sort(), ['authors', 'citeKey', 'id', 'title', 'topics', 'year']);
  assert.deepEqual(diagnostics, []);
});

test('topics --json lists named topics whose counts match their paper lists', () => {
  const { topics } = json<Topics>(lectern('topics', '--json').stdout);
  assert.ok(topics.length >= 6 && topics.length <= 14, `${topics.length} topics`);
  for (const topic of topics) assert.equal(topic.count, topic.papers.length);
  const human = lectern('topics').stdout;
  assert.match(human, new RegExp(topics[0].name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});

test('related, show and cite work on a seed id; an unknown id exits 1 with a hint', () => {
  const id = 'agla-mitigating-object-hallucinations-in-large-vision';
  const related = json(lectern('related', id, '--limit', '5', '--json').stdout);
  assert.equal(related.id, id);
  assert.equal(related.related.length, 5);
  assert.ok(related.related.every((r) => r.sharedTerms.length > 0));
  assert.equal(json(lectern('show', id, '--json').stdout).id, id);
  assert.match(lectern('cite', id, '--format', 'markdown').stdout, /^\[AGLA: Mitigating Object Hallucinations/);
  assert.match(lectern('cite', id, '--format', 'bibtex').stdout, /^@\w+\{/);
  const missing = lectern('show', 'no-such-paper');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^Lectern: no paper has the id or citekey "no-such-paper"/);
});

test('show, related and cite take a citekey where they take an id: the .bib key, or the generated one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-keys-'));
  writeFileSync(
    join(dir, 'refs.bib'),
    '@article{Smith2020,\n  title = {Ocean Acidification and Carbonate Chemistry},\n  author = {Smith, Jane},\n  doi = {10.1000/xyz},\n  year = {2020}\n}\n',
  );
  // A CSL-JSON record without an id or citation-key: Lectern generates its key.
  writeFileSync(
    join(dir, 'more.json'),
    '[{"type": "article", "title": "Attention Is All You Need", "author": [{"family": "Vaswani", "given": "Ashish"}], "issued": {"date-parts": [[2017]]}}]',
  );
  const byKey = json<{ id: string; citeKey: string }>(lectern('show', 'Smith2020', '--json', '--corpus', dir).stdout);
  assert.deepEqual([byKey.id, byKey.citeKey], ['doi-10.1000-xyz', 'Smith2020']);
  const human = lectern('show', 'Smith2020', '--corpus', dir).stdout;
  assert.match(human, /citekey\s+Smith2020/);
  const listed = json<Listing>(lectern('list', '--json', '--corpus', dir).stdout).papers as Array<{ title: string; citeKey?: string }>;
  const generated = listed.find((p) => p.title.startsWith('Attention'))?.citeKey;
  assert.equal(generated, 'vaswani2017AttentionAllYou');
  const generatedId = json(lectern('show', generated, '--json', '--corpus', dir).stdout).id;
  assert.equal(json(lectern('related', generated, '--json', '--corpus', dir).stdout).id, generatedId);
  assert.match(lectern('cite', 'Smith2020', '--format', 'bibtex', '--corpus', dir).stdout, /^@\w+\{Smith2020,/);
});

test('import reads a file with diagnostics (exit 0) and refuses an unreadable one (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  const bib = join(dir, 'refs.bib');
  writeFileSync(bib, '@article{good2020,\n  title = {A Good Paper},\n  year = {2020}\n}\n\n@article{notitle,\n  year = {2021}\n}\n');
  const ok = lectern('import', bib, '--json');
  assert.equal(ok.code, 0);
  const result = json(ok.stdout);
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['A Good Paper'],
  );
  assert.ok(result.diagnostics.length >= 1);
  assert.deepEqual(Object.keys(result.diagnostics[0]).sort(), ['column', 'file', 'line', 'message', 'severity']);
  const missing = lectern('import', join(dir, 'absent.bib'), '--json');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^Lectern: cannot read .*absent\.bib \(ENOENT\)/);
});

test('--corpus replaces the bundled corpus; bad usage exits 2 with a message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  writeFileSync(join(dir, 'mine.jsonl'), `${JSON.stringify({ title: 'Only Paper', abstract: 'About sparse coding.' })}\n`);
  const { papers } = json<Listing>(lectern('list', '--json', '--corpus', dir).stdout);
  assert.deepEqual(
    papers.map((p) => p.title),
    ['Only Paper'],
  );
  const bad = lectern('search', 'x', '--limit', 'many');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--limit takes a whole number/);
  assert.equal(lectern('frobnicate').code, 2);
});

test('a repeated command answers from the cache with the same output; --no-cache writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  const cache = join(dir, 'cache');
  const first = lecternWith({ LECTERN_CACHE_DIR: cache }, 'search', 'attention sink', '--json');
  assert.equal(first.code, 0);
  assert.ok(readdirSync(cache).length >= 1, 'the library was cached');
  const second = lecternWith({ LECTERN_CACHE_DIR: cache }, 'search', 'attention sink', '--json');
  assert.equal(second.stdout, first.stdout);
  const xdg = lecternWith({ LECTERN_CACHE_DIR: '', XDG_CACHE_HOME: join(dir, 'xdg') }, 'topics', '--json');
  assert.equal(xdg.code, 0);
  assert.ok(readdirSync(join(dir, 'xdg', 'lectern')).length >= 1, '$XDG_CACHE_HOME/lectern when LECTERN_CACHE_DIR is unset');
  const uncached = lecternWith({ LECTERN_CACHE_DIR: join(dir, 'unused') }, 'list', '--json', '--no-cache');
  assert.equal(json<Listing>(uncached.stdout).papers.length, 76);
  assert.throws(() => readdirSync(join(dir, 'unused')), /ENOENT/);
});

test("another build of Lectern (an upgrade, a rebuild) does not answer from this build's cache", (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  const cache = join(dir, 'cache');
  // A copy of the bundle beside it is another build: same version, another file.
  const otherBuild = join(repoRoot, 'dist', `other-build-${process.pid}`);
  mkdirSync(otherBuild, { recursive: true });
  t.after(() => rmSync(otherBuild, { recursive: true, force: true }));
  copyFileSync(cli, join(otherBuild, 'cli.cjs'));
  const first = lecternWith({ LECTERN_CACHE_DIR: cache }, 'list', '--json');
  assert.equal(first.code, 0);
  const entries = readdirSync(cache).length;
  assert.ok(entries >= 1, 'the library was cached');
  assert.equal(lecternWith({ LECTERN_CACHE_DIR: cache }, 'list', '--json').stdout, first.stdout);
  assert.equal(readdirSync(cache).length, entries, 'the same build reads its own entry');
  const other = spawnSync(process.execPath, [join(otherBuild, 'cli.cjs'), 'list', '--json'], {
    cwd: repoRoot,
    env: { ...process.env, LECTERN_CACHE_DIR: cache },
    encoding: 'utf8',
  });
  assert.equal(other.status, 0, other.stderr);
  assert.equal(other.stdout, first.stdout);
  assert.equal(readdirSync(cache).length, 2 * entries, 'the other build wrote an entry of its own');
});

test('taxonomy rule: a folder of papers has no taxonomy unless it has .lectern/topics.json, --taxonomy or --sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  copyFileSync(join(repoRoot, 'corpus', 'daily-papers.txt'), join(dir, 'daily-papers.txt'));
  const origins = (...args: string[]) =>
    json<Topics>(lectern('topics', '--json', '--corpus', dir, ...args).stdout).topics.map((t) => t.origin);
  assert.ok(!origins().includes('taxonomy'), 'no taxonomy: discovered topics');
  const bundled = json<Topics>(lectern('topics', '--json').stdout).topics.map((t) => t.name);
  const explicit = json<Topics>(lectern('topics', '--json', '--corpus', dir, '--taxonomy', join(repoRoot, 'corpus', 'topics.json')).stdout);
  assert.deepEqual(
    explicit.topics.map((t) => t.name),
    bundled,
    '--taxonomy with the bundled file gives the bundled topics',
  );
  mkdirSync(join(dir, '.lectern'));
  writeFileSync(
    join(dir, '.lectern', 'topics.json'),
    JSON.stringify({ version: 1, topics: { 'Spiking Things': { terms: { spiking: 4, spike: 4, neuron: 3 } } } }),
  );
  assert.ok(json<Topics>(lectern('topics', '--json', '--corpus', dir).stdout).topics.some((t) => t.name === 'Spiking Things'));
  const withSample = json<Listing>(lectern('list', '--json', '--corpus', join(dir, '.lectern'), '--sample').stdout);
  assert.equal(withSample.papers.length, 76, '--sample adds the bundled corpus beside --corpus');
  assert.deepEqual(
    JSON.parse(lectern('list', '--json', '--corpus', join(repoRoot, 'corpus')).stdout),
    JSON.parse(lectern('list', '--json').stdout),
  );
  const missing = json<Listing>(lectern('list', '--json', '--corpus', dir, '--taxonomy', join(dir, 'absent.json')).stdout);
  assert.match(missing.diagnostics[0].message, /^Lectern: cannot read the taxonomy file .*absent\.json \(ENOENT\)/);
});

test('the sample stands in only while no corpus file is found (auto); with --sample its taxonomy names its papers only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-sample-'));
  const empty = json<Listing>(lectern('list', '--json', '--no-cache', '--corpus', dir).stdout);
  assert.equal(empty.papers.length, 76, 'a folder without corpus files: the sample');
  writeFileSync(
    join(dir, 'mine.bib'),
    '@article{fl2020,\n  title = {Federated Learning Over Court Records},\n  year = {2020},\n  abstract = {Federated learning on court records across clients.}\n}\n' +
      '@article{oc2021,\n  title = {Dissolved Carbon in Coastal Waters},\n  year = {2021},\n  abstract = {Seawater carbonate chemistry along coasts.}\n}\n',
  );
  const own = json<Listing>(lectern('list', '--json', '--no-cache', '--corpus', dir).stdout);
  assert.equal(own.papers.length, 2, 'a corpus file of ones own: no sample');
  const both = json<{ papers: Array<{ title: string; topics: string[] }> }>(
    lectern('list', '--json', '--no-cache', '--corpus', dir, '--sample').stdout,
  );
  assert.equal(both.papers.length, 78);
  const bundled = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8')) as { topics: object }).topics);
  // The bundled "Federated Learning" phrases would claim the first paper if they applied to it.
  const mine = both.papers.filter((p) => ['Federated Learning Over Court Records', 'Dissolved Carbon in Coastal Waters'].includes(p.title));
  assert.equal(mine.length, 2);
  for (const paper of mine)
    assert.deepEqual(
      paper.topics.filter((t) => bundled.includes(t)),
      [],
      paper.title,
    );
});

test('import refuses a named pipe, /dev/zero, a 2 GB sparse file and a file over --max-file-size: exit 2 at once, with the reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-hostile-'));
  const pipe = join(dir, 'pipe.bib');
  spawnSync('mkfifo', [pipe]);
  const sparse = join(dir, 'sparse.bib');
  writeFileSync(sparse, '');
  truncateSync(sparse, 2 * 1024 * 1024 * 1024);
  const big = join(dir, 'big.bib');
  writeFileSync(big, `@article{big, title = {Big}}\n%${'x'.repeat(1024 * 1024)}\n`);
  const cases: Array<[string[], RegExp]> = [
    [['import', pipe], /^Lectern: .*pipe\.bib is not a regular file \(it is a named pipe\); it was not read\./],
    [
      ['import', sparse],
      /^Lectern: .*sparse\.bib is 2,048 MB \(2,147,483,648 bytes\), over the 100 MB \(104,857,600 bytes\) limit .*`--max-file-size MB`/,
    ],
    [
      ['import', big, '--max-file-size', '1'],
      /^Lectern: .*big\.bib is 1 MB \(1,048,\d{3} bytes\), over the 1 MB \(1,048,576 bytes\) limit/,
    ],
  ];
  if (existsSync('/dev/zero'))
    cases.push([['import', '/dev/zero'], /^Lectern: \/dev\/zero is not a regular file \(it is a character device\)/]);
  for (const [args, message] of cases) {
    const started = Date.now();
    const { code, stdout, stderr } = lectern(...args);
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    assert.match(stderr, message);
    assert.ok(Date.now() - started < 10_000, `${args.join(' ')} answered at once`);
  }
  assert.equal(lectern('import', big, '--max-file-size', '2', '--json').code, 0, 'under a raised limit the file is read');
  assert.match(lectern('import', big, '--max-file-size', '0').stderr, /^Lectern: --max-file-size takes a whole number of megabytes/);
});

test('a corpus folder with a pipe and a 2 GB sparse file beside good files: the good papers are listed, the others reported', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-hostile-library-'));
  writeFileSync(join(dir, 'good.bib'), '@article{good, title = {A Good Paper}}\n');
  spawnSync('mkfifo', [join(dir, 'pipe.bib')]);
  writeFileSync(join(dir, 'sparse.bib'), '');
  truncateSync(join(dir, 'sparse.bib'), 2 * 1024 * 1024 * 1024);
  const listing = json<Listing>(lectern('list', '--json', '--no-cache', '--corpus', dir).stdout);
  assert.deepEqual(
    listing.papers.map((paper) => paper.title),
    ['A Good Paper'],
  );
  const messages = listing.diagnostics.map((d) => d.message).sort();
  assert.equal(messages.length, 2);
  assert.match(messages[0], /pipe\.bib is not a regular file \(it is a named pipe\)/);
  assert.match(messages[1], /sparse\.bib is 2,048 MB/);
});

test('search over a folder with a file it refused still answers, and says on stderr which file was not read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-refused-'));
  writeFileSync(join(dir, 'good.bib'), '@article{good, title = {Spiking Networks in Practice}}\n');
  writeFileSync(join(dir, 'big.bib'), `@article{big, title = {Spiking Giants}}\n%${'x'.repeat(1024 * 1024)}\n`);
  const { code, stdout, stderr } = lectern('search', 'spiking', '--corpus', dir, '--max-file-size', '1', '--json');
  assert.equal(code, 0);
  assert.deepEqual(
    json(stdout).results.map((hit) => hit.title),
    ['Spiking Networks in Practice'],
  );
  assert.match(
    stderr,
    /^Lectern: 1 error while reading the corpus \(see "lectern list" for all diagnostics\):\n {2}.*big\.bib:1:1: error: Lectern: .*big\.bib is 1 MB/,
  );
  assert.equal(lectern('search', 'spiking', '--corpus', dir, '--json').stderr, '', 'nothing to say when every file was read');
});
