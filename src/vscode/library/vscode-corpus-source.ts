import * as vscode from 'vscode';
import { fileTooLarge, maxBytesOf, notRegularFile, type CorpusReadOptions } from '../../core/library/corpus-file-refusal';
import type { CorpusFileChange, CorpusListing, CorpusSource } from '../../core/library/corpus-source';
import type { LecternPlatform } from '../platform/lectern-platform';
import { excludePattern, type CorpusSettings } from './corpus-settings';

const WATCH_DEBOUNCE_MS = 150;

/**
 * The workspace as a `CorpusSource`: in every workspace folder, that folder's `lectern.corpus` globs
 * minus its `lectern.corpusExclude` (each folder of a multi-root workspace may set its own), read
 * through `workspace.fs` and the platform (`files`), watched with `FileSystemWatcher`s. Paths are `Uri.fsPath`
 * strings; `files.uriOf` turns them back into URIs (a virtual workspace's are not `file:` URIs).
 */
export class VscodeCorpusSource implements CorpusSource {
  readonly roots: readonly string[];
  /** The user's own globs that matched nothing at the last `listFiles`, for a warning. */
  unmatchedUserGlobs: string[] = [];
  /** Declared bibliographies no glob matched at the last `listFiles`: watched on their own. */
  private declaredOnly: readonly string[] = [];

  constructor(
    /** Paths to URIs, and reading a file's bytes (Node on the desktop, `workspace.fs` on the web). */
    private readonly files: Pick<LecternPlatform, 'uriOf' | 'readFile'>,
    /** A workspace folder's corpus settings (`settingsFor(folder).corpus`). */
    private readonly settingsOf: (folder: vscode.WorkspaceFolder) => CorpusSettings,
    private readonly log: (message: string) => void = () => undefined,
    /** Bibliographies that documents name (`bibliography:`, `\addbibresource{}`): read whatever the globs say. */
    private readonly declared: readonly string[] = [],
  ) {
    this.roots = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  }

  async listFiles(): Promise<CorpusListing> {
    const found = new Set<string>();
    this.unmatchedUserGlobs = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const settings = this.settingsOf(folder);
      const exclude = excludePattern(settings.exclude);
      for (const glob of settings.globs) {
        const matches = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude);
        if (matches.length === 0 && settings.userGlobs.includes(glob)) this.unmatchedUserGlobs.push(glob);
        for (const uri of matches) found.add(uri.fsPath);
      }
    }
    this.declaredOnly = this.declared.filter((path) => !found.has(path));
    for (const path of this.declaredOnly) found.add(path);
    return { paths: [...found], diagnostics: [] };
  }

  async listFolder(folder: string): Promise<string[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.files.uriOf(folder));
    return entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
  }

  /**
   * Refuses, from `workspace.fs.stat` and before any read, what is not a file (`FileType.Unknown` is a
   * pipe, a device or a socket) or is over `options.maxBytes`; then reads at most `maxBytes + 1` bytes
   * through the platform (on the desktop Node, which checks the open file again).
   */
  async readFile(path: string, options?: CorpusReadOptions): Promise<Uint8Array> {
    const maxBytes = maxBytesOf(options);
    const stat = await vscode.workspace.fs.stat(this.files.uriOf(path));
    // `type` is a bit mask: a symbolic link to a file is `File | SymbolicLink`.
    if ((stat.type & vscode.FileType.File) === 0) {
      throw notRegularFile(
        path,
        stat.type & vscode.FileType.Directory ? vscode.l10n.t('a folder') : vscode.l10n.t('a pipe, a device or a socket'),
      );
    }
    if (stat.size > maxBytes) throw fileTooLarge(path, stat.size, maxBytes);
    return this.files.readFile(path, maxBytes);
  }

  join(folder: string, ...segments: string[]): string {
    return vscode.Uri.joinPath(this.files.uriOf(folder), ...segments).fsPath;
  }

  /**
   * Watches every corpus glob in every folder. Bursts of events for one file are debounced; a
   * created or changed file that `lectern.corpusExclude` rules out is reported as deleted (the
   * loader ignores deletions of files it never read).
   */
  watch(listener: (change: CorpusFileChange) => void): vscode.Disposable {
    const pending = new Map<string, ReturnType<typeof setTimeout>>();
    const watchers: vscode.Disposable[] = [];
    // A change still being classified when the watch ends (the corpus settings changed meanwhile) is dropped: it
    // belongs to the old globs, and the reload that ended the watch has read the files as they are.
    let disposed = false;
    const report = (change: CorpusFileChange) => {
      if (!disposed) listener(change);
    };
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of this.settingsOf(folder).globs) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
        const schedule = (uri: vscode.Uri, deleted: boolean) => {
          this.log(`${deleted ? 'Deleted' : 'Changed'}: ${vscode.workspace.asRelativePath(uri)}`);
          clearTimeout(pending.get(uri.fsPath));
          pending.set(
            uri.fsPath,
            setTimeout(() => {
              pending.delete(uri.fsPath);
              void this.classify(folder, uri, deleted).then(report);
            }, WATCH_DEBOUNCE_MS),
          );
        };
        watchers.push(
          watcher,
          watcher.onDidCreate((uri) => schedule(uri, false)),
          watcher.onDidChange((uri) => schedule(uri, false)),
          watcher.onDidDelete((uri) => schedule(uri, true)),
        );
      }
    }
    for (const path of this.declaredOnly) {
      const uri = this.files.uriOf(path);
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop()!),
      );
      const reportDeclared = (deleted: boolean) => report({ path, kind: deleted ? 'deleted' : 'changed' });
      watchers.push(
        watcher,
        watcher.onDidCreate(() => reportDeclared(false)),
        watcher.onDidChange(() => reportDeclared(false)),
        watcher.onDidDelete(() => reportDeclared(true)),
      );
    }
    return new vscode.Disposable(() => {
      disposed = true;
      for (const timer of pending.values()) clearTimeout(timer);
      for (const watcher of watchers) watcher.dispose();
    });
  }

  private async classify(folder: vscode.WorkspaceFolder, uri: vscode.Uri, deleted: boolean): Promise<CorpusFileChange> {
    if (deleted) return { path: uri.fsPath, kind: 'deleted' };
    const relative = vscode.workspace.asRelativePath(uri, false).replace(/[[\]{}*?]/g, (ch) => `[${ch}]`);
    const included = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, relative),
      excludePattern(this.settingsOf(folder).exclude),
      1,
    );
    return { path: uri.fsPath, kind: included.length > 0 ? 'changed' : 'deleted' };
  }
}
