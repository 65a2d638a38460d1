import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, matchesGlob, relative } from 'node:path';
import { repoRoot } from './shared-corpora';

/**
 * A minimal `vscode` module for running a bundle of Lectern outside VS Code (the web bundle test): the parts
 * activation and a library load use are real enough to act on (URIs, events, settings from package.json's
 * defaults, a workspace file system over one folder of this machine under another scheme, commands, the output
 * channel); anything else is a permissive stub that accepts every call, so a feature's registration never fails
 * for want of a fake. What Lectern did is recorded in `record`.
 */
export interface FakeVscodeRecord {
  commands: Set<string>;
  output: string[];
  errors: string[];
  /** Every URI the workspace file system was asked for, as text. */
  filesRead: string[];
}

/** Any property, any call, any `new`: answers another stub; never a thenable. */
function stub(): unknown {
  const store = new Map<PropertyKey, unknown>();
  const target = function () {} as unknown as object;
  return new Proxy(target, {
    get(_, prop) {
      if (store.has(prop)) return store.get(prop);
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'prototype') return Object.prototype;
      const value = stub();
      store.set(prop, value);
      return value;
    },
    set(_, prop, value) {
      store.set(prop, value);
      return true;
    },
    apply: () => stub(),
    construct: (_, __, newTarget) => Object.create((newTarget as { prototype: object }).prototype ?? null) as object,
  });
}

/**
 * Every top-level member of `vscode` Lectern's sources name (`vscode.TreeItem`, `vscode.window`…): a bundle copies
 * the module's own properties once, at load, so each must exist then (the rest of the API is stubbed lazily).
 */
function namedMembers(): string[] {
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/\bvscode\.(\w+)/g)) names.add(m[1]);
    }
  };
  visit(join(repoRoot, 'src'));
  return [...names];
}

/** Unknown members of a real object fall back to stubs. */
function withStubs<T extends object>(real: T): T {
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop in target || typeof prop === 'symbol' || prop === 'then') return Reflect.get(target, prop, receiver);
      const value = stub();
      Reflect.set(target, prop, value);
      return value;
    },
  });
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', '', path);
  }
  static parse(text: string): Uri {
    const match = /^([\w+.-]+):\/\/([^/]*)(.*)$/.exec(text);
    return match ? new Uri(match[1], match[2], decodeURIComponent(match[3])) : Uri.file(text);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: [base.path.replace(/\/+$/, ''), ...segments].join('/') });
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { scheme?: string; authority?: string; path?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Disposable {
  constructor(private readonly release: () => void = () => undefined) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.release();
  }
}

class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {}
}

class FileSystemError extends Error {
  constructor(
    message: string,
    readonly code = 'FileNotFound',
  ) {
    super(message);
  }
}

const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };

/** Every file under `folder`, recursively. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

/** `compute`'s value, or its exception, as a promise (as `workspace.fs` answers). */
function settle<T>(compute: () => T): Promise<T> {
  return new Promise((resolve) => resolve(compute()));
}

/** Every setting's default, from package.json: what a fresh profile reads. */
function settingDefaults(): Map<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: {
      configuration: { properties: Record<string, { default?: unknown }> } | Array<{ properties: Record<string, { default?: unknown }> }>;
    };
  };
  const sections = [manifest.contributes.configuration].flat();
  return new Map(sections.flatMap((section) => Object.entries(section.properties).map(([key, value]) => [key, value.default])));
}

/**
 * The fake `vscode` module. `workspace` is a folder of this machine shown as `scheme://fake<folder>` (a virtual
 * workspace when the scheme is not `file`), with `settings` over package.json's defaults; `findFiles` matches its
 * files with Node's globs.
 */
export function fakeVscode(
  workspace: { folder: string; scheme: string; settings?: Record<string, unknown> },
  record: FakeVscodeRecord,
): Record<string, unknown> {
  const defaults = settingDefaults();
  for (const [key, value] of Object.entries(workspace.settings ?? {})) defaults.set(key, value);
  const root = Uri.parse(`${workspace.scheme}://fake${workspace.folder}`);
  const onDisk = (uri: Uri) => {
    record.filesRead.push(uri.toString());
    if (uri.scheme !== workspace.scheme && uri.scheme !== 'file') throw new FileSystemError(`no provider for ${uri.scheme}`, 'Unavailable');
    return uri.path;
  };
  const fs = {
    readFile: (uri: Uri) => settle(() => new Uint8Array(readFileSync(onDisk(uri)))),
    stat: (uri: Uri) =>
      settle(() => {
        const stats = statSync(onDisk(uri));
        return { type: stats.isFile() ? FileType.File : FileType.Directory, size: stats.size, mtime: stats.mtimeMs, ctime: stats.ctimeMs };
      }),
    readDirectory: (uri: Uri) =>
      settle(() => readdirSync(onDisk(uri), { withFileTypes: true }).map((e) => [e.name, e.isFile() ? FileType.File : FileType.Directory])),
    writeFile: () => Promise.resolve(undefined),
    createDirectory: () => Promise.resolve(undefined),
  };
  const configuration = (section: string) =>
    withStubs({
      get: (key: string, fallback?: unknown) => defaults.get(`${section}.${key}`) ?? fallback,
      inspect: (key: string) => ({ key, defaultValue: defaults.get(`${section}.${key}`) }),
      has: (key: string) => defaults.has(`${section}.${key}`),
      update: () => Promise.resolve(undefined),
    });
  const channel = withStubs({
    info: (line: string) => record.output.push(line),
    warn: (line: string) => record.output.push(line),
    error: (line: string) => record.errors.push(line),
    debug: () => undefined,
    trace: () => undefined,
    appendLine: (line: string) => record.output.push(line),
    dispose: () => undefined,
  });
  const api = withStubs({
    Uri,
    EventEmitter,
    Disposable,
    CancellationTokenSource,
    FileSystemError,
    FileType,
    RelativePattern: class {
      constructor(
        readonly base: unknown,
        readonly pattern: string,
      ) {}
    },
    env: withStubs({ uiKind: 2, language: 'en', appName: 'Fake VS Code for the Web' }),
    l10n: withStubs({
      bundle: undefined,
      t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
    }),
    commands: withStubs({
      registerCommand: (id: string) => {
        record.commands.add(id);
        return new Disposable();
      },
      executeCommand: () => Promise.resolve(undefined),
    }),
    window: withStubs({
      createOutputChannel: () => channel,
      showErrorMessage: (message: string) => Promise.resolve(void record.errors.push(message)),
      showWarningMessage: () => Promise.resolve(undefined),
      withProgress: (_: unknown, task: (progress: unknown, token: unknown) => unknown) =>
        task({ report: () => undefined }, new CancellationTokenSource().token),
    }),
    workspace: withStubs({
      fs,
      workspaceFolders: [{ uri: root, name: 'papers', index: 0 }],
      getConfiguration: configuration,
      getWorkspaceFolder: (uri: Uri) =>
        uri.scheme === root.scheme && uri.path.startsWith(root.path) ? { uri: root, name: 'papers', index: 0 } : undefined,
      asRelativePath: (target: Uri | string) => (typeof target === 'string' ? target : target.path).replace(`${workspace.folder}/`, ''),
      findFiles: (include: { pattern: string }, exclude?: string) =>
        settle(() =>
          filesUnder(workspace.folder)
            .filter((path) => matchesGlob(relative(workspace.folder, path), include.pattern))
            .filter((path) => !exclude || !matchesGlob(relative(workspace.folder, path), exclude))
            .map((path) => root.with({ path })),
        ),
      isTrusted: true,
    }),
    extensions: withStubs({ getExtension: () => ({ extensionUri: Uri.file(repoRoot), packageJSON: {} }) }),
  });
  for (const name of namedMembers()) void (api as Record<string, unknown>)[name]; // creates the stubs
  return api;
}
