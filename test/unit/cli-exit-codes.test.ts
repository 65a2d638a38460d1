import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, sharedCorpus } from '../support/shared-corpora';

// The CLI as shipped (dist/cli.cjs, rebuilt by scripts/run-unit-tests.mjs): every exit code and its message.
const cli = join(repoRoot, 'dist', 'cli.cjs');
const cacheDir = mkdtempSync(join(tmpdir(), 'lectern-cli-exit-cache-'));

function lectern(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', LECTERN_CACHE_DIR: cacheDir },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Listing {
  papers: Array<{ id: string; title: string; topics: string[] }>;
  diagnostics: Array<{ file: string; line: number; column: number; severity: string; message: string }>;
}
const listing = (text: string) => JSON.parse(text) as Listing;

const folder = () => mkdtempSync(join(tmpdir(), 'lectern-cli-exit-'));

test('--version prints the version in package.json and exits 0', () => {
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const result = lectern('--version');
  assert.deepEqual(result, { code: 0, stdout: `lectern ${version}\n`, stderr: '' });
});

test('--help lists every command and option and exits 0; no command, an unknown command or option exits 2', () => {
  const help = lectern('--help');
  assert.equal(help.code, 0);
  for (const command of ['search', 'list', 'topics', 'related', 'show', 'cite', 'import', 'completion'])
    assert.match(help.stdout, new RegExp(`^  lectern ${command}\\b`, 'm'), command);
  for (const option of ['--corpus PATH', '--json', '--version', '-h, --help', '--format FORMAT'])
    assert.ok(help.stdout.includes(option), option);
  const none = lectern();
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Lectern: name a command\.\n\nlectern — search/);
  const unknown = lectern('frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^Lectern: unknown command "frobnicate"\./);
  const option = lectern('list', '--frobnicate');
  assert.equal(option.code, 2);
  assert.match(option.stderr, /^Lectern: unknown option --frobnicate\.\n\nlectern — search/);
  const valueless = lectern('search', 'attention', '--limit');
  assert.equal(valueless.code, 2);
  assert.match(valueless.stderr, /^Lectern: --limit needs a value, as in --limit N\./);
  const swallowed = lectern('search', 'attention', '--limit', '--json');
  assert.equal(swallowed.code, 2, 'an option is not taken as the value of the one before it');
  assert.match(swallowed.stderr, /^Lectern: --limit needs a value/);
  const flagValue = lectern('list', '--json=yes');
  assert.equal(flagValue.code, 2);
  assert.match(flagValue.stderr, /^Lectern: --json takes no value \(given "yes"\)\./);
});

test('--corpus naming a path that does not exist exits 2 with a message, before reading anything', () => {
  const dir = folder();
  for (const command of [['search', 'attention'], ['list'], ['topics'], ['show', 'x']]) {
    const result = lectern(...command, '--corpus', join(dir, 'missing.bib'));
    assert.equal(result.code, 2, command.join(' '));
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      `Lectern: --corpus ${join(dir, 'missing.bib')} does not exist. Check the path: it names a corpus file or a folder of them.\n`,
    );
  }
  writeFileSync(join(dir, 'ok.bib'), '@article{a, title = {Present Paper}}\n');
  const mixed = lectern('list', '--corpus', join(dir, 'ok.bib'), '--corpus', join(dir, 'nope'));
  assert.equal(mixed.code, 2, 'one missing path among good ones still exits 2');
  assert.match(mixed.stderr, /--corpus .*nope does not exist/);
});

test('a file of a kind Lectern does not read exits 2, from import and from --corpus; a recognisable one is read', () => {
  const dir = folder();
  const docx = join(dir, 'notes.docx');
  writeFileSync(docx, 'PK\u0003\u0004 not a paper list');
  const csv = join(dir, 'papers.csv');
  writeFileSync(csv, 'title,abstract\nA,B\n');
  for (const args of [
    ['import', docx],
    ['import', csv],
    ['list', '--corpus', docx],
    ['search', 'x', '--corpus', csv],
  ]) {
    const result = lectern(...args);
    assert.equal(result.code, 2, args.join(' '));
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^Lectern: .*(notes\.docx|papers\.csv) is not a kind of file Lectern reads; it was not loaded\. Lectern reads BibTeX \(\.bib\)/,
    );
    assert.match(result.stderr, /a tab-separated paper list with a "title" column \(\.tsv\)/);
  }
  // No corpus extension, but BibTeX inside: read by content, as the extension reads it.
  const exported = join(dir, 'export.refs');
  writeFileSync(exported, '@article{k, title = {By Content}}\n');
  const read = lectern('import', exported, '--json');
  assert.equal(read.code, 0);
  assert.deepEqual(
    listing(read.stdout).papers.map((p) => p.title),
    ['By Content'],
  );
});

test('import and list report the same diagnostics for the same file: duplicate ids included', () => {
  const dir = folder();
  const bib = join(dir, 'dupes.bib');
  writeFileSync(
    bib,
    '@article{a, title = {First Copy}, doi = {10.1000/same}}\n' +
      '@article{b, title = {Second Copy}, doi = {10.1000/same}}\n' +
      '@article{c, year = {2020}}\n',
  );
  const imported = lectern('import', bib, '--json');
  const listed = lectern('list', '--json', '--corpus', bib);
  assert.equal(imported.code, 0);
  assert.deepEqual(listing(imported.stdout).diagnostics, listing(listed.stdout).diagnostics);
  const messages = listing(imported.stdout).diagnostics.map((d) => `${d.line}:${d.severity}:${d.message.slice(0, 50)}`);
  assert.deepEqual(messages, [
    '3:warning:Lectern: entry `c` (line 3) has no title; it was s',
    '2:warning:Lectern: "Second Copy" has the same id "doi-10.100',
  ]);
  assert.deepEqual(
    listing(imported.stdout).papers.map((p) => p.id),
    ['doi-10.1000-same', 'doi-10.1000-same-2'],
    'import gives the ids the library gives',
  );
  const human = lectern('import', bib);
  assert.equal(human.stdout.split('\n')[0], `${bib}: 2 papers, 2 diagnostics`);
});

const zotero = sharedCorpus('bibtex_zotero_marine-chemistry_my-library.bib');

test('the Zotero export: import and list both report its 23 diagnostics (1 skipped entry, 22 duplicate ids)', { skip: zotero.skip }, () => {
  const imported = listing(lectern('import', zotero.path, '--json', '--no-cache').stdout);
  const listed = listing(lectern('list', '--json', '--no-cache', '--corpus', zotero.path).stdout);
  assert.equal(imported.diagnostics.length, 23);
  assert.deepEqual(imported.diagnostics, listed.diagnostics);
  assert.equal(imported.diagnostics.filter((d) => /has the same id/.test(d.message)).length, 22);
  assert.deepEqual(
    imported.papers.map((p) => p.id),
    listed.papers.map((p) => p.id),
  );
  const human = lectern('import', zotero.path);
  assert.equal(human.stdout.split('\n')[0], `${zotero.path}: 1,678 papers, 23 diagnostics`);
});

const iclr = sharedCorpus('openreview_iclr2021_paperlist.tsv');

test('the ICLR 2021 TSV list imports (exit 0, no diagnostic) and is searchable with --corpus', { skip: iclr.skip }, () => {
  const human = lectern('import', iclr.path);
  assert.equal(human.code, 0);
  assert.equal(human.stdout, `${iclr.path}: 2,966 papers, 0 diagnostics\n`);
  const search = lectern('search', 'few-shot image synthesis GAN', '--corpus', iclr.path, '--json', '--limit', '3');
  assert.equal(search.code, 0);
  const results = (JSON.parse(search.stdout) as { results: Array<{ title: string }> }).results;
  assert.equal(results[0].title, 'Towards Faster and Stabilized GAN Training for High-fidelity Few-shot Image Synthesis');
});

test('counts in human output agree in number: 1 paper, 1 diagnostic, 1 paper matches', () => {
  const dir = folder();
  const bib = join(dir, 'one.bib');
  writeFileSync(bib, '@article{solo, title = {Sparse Coding in Cortex}, abstract = {Sparse coding of cortical neurons.}}\n@article{bad}\n');
  const imported = lectern('import', bib);
  assert.match(imported.stdout, /: 1 paper, 1 diagnostic\n/);
  const listed = lectern('list', '--corpus', bib);
  assert.match(listed.stdout, /^1 paper: id, year, topics, title\n/);
  assert.match(listed.stderr, /^\n1 diagnostic:\n/);
  assert.match(lectern('search', 'sparse', '--corpus', bib).stdout, /^1 paper matches "sparse"\n/);
  assert.match(lectern('search', 'zebra', '--corpus', bib).stdout, /^0 papers match "zebra"\n/);
  assert.match(lectern('topics', '--corpus', bib).stdout, /^\d+ topics? over 1 paper\n/);
  const two = lectern('list', '--corpus', dir, '--sample');
  assert.match(two.stdout, /^77 papers: /);
});

test('list shows each paper with its year and its topics, as --help promises', () => {
  const { papers } = listing(lectern('list', '--json').stdout);
  const human = lectern('list').stdout.split('\n');
  for (const paper of papers.slice(0, 10)) {
    const row = human.find((line) => line.startsWith(`${paper.id} `));
    assert.ok(row, paper.id);
    assert.ok(paper.topics.length > 0, `${paper.id} has topics`);
    assert.ok(row.includes(paper.topics.join(', ')), `${row} shows ${paper.topics.join(', ')}`);
    assert.ok(row.endsWith(paper.title), row);
  }
});

test('completion refuses a shell it does not know, with the ones it knows (exit 2)', () => {
  for (const args of [['completion'], ['completion', 'tcsh']]) {
    const result = lectern(...args);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Lectern: completion needs a shell: bash, zsh, fish \(e\.g\. eval "\$\(lectern completion bash\)"\)/);
  }
});
