import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import { postgresSkipReason, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { repoRoot, sharedCorpus } from '../support/shared-corpora';

// Real third-party exports (../shared/corpora, never copied into the repo) through the shipped CLI: `lectern db
// import` of each must report exactly what `lectern import` reports for it — the same diagnostics (file, line,
// column, message) and the same papers — and the database must then hold those papers.
const skip = postgresSkipReason();
const cli = join(repoRoot, 'dist', 'cli.cjs');
const cacheDir = mkdtempSync(join(tmpdir(), 'lectern-pg-exports-cache-'));

/** One of each format Lectern reads from elsewhere; the Mendeley BibTeX has the unclosed `{` of `Schwanhausser2011`. */
const EXPORTS = [
  'bibtex_mendeley_neuroscience_library.bib',
  'csljson_betterbibtex_law_my-library.json',
  'arxiv_snapshot_head200_exact.jsonl',
  'openreview_iclr2021_paperlist.tsv',
];

function lectern(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LECTERN_CACHE_DIR: cacheDir, NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface LocalImport {
  papers: Array<{ id: string }>;
  diagnostics: Diagnostic[];
}

interface DbImport {
  papers: number;
  files: Array<{ file: string; papers: number; diagnostics: number }>;
  diagnostics: Diagnostic[];
}

describe('real exports imported into a shared library report what the local import reports', { skip }, () => {
  let cluster: PostgresCluster;
  let admin: pg.Client;

  before(async () => {
    cluster = await startPostgresCluster();
    const init = lectern(['db', 'init', '--database', cluster.url()]);
    assert.equal(init.code, 0, init.stderr);
    admin = new pg.Client(cluster.url());
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await cluster?.stop();
  });

  for (const name of EXPORTS) {
    const corpus = sharedCorpus(name);
    test(name, { skip: corpus.skip }, async () => {
      const local = lectern(['import', corpus.path, '--json', '--no-cache']);
      assert.equal(local.code, 0, local.stderr);
      const mine = JSON.parse(local.stdout) as LocalImport;
      const result = lectern(['db', 'import', corpus.path, '--database', cluster.url(), '--json']);
      assert.equal(result.code, 0, result.stderr);
      const theirs = JSON.parse(result.stdout) as DbImport;
      assert.deepEqual(theirs.diagnostics, mine.diagnostics);
      assert.deepEqual(theirs.files, [{ file: corpus.path, papers: mine.papers.length, diagnostics: mine.diagnostics.length }]);
      assert.equal(theirs.papers, mine.papers.length);
      const ids = mine.papers.map((paper) => paper.id);
      const stored = await admin.query<{ n: string }>('SELECT count(*) AS n FROM lectern_papers WHERE id = ANY($1::text[])', [ids]);
      assert.equal(Number(stored.rows[0].n), ids.length, 'every paper the local import gives is in the database');
      // The human report: the same first line and diagnostic lines as `lectern import`.
      const human = lectern(['db', 'import', corpus.path, '--database', cluster.url()]).stdout.split('\n');
      const localHuman = lectern(['import', corpus.path, '--no-cache']).stdout.trimEnd().split('\n');
      assert.deepEqual(human.slice(0, localHuman.length), localHuman);
    });
  }

  test(
    'the Mendeley export’s unclosed brace is one diagnostic, and the entries after it are imported',
    { skip: sharedCorpus(EXPORTS[0]).skip },
    async () => {
      const found = await admin.query<{ title: string }>("SELECT title FROM lectern_papers WHERE citekey = 'Schwanhausser2011'");
      assert.equal(found.rows.length, 1);
      const after = await admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM lectern_papers WHERE record->'source'->>'file' LIKE '%mendeley%' AND (record->'source'->>'line')::integer > 10665",
      );
      assert.ok(Number(after.rows[0].n) >= 200, `${after.rows[0].n} entries after the unclosed brace`);
    },
  );
});
