import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { importGraph, sourceFiles } from '../support/import-graph';
import { repoRoot } from '../support/shared-corpora';

/** The VS Code layer's decisions, kept apart from the API so the unit suite tests them without code-server. */
const PURE = [
  'src/vscode/features/shared/paper-id-from.ts',
  'src/vscode/features/shared/paper-pick-items.ts',
  'src/vscode/features/shared/markdown-text.ts',
  'src/vscode/features/tree/paper-tree-items.ts',
  'src/vscode/features/tree/tree-item-model.ts',
  'src/vscode/features/notes/note-decisions.ts',
  'src/vscode/features/notes/note-tree-items.ts',
];

test('the VS Code layer’s item and decision modules never reach vscode, directly or through what they import', () => {
  const graph = importGraph(['src', 'webview'].flatMap((dir) => sourceFiles(join(repoRoot, dir))));
  for (const file of PURE) {
    const start = join(repoRoot, file);
    assert.ok(graph.has(start), `${file} exists`);
    const seen = new Map<string, string>([[start, '']]);
    const queue = [start];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const next of graph.get(current) ?? []) {
        if (seen.has(next)) continue;
        seen.set(next, current);
        queue.push(next);
      }
    }
    if (seen.has('vscode')) {
      const chain: string[] = [];
      for (let at = 'vscode'; at; at = seen.get(at)!) chain.unshift(at.startsWith('/') ? relative(repoRoot, at) : at);
      assert.fail(`${file} reaches vscode: ${chain.join(' → ')}`);
    }
  }
});
