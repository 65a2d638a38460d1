import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../support/shared-corpora';

function sourceFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

const importsVscode = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)|import\s+['"]vscode['"])/;

test('nothing under src/core imports vscode (the core runs in the CLI, tests and benchmarks)', () => {
  const files = sourceFiles(join(repoRoot, 'src', 'core'));
  assert.ok(files.length > 10, 'the core has source files');
  const offenders = files.filter((file) => importsVscode.test(readFileSync(file, 'utf8'))).map((f) => relative(repoRoot, f));
  assert.deepEqual(offenders, []);
});

test('the layering check itself recognises every way of importing vscode', () => {
  for (const line of [
    "import * as vscode from 'vscode';",
    'import { window } from "vscode"',
    "const v = require('vscode')",
    "await import('vscode')",
    "import 'vscode';",
  ]) {
    assert.ok(importsVscode.test(line), line);
  }
  assert.ok(!importsVscode.test("import { x } from './vscode-free';"));
});

test('the CLI, the shared protocol and the webview do not import vscode either', () => {
  const files = ['src/cli', 'src/shared', 'webview'].flatMap((dir) => sourceFiles(join(repoRoot, dir)));
  const offenders = files.filter((file) => importsVscode.test(readFileSync(file, 'utf8'))).map((f) => relative(repoRoot, f));
  assert.deepEqual(offenders, []);
});
