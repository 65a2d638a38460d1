import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { importGraph, sourceFiles } from '../support/import-graph';
import { repoRoot } from '../support/shared-corpora';

/** Every cycle, each once, as the files around it (first file repeated at the end). Tarjan's strongly connected components. */
function findCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfLoop = (graph.get(node) ?? []).includes(node);
    if (component.length > 1 || selfLoop) cycles.push(pathThrough(graph, new Set(component), node));
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** One concrete loop inside a strongly connected component, starting and ending at `start`. */
function pathThrough(graph: Map<string, string[]>, component: Set<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

test('no import cycles in src/ and webview/ (a cycle makes load order matter and modules impossible to read alone)', () => {
  const files = [join(repoRoot, 'src'), join(repoRoot, 'webview')].flatMap((dir) => sourceFiles(dir));
  assert.ok(files.length > 50, 'the source tree was found');
  const cycles = findCycles(importGraph(files)).map((cycle) => cycle.map((file) => relative(repoRoot, file)).join(' → '));
  assert.deepEqual(cycles, [], `import cycles:\n${cycles.join('\n')}`);
});

test('the cycle finder reports a two-file cycle, a longer one and a self-import, and nothing for a tree', () => {
  const graph = new Map<string, string[]>([
    ['a', ['b']],
    ['b', ['a', 'c']],
    ['c', ['d']],
    ['d', ['e']],
    ['e', ['c']],
    ['f', ['f']],
    ['g', ['a', 'c']],
  ]);
  const cycles = findCycles(graph).map((cycle) => cycle.join(' → '));
  assert.deepEqual(cycles.sort(), ['a → b → a', 'c → d → e → c', 'f → f'].sort());
  assert.deepEqual(
    findCycles(
      new Map([
        ['x', ['y', 'z']],
        ['y', ['z']],
        ['z', []],
      ]),
    ),
    [],
  );
});
