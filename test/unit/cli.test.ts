import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/shared-corpora';

const cli = join(repoRoot, 'dist', 'cli.cjs');

/** Runs the bundled CLI as a user would (`npx lectern …`). */
function lectern(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  // The CLI is tested as shipped: the esbuild bundle, rebuilt so it matches the sources.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--only-cli'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
});

test('search --json finds the attention-sink paper first, with match ranges on its title', () => {
  const { code, stdout } = lectern('search', 'attention sink', '--json');
  assert.equal(code, 0);
  const response = JSON.parse(stdout);
  assert.equal(response.query, 'attention sink');
  assert.ok(response.total >= 1);
  const first = response.results[0];
  assert.equal(first.title, 'See What You Are Told: Visual Attention Sink in Large Multimodal Models');
  assert.equal(first.id, 'see-what-you-are-told-visual-attention-sink-in-large');
  assert.ok(Array.isArray(first.topics) && first.topics.length >= 1);
  const [start, end] = first.matches.title.find(([s]: [number, number]) => first.title.slice(s).startsWith('Sink'));
  assert.equal(first.title.slice(start, end), 'Sink');
  assert.equal(typeof first.score, 'number');
});

test('human search output marks the matched terms', () => {
  const { code, stdout } = lectern('search', 'attention sink', '--limit', '3');
  assert.equal(code, 0);
  assert.match(stdout, /1\. See What You Are Told: Visual \[Attention\] \[Sink\] in Large Multimodal Models/);
});

test('list --json has the 76 seed papers with ids, topics, authors and year', () => {
  const { stdout } = lectern('list', '--json');
  const { papers, diagnostics } = JSON.parse(stdout);
  assert.equal(papers.length, 76);
  assert.deepEqual(Object.keys(papers[0]).sort(), ['authors', 'id', 'title', 'topics', 'year']);
  assert.deepEqual(diagnostics, []);
});

test('topics --json lists named topics whose counts match their paper lists', () => {
  const { topics } = JSON.parse(lectern('topics', '--json').stdout);
  assert.ok(topics.length >= 6 && topics.length <= 14, `${topics.length} topics`);
  for (const topic of topics) assert.equal(topic.count, topic.papers.length);
  const human = lectern('topics').stdout;
  assert.match(human, new RegExp(topics[0].name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});

test('related, show and cite work on a seed id; an unknown id exits 1 with a hint', () => {
  const id = 'agla-mitigating-object-hallucinations-in-large-vision';
  const related = JSON.parse(lectern('related', id, '--limit', '5', '--json').stdout);
  assert.equal(related.id, id);
  assert.equal(related.related.length, 5);
  assert.ok(related.related.every((r: { sharedTerms: string[] }) => r.sharedTerms.length > 0));
  assert.equal(JSON.parse(lectern('show', id, '--json').stdout).id, id);
  assert.match(lectern('cite', id, '--format', 'markdown').stdout, /^\[AGLA: Mitigating Object Hallucinations/);
  assert.match(lectern('cite', id, '--format', 'bibtex').stdout, /^@\w+\{/);
  const missing = lectern('show', 'no-such-paper');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^Lectern: no paper has the id "no-such-paper"/);
});

test('import reads a file with diagnostics (exit 0) and refuses an unreadable one (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  const bib = join(dir, 'refs.bib');
  writeFileSync(bib, '@article{good2020,\n  title = {A Good Paper},\n  year = {2020}\n}\n\n@article{notitle,\n  year = {2021}\n}\n');
  const ok = lectern('import', bib, '--json');
  assert.equal(ok.code, 0);
  const result = JSON.parse(ok.stdout);
  assert.deepEqual(
    result.papers.map((p: { title: string }) => p.title),
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
  const { papers } = JSON.parse(lectern('list', '--json', '--corpus', dir).stdout);
  assert.deepEqual(
    papers.map((p: { title: string }) => p.title),
    ['Only Paper'],
  );
  const bad = lectern('search', 'x', '--limit', 'many');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--limit takes a whole number/);
  assert.equal(lectern('frobnicate').code, 2);
});
