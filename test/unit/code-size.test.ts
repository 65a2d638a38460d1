import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- a plain .mjs script without type declarations; its exports are used as documented there.
import { measure } from '../../scripts/code-size.mjs';

interface Finding {
  file: string;
  kind: 'file' | 'function';
  lines: number;
  name?: string;
}

const findings = (files?: string[]) => (measure as (files?: string[]) => Finding[])(files);

test('no source file over 500 lines and no function over 80 lines without a "long:" reason (scripts/code-size.mjs)', () => {
  assert.deepEqual(findings(), []);
});

test('the size check finds a long function and a long file, and accepts a long function that says why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-size-'));
  const body = Array.from({ length: 90 }, (_, i) => `  const v${i} = ${i};`).join('\n');
  const long = join(dir, 'long.ts');
  writeFileSync(
    long,
    `export function tooLong(): void {\n${body}\n}\n// long: a table kept in one place\nexport function explained(): void {\n${body}\n}\n`,
  );
  const big = join(dir, 'big.ts');
  writeFileSync(big, Array.from({ length: 520 }, (_, i) => `export const c${i} = ${i};`).join('\n'));
  const found = findings([long, big]);
  assert.deepEqual(
    found.map((f) => [f.kind, f.name ?? '', f.lines]),
    [
      ['function', 'tooLong', 92],
      ['file', '', 520],
    ],
  );
});
