import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { layoutPdf, linesAt } from '../support/pdf-fixtures-text';
import { passwordPdf } from '../support/pdf-fixtures';
import { repoRoot } from '../support/shared-corpora';

const cli = join(repoRoot, 'dist', 'cli.cjs');
const workspace = mkdtempSync(join(tmpdir(), 'lectern-cli-fulltext-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'lectern-cli-fulltext-cache-'));

interface FullTextJson {
  total: number;
  results: Array<{
    id: string;
    fullTextOnly?: boolean;
    matches: { title: unknown[]; abstract: unknown[]; fulltext?: Array<{ page: number; snippet: string }> };
  }>;
}

/** `lectern` run in the workspace folder, as a user there would. */
function lectern(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', LECTERN_CACHE_DIR: cacheDir },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const bib = `@article{smith2020plasticity,
  title = {A Survey of Synaptic Plasticity},
  author = {Smith, Ann},
  year = {2020},
  abstract = {Synapses change with experience; we review the rules.},
  file = {Full Text PDF:../pdfs/smith.pdf:application/pdf}
}
@article{chen2021spikes,
  title = {Dendritic Spikes in Cortex},
  author = {Chen, Bo},
  year = {2021},
  abstract = {We record dendritic spikes in the cortex of mice.}
}
@article{locked2022,
  title = {A Locked Paper},
  author = {Doe, Jo},
  year = {2022},
  abstract = {Nothing here.}
}
`;

before(async () => {
  mkdirSync(join(workspace, 'refs'));
  mkdirSync(join(workspace, 'pdfs'));
  mkdirSync(join(workspace, 'papers', 'pdf'), { recursive: true });
  writeFileSync(join(workspace, 'refs', 'refs.bib'), bib);
  // smith's PDF (through its file field) mentions dendritic spikes on page 3 only; chen's (in papers/pdf) on page 2.
  const filler = linesAt(['Background and methods.']);
  writeFileSync(
    join(workspace, 'pdfs', 'smith.pdf'),
    await layoutPdf([filler, filler, linesAt(['Plateau potentials and dendritic', 'spikes gate plasticity.']), filler]),
  );
  writeFileSync(join(workspace, 'papers', 'pdf', 'chen2021spikes.pdf'), await layoutPdf([filler, linesAt(['Dendritic spikes again.'])]));
  writeFileSync(join(workspace, 'papers', 'pdf', 'locked2022.pdf'), await passwordPdf());
});

describe('lectern search in the PDFs', () => {
  it('--json lists a paper that matched only in its PDF after the abstract hit, with the page and snippet', () => {
    const { code, stdout, stderr } = lectern('search', 'dendritic spikes', '--corpus', 'refs', '--json');
    assert.equal(code, 0, stderr);
    const output = JSON.parse(stdout) as FullTextJson;
    assert.deepEqual(
      output.results.map((hit) => [hit.id, hit.fullTextOnly ?? false]),
      [
        ['chen2021spikes', false],
        ['smith2020plasticity', true],
      ],
    );
    assert.equal(output.total, 2);
    assert.deepEqual(output.results[1].matches, {
      title: [],
      abstract: [],
      fulltext: [{ page: 3, snippet: 'Plateau potentials and dendritic spikes gate plasticity.' }],
    });
    assert.deepEqual(output.results[0].matches.fulltext, [{ page: 2, snippet: 'Dendritic spikes again.' }]);
    assert.match(stderr, /Lectern: the PDF of “A Locked Paper” \(.*locked2022\.pdf\) is protected by a password/);
  });

  it('prints the page and the snippet for people, and caches each PDF by its content hash', () => {
    const { code, stdout } = lectern('search', 'plateau potentials', '--corpus', 'refs');
    assert.equal(code, 0);
    assert.match(
      stdout,
      /A Survey of Synaptic Plasticity\n.*\n {5}full text, p\. 3: Plateau potentials and dendritic spikes gate plasticity\./,
    );
    assert.ok(readdirSync(cacheDir).some((name) => /^fulltext-[0-9a-f]{64}\.json$/.test(name)));
  });

  it('fulltext:off leaves the PDFs out; fulltext:only keeps only them', () => {
    const off = JSON.parse(lectern('search', 'dendritic spikes fulltext:off', '--corpus', 'refs', '--json').stdout) as FullTextJson;
    assert.deepEqual(
      off.results.map((hit) => hit.id),
      ['chen2021spikes'],
    );
    assert.equal(off.results[0].matches.fulltext, undefined);
    const only = JSON.parse(lectern('search', 'plasticity fulltext:only', '--corpus', 'refs', '--json').stdout) as FullTextJson;
    assert.deepEqual(
      only.results.map((hit) => [hit.id, hit.matches.fulltext?.[0].page]),
      [['smith2020plasticity', 3]],
    );
  });
});
