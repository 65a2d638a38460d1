import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic } from '../../core/model/diagnostic';
import type { CorpusFileChange } from '../../core/library/corpus-source';
import { LibraryLoader, type LoadedLibrary, type LoadProgress } from '../../core/library/library-loader';
import type { PaperLibrary } from '../../core/library/paper-library';
import type { AnnotationLookup, SearchResponse } from '../../core/search/paper-search';
import { CorpusImporter } from './corpus-importer';
import { CorpusChangeQueue } from './corpus-change-queue';
import type { FullTextLibrary } from './fulltext-library';
import { fullTextFilter } from '../../core/fulltext/fulltext-mode';
import { libraryOptionsFor, windowSample, type SampleSetting } from './corpus-settings';
import { onDidChangeSettings, settingsFor } from '../lectern-settings';
import type { LecternPlatform } from '../platform/lectern-platform';
import { loadSummary } from './load-summary';
import { warnUnmatchedGlobs } from './warn-unmatched-globs';
import { LibrarySearch, type SearchPlace } from './library-search';
import { VscodeCacheStore } from './vscode-cache-store';
import { VscodeCorpusSource } from './vscode-corpus-source';

export type LibraryState = 'idle' | 'loading' | 'ready' | 'empty';

const INDEX_CACHE_FILE = 'index-cache.json';
const CACHE_WRITE_DELAY_MS = 3000;
const PROGRESS_NOTIFICATION_DELAY_MS = 1500;

/**
 * The paper library in the extension host, as VS Code shows it: the settings, progress
 * (status bar, then a cancellable notification), the Problems panel, the `lectern.corpusState`
 * context key and the output channel. What the library is — discovery, import, taxonomy,
 * topics, index, cache, per-file updates — is `LibraryLoader`'s, shared with the CLI; this
 * hands it the workspace (`VscodeCorpusSource`), the corpus worker and the storage folder.
 * Nothing is loaded until a view or command asks.
 */
export class LibraryService implements vscode.Disposable {
  private library: PaperLibrary | undefined;
  private loader: LibraryLoader | undefined;
  /** The watcher's re-reads and topics re-reads, in order; a reload drops the re-reads the old watch queued. */
  private readonly changes = new CorpusChangeQueue<CorpusFileChange>(
    (change) => this.refreshFile(change),
    (change, error) => this.output.error(vscode.l10n.t('Lectern: could not re-read {0}: {1}', change.path, String(error))),
  );
  private loading: Promise<PaperLibrary> | undefined;
  private stateValue: LibraryState = 'idle';
  private sampleValue: SampleShown = { shown: false, setting: 'auto' };
  private readonly importer: CorpusImporter;
  private readonly searcher: LibrarySearch;
  /** The PDFs' full text, read and searched in the corpus worker. */
  readonly fullText: FullTextLibrary | undefined;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('lectern');
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly stateEmitter = new vscode.EventEmitter<LibraryState>();
  private watcher: vscode.Disposable | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  /** Files holding id or citekey collision warnings, so a later update can clear them. */
  private collisionFiles = new Set<string>();
  /** Cancelled when the extension shuts down mid-load. */
  private readonly cancelLoad = new vscode.CancellationTokenSource();
  /** Bibliography files documents name (see `declareBibliographies`), absolute paths. */
  private readonly declaredBibliographies = new Set<string>();

  /** Fires after the papers or topics changed (a load, a file edit, a refresh). */
  readonly onDidChange = this.changeEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    /** The corpus worker, and files by path (desktop or web). */
    private readonly platform: LecternPlatform,
  ) {
    this.importer = new CorpusImporter(platform.startCorpusWorker, (reason) => {
      this.searcher.workerStopped(reason);
      this.fullText?.workerStopped(this.library);
    });
    this.searcher = new LibrarySearch(this.importer, output);
    const storage = context.storageUri ?? context.globalStorageUri;
    this.fullText = platform.createFullText?.(this.importer, output, vscode.Uri.joinPath(storage, 'fulltext').fsPath);
    this.disposables.push(
      this.diagnostics,
      this.changeEmitter,
      this.stateEmitter,
      onDidChangeSettings(['lectern.corpus', 'lectern.corpusExclude', 'lectern.includeSampleCorpus', 'lectern.import'], () => {
        this.reload().catch(() => undefined); // load() reports its own failures
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload().catch(() => undefined)),
    );
  }

  get state(): LibraryState {
    return this.stateValue;
  }

  /** Whether the loaded library holds the bundled sample, and under which `lectern.includeSampleCorpus`. */
  get sample(): SampleShown {
    return this.sampleValue;
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

  /**
   * The palette's search: off the extension host's thread for a large library (see `LibrarySearch`);
   * undefined when `token` is cancelled first (a newer keystroke), so a stale answer never shows.
   */
  async search(
    query: string,
    options: { limit: number; annotations?: AnnotationLookup },
    token?: vscode.CancellationToken,
  ): Promise<SearchResponse | undefined> {
    const library = await this.ensureLoaded();
    if (!this.fullText) return this.searcher.search(library, fullTextFilter(query).query, options, token);
    return this.fullText.search(query, options, token, (rest) => this.searcher.search(library, rest, options, token));
  }

  /** Where the last palette search was answered (the extension-host tests check it). */
  get lastSearchPlace(): SearchPlace {
    return this.searcher.lastPlace;
  }

  /** The last library handed to the search worker after a load or a restart (the extension-host tests check it). */
  get lastWorkerServe(): { papers: number; indexFrom?: 'cache' | 'build' } | undefined {
    return this.searcher.lastServed;
  }

  /** Re-reads every corpus file (Refresh Corpus, settings changes). */
  async reload(): Promise<PaperLibrary> {
    if (this.loading) await this.loading.catch(() => undefined);
    this.library = undefined;
    this.loader?.retire(); // a file change still being applied belongs to the library being replaced
    return this.ensureLoaded();
  }

  /**
   * Bibliography files that documents name (`bibliography:` front matter, `\bibliography{}`,
   * `\addbibresource{}`), existing ones only: they join the corpus without any setting. A file
   * the loaded corpus does not hold yet reloads it; one named before the first load is simply read then.
   */
  declareBibliographies(paths: Iterable<string>): void {
    const added = [...paths].filter((path) => !this.declaredBibliographies.has(path));
    if (added.length === 0) return;
    for (const path of added) this.declaredBibliographies.add(path);
    const loaded = new Set(this.library?.corpus.files.map((file) => file.path) ?? []);
    if ((this.library || this.loading) && added.some((path) => !loaded.has(path))) {
      this.output.info(
        `Reading the bibliographies documents name: ${added.map((path) => vscode.workspace.asRelativePath(path)).join(', ')}.`,
      );
      this.reload().catch(() => undefined); // load() reports its own failures
    }
  }

  /**
   * A `.lectern/topics.json` changed (by hand, or a change made from the tree), or `rediscover` (Discover Topics
   * Again): topics are assigned again and the tree's curation applied, without re-reading corpus files. Queued with
   * file updates.
   */
  reloadTaxonomy(rediscover = false): Promise<void> {
    const run = async () => {
      if (this.loading) await this.loading.catch(() => undefined);
      const loaded = await this.loader?.reloadTaxonomy(rediscover);
      if (!loaded || !this.library) return;
      // The worker's copy has the topics before: it is handed these (else every search ran on this thread until a reload).
      this.searcher.attach(this.library, loaded.taxonomy.taxonomy, async (fingerprint) => this.loader?.cachedIndexOf(fingerprint));
      this.publishDiagnostics(loaded);
      const changed = loaded.taxonomy.files.map((file) => vscode.workspace.asRelativePath(file.path)).join(', ');
      this.output.info(rediscover ? 'Topics discovered again over the whole library.' : `Topics assigned again: ${changed} changed.`);
      this.changeEmitter.fire();
      this.scheduleIndexCacheWrite();
    };
    return this.changes.run(run, (error) =>
      this.output.error(vscode.l10n.t('Lectern: could not apply the topics file: {0}', String(error))),
    );
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
      if (this.loader?.loaded) this.output.info(loadSummary(this.loader.loaded, Date.now() - started));
      this.changeEmitter.fire();
      return library;
    } catch (error) {
      this.setState('empty');
      const message = vscode.l10n.t(
        'Lectern: could not load the corpus ({0}). Check the "lectern.corpus" setting, then run Lectern: Refresh Corpus.',
        error instanceof Error ? error.message : String(error),
      );
      this.output.error(message);
      void vscode.window.showErrorMessage(message, vscode.l10n.t('Open Settings')).then((choice) => {
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
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Lectern: indexing papers') }, () =>
        work(progress, cancel.token),
      ),
    );
    const timer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Lectern: indexing papers'), cancellable: true },
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
    const folders = vscode.workspace.workspaceFolders ?? [];
    const sample = windowSample(
      settingsFor().corpus.sample,
      folders.map((folder) => settingsFor(folder).corpus.sample),
    );
    const source = new VscodeCorpusSource(
      this.platform,
      (folder) => settingsFor(folder).corpus,
      (message) => this.output.debug(message),
      [...this.declaredBibliographies],
    );
    const loader = new LibraryLoader(source, {
      ...libraryOptionsFor({ sample }, vscode.Uri.joinPath(this.context.extensionUri, 'corpus').fsPath),
      limits: settingsFor().importLimits,
      importFile: (path, bytes, options) => this.importer.import(path, bytes, options),
      buildIndex: (files, taxonomy, topics) =>
        this.importer.buildIndex(files, taxonomy, topics).catch((error) => {
          this.output.warn(`Indexing in the worker failed (${String(error)}); indexing here instead.`);
          return undefined;
        }),
      assignTopics: (files, taxonomy, carryFrom) =>
        this.importer.assignTopics(files, taxonomy, carryFrom).catch((error) => {
          this.output.warn(`Assigning topics in the worker failed (${String(error)}); assigning them here instead.`);
          return undefined;
        }),
      cache: {
        store: new VscodeCacheStore(this.context.storageUri ?? this.context.globalStorageUri),
        key: INDEX_CACHE_FILE,
        contents: 'index',
      },
      isCancelled: () => token.isCancellationRequested,
      onProgress: (step) => progress.report({ message: progressMessage(step) }),
    });
    // Watched first: a file written during the load is re-read after it, one at a time (the README's memory bound).
    this.watcher?.dispose();
    this.watcher = vscode.Disposable.from(
      source.watch(this.changes.begin()),
      watchTopicsFiles(() => void this.reloadTaxonomy()),
    );
    const loaded = await loader.load();
    this.setSample({ shown: loaded.sampleIncluded, setting: sample });
    if (loaded.skipped > 0) this.warnCancelled(loaded.skipped, loaded.skipped + loaded.library.corpus.files.length);
    if (source.unmatchedUserGlobs.length > 0) warnUnmatchedGlobs(this.output, source.unmatchedUserGlobs);
    this.publishDiagnostics(loaded);
    this.searcher.attach(loaded.library, loaded.taxonomy.taxonomy, (fingerprint) => loader.cachedIndexOf(fingerprint));
    this.loader = loader;
    // Rewrite the cache only when it no longer matches (a start from a valid cache writes nothing).
    if (loaded.cacheStale) void this.writeIndexCache(loader);
    return loaded.library;
  }

  private warnCancelled(skipped: number, total: number): void {
    this.output.warn(`Indexing cancelled: ${skipped} of ${total} corpus files were not read.`);
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Lectern: indexing was cancelled; {0} corpus files were not read. Run Lectern: Refresh Corpus to load them.',
          skipped,
        ),
        vscode.l10n.t('Refresh Corpus'),
      )
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('lectern.refreshCorpus');
      });
  }

  /**
   * `lectern.sampleShown` is true while the sample stands in for a corpus of the user's own (`auto`):
   * the Papers view then offers Add Corpus File… above it.
   */
  private setSample(sample: SampleShown): void {
    this.sampleValue = sample;
    void vscode.commands.executeCommand('setContext', 'lectern.sampleShown', sample.shown && sample.setting === 'auto');
  }

  /**
   * Re-imports one file after it changed on disk; the loader updates the index in place. The user's
   * first corpus file (or the removal of their last) reloads everything instead: the sample leaves (or returns).
   */
  private async refreshFile(change: CorpusFileChange): Promise<void> {
    // A change the watch reported during a load is applied to the library that load makes.
    if (this.loading) await this.loading.catch(() => undefined);
    if (this.loader?.needsReload(change)) {
      this.output.info(
        `${vscode.workspace.asRelativePath(change.path)}: the bundled sample ${this.sampleValue.shown ? 'leaves' : 'returns'}.`,
      );
      await this.reload();
      return;
    }
    // A reload meanwhile retired the loader: `applyChange` then gives nothing (the new library read the file itself).
    const update = await this.loader?.applyChange(change);
    const library = this.library;
    if (!update || !library) return;
    if (update.reloadNeeded) {
      this.output.info(
        `${vscode.workspace.asRelativePath(change.path)}: its @string or @preamble definitions changed; the .bib files beside it are read again.`,
      );
      await this.reload();
      return;
    }
    this.publishFileUpdate(update.path, update.diagnostics, library);
    this.searcher.fileChanged(library, update.path);
    const { added, removed, changed } = update.change;
    this.output.info(`${vscode.workspace.asRelativePath(update.path)}: +${added.length} −${removed.length} ~${changed.length} papers.`);
    this.setState(library.papers.length > 0 ? 'ready' : 'empty');
    this.changeEmitter.fire();
    this.scheduleIndexCacheWrite();
  }

  /** Saving the index is many megabytes for a large corpus: once edits to corpus files pause, not per save. */
  private scheduleIndexCacheWrite(): void {
    clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      if (this.loader) void this.writeIndexCache(this.loader);
    }, CACHE_WRITE_DELAY_MS);
  }

  private async writeIndexCache(loader: LibraryLoader): Promise<void> {
    try {
      await loader.saveCache();
    } catch (error) {
      this.output.warn(vscode.l10n.t('Lectern: could not cache the search index ({0}); it will be rebuilt next time.', String(error)));
    }
  }

  /** Every corpus and taxonomy file gets its list (empty lists clear old problems). */
  private publishDiagnostics(loaded: LoadedLibrary): void {
    this.diagnostics.clear();
    const byFile = new Map<string, CoreDiagnostic[]>();
    for (const file of loaded.library.corpus.files) byFile.set(file.path, []);
    const all = [
      ...loaded.taxonomy.files.flatMap((file) => file.diagnostics),
      ...loaded.listingDiagnostics,
      ...loaded.library.corpus.diagnostics,
    ];
    for (const diagnostic of all) byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic]);
    for (const [path, list] of byFile) this.setFileDiagnostics(path, list);
    this.collisionFiles = new Set(collisionDiagnostics(loaded.library).map((d) => d.file));
  }

  /**
   * After one file changed: its own diagnostics, and the corpus's id and citekey collisions, which
   * may now name (or no longer name) records of other files too (a `.bib` repeating another's keys).
   */
  private publishFileUpdate(path: string, diagnostics: CoreDiagnostic[], library: PaperLibrary): void {
    const collisions = collisionDiagnostics(library);
    const touched = new Set([path, ...this.collisionFiles, ...collisions.map((d) => d.file)]);
    for (const file of touched) {
      // A topics file keeps its own diagnostics beside those of its curation steps.
      const own =
        file === path
          ? diagnostics
          : (library.corpus.files.find((f) => f.path === file)?.diagnostics ??
            this.loader?.loaded?.taxonomy.files.find((f) => f.path === file)?.diagnostics ??
            []);
      this.setFileDiagnostics(file, [...own, ...collisions.filter((d) => d.file === file)]);
    }
    this.collisionFiles = new Set(collisions.map((d) => d.file));
  }

  private setFileDiagnostics(path: string, list: CoreDiagnostic[]): void {
    this.diagnostics.set(this.platform.uriOf(path), list.map(toVsCodeDiagnostic));
  }

  dispose(): void {
    clearTimeout(this.cacheTimer);
    this.cancelLoad.cancel();
    this.cancelLoad.dispose();
    this.watcher?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
    this.importer.dispose();
  }
}

/** `LibraryService.sample`. */
export interface SampleShown {
  /** The loaded library holds the bundled sample's papers. */
  shown: boolean;
  /** `lectern.includeSampleCorpus` at that load. */
  setting: SampleSetting;
}

const TOPICS_FILE_DEBOUNCE_MS = 150;

/**
 * Calls `listener` (once per burst) when a workspace folder's `.lectern/topics.json` is created, changed or deleted.
 * The `.lectern` folder is watched too: when the folder and the file are created together, the file watcher may
 * report only the folder (the file is written before a watch is set on the new folder), and the file would be missed.
 */
function watchTopicsFiles(listener: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(listener, TOPICS_FILE_DEBOUNCE_MS);
  };
  const watchers = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '{.lectern,.lectern/topics.json}'));
    return [watcher, watcher.onDidCreate(schedule), watcher.onDidChange(schedule), watcher.onDidDelete(schedule)];
  });
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.dispose();
  });
}

function progressMessage(step: LoadProgress): string {
  return step.kind === 'file'
    ? `${vscode.workspace.asRelativePath(step.path)} (${step.done}/${step.total})`
    : vscode.l10n.t('indexing {0} papers', step.papers);
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

/** The corpus's own diagnostics (id and citekey collisions): those after every file's import diagnostics. */
function collisionDiagnostics(library: PaperLibrary): CoreDiagnostic[] {
  const fromFiles = library.corpus.files.reduce((sum, file) => sum + file.diagnostics.length, 0);
  return library.corpus.diagnostics.slice(fromFiles);
}
