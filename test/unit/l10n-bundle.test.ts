import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
// @ts-expect-error -- a plain .mjs script without type declarations; its exports are used as documented there.
import * as script from '../../scripts/l10n-bundle.mjs';
import { repoRoot } from '../support/shared-corpora';

// Lectern's user-facing strings go through l10n.t (vscode.l10n.t in src/vscode; @vscode/l10n's in core and the
// CLI), whose English bundle (l10n/bundle.l10n.json, package.json "l10n") is what translators start from. A message
// added or changed without `node scripts/l10n-bundle.mjs` would be missing from every translation.

const { bundlePath, bundleText, l10nMessages, untranslatedMessages } = script as {
  bundlePath: string;
  bundleText: (messages: string[]) => string;
  l10nMessages: () => { messages: string[]; notLiteral: string[] };
  untranslatedMessages: () => string[];
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

test("core's and the CLI's messages are in the bundle, and none of their `Lectern:` messages bypasses l10n.t", () => {
  assert.deepEqual(untranslatedMessages(), [], "write these as l10n.t('Lectern: … {0} …', value)");
  for (const message of [
    'Lectern: {0} (line {1}) has no title; it was skipped. Add a `title` field so it can be listed.',
    'Lectern: {0} is empty; add papers to it ({1}) or remove it from the corpus.',
    'Lectern: search needs a query, e.g. lectern search "attention sink".',
    '{0} papers',
  ])
    assert.ok(found.messages.includes(message), message);
});

test('every placeholder reaches the text (a literal `{` before one would hide it from @vscode/l10n)', () => {
  for (const message of found.messages) {
    const count = new Set([...message.matchAll(/\{(\d+)\}/g)].map((match) => match[1])).size;
    const args = Array.from({ length: count }, (_, i) => `<arg ${i}>`);
    const shown = l10n.t(message, ...args);
    for (const arg of args) assert.ok(shown.includes(arg), `${arg} is lost in "${message}"`);
  }
});

test('placeholders are numbered from {0} without gaps (each argument is shown)', () => {
  for (const message of found.messages) {
    const used = [...message.matchAll(/\{(\d+)\}/g)].map((match) => Number(match[1]));
    const highest = used.length === 0 ? -1 : Math.max(...used);
    for (let n = 0; n <= highest; n++) assert.ok(used.includes(n), `{${n}} is missing in "${message}"`);
  }
});
