import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pseudoBundle } from '../support/pseudo-locale';
import { repoRoot, seedCorpusPath } from '../support/shared-corpora';

// `npm pack` makes the CLI's installable package (README: "Installing the CLI"). The tarball is packed
// from the current dist/cli.cjs (scripts skipped: the unit-test runner has just built it), unpacked where
// no node_modules can be found, and run: what `npm install -g` would put on the PATH.
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

function pack(): { folder: string; files: string[] } {
  const folder = mkdtempSync(join(tmpdir(), 'lectern-pack-'));
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(output) as Array<{ filename: string; files: Array<{ path: string }> }>;
  execFileSync('tar', ['-xzf', join(folder, result.filename), '-C', folder]);
  return { folder: join(folder, 'package'), files: result.files.map((f) => f.path).sort() };
}

test('npm pack holds the CLI bundle, the sample corpus, the citation style and the translations, and nothing else', () => {
  const { files } = pack();
  assert.deepEqual(files, [
    'LICENSE',
    'README.md',
    'corpus/daily-papers.txt',
    'corpus/topics.json',
    'dist/cli.cjs',
    'l10n/bundle.l10n.json',
    'media/csl/ATTRIBUTION.md',
    'media/csl/apa.csl',
    'media/csl/locales-en-US.xml',
    'package.json',
  ]);
  assert.deepEqual(manifest.bin, { lectern: 'dist/cli.cjs' });
});

test('the unpacked package runs on its own: --version, a search of the sample and of a corpus file, a citation', () => {
  const { folder } = pack();
  const bin = join(folder, manifest.bin.lectern);
  assert.match(readFileSync(bin, 'utf8').slice(0, 30), /^#!\/usr\/bin\/env node\n/, 'the bin starts with a node shebang');
  const cwd = mkdtempSync(join(tmpdir(), 'lectern-installed-'));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd,
      encoding: 'utf8',
      // NODE_PATH empty: nothing may come from the repository's node_modules.
      env: { ...process.env, NO_COLOR: '1', NODE_PATH: '', LECTERN_CACHE_DIR: join(cwd, 'cache') },
    });
  assert.equal(run('--version').stdout, `lectern ${manifest.version}\n`);
  const sample = run('search', 'attention sink', '--limit', '1');
  assert.equal(sample.status, 0, sample.stderr);
  assert.match(sample.stdout, /^1 paper matches "attention sink"\n {2}1\. See What You Are Told/);
  const own = run('search', 'lottery ticket', '--corpus', seedCorpusPath, '--limit', '1', '--json');
  assert.equal(own.status, 0, own.stderr);
  assert.match((JSON.parse(own.stdout) as { results: Array<{ title: string }> }).results[0].title, /Lottery Ticket/);
  const cite = run('cite', 'see-what-you-are-told-visual-attention-sink-in-large', '--format', 'apa');
  assert.equal(cite.status, 0, cite.stderr);
  assert.match(cite.stdout, /^See What You Are Told: Visual Attention Sink in Large Multimodal Models\. \(n\.d\.\)\./);
  // A translation dropped into the package's l10n/ folder is what the CLI speaks in that locale.
  writeFileSync(join(folder, 'l10n', 'bundle.l10n.qps-ploc.json'), JSON.stringify(pseudoBundle()));
  const translated = spawnSync(process.execPath, [bin, 'search', ' '], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: '', LECTERN_L10N_DIR: '', LC_ALL: '', LC_MESSAGES: '', LECTERN_LOCALE: 'qps-ploc' },
  });
  assert.equal(translated.status, 2);
  assert.equal(translated.stderr, '⟪LECTERN: SEARCH NEEDS A QUERY, E.G. LECTERN SEARCH "ATTENTION SINK".⟫\n');
});

test('npm install -g --offline of the tarball gives a working lectern: it needs nothing from the registry', () => {
  const folder = mkdtempSync(join(tmpdir(), 'lectern-pack-'));
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], { cwd: repoRoot, encoding: 'utf8' }),
  ) as Array<{ filename: string }>;
  const prefix = join(folder, 'prefix');
  // An empty npm cache as well: --offline then fails on anything the package would have to download.
  const install = spawnSync(
    'npm',
    ['install', '-g', '--offline', '--prefix', prefix, '--cache', join(folder, 'cache'), join(folder, filename)],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(install.status, 0, install.stderr);
  const version = spawnSync(join(prefix, 'bin', 'lectern'), ['--version'], { encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
  assert.equal(version.stdout, `lectern ${manifest.version}\n`, version.stderr);
});
