// Lectern for VS Code for the Web (package.json `browser`): the bundle scripts/build.mjs makes must run where the
// extension host is a browser worker. Built from the sources into a folder of its own, it is checked for Node
// built-ins, then run in a plain JavaScript context (node:vm: no require, process, Buffer or setImmediate, only
// what a browser worker offers) against a fake `vscode` whose workspace is virtual: activation, then a library load
// read through `workspace.fs` only; and the corpus worker bundle answers an import, a serve and a search. The
// desktop bundle is held to the same virtual workspace (package.json declares `virtualWorkspaces: limited`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { webcrypto } from 'node:crypto';
import vm from 'node:vm';
import { build } from 'esbuild';
import { importCorpusFile } from '../../src/core/import/import-corpus-file';
import { PaperLibrary } from '../../src/core/library/paper-library';
import { fakeVscode, type FakeVscodeRecord } from '../support/fake-vscode';
import { fromPseudo, pseudoBundle } from '../support/pseudo-locale';
import { repoRoot } from '../support/shared-corpora';

let outdir: string;
let extensionCode: string;
let workerCode: string;

before(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'lectern-web-'));
  const { webBundles } = (await import(pathToFileURL(join(repoRoot, 'scripts', 'web-bundles.mjs')).href)) as {
    webBundles: (production: boolean, outdir: string) => object[];
  };
  await Promise.all(webBundles(true, outdir).map((options) => build({ ...options, logLevel: 'error' })));
  extensionCode = readFileSync(join(outdir, 'extension.js'), 'utf8');
  workerCode = readFileSync(join(outdir, 'corpus-worker.js'), 'utf8');
});

after(() => rmSync(outdir, { recursive: true, force: true }));

/** A context with what a browser worker has and nothing of Node's; `extra` adds `self`, `module`, `require`… */
function browserWorkerContext(extra: Record<string, unknown>): vm.Context {
  // A browser's console: no `Console` class (citation-js builds one over `process.stderr` where there is).
  const context = vm.createContext({
    console: { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    URL,
    URLSearchParams,
    AbortController,
    AbortSignal,
    performance,
    atob,
    btoa,
    structuredClone,
    crypto: webcrypto,
    navigator: { userAgent: 'Lectern web bundle test' },
    ...extra,
  });
  for (const name of ['process', 'Buffer', 'setImmediate', 'require', 'global', '__dirname']) {
    if (!(name in extra)) assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', `${name} leaked into the context`);
  }
  return context;
}

test('the web bundles require no Node built-in: only `vscode` is external', () => {
  for (const [name, code] of [
    ['extension.js', extensionCode],
    ['corpus-worker.js', workerCode],
  ] as const) {
    // Calls of the bundle's own `require` (not `x.require(…)`: lodash, via citation-js, probes `module.require("util")`
    // behind a check that esbuild's module objects never pass, so a browser never runs it).
    const required = [...code.matchAll(/(?<![.\w$])require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    assert.deepEqual(
      required.filter((id) => id !== 'vscode'),
      [],
      `${name} requires more than vscode`,
    );
    const probes = [...code.matchAll(/\.require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    assert.ok(
      probes.every((id) => id === 'util'),
      `${name} probes ${probes.join(', ')}`,
    );
  }
  assert.match(extensionCode, /require\(["']vscode["']\)/, 'the extension bundle keeps `vscode` external');
});

/** What `activate` returns, as far as these tests use it. */
interface ActivatedLectern {
  library: {
    ensureLoaded(): Promise<{ papers: Array<{ title: string }> }>;
    search(query: string, options: { limit: number }): Promise<{ results: Array<{ title: string }> }>;
  };
}

/**
 * A virtual workspace (`vscode-vfs:`, which only VS Code's file system serves) holding test/e2e/workspace, the
 * sample shown beside its papers; `load` evaluates a bundle against the fake `vscode` and returns its `activate`.
 */
function activateInVirtualWorkspace(load: (vscode: Record<string, unknown>) => (context: unknown) => ActivatedLectern): {
  api: ActivatedLectern;
  record: FakeVscodeRecord;
  dispose(): void;
} {
  const record: FakeVscodeRecord = { commands: new Set(), output: [], errors: [], filesRead: [] };
  const vscode = fakeVscode(
    { folder: join(repoRoot, 'test', 'e2e', 'workspace'), scheme: 'vscode-vfs', settings: { 'lectern.includeSampleCorpus': 'always' } },
    record,
  );
  const activate = load(vscode);
  const Uri = vscode.Uri as { parse(text: string): { fsPath: string } };
  const extensionUri = Uri.parse(`vscode-vfs://fake${repoRoot}`);
  const state = new Map<string, unknown>();
  const memento = {
    get: (key: string, fallback?: unknown) => state.get(key) ?? fallback,
    update: (key: string, value: unknown) => Promise.resolve(void state.set(key, value)),
    keys: () => [...state.keys()],
  };
  const subscriptions: Array<{ dispose(): unknown }> = [];
  const api = activate({
    subscriptions,
    extensionUri,
    extensionPath: extensionUri.fsPath,
    workspaceState: memento,
    globalState: { ...memento, setKeysForSync: () => undefined },
    storageUri: undefined,
    globalStorageUri: Uri.parse(`vscode-vfs://fake${outdir}/storage`),
    secrets: {
      get: () => Promise.resolve(undefined),
      store: () => Promise.resolve(undefined),
      delete: () => Promise.resolve(undefined),
      onDidChange: () => ({ dispose() {} }),
    },
  });
  return { api, record, dispose: () => subscriptions.forEach((disposable) => disposable.dispose()) };
}

/** The library loads, from the workspace's corpus file and the bundled sample, every file through `workspace.fs`. */
async function assertLoadsThroughWorkspaceFs({ api, record }: { api: ActivatedLectern; record: FakeVscodeRecord }): Promise<void> {
  const count = (path: string) => importCorpusFile(path, readFileSync(path)).papers.length;
  const library = await api.library.ensureLoaded();
  assert.equal(
    library.papers.length,
    count(join(repoRoot, 'corpus', 'daily-papers.txt')) + count(join(repoRoot, 'test', 'e2e', 'workspace', 'papers', 'e2e-papers.jsonl')),
  );
  for (const file of ['/test/e2e/workspace/papers/e2e-papers.jsonl', '/corpus/daily-papers.txt']) {
    assert.ok(
      record.filesRead.some((uri) => uri === `vscode-vfs://fake${repoRoot}${file}`),
      `${file} not read: ${record.filesRead.join(', ')}`,
    );
  }
  assert.deepEqual(
    record.filesRead.filter((uri) => !uri.startsWith('vscode-vfs://')),
    [],
    'files asked for by file: URIs, which a virtual workspace cannot serve',
  );
  const response = await api.library.search('energy bounds spiking neuromorphic', { limit: 5 });
  assert.equal(response.results[0]?.title, 'Energy Bounds for Spiking Neural Networks on Neuromorphic Chips');
  assert.match((await api.library.search('attention sink', { limit: 5 })).results[0]?.title ?? '', /Visual Attention Sink/);
  assert.deepEqual(record.errors, []);
}

test('in a browser-like context against a virtual workspace, activation registers the commands and the library loads through workspace.fs', async () => {
  const session = activateInVirtualWorkspace((vscode) => {
    const module = { exports: {} as Record<string, unknown> };
    const context = browserWorkerContext({
      module,
      exports: module.exports,
      require: (id: string) => {
        if (id === 'vscode') return vscode;
        throw new Error(`the web bundle required ${id}`);
      },
    });
    vm.runInContext(extensionCode, context, { filename: 'dist/web/extension.js' });
    return module.exports.activate as (context: unknown) => ActivatedLectern;
  });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { commands: Array<{ command: string }> };
  };
  const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !session.record.commands.has(id));
  assert.deepEqual(missing, [], 'contributed commands the web bundle did not register');
  assert.ok(
    session.record.output.some((line) => /^Activated in [\d.]+ ms \(VS Code for the Web\)\.$/.test(line)),
    session.record.output.join('\n'),
  );
  await assertLoadsThroughWorkspaceFs(session);
  session.dispose();
});

test('the desktop bundle in a virtual workspace (Node extension host) reads its files through workspace.fs too', async () => {
  const bundle = join(outdir, 'desktop', 'extension.cjs');
  await build({
    entryPoints: [join(repoRoot, 'src', 'extension.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    define: { 'import.meta.url': 'undefined' },
    outfile: bundle,
    logLevel: 'error',
  });
  const session = activateInVirtualWorkspace((vscode) => {
    const module = { exports: {} as Record<string, unknown> };
    const nodeRequire = createRequire(bundle);
    // As Node's module loader runs a CommonJS file: wrapped in a function of require, module, exports…
    const wrapper = `(function (require, module, exports, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
    const run = vm.runInThisContext(wrapper, { filename: bundle }) as (...args: unknown[]) => void;
    run(
      (id: string): unknown => (id === 'vscode' ? vscode : (nodeRequire(id) as unknown)),
      module,
      module.exports,
      bundle,
      dirname(bundle),
    );
    return module.exports.activate as (context: unknown) => ActivatedLectern;
  });
  assert.ok(
    session.record.output.some((line) => /^Activated in [\d.]+ ms\.$/.test(line)),
    session.record.output.join('\n'),
  );
  await assertLoadsThroughWorkspaceFs(session);
  session.dispose();
});

/**
 * The web corpus worker bundle run as a dedicated worker's script: its global scope (`postMessage` out,
 * `onmessage` in), and the answer to request `id` once it comes.
 */
function startWebWorker() {
  const answers: Array<Record<string, unknown>> = [];
  let notify: (() => void) | undefined;
  const context = browserWorkerContext({
    postMessage: (message: unknown) => {
      answers.push(structuredClone(message) as Record<string, unknown>);
      notify?.();
    },
  });
  vm.runInContext(workerCode, context, { filename: 'dist/web/corpus-worker.js' });
  const onmessage = context.onmessage as (event: { data: unknown }) => void;
  const answer = async (id: number) => {
    while (!answers.some((a) => a.id === id)) await new Promise<void>((resolve) => (notify = resolve));
    return answers.find((a) => a.id === id)!;
  };
  return { onmessage, answer };
}

test('the corpus worker bundle, run as a Web Worker script, imports a file, serves it and answers a search', async () => {
  const { onmessage, answer } = startWebWorker();
  assert.equal(typeof onmessage, 'function', 'the worker listens for messages');
  const bytes = new Uint8Array(readFileSync(join(repoRoot, 'corpus', 'daily-papers.txt')));
  onmessage({ data: { id: 1, kind: 'import', path: '/ws/daily-papers.txt', bytes } });
  const imported = (await answer(1)).result as { papers: Array<{ title: string }>; diagnostics: unknown[] };
  const inline = importCorpusFile('/ws/daily-papers.txt', bytes);
  assert.ok(inline.papers.length > 50);
  assert.deepEqual(imported, structuredClone(inline), 'the web worker imports what the host imports');

  const file = { path: '/ws/daily-papers.txt', fingerprint: 'f1', papers: imported.papers, diagnostics: [] };
  onmessage({ data: { id: 0, kind: 'stage', first: true, file } });
  onmessage({ data: { id: 2, kind: 'serve' } });
  const served = await answer(2);
  assert.equal(served.papers, imported.papers.length);
  onmessage({ data: { id: 3, kind: 'search', fingerprint: served.fingerprint, query: 'attention', limit: 3 } });
  const searched = (await answer(3)).response as { results: Array<{ title: string }> };
  assert.match(searched.results[0]?.title ?? '', /attention/i);
  const expected = PaperLibrary.open([structuredClone(file)]).search.search('attention', { limit: 3 });
  assert.deepEqual(searched, structuredClone(expected), 'the web worker answers what the host would');
});

test("the web corpus worker speaks the host's language once the host's first message hands it the bundle", async () => {
  const { onmessage, answer } = startWebWorker();
  const imported = async (id: number) =>
    ((await answer(id)).result as { diagnostics: Array<{ line: number; message: string }> }).diagnostics;
  const bytes = new TextEncoder().encode('@article{notitle,\n  year = {2020}\n}\n');
  onmessage({ data: { id: 1, kind: 'import', path: '/ws/refs.bib', bytes } });
  const english = await imported(1);
  assert.match(english[0].message, /^Lectern: entry `notitle` \(line 1\) has no title/);
  onmessage({ data: { kind: 'start', messageBundle: pseudoBundle() } });
  onmessage({ data: { id: 2, kind: 'import', path: '/ws/refs.bib', bytes } });
  const translated = await imported(2);
  assert.equal(translated[0].line, english[0].line);
  assert.match(translated[0].message, /^⟪LECTERN: ⟪ENTRY `notitle`⟫ \(LINE 1\) HAS NO TITLE/);
  assert.equal(fromPseudo(translated[0].message), english[0].message.toUpperCase());
});
