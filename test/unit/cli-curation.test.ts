import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/shared-corpora';

const cli = join(repoRoot, 'dist', 'cli.cjs');
const cacheDir = mkdtempSync(join(tmpdir(), 'lectern-cli-cache-'));

interface Topics {
  topics: Array<{ name: string; count: number; papers: string[]; origin: string }>;
}
interface Listing {
  papers: Array<{ id: string; topics: string[] }>;
  diagnostics: Array<{ file: string; line: number; severity: string; message: string }>;
}

/** The bundled CLI as a user runs it, with a cache of its own (which must notice the topics file changing). */
function lectern<T>(...args: string[]): T {
  const result = spawnSync(process.execPath, [cli, ...args, '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', LECTERN_CACHE_DIR: cacheDir },
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as T;
}

test("lectern topics and list honour the curation in a folder's .lectern/topics.json, as the tree does", () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cli-curation-'));
  copyFileSync(join(repoRoot, 'corpus', 'daily-papers.txt'), join(dir, 'daily-papers.txt'));
  const before = lectern<Topics>('topics', '--corpus', dir).topics;
  const [first, second] = before.filter((t) => t.origin !== 'other');
  mkdirSync(join(dir, '.lectern'));
  const file = join(dir, '.lectern', 'topics.json');
  writeFileSync(
    file,
    [
      '// my changes',
      '{',
      '  "curation": [',
      `    { "rename": ${JSON.stringify(first.name)}, "to": "Renamed By Me" },`,
      `    { "hide": ${JSON.stringify(second.name)} },`,
      '    { "pin": "not-a-paper", "to": "Renamed By Me" },',
      '  ],',
      '}',
    ].join('\n'),
  );
  const after = lectern<Topics>('topics', '--corpus', dir).topics;
  const renamed = after.find((t) => t.name === 'Renamed By Me');
  assert.deepEqual(renamed?.papers, first.papers);
  assert.equal(renamed?.origin, first.origin);
  assert.ok(!after.some((t) => t.name === first.name || t.name === second.name));
  const listing = lectern<Listing>('list', '--corpus', dir);
  for (const id of first.papers) assert.ok(listing.papers.find((p) => p.id === id)?.topics.includes('Renamed By Me'));
  const unknown = listing.diagnostics.find((d) => d.file === file);
  assert.equal(unknown?.line, 6);
  assert.match(unknown?.message ?? '', /no paper has the id or citekey "not-a-paper"/);
});
