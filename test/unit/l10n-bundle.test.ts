import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error -- a plain .mjs script without type declarations; its exports are used as documented there.
import * as script from '../../scripts/l10n-bundle.mjs';
import { repoRoot } from '../support/shared-corpora';

// Lectern's user-facing strings in src/vscode go through vscode.l10n.t, whose English bundle
// (l10n/bundle.l10n.json, package.json "l10n") is what translators start from. A message added or
// changed without `node scripts/l10n-bundle.mjs` would be missing from every translation.

const { bundlePath, bundleText, l10nMessages } = script as {
  bundlePath: string;
  bundleText: (messages: string[]) => string;
  l10nMessages: () => { messages: string[]; notLiteral: string[] };
};
const found = l10nMessages();
const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as Record<string, string>;

test('package.json names the l10n folder', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { l10n?: string };
  assert.equal(manifest.l10n, './l10n');
});

test('every l10n.t message is a string literal (a computed one cannot be translated)', () => {
  assert.deepEqual(found.notLiteral, []);
});

test('every l10n.t message of src/ is in l10n/bundle.l10n.json, and the bundle holds no stale message', () => {
  assert.ok(found.messages.length > 50, `the user-facing messages are localizable (found ${found.messages.length})`);
  const missing = found.messages.filter((message) => !(message in bundle));
  const stale = Object.keys(bundle).filter((message) => !found.messages.includes(message));
  assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'run `node scripts/l10n-bundle.mjs`');
  for (const [key, value] of Object.entries(bundle)) assert.equal(value, key, 'the English bundle maps each message to itself');
  assert.equal(readFileSync(bundlePath, 'utf8'), bundleText(found.messages), 'the bundle is as the script writes it');
});

test('placeholders are numbered from {0} without gaps (each argument is shown)', () => {
  for (const message of found.messages) {
    const used = [...message.matchAll(/\{(\d+)\}/g)].map((match) => Number(match[1]));
    const highest = used.length === 0 ? -1 : Math.max(...used);
    for (let n = 0; n <= highest; n++) assert.ok(used.includes(n), `{${n}} is missing in "${message}"`);
  }
});
