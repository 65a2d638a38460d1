import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliLocale } from '../../src/cli/cli-locale';
import { lecternCommands } from '../../src/cli/lectern-commands';
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
  const option = lectern(pseudo, 'list', '--frobnicate');
  assert.equal(option.code, 2);
  assert.match(option.stderr, /^⟪LECTERN: UNKNOWN OPTION --frobnicate\.\n\n/, 'the option as typed, in its own case');
  const valueless = lectern(pseudo, 'search', 'x', '--limit');
  assert.equal(valueless.code, 2);
  assert.match(valueless.stderr, /^⟪LECTERN: --limit NEEDS A VALUE, AS IN --limit N\./);
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

test('--help is translated (summary, headings, every description) while command and option names stay as typed', () => {
  const english = lectern({}, '--help');
  const translated = lectern(pseudo, '--help');
  assert.equal(translated.code, 0);
  assert.match(translated.stdout, /^⟪LECTERN — SEARCH, LIST AND CITE THE PAPERS IN A LECTERN CORPUS⟫\n\n⟪USAGE:⟫\n/);
  assert.match(
    translated.stdout,
    /\n {2}lectern search "QUERY" \[--limit N\] {3}⟪RANK PAPERS \(FILTERS: TOPIC: AUTHOR: YEAR:2020\.\.2023 TAG: STATUS:\)⟫\n/,
  );
  assert.match(translated.stdout, /\n⟪OPTIONS:⟫\n {2}--corpus PATH {7}⟪A CORPUS FILE OR FOLDER \(REPEATABLE\)/);
  assert.match(translated.stdout, /\n {2}-h, --help {10}⟪THIS HELP⟫\n$/);
  assert.equal(fromPseudo(translated.stdout), english.stdout.toUpperCase(), 'the same help, line for line, in other words');
  const table = lecternCommands(); // English here: this process has no bundle
  for (const { name, usage } of table.commands) assert.ok(translated.stdout.includes(`  lectern ${name} ${usage}`.trimEnd()), name);
  for (const { name } of table.options) assert.ok(translated.stdout.includes(`--${name}`), name);
  for (const { help } of [...table.commands, ...table.options])
    for (const line of help.split('\n')) assert.ok(!translated.stdout.includes(line), `"${line}" is translated`);
  // The completion scripts describe in the reader's language but complete the same words.
  const words = (script: string) => [...script.matchAll(/ -[al] (\S+)/g)].map((match) => match[1]);
  const fish = lectern(pseudo, 'completion', 'fish');
  assert.equal(fish.code, 0);
  assert.match(fish.stdout, / -a search -d '⟪RANK PAPERS /);
  assert.match(fish.stdout, / -l corpus -r -F -d '⟪A CORPUS FILE OR FOLDER \(REPEATABLE\)/);
  assert.deepEqual(words(fish.stdout), words(lectern({}, 'completion', 'fish').stdout));
  assert.ok(words(fish.stdout).includes('related') && words(fish.stdout).includes('max-file-size'));
});

test("lectern db: an unreachable server is reported in the reader's language, without the password, exit code 1", () => {
  const url = 'postgresql://ada@127.0.0.1:1/papers';
  const english = lectern({ PGPASSWORD: 's3cret', PGCONNECT_TIMEOUT: '5' }, 'db', 'init', '--database', url);
  const translated = lectern({ ...pseudo, PGPASSWORD: 's3cret', PGCONNECT_TIMEOUT: '5' }, 'db', 'init', '--database', url);
  assert.equal(english.code, 1);
  assert.equal(translated.code, 1);
  assert.equal(
    translated.stderr,
    '⟪LECTERN: CANNOT REACH ada@127.0.0.1:1/papers (ECONNREFUSED). CHECK THAT THE SERVER IS RUNNING AND THE HOST AND PORT ARE RIGHT, THEN TRY AGAIN.⟫\n',
  );
  assert.equal(fromPseudo(translated.stderr), english.stderr.toUpperCase());
  assert.ok(!translated.stderr.includes('s3cret'));
});
