import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@retorquere/bibtex-parser';
import { repoRoot } from '../support/shared-corpora';

// `lectern cite` as shipped (the esbuild bundle finds media/csl beside dist/), on a user's .bib.
const cli = join(repoRoot, 'dist', 'cli.cjs');
const dir = mkdtempSync(join(tmpdir(), 'lectern-cite-'));
const bib = join(dir, 'refs.bib');
const entry = [
  '@article{smith2020,',
  '  title = {Ocean Acidification},',
  '  author = {Smith, Jane and van der Berg, Jan},',
  '  journal = {Marine Chemistry},',
  '  year = {2020},',
  '  doi = {10.1016/j.marchem.2020.103118}',
  '}',
].join('\n');
writeFileSync(bib, `${entry}\n`);

function cite(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'cite', ...args, '--corpus', bib, '--no-cache'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() =>
  assert.ok(existsSync(cli), `Lectern test: ${cli} is missing; run the CLI tests with npm run test:integration (it builds the CLI).`),
);

test('cite by citekey: the APA 7th reference in plain text, the in-text citation, CSL-JSON, a markdown link', () => {
  const reference =
    'Smith, J., & van der Berg, J. (2020). Ocean Acidification. Marine Chemistry. https://doi.org/10.1016/j.marchem.2020.103118';
  assert.deepEqual(cite('smith2020', '--format', 'apa'), { code: 0, stdout: `${reference}\n`, stderr: '' });
  assert.equal(cite('smith2020', '--format', 'in-text').stdout, '(Smith & van der Berg, 2020)\n');
  const json = JSON.parse(cite('smith2020', '--format', 'csl-json').stdout) as { id: string; title: string };
  assert.deepEqual([json.id, json.title], ['smith2020', 'Ocean Acidification']);
  assert.equal(cite('smith2020', '--format', 'markdown').stdout, '[Ocean Acidification](https://doi.org/10.1016/j.marchem.2020.103118)\n');
  const withJson = JSON.parse(cite('smith2020', '--format', 'apa', '--json').stdout) as Record<string, string>;
  assert.deepEqual(withJson, { id: withJson.id, citeKey: 'smith2020', format: 'apa', style: 'APA Style 7th edition', citation: reference });
});

test('cite --format bibtex gives an entry that parses back to the .bib fields', () => {
  const { code, stdout } = cite('smith2020', '--format', 'bibtex');
  assert.equal(code, 0);
  const [parsed] = parse(stdout, { english: false }).entries;
  assert.equal(parsed.key, 'smith2020');
  assert.equal(parsed.fields.title, 'Ocean Acidification');
  assert.deepEqual(parsed.fields.author, [
    { lastName: 'Smith', firstName: 'Jane' },
    { lastName: 'Berg', firstName: 'Jan', prefix: 'van der' },
  ]);
  assert.equal(parsed.fields.journal, 'Marine Chemistry');
});

test('cite --style uses a workspace .csl file; --locale with an unknown code warns and uses en-US', () => {
  const style = join(dir, 'tiny.csl');
  writeFileSync(
    style,
    '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>Tiny</title></info>' +
      '<citation><layout><text variable="title"/></layout></citation>' +
      '<bibliography><layout><text variable="title" text-case="uppercase"/></layout></bibliography></style>',
  );
  assert.deepEqual(cite('smith2020', '--format', 'apa', '--style', style), { code: 0, stdout: 'OCEAN ACIDIFICATION\n', stderr: '' });
  const german = cite('smith2020', '--format', 'in-text', '--locale', 'de-DE');
  assert.equal(german.code, 0);
  assert.equal(german.stdout, '(Smith & van der Berg, 2020)\n');
  assert.match(german.stderr, /^Lectern: the citation locale "de-DE" is not bundled \(Lectern ships en-US\)/);
});

test('a style that does not parse exits 1 naming its file and line; a missing one names the file', () => {
  const broken = join(dir, 'broken.csl');
  writeFileSync(broken, readFileSync(join(repoRoot, 'media', 'csl', 'apa.csl'), 'utf8').replace('<citation ', '<citation <'));
  const result = cite('smith2020', '--format', 'apa', '--style', broken);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.match(
    result.stderr,
    new RegExp(
      `^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error: Lectern: the citation style .* is not well-formed XML at line \\d+`,
    ),
  );
  const missing = cite('smith2020', '--format', 'apa', '--style', join(dir, 'nope.csl'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read the citation style .*nope\.csl \(no such file\)/);
});

test('cite with an unknown format exits 2, an unknown id or citekey exits 1', () => {
  const format = cite('smith2020', '--format', 'chicago');
  assert.equal(format.code, 2);
  assert.match(format.stderr, /^Lectern: unknown citation format "chicago"; use --format apa, in-text, bibtex, csl-json, markdown\./);
  const unknown = cite('nobody2020', '--format', 'apa');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^Lectern: no paper has the id or citekey "nobody2020"/);
});
