import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic } from '../../core/model/diagnostic';
import { contentFingerprint } from '../../core/corpus/content-fingerprint';
import { corpusFingerprint, type CorpusFile } from '../../core/corpus/corpus';
import { PaperSearch } from '../../core/search/paper-search';
import { PaperLibrary } from '../../core/library/paper-library';
import { parseTaxonomy } from '../../core/topics/load-taxonomy';
import type { TopicTaxonomy } from '../../core/topics/assign-topics';
import { CORPUS_FILE_EXTENSIONS } from '../../core/import/import-corpus-file';
import { CorpusImporter } from './corpus-importer';
import { excludePattern, readCorpusSettings, type CorpusSettings } from './corpus-settings';

export type LibraryState = 'idle' | 'loading' | 'ready' | 'empty';

const INDEX_CACHE_FILE = 'index-cache.json';
const WATCH_DEBOUNCE_MS = 150;
const CACHE_WRITE_DELAY_MS = 3000;
const PROGRESS_NOTIFICATION_DELAY_MS = 1500;
/** From this size the index is built in the worker: below it, a build here is quicker than the transfer. */
const WORKER_INDEX_MIN_PAPERS = 20_000;

/**
 * Owns the paper library in the extension host: finds corpus files from the settings, imports
 * them (large ones in a worker), keeps the index in step with file changes, and reports every
 * import diagnostic in the Problems panel. Nothing is loaded until a view or command asks.
 */
export class LibraryService implements vscode.Disposable {
  private library: PaperLibrary | undefined;
  private loading: Promise<PaperLibrary> | undefined;
  private stateValue: LibraryState = 'idle';
  private readonly importer: CorpusImporter;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('lectern');
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly stateEmitter = new vscode.EventEmitter<LibraryState>();
  private watchers: vscode.Disposable[] = [];
  private readonly pendingChanges = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private taxonomy: TopicTaxonomy | undefined;
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  /** Cancelled when the extension shuts down mid-load. */
  private readonly cancelLoad = new vscode.CancellationTokenSource();

  /** Fires after the papers or topics changed (a load, a file edit, a refresh). */
  readonly onDidChange = this.changeEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.importer = new CorpusImporter(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath);
    this.disposables.push(
      this.diagnostics,
      this.changeEmitter,
      this.stateEmitter,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (['lectern.corpus', 'lectern.corpusExclude', 'lectern.includeSampleCorpus'].some((key) => event.affectsConfiguration(key))) {
          this.reload().catch(() => undefined); // load() reports its own failures
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload().catch(() => undefined)),
    );
  }

  get state(): LibraryState {
    return this.stateValue;
  }

  /** The library if it is loaded; views use this to avoid triggering a load. */
  get current(): PaperLibrary | undefined {
    return this.library;
  }

  /** The library, loading it on first use (under a cancellable progress notification when it takes long). */
  ensureLoaded(): Promise<PaperLibrary> {
    if (this.library) return Promise.resolve(this.library);
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** Re-reads every corpus file (Refresh Corpus, settings changes). */
  async reload(): Promise<PaperLibrary> {
    if (this.loading) await this.loading.catch(() => undefined);
    this.library = undefined;
    return this.ensureLoaded();
  }

  private setState(state: LibraryState): void {
    this.stateValue = state;
    void vscode.commands.executeCommand('setContext', 'lectern.corpusState', state);
    this.stateEmitter.fire(state);
  }

  private async load(): Promise<PaperLibrary> {
    this.setState('loading');
    const started = Date.now();
    try {
      const library = await this.withDelayedProgress((progress, token) => this.buildLibrary(progress, token));
      this.library = library;
      this.setState(library.papers.length > 0 ? 'ready' : 'empty');
      this.output.info(
        `Loaded ${library.papers.length} papers from ${library.corpus.files.length} files in ${Date.now() - started} ms (index ${library.indexFrom === 'cache' ? 'loaded' : 'built'} here).`,
      );
      this.changeEmitter.fire();
      return library;
    } catch (error) {
      this.setState('empty');
      const message = `Lectern: could not load the corpus (${error instanceof Error ? error.message : String(error)}). Check the "lectern.corpus" setting, then run Lectern: Refresh Corpus.`;
      this.output.error(message);
      void vscode.window.showErrorMessage(message, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'lectern.corpus');
      });
      throw error;
    }
  }

  /**
   * Indexing shows in the status bar at once; if it is still running after a moment, a
   * cancellable notification appears too, so a large corpus can be stopped part-way.
   */
  private async withDelayedProgress<T>(
    work: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Promise<T>,
  ): Promise<T> {
    const cancel = new vscode.CancellationTokenSource();
    const onShutdown = this.cancelLoad.token.onCancellationRequested(() => cancel.cancel());
    let latest: string | undefined;
    let notify: vscode.Progress<{ message?: string }> | undefined;
    const progress = {
      report: (value: { message?: string }) => {
        latest = value.message;
        notify?.report(value);
      },
    };
    const running = Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Lectern: indexing papers' }, () =>
        work(progress, cancel.token),
      ),
    );
    const timer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Lectern: indexing papers', cancellable: true },
        (shown, token) => {
          notify = shown;
          if (latest) shown.report({ message: latest });
          token.onCancellationRequested(() => cancel.cancel());
          return running.catch(() => undefined);
        },
      );
    }, PROGRESS_NOTIFICATION_DELAY_MS);
    try {
      return await running;
    } finally {
      clearTimeout(timer);
      onShutdown.dispose();
      cancel.dispose();
    }
  }

  private async buildLibrary(progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<PaperLibrary> {
    const settings = readCorpusSettings();
    const uris = await this.findCorpusFiles(settings);
    this.taxonomy = await this.readTaxonomy();
    const files: CorpusFile[] = [];
    let done = 0;
    for (const uri of uris) {
      if (token.isCancellationRequested) {
        const skipped = uris.length - files.length;
        this.output.warn(`Indexing cancelled: ${skipped} of ${uris.length} corpus files were not read.`);
        void vscode.window
          .showWarningMessage(
            `Lectern: indexing was cancelled; ${skipped} corpus files were not read. Run Lectern: Refresh Corpus to load them.`,
            'Refresh Corpus',
          )
          .then((choice) => {
            if (choice) void vscode.commands.executeCommand('lectern.refreshCorpus');
          });
        break;
      }
      progress.report({ message: `${vscode.workspace.asRelativePath(uri)} (${++done}/${uris.length})` });
      files.push(await this.readFile(uri));
    }
    const storedIndex = await this.readIndexCache();
    let cachedIndex = storedIndex;
    const paperCount = files.reduce((sum, file) => sum + file.papers.length, 0);
    if (
      paperCount >= WORKER_INDEX_MIN_PAPERS &&
      PaperSearch.fingerprintOf(cachedIndex) !== corpusFingerprint(files, { taxonomy: this.taxonomy })
    ) {
      // A large corpus without a usable cache: build the index in the worker and load it here.
      progress.report({ message: `indexing ${paperCount} papers` });
      cachedIndex =
        (await this.importer.buildIndex(files, this.taxonomy).catch((error) => {
          this.output.warn(`Indexing in the worker failed (${String(error)}); indexing here instead.`);
          return undefined;
        })) ?? cachedIndex;
    }
    const library = PaperLibrary.open(files, { taxonomy: this.taxonomy, cachedIndex });
    this.publishDiagnostics(library.corpus.diagnostics, files);
    this.watch(settings);
    // Rewrite the cache only when it no longer matches (a start from a valid cache writes nothing).
    if (PaperSearch.fingerprintOf(storedIndex) !== library.corpus.fingerprint) void this.writeIndexCache(library);
    return library;
  }

  /** The bundled sample (unless turned off) plus every workspace file the corpus globs match. */
  private async findCorpusFiles(settings: CorpusSettings): Promise<vscode.Uri[]> {
    const found = new Map<string, vscode.Uri>();
    if (settings.includeSample) {
      const sampleDir = vscode.Uri.joinPath(this.context.extensionUri, 'corpus');
      try {
        for (const [name, type] of await vscode.workspace.fs.readDirectory(sampleDir)) {
          if (type === vscode.FileType.File && name !== 'topics.json' && CORPUS_FILE_EXTENSIONS.some((ext) => name.endsWith(ext))) {
            const uri = vscode.Uri.joinPath(sampleDir, name);
            found.set(uri.toString(), uri);
          }
        }
      } catch (error) {
        this.output.warn(`Lectern: the sample corpus folder ${sampleDir.fsPath} cannot be read: ${String(error)}`);
      }
    }
    const exclude = excludePattern(settings.exclude);
    const empty: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of settings.globs) {
        const matches = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude);
        if (matches.length === 0 && settings.userGlobs.includes(glob)) empty.push(glob);
        for (const uri of matches) found.set(uri.toString(), uri);
      }
    }
    if (empty.length > 0) {
      const message = `Lectern: the corpus pattern${empty.length > 1 ? 's' : ''} ${empty.map((g) => `"${g}"`).join(', ')} matched no files. Fix "lectern.corpus" in your settings or add the files.`;
      this.output.warn(message);
      void vscode.window.showWarningMessage(message, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'lectern.corpus');
      });
    }
    return [...found.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  }

  /** Bundled `corpus/topics.json`, extended by the workspace's `.lectern/topics.json` when present. */
  private async readTaxonomy(): Promise<TopicTaxonomy | undefined> {
    const sources = [vscode.Uri.joinPath(this.context.extensionUri, 'corpus', 'topics.json')];
    for (const folder of vscode.workspace.workspaceFolders ?? []) sources.push(vscode.Uri.joinPath(folder.uri, '.lectern', 'topics.json'));
    let merged: TopicTaxonomy | undefined;
    for (const uri of sources) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
      const parsed = parseTaxonomy(uri.fsPath, text);
      this.setFileDiagnostics(uri, parsed.diagnostics);
      if (parsed.taxonomy) {
        merged = merged
          ? {
              ...merged,
              topics: [...merged.topics.filter((t) => !parsed.taxonomy!.topics.some((u) => u.name === t.name)), ...parsed.taxonomy.topics],
            }
          : parsed.taxonomy;
      }
    }
    return merged;
  }

  private async readFile(uri: vscode.Uri): Promise<CorpusFile> {
    const path = uri.fsPath;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const result = await this.importer.import(path, bytes);
      return { path, fingerprint: contentFingerprint(bytes), ...result };
    } catch (error) {
      const reason = error instanceof vscode.FileSystemError ? error.code : error instanceof Error ? error.message : String(error);
      return {
        path,
        fingerprint: contentFingerprint(`unreadable:${reason}`),
        papers: [],
        diagnostics: [
          {
            file: path,
            line: 1,
            column: 1,
            severity: 'error',
            message: `Lectern: cannot read ${vscode.workspace.asRelativePath(uri)} (${reason}). Check that it exists and is readable, or remove it from "lectern.corpus".`,
          },
        ],
      };
    }
  }

  /** Re-imports one file after it changed on disk and updates the index in place. */
  private async refreshFile(uri: vscode.Uri, deleted: boolean): Promise<void> {
    const library = this.library;
    if (!library) return;
    const file = deleted ? undefined : await this.readFile(uri);
    const change = library.updateFile(uri.fsPath, file);
    this.setFileDiagnostics(uri, file?.diagnostics ?? []);
    this.output.info(
      `${vscode.workspace.asRelativePath(uri)}: +${change.added.length} −${change.removed.length} ~${change.changed.length} papers.`,
    );
    this.setState(library.papers.length > 0 ? 'ready' : 'empty');
    this.changeEmitter.fire();
    this.scheduleIndexCacheWrite();
  }

  /** Saving the index is many megabytes for a large corpus: once edits to corpus files pause, not per save. */
  private scheduleIndexCacheWrite(): void {
    clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      if (this.library) void this.writeIndexCache(this.library);
    }, CACHE_WRITE_DELAY_MS);
  }

  /** A watched file changed: re-read it unless `lectern.corpusExclude` rules it out. */
  private async onFileEvent(folder: vscode.WorkspaceFolder, uri: vscode.Uri, deleted: boolean, settings: CorpusSettings): Promise<void> {
    const known = this.library?.corpus.files.some((file) => file.path === uri.fsPath) ?? false;
    if (deleted) {
      if (known) await this.refreshFile(uri, true);
      return;
    }
    const relative = vscode.workspace.asRelativePath(uri, false).replace(/[[\]{}*?]/g, (ch) => `[${ch}]`);
    const included = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, relative), excludePattern(settings.exclude), 1);
    if (included.length > 0 || known) await this.refreshFile(uri, included.length === 0);
  }

  private watch(settings: CorpusSettings): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of settings.globs) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
        const schedule = (uri: vscode.Uri, deleted: boolean) => {
          this.output.debug(`${deleted ? 'Deleted' : 'Changed'}: ${vscode.workspace.asRelativePath(uri)}`);
          clearTimeout(this.pendingChanges.get(uri.toString()));
          this.pendingChanges.set(
            uri.toString(),
            setTimeout(() => {
              this.pendingChanges.delete(uri.toString());
              this.onFileEvent(folder, uri, deleted, settings).catch((error) =>
                this.output.error(`Lectern: could not re-read ${uri.fsPath}: ${String(error)}`),
              );
            }, WATCH_DEBOUNCE_MS),
          );
        };
        watcher.onDidCreate((uri) => schedule(uri, false));
        watcher.onDidChange((uri) => schedule(uri, false));
        watcher.onDidDelete((uri) => schedule(uri, true));
        this.watchers.push(watcher);
      }
    }
  }

  private publishDiagnostics(all: CoreDiagnostic[], files: CorpusFile[]): void {
    this.diagnostics.clear();
    const byFile = new Map<string, CoreDiagnostic[]>();
    for (const file of files) byFile.set(file.path, []);
    for (const diagnostic of all) {
      const list = byFile.get(diagnostic.file) ?? [];
      list.push(diagnostic);
      byFile.set(diagnostic.file, list);
    }
    for (const [path, list] of byFile) this.setFileDiagnostics(vscode.Uri.file(path), list);
  }

  private setFileDiagnostics(uri: vscode.Uri, list: CoreDiagnostic[]): void {
    this.diagnostics.set(uri, list.map(toVsCodeDiagnostic));
  }

  private async readIndexCache(): Promise<string | undefined> {
    const dir = this.context.storageUri ?? this.context.globalStorageUri;
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, INDEX_CACHE_FILE)));
    } catch {
      return undefined;
    }
  }

  private async writeIndexCache(library: PaperLibrary): Promise<void> {
    const dir = this.context.storageUri ?? this.context.globalStorageUri;
    try {
      await vscode.workspace.fs.createDirectory(dir);
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, INDEX_CACHE_FILE), new TextEncoder().encode(library.serializeIndex()));
    } catch (error) {
      this.output.warn(`Lectern: could not cache the search index (${String(error)}); it will be rebuilt next time.`);
    }
  }

  dispose(): void {
    clearTimeout(this.cacheTimer);
    this.cancelLoad.cancel();
    this.cancelLoad.dispose();
    for (const timer of this.pendingChanges.values()) clearTimeout(timer);
    for (const watcher of this.watchers) watcher.dispose();
    for (const disposable of this.disposables) disposable.dispose();
    this.importer.dispose();
  }
}

function toVsCodeDiagnostic(d: CoreDiagnostic): vscode.Diagnostic {
  const line = Math.max(0, d.line - 1);
  const column = Math.max(0, d.column - 1);
  const range = new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER);
  const severity =
    d.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : d.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(range, d.message, severity);
  diagnostic.source = 'Lectern';
  return diagnostic;
}
