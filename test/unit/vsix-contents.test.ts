import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/shared-corpora';

// What `vsce package` would put into lectern.vsix, as `vsce ls` lists it (offline, reads .vscodeignore).
function packagedFiles(): string[] {
  const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
  const output = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

test('the .vsix carries the bundles, the sample corpus and the README, and no source map, source or test file', () => {
  assert.ok(existsSync(join(repoRoot, 'dist', 'extension.cjs')), 'Lectern: run `npm run build` before the unit tests');
  const files = packagedFiles();
  const citationStyle = ['media/csl/apa.csl', 'media/csl/locales-en-US.xml', 'media/csl/ATTRIBUTION.md'];
  for (const needed of [
    'package.json',
    'dist/extension.cjs',
    'dist/webview/reader.js',
    'dist/web/extension.js',
    'dist/web/corpus-worker.js',
    'corpus/daily-papers.txt',
    'schemas/topics.schema.json',
    'l10n/bundle.l10n.json',
    'README.md',
    ...citationStyle,
  ]) {
    assert.ok(files.includes(needed), `${needed} missing from the package: ${files.join(', ')}`);
  }
  assert.deepEqual(
    files.filter((file) => file.endsWith('.map')),
    [],
    'source maps stay out of the .vsix (README: "kept out of the package")',
  );
  assert.deepEqual(
    files.filter((file) => /^(src|test|webview|scripts|bench|\.e2e|node_modules)\//.test(file)),
    [],
  );
});
