import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliLocale } from '../../src/cli/cli-locale';
import { fromPseudo, pseudoBundle } from '../support/pseudo-locale';
import { repoRoot } from '../support/shared-corpora';

// The CLI as shipped (dist/cli.cjs) in another language: the locale from LECTERN_LOCALE, LC_ALL, LC_MESSAGES or
// LANG; the bundle from LECTERN_L10N_DIR (here a pseudo-locale made from the English bundle) or the l10n/ folder
// shipped beside the CLI. Exit codes and the diagnostics' places never change; the words do.
const cli = join(repoRoot, 'dist', 'cli.cjs');
const bundles = mkdtempSync(join(tmpdir(), 'lectern-cli-l10n-'));
writeFileSync(join(bundles, 'bundle.l10n.qps-ploc.json'), JSON.stringify(pseudoBundle()));
const broken = join(bundles, 'broken.bib');
writeFileSync(broken, '@article{notitle,\n  year = {2020}\n}\n\n@article{good, title = {Fine Paper}, year = }\n');

/** The CLI with a clean locale environment plus `env`. */
function lectern(env: Record<string, string>, ...args: string[]) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['LECTERN_LOCALE', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'LECTERN_L10N_DIR'].includes(name)),
  );
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...base, NO_COLOR: '1', LECTERN_CACHE_DIR: join(bundles, 'cache'), ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const pseudo = { LECTERN_LOCALE: 'qps-ploc', LECTERN_L10N_DIR: bundles };

test('import prints translated counts and diagnostics, each at the same file:line:column, and the same exit code', () => {
  const english = lectern({}, 'import', broken);
  const translated = lectern(pseudo, 'import', broken);
  assert.equal(english.code, 0);
  assert.equal(translated.code, english.code);
  assert.match(english.stdout, /^.*broken\.bib: 1 paper, 2 diagnostics\n/);
  assert.match(translated.stdout, /^.*broken\.bib: ⟪1 PAPER⟫, ⟪2 DIAGNOSTICS⟫\n/);
  const lines = (text: string) => text.trimEnd().split('\n').slice(1);
  const englishLines = lines(english.stdout);
  assert.equal(englishLines.length, 2);
  lines(translated.stdout).forEach((line, i) => {
    const [place, message] = line.split(/: (?:warning|error): /);
    assert.equal(place, englishLines[i].split(/: (?:warning|error): /)[0], 'the same file:line:column');
    assert.match(message, /^⟪LECTERN: /);
    assert.equal(fromPseudo(message), englishLines[i].split(/: (?:warning|error): /)[1].toUpperCase());
  });
  assert.ok(translated.stdout.includes(`${broken}:1:1: warning: ⟪LECTERN: ⟪ENTRY \`notitle\`⟫ (LINE 1) HAS NO TITLE`));
});

test('errors of the CLI itself are translated and keep their exit codes; --json keeps its English keys', () => {
  const noQuery = lectern(pseudo, 'search', ' ');
  assert.equal(noQuery.code, 2);
  assert.equal(noQuery.stderr, '⟪LECTERN: SEARCH NEEDS A QUERY, E.G. LECTERN SEARCH "ATTENTION SINK".⟫\n');
  const missing = lectern(pseudo, 'list', '--corpus', join(bundles, 'missing.bib'));
  assert.equal(missing.code, 2);
  assert.equal(
    missing.stderr,
    `⟪LECTERN: {0} {1} DOES NOT EXIST. CHECK THE PATH: IT NAMES A CORPUS FILE OR A FOLDER OF THEM.⟫\n`
      .replace('{0}', '--corpus')
      .replace('{1}', join(bundles, 'missing.bib')),
  );
  const unknown = lectern(pseudo, 'show', 'no-such-paper', '--corpus', broken);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^⟪LECTERN: NO PAPER HAS THE ID OR CITEKEY "no-such-paper"\./);
  const json = lectern(pseudo, 'import', broken, '--json');
  assert.equal(json.code, 0);
  const parsed = JSON.parse(json.stdout) as { papers: unknown[]; diagnostics: Array<{ line: number; message: string }> };
  assert.equal(parsed.papers.length, 1);
  assert.deepEqual(
    parsed.diagnostics.map((d) => d.line),
    [1, 5],
  );
  assert.match(parsed.diagnostics[0].message, /^⟪LECTERN: /, 'the messages a script reads are the user-facing ones');
});

test('the locale also comes from LC_ALL, LC_MESSAGES or LANG (in that order); C, POSIX or no bundle mean English', () => {
  assert.match(lectern({ LANG: 'qps_PLOC.UTF-8', LECTERN_L10N_DIR: bundles }, 'import', broken).stdout, /⟪1 PAPER⟫/);
  assert.match(lectern({ LC_MESSAGES: 'qps_PLOC', LANG: 'C', LECTERN_L10N_DIR: bundles }, 'import', broken).stdout, /⟪1 PAPER⟫/);
  assert.match(lectern({ LC_ALL: 'C', LANG: 'qps_PLOC', LECTERN_L10N_DIR: bundles }, 'import', broken).stdout, /: 1 paper, /);
  assert.match(lectern({ LECTERN_LOCALE: 'xx', LECTERN_L10N_DIR: bundles }, 'import', broken).stdout, /: 1 paper, /);
  assert.equal(cliLocale({ LANG: 'pt_BR.UTF-8@latin' }), 'pt-br');
  assert.equal(cliLocale({ LECTERN_LOCALE: 'de', LC_ALL: 'fr_FR' }), 'de');
  assert.equal(cliLocale({ LANG: 'POSIX' }), undefined);
  assert.equal(cliLocale({}), undefined);
});

test('a region falls back to its language; a broken bundle is reported and English is used', () => {
  const folder = mkdtempSync(join(tmpdir(), 'lectern-cli-l10n-lang-'));
  writeFileSync(join(folder, 'bundle.l10n.qps.json'), JSON.stringify(pseudoBundle()));
  assert.match(lectern({ LANG: 'qps_ZZ.UTF-8', LECTERN_L10N_DIR: folder }, 'import', broken).stdout, /⟪1 PAPER⟫/);
  writeFileSync(join(folder, 'bundle.l10n.zz.json'), '{ not json');
  const result = lectern({ LECTERN_LOCALE: 'zz', LECTERN_L10N_DIR: folder }, 'import', broken);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /: 1 paper, 2 diagnostics/);
  assert.match(
    result.stderr,
    /^Lectern: the translation .*bundle\.l10n\.zz\.json could not be read \(.*\); messages are shown in English\. Fix or remove it\.\n/,
  );
});

test('the cache keeps each language apart: a run in English after a translated one (and back) shows its own words', () => {
  const cache = { LECTERN_CACHE_DIR: mkdtempSync(join(tmpdir(), 'lectern-cli-l10n-cache-')) };
  const listed = (env: Record<string, string>) => lectern({ ...cache, ...env }, 'list', '--corpus', broken).stderr;
  assert.match(listed({}), /warning: Lectern: entry `notitle`/);
  assert.match(listed(pseudo), /warning: ⟪LECTERN: ⟪ENTRY `notitle`⟫/);
  assert.match(listed({}), /warning: Lectern: entry `notitle`/);
});
