import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { lectern, workspaceFolder } from './lectern-api';

interface CliList {
  papers: Array<{ id: string; topics: string[] }>;
}
interface CliTopics {
  topics: Array<{ name: string; papers: string[] }>;
}
interface CliSearch {
  results: Array<{ id: string }>;
}

const QUERIES = ['attention sink', 'spiking neural networks', 'halucination', 'legged robot', 'ocean carbon', '"reinforcement learning"'];

describe('One library pipeline', () => {
  it('the extension and the CLI build the same library from the same workspace files', async function () {
    this.timeout(300_000);
    const root = vscode.extensions.getExtension('lectern-research.lectern')!.extensionPath;
    const shared = process.env.LECTERN_SHARED_CORPORA ?? join(root, '..', 'shared', 'corpora');
    if (!existsSync(shared)) this.skip(); // the shared corpora are not part of the repository
    // Copied into this run's temporary workspace, never into the repository.
    const copy = join(workspaceFolder().fsPath, 'papers', 'shared-corpora');
    cpSync(shared, copy, { recursive: true });
    const cacheDir = mkdtempSync(join(tmpdir(), 'lectern-e2e-cli-'));
    const { library } = await lectern();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the watchers' events for the copy pass
      const loaded = await library.reload();
      const sample = join(root, 'corpus');
      const files = loaded.corpus.files.map((file) => file.path).filter((path) => !path.startsWith(sample));
      assert.ok(files.some((path) => path.startsWith(copy)));
      const taxonomy = join(workspaceFolder().fsPath, '.lectern', 'topics.json');
      // The extension decided (lectern.includeSampleCorpus); --sample asks the CLI for the same.
      const includeSample = loaded.papers.some((paper) => paper.sample);
      const options = [
        ...files.flatMap((path) => ['--corpus', path]),
        ...(includeSample ? ['--sample'] : []),
        ...(existsSync(taxonomy) ? ['--taxonomy', taxonomy] : []),
        '--json',
      ];
      const cli = <T>(...args: string[]): T => {
        const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.cjs'), ...args, ...options], {
          encoding: 'utf8',
          env: { ...process.env, LECTERN_CACHE_DIR: cacheDir },
          maxBuffer: 1 << 28,
        });
        assert.equal(result.status, 0, result.stderr);
        return JSON.parse(result.stdout) as T;
      };
      const listed = cli<CliList>('list');
      assert.deepEqual(
        listed.papers.map((p) => p.id),
        loaded.papers.map((p) => p.id),
      );
      assert.deepEqual(
        listed.papers.map((p) => p.topics),
        loaded.papers.map((p) => p.topics),
      );
      assert.deepEqual(
        cli<CliTopics>('topics').topics.map((t) => [t.name, t.papers]),
        loaded.corpus.topics.map((t) => [t.name, t.paperIds]),
      );
      for (const query of QUERIES) {
        assert.deepEqual(
          cli<CliSearch>('search', query, '--limit', '10').results.map((hit) => hit.id),
          loaded.search.search(query, { limit: 10 }).results.map((hit) => hit.id),
          query,
        );
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
      // As at the start: the watchers' events for the removed copy pass before the reload, not into the next test.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await library.reload();
    }
  });
});
