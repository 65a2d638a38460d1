import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/shared-corpora';

// package.json as VS Code and the Marketplace read it: capabilities, the walkthrough, settings,
// translatable strings (package.nls.json) and the metadata `vsce package` wants.

interface Setting {
  type?: string | string[];
  scope?: string;
  minimum?: number;
  enum?: unknown[];
  description?: string;
  markdownDescription?: string;
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
}

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { image?: Record<string, string> | string; altText?: string; markdown?: string };
  completionEvents?: string[];
}

interface Manifest {
  publisher: string;
  icon?: string;
  repository?: { url: string };
  homepage?: string;
  bugs?: { url: string };
  categories: string[];
  engines: { vscode: string };
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: {
    commands: { command: string; title: string }[];
    views: Record<string, { id: string; name: string; icon?: string }[]>;
    walkthroughs?: { id: string; title: string; steps: WalkthroughStep[] }[];
    configuration: { properties: Record<string, Setting> };
  };
}

const manifestText = readFileSync(join(repoRoot, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
const settings = manifest.contributes.configuration.properties;
const contributedCommands = new Set(manifest.contributes.commands.map((c) => c.command));
/** A `%key%` placeholder replaced by its package.nls.json text, as VS Code shows it. */
const shown = (value: string) => value.replace(/^%([^%]+)%$/, (_, key: string) => nls[key] ?? value);

test('every %key% of package.json is in package.nls.json, and every key there is used', () => {
  const used = new Set([...manifestText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]));
  const missing = [...used].filter((key) => !(key in nls));
  assert.deepEqual(missing, [], 'keys package.json uses that package.nls.json lacks');
  assert.deepEqual(
    Object.keys(nls).filter((key) => !used.has(key)),
    [],
    'keys of package.nls.json nothing uses',
  );
  for (const [key, text] of Object.entries(nls)) assert.ok(text.trim(), `${key} is empty`);
});

test('command titles, view names, setting descriptions and the walkthrough go through package.nls.json', () => {
  const placeholder = /^%[\w.-]+%$/;
  for (const command of manifest.contributes.commands) assert.match(command.title, placeholder, command.command);
  for (const view of Object.values(manifest.contributes.views).flat()) assert.match(view.name, placeholder, view.id);
  for (const [key, setting] of Object.entries(settings)) assert.match(setting.markdownDescription ?? '', placeholder, key);
  for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
    assert.match(walkthrough.title, placeholder);
    for (const step of walkthrough.steps) {
      for (const text of [step.title, step.description, step.media.altText ?? '']) assert.match(text, placeholder, step.id);
    }
  }
});

test('Restricted Mode is supported in part, with a description and settings that exist; virtual workspaces are declared', () => {
  const trust = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.match(shown(trust?.description ?? ''), /Restricted Mode.*trust/s);
  assert.ok(trust?.restrictedConfigurations?.length, 'no restrictedConfigurations');
  for (const key of trust.restrictedConfigurations) assert.ok(key in settings, `${key} is not a Lectern setting`);
  const virtual = manifest.capabilities?.virtualWorkspaces;
  assert.ok(virtual !== undefined, 'virtualWorkspaces is not declared');
  if (typeof virtual === 'object' && virtual.supported !== true) assert.ok(shown(virtual.description ?? '').length > 20, 'say why');
});

test('the Get Started walkthrough: add a library, search, read, take a note, cite; each step runs a Lectern command and shows a picture', () => {
  const walkthrough = manifest.contributes.walkthroughs?.find((w) => w.id === 'getStarted');
  assert.ok(walkthrough, 'no getStarted walkthrough');
  assert.deepEqual(
    walkthrough.steps.map((s) => s.id),
    ['addLibrary', 'search', 'read', 'takeNote', 'cite'],
  );
  for (const step of walkthrough.steps) {
    const description = shown(step.description);
    const linked = [...description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.ok(linked.length > 0, `${step.id}: no command button`);
    for (const command of linked) assert.ok(contributedCommands.has(command), `${step.id}: ${command} is not a contributed command`);
    for (const event of step.completionEvents ?? []) {
      const command = /^onCommand:(.+)$/.exec(event)?.[1];
      if (command) assert.ok(contributedCommands.has(command), `${step.id}: completion event ${event} names no command`);
    }
    const images = typeof step.media.image === 'string' ? [step.media.image] : Object.values(step.media.image ?? {});
    assert.ok(images.length > 0, `${step.id}: no picture`);
    for (const image of images) assert.ok(existsSync(join(repoRoot, image)), `${step.id}: ${image} does not exist`);
    assert.ok(shown(step.media.altText ?? '').length > 10, `${step.id}: no alt text`);
  }
  assert.match(shown(walkthrough.steps[0].description), /BibTeX.*CSL.*arXiv/s);
});

test('settings have a scope, whole numbers are integers with a minimum, and every enum value is described', () => {
  const perFolder = ['lectern.corpus', 'lectern.notes.folder', 'lectern.citation.style', 'lectern.citation.locale'];
  for (const key of perFolder) assert.equal(settings[key]?.scope, 'resource', `${key} is read per workspace folder`);
  for (const [key, setting] of Object.entries(settings)) {
    assert.ok(
      ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'].includes(setting.scope ?? ''),
      `${key}: scope ${setting.scope}`,
    );
    assert.notEqual(setting.type, 'number', `${key}: a count or a duration is a whole number ("integer")`);
    if (setting.type === 'integer') assert.equal(typeof setting.minimum, 'number', `${key}: no minimum`);
    assert.ok(setting.markdownDescription && !setting.description, `${key}: markdownDescription only`);
    if (setting.enum) {
      const described = setting.enumDescriptions ?? setting.markdownEnumDescriptions;
      assert.equal(described?.length, setting.enum.length, `${key}: each enum value needs a description`);
    }
  }
});

test('views have their own icons, and the package has what vsce and the Marketplace want', () => {
  const icons = Object.values(manifest.contributes.views)
    .flat()
    .map((view) => view.icon);
  assert.equal(new Set(icons).size, icons.length, 'each view has its own icon');
  for (const icon of icons) assert.ok(icon && existsSync(join(repoRoot, icon)), `${icon} does not exist`);
  assert.ok(manifest.icon?.endsWith('.png') && existsSync(join(repoRoot, manifest.icon)), 'the extension icon must be a PNG');
  assert.match(manifest.repository?.url ?? '', /^https:\/\//);
  assert.match(manifest.homepage ?? '', /^https:\/\//);
  assert.match(manifest.bugs?.url ?? '', /^https:\/\//);
  assert.notEqual(manifest.publisher, 'lectern', 'the publisher is a name, not the extension name again');
  assert.ok(!manifest.categories.includes('Notebooks'), 'Lectern is not a notebook');
  assert.doesNotMatch(manifest.scripts.package ?? '', /--allow-missing-repository|--no-rewrite-relative-links/);
});

test('@types/vscode is pinned to the oldest VS Code engines.vscode allows', () => {
  const minimum = /^\^?(\d+\.\d+\.\d+)$/.exec(manifest.engines.vscode)?.[1];
  assert.ok(minimum, `engines.vscode ${manifest.engines.vscode}`);
  assert.equal(manifest.devDependencies['@types/vscode'], minimum);
});
