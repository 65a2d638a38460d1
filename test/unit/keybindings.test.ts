import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/shared-corpora';

// Lectern's default key bindings against VS Code's default keymap on Linux, Windows and macOS and the
// defaults of LaTeX Workshop, Foam, Markdown All in One and GitLens (test/fixtures/keybindings/README.md).

type Platform = 'linux' | 'windows' | 'macos';
const PLATFORMS: Platform[] = ['linux', 'windows', 'macos'];

interface ManifestBinding {
  command: string;
  key: string;
  mac?: string;
  win?: string;
  linux?: string;
  when?: string;
}

interface ExtensionDefaults {
  extension: string;
  bindings: Omit<ManifestBinding, 'when'>[];
}

const fixtures = join(repoRoot, 'test', 'fixtures', 'keybindings');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { keybindings: ManifestBinding[]; commands: { command: string }[] };
};

/** The key a binding has on `platform`, as VS Code picks it (`mac`/`win`/`linux` over `key`). */
function keyOn(binding: Omit<ManifestBinding, 'when'>, platform: Platform): string {
  const own = { linux: binding.linux, windows: binding.win, macos: binding.mac }[platform];
  return own ?? binding.key;
}

/** One comparable form per chord part: modifiers sorted (`meta`/`win` are `cmd`), key last, lower case. */
function chordParts(key: string): string[] {
  return key
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((part) => {
      const pieces = part.split('+');
      const last = pieces.pop()!;
      const modifiers = pieces.map((m) => (m === 'meta' || m === 'win' ? 'cmd' : m)).sort();
      return [...modifiers, last].join('+');
    });
}

interface Taken {
  key: string;
  command: string;
  source: string;
}

function takenOn(platform: Platform): Taken[] {
  const vscodeDefaults = JSON.parse(readFileSync(join(fixtures, `vscode-${platform}.json`), 'utf8')) as { key: string; command: string }[];
  const extensions = JSON.parse(readFileSync(join(fixtures, 'extensions.json'), 'utf8')) as ExtensionDefaults[];
  return [
    ...vscodeDefaults.map((b) => ({ key: b.key, command: b.command, source: `VS Code (${platform})` })),
    ...extensions.flatMap((e) => e.bindings.map((b) => ({ key: keyOn(b, platform), command: b.command, source: e.extension }))),
  ];
}

/**
 * Why `key` cannot be a default on `platform`, or nothing: the same keys, a chord that starts with
 * one of ours or that ours starts with (either would swallow the other), or a Ctrl+Alt chord on
 * Windows/Linux (AltGr, which types letters on many layouts).
 */
function clashes(key: string, platform: Platform, taken: Taken[]): string[] {
  const ours = chordParts(key);
  const found: string[] = [];
  if (platform !== 'macos' && ours.some((part) => /(^|\+)alt\+/.test(part) && /(^|\+)ctrl\+/.test(part))) {
    found.push(`${key}: Ctrl+Alt is AltGr on ${platform}`);
  }
  for (const other of taken) {
    const theirs = chordParts(other.key);
    const shorter = Math.min(ours.length, theirs.length);
    if (ours.slice(0, shorter).join(' ') === theirs.slice(0, shorter).join(' ')) {
      found.push(`${key} on ${platform} clashes with ${other.key} (${other.command}, ${other.source})`);
    }
  }
  return found;
}

test('the keymap fixtures hold the three platforms and the four extensions', () => {
  const counts = PLATFORMS.map((p) => takenOn(p).length);
  for (const count of counts) assert.ok(count > 900, `a fixture looks truncated: ${counts.join(', ')}`);
  const extensions = JSON.parse(readFileSync(join(fixtures, 'extensions.json'), 'utf8')) as ExtensionDefaults[];
  assert.deepEqual(
    extensions.map((e) => e.extension),
    ['James-Yu.latex-workshop', 'foam.foam-vscode', 'yzhang.markdown-all-in-one', 'eamodio.gitlens'],
  );
});

test("Lectern's default key bindings clash with nothing in VS Code's keymap or the extensions, on any platform", () => {
  const found: string[] = [];
  for (const platform of PLATFORMS) {
    const taken = takenOn(platform);
    for (const binding of manifest.contributes.keybindings) found.push(...clashes(keyOn(binding, platform), platform, taken));
  }
  assert.deepEqual(found, []);
});

test('every default key binding has a when clause and names a contributed command', () => {
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const binding of manifest.contributes.keybindings) {
    assert.ok(binding.when?.trim(), `${binding.command} (${binding.key}) has no when clause: it would be global`);
    assert.ok(commands.has(binding.command), `${binding.command} is bound to a key but not contributed`);
  }
});

test('the check catches the clashes issue 13 reported (the old bindings)', () => {
  const old = { key: 'ctrl+alt+c', mac: 'cmd+alt+c', command: 'lectern.insertCitation' };
  const mac = clashes(keyOn(old, 'macos'), 'macos', takenOn('macos')).join('\n');
  assert.match(mac, /toggleFindCaseSensitive/);
  const windows = clashes(keyOn(old, 'windows'), 'windows', takenOn('windows')).join('\n');
  assert.match(windows, /AltGr/);
  assert.match(clashes('cmd+alt+p', 'macos', takenOn('macos')).join('\n'), /togglePreserveCase/);
  // A chord prefix that an extension uses (LaTeX Workshop's Ctrl+L Alt+… chords) clashes too.
  assert.match(clashes('ctrl+l x', 'linux', takenOn('linux')).join('\n'), /latex-workshop|expandLineSelection/);
});
