import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SCHEMA_VERSION } from '../../src/node/pg/migrate-database';
import { freePort } from '../support/free-port';
import { postgresSkipReason, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { repoRoot, seedCorpusPath } from '../support/shared-corpora';

// The shipped CLI (dist/cli.cjs, built by the unit-test runner) against a throwaway PostgreSQL cluster, as a
// lab's administrator and its members would use it.
const skip = postgresSkipReason();
const cli = join(repoRoot, 'dist', 'cli.cjs');
const cacheDir = mkdtempSync(join(tmpdir(), 'lectern-pg-cli-cache-'));

function lectern(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LECTERN_CACHE_DIR: cacheDir, NO_COLOR: '1', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface SearchJson {
  query: string;
  total: number;
  totalIsLowerBound: boolean;
  results: Array<{ id: string; title: string; score: number; topics: string[]; terms: string[]; matches: object }>;
}

describe('lectern db and --database', { skip }, () => {
  let cluster: PostgresCluster;
  let url: string;

  before(async () => {
    cluster = await startPostgresCluster();
    url = cluster.url();
  });
  after(async () => {
    await cluster?.stop();
  });

  test('db init creates the schema, and running it again is a no-op', () => {
    const first = lectern(['db', 'init', '--database', url]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`schema upgraded from version 0 to ${SCHEMA_VERSION}\\.`));
    const again = lectern(['db', 'init', '--database', url, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), {
      database: `postgres@127.0.0.1:${cluster.port}/lectern`,
      from: SCHEMA_VERSION,
      to: SCHEMA_VERSION,
    });
  });

  test('db import reports each file and its diagnostics as lectern import does, then the papers written', () => {
    const folder = mkdtempSync(join(tmpdir(), 'lectern-pg-import-'));
    const bib = join(folder, 'broken.bib');
    writeFileSync(bib, '@article{ok2020,\n  title = {A Readable Paper},\n  year = {2020}\n}\n\n@article{bad,\n  year = {2021}\n}\n');
    const local = lectern(['import', bib]);
    const result = lectern(['db', 'import', seedCorpusPath, bib, '--database', url]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /daily-papers\.txt: 76 papers, 0 diagnostics/);
    assert.match(result.stdout, /broken\.bib: 1 paper, 1 diagnostic\n/);
    const diagnosticLine = local.stdout.split('\n').find((line) => line.startsWith('  '))!;
    assert.ok(result.stdout.includes(diagnosticLine), `${diagnosticLine} in ${result.stdout}`);
    assert.match(result.stdout, /Lectern: 77 papers and \d+ topics imported into postgres@127\.0\.0\.1:\d+\/lectern/);
  });

  test('--read-database: with the replica unreachable the primary answers, the same JSON and no error', async () => {
    const down = `postgresql://postgres@127.0.0.1:${await freePort()}/lectern`;
    const direct = lectern(['search', 'attention sink', '--database', url, '--json']);
    const routed = lectern(['search', 'attention sink', '--database', url, '--read-database', down, '--json']);
    assert.equal(routed.code, 0, routed.stderr);
    assert.equal(routed.stderr, '');
    assert.deepEqual(JSON.parse(routed.stdout), JSON.parse(direct.stdout));
  });

  test('search --database --json prints the local search JSON: the same papers, terms and highlights', () => {
    for (const query of ['attention sink', 'spik', '"brain decoding"', 'halucination -year:2030', 'neural -topic:spiking']) {
      const remote = lectern(['search', query, '--database', url, '--json', '--limit', '100']);
      const local = lectern(['search', query, '--corpus', seedCorpusPath, '--json', '--limit', '100']);
      assert.equal(remote.code, 0, remote.stderr);
      const mine = JSON.parse(local.stdout) as SearchJson;
      const theirs = JSON.parse(remote.stdout) as SearchJson;
      assert.deepEqual(Object.keys(theirs), Object.keys(mine));
      assert.deepEqual(Object.keys(theirs.results[0]), Object.keys(mine.results[0]));
      assert.equal(theirs.total, mine.total, query);
      const byId = new Map(mine.results.map((hit) => [hit.id, hit]));
      for (const hit of theirs.results) {
        const same = byId.get(hit.id);
        assert.ok(same, `${query}: ${hit.id} is not a local result`);
        assert.deepEqual(
          [hit.title, hit.topics, hit.matches, [...hit.terms].sort()],
          [same.title, same.topics, same.matches, [...same.terms].sort()],
        );
      }
    }
    // Without --json, the count line reads as the local search's ("12 papers match "attention", showing 1").
    const countLine = (args: string[]) => lectern([...args, '--limit', '1']).stdout.split('\n')[0];
    const local = countLine(['search', 'attention', '--corpus', seedCorpusPath]);
    assert.match(local, /^\d+ papers match "attention", showing 1$/);
    assert.equal(countLine(['search', 'attention', '--database', url]), local);
  });

  test('show, related, topics and list read the shared library', () => {
    const show = lectern(['show', 'neuroformer', '--database', url, '--json']);
    const byCiteKey = lectern(['search', 'neuroformer', '--database', url, '--json']);
    const id = (JSON.parse(byCiteKey.stdout) as SearchJson).results[0].id;
    const paper = JSON.parse(lectern(['show', id, '--database', url, '--json']).stdout) as { id: string; title: string };
    assert.match(paper.title, /Neuroformer/);
    assert.equal(show.code, 1, 'an unknown id exits 1');
    assert.match(show.stderr, /^Lectern: no paper has the id or citekey "neuroformer" in the shared library/);
    const related = JSON.parse(lectern(['related', id, '--database', url, '--json', '--limit', '3']).stdout) as {
      id: string;
      related: Array<{ id: string; sharedTerms: string[] }>;
    };
    assert.equal(related.id, id);
    assert.equal(related.related.length, 3);
    const topics = JSON.parse(lectern(['topics', '--database', url, '--json']).stdout) as {
      topics: Array<{ name: string; count: number }>;
    };
    assert.ok(topics.topics.length > 5 && topics.topics[0].count >= topics.topics.at(-1)!.count);
    const list = lectern(['list', '--database', url, '--limit', '5']);
    assert.equal(list.stdout.trim().split('\n').length, 5);
    assert.match(list.stderr, /showing 5 of 77 papers/);
  });

  /** Changes the recorded schema version, checks each command is refused with `message` (exit 1), then restores it. */
  async function refusedWithSchema(change: { edit: string; restore: string }, commands: string[][], message: RegExp): Promise<void> {
    const admin = new pg.Client(url);
    await admin.connect();
    try {
      await admin.query(change.edit);
      for (const args of commands) {
        const result = lectern(args);
        assert.equal(result.code, 1, args.join(' '));
        assert.match(result.stderr, message);
      }
    } finally {
      await admin.query(change.restore);
      await admin.end();
    }
  }

  test('a schema older than this Lectern is refused with what to do: run db init', async () => {
    await refusedWithSchema(
      {
        edit: `DELETE FROM lectern_schema WHERE version = ${SCHEMA_VERSION}`,
        restore: `INSERT INTO lectern_schema (version) VALUES (${SCHEMA_VERSION}) ON CONFLICT DO NOTHING`,
      },
      [
        ['search', 'attention', '--database', url],
        ['db', 'import', seedCorpusPath, '--database', url],
      ],
      new RegExp(
        `^Lectern: the database's library schema is version ${SCHEMA_VERSION - 1}, older than this Lectern reads \\(${SCHEMA_VERSION}\\)\\. Run "lectern db init`,
      ),
    );
    assert.equal(lectern(['search', 'attention', '--database', url]).code, 0);
  });

  test('a schema newer than this Lectern is refused with what to do, and nothing is changed', async () => {
    await refusedWithSchema(
      { edit: 'INSERT INTO lectern_schema (version) VALUES (99)', restore: 'DELETE FROM lectern_schema WHERE version = 99' },
      [
        ['db', 'init', '--database', url],
        ['search', 'attention', '--database', url],
        ['db', 'import', seedCorpusPath, '--database', url],
      ],
      new RegExp(
        `^Lectern: the database's library schema is version 99, newer than this Lectern understands \\(up to ${SCHEMA_VERSION}\\)\\. Update Lectern`,
      ),
    );
  });

  test('a database without the schema, a wrong password, a missing database and a server that is down give messages without credentials', async () => {
    const admin = new pg.Client(url);
    await admin.connect();
    await admin.query('CREATE DATABASE empty');
    await admin.query("CREATE ROLE carol LOGIN PASSWORD 'right-password' IN ROLE password_required, lectern_reader");
    await admin.end();
    const empty = lectern(['search', 'attention', '--database', cluster.url({ database: 'empty' })]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /^Lectern: this database holds no Lectern library yet\. Run "lectern db init --database URL" first\./);
    const down = lectern(['search', 'attention', '--database', 'postgresql://dave:s3cret-pw@127.0.0.1:1/lectern?sslmode=disable']);
    assert.equal(down.code, 1);
    assert.match(down.stderr, /^Lectern: cannot reach dave@127\.0\.0\.1:1\/lectern \(ECONNREFUSED\)\. Check that the server is running/);
    assert.ok(!down.stderr.includes('s3cret-pw') && !down.stdout.includes('s3cret-pw'));
    const carol = (password: string) => `postgresql://carol:${password}@127.0.0.1:${cluster.port}/lectern`;
    assert.equal(lectern(['search', 'attention', '--database', carol('right-password')]).code, 0);
    const wrong = lectern(['search', 'attention', '--database', carol('wrong-password')]);
    assert.equal(wrong.code, 1);
    assert.match(
      wrong.stderr,
      /^Lectern: the server refused the credentials for carol@127\.0\.0\.1:\d+\/lectern\. Check the user name and the password/,
    );
    assert.ok(!wrong.stderr.includes('wrong-password'));
    const fromEnvironment = lectern(['search', 'attention', '--database', `postgresql://carol@127.0.0.1:${cluster.port}/lectern`], {
      PGPASSWORD: 'right-password',
    });
    assert.equal(fromEnvironment.code, 0, fromEnvironment.stderr);
    const missing = lectern(['search', 'x', '--database', cluster.url({ database: 'nope' })]);
    assert.match(missing.stderr, /^Lectern: the database of postgres@127\.0\.0\.1:\d+\/nope does not exist/);
  });

  test('db needs --database and an action; --database with a command that reads only files is a usage error', () => {
    assert.equal(lectern(['db', 'init']).code, 2);
    assert.match(lectern(['db', 'init']).stderr, /needs --database URL/);
    assert.match(lectern(['db', 'frobnicate', '--database', url]).stderr, /unknown db action "frobnicate"/);
    assert.match(lectern(['db', 'import', '--database', url]).stderr, /db import needs FILE/);
    const cite = lectern(['cite', 'x', '--database', url]);
    assert.equal(cite.code, 2);
    assert.match(cite.stderr, /^Lectern: --database works with search, list, topics, related, show and db, not cite\./);
  });
});
