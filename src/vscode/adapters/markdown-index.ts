import * as vscode from 'vscode';
import { NoteIndex, type NoteEntry } from '../../core/notes/note-index';
import type { NotePaperResolver } from '../../core/notes/note-claims';

/** Most markdown files read; the rest are left out, with a log line. */
const MAX_MARKDOWN_FILES = 5000;
/** Larger files are not read. */
const MAX_FILE_BYTES = 2_000_000;
const EXCLUDED = /\/(?:node_modules|\.git)\//;
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
const EDIT_DEBOUNCE_MS = 250;
const READ_BATCH = 16;

/** What changed in one file: its entry before and after (undefined when absent). */
export interface MarkdownChange {
  key: string;
  before?: NoteEntry;
  after?: NoteEntry;
}

export interface MarkdownIndexOptions {
  /** For log lines: "Notes", "Links". */
  label: string;
  output: vscode.LogOutputChannel;
  /** The files to index in a workspace folder, relative to it (read on every load: settings may change it). */
  glob(folder: vscode.WorkspaceFolder): string;
  /** Whether a markdown document belongs to this index (its glob, in the workspace, not excluded). */
  includes(uri: vscode.Uri): boolean;
  /** Resolves citekeys, DOIs and file names to papers (the loaded library), if any yet; see `setResolver`. */
  resolver?: () => NotePaperResolver | undefined;
}

/** The index key of a document: its file path, or the URI of an untitled document. */
export function markdownKey(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/** The document of an index key. */
export function markdownUri(key: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(key) ? vscode.Uri.parse(key) : vscode.Uri.file(key);
}

/**
 * A core `NoteIndex` over a set of workspace markdown files, shared by the notes service (the
 * notes folder) and the links feature (every markdown file). Read on first use, then kept
 * current by a file watcher and by open documents — unsaved edits count, as in the editor,
 * applied once typing pauses. Queries call `flush` to see what the editor shows.
 */
export class MarkdownIndex implements vscode.Disposable {
  private index = new NoteIndex();
  private loaded: Promise<void> | undefined;
  private watcher: vscode.Disposable | undefined;
  private readonly pending = new Map<string, vscode.TextDocument>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<MarkdownChange[]>();
  private readonly disposables: vscode.Disposable[] = [];

  /** Fires with the files whose entries changed (once loaded), and with `[]` after a reload. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly options: MarkdownIndexOptions) {
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.loaded && event.contentChanges.length > 0 && this.covers(event.document)) this.schedule(event.document);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.loaded && this.covers(document)) this.schedule(document);
      }),
      // A closed document may have been discarded unsaved: the file on disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.loaded && this.covers(document)) {
          this.pending.delete(markdownKey(document.uri));
          void this.refreshFromDisk(document.uri);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (this.loaded) void this.reload();
      }),
    );
  }

  /** The index, read on first use; later calls wait for the same read. */
  async ready(): Promise<NoteIndex> {
    this.loaded ??= this.load();
    await this.loaded;
    this.flush();
    return this.index;
  }

  /** The index as it is now, without reading anything (empty until first used). */
  get current(): NoteIndex {
    return this.index;
  }

  /** Reads every file again (the scope changed). */
  async reload(): Promise<void> {
    this.loaded = undefined;
    await this.ready();
    this.changeEmitter.fire([]);
  }

  /**
   * Resolves every file's paper and references again (the library changed). Fires the files whose
   * paper changed (`before` as it was), or `[]` when only references may have: backlink counts.
   */
  setResolver(resolver: NotePaperResolver | undefined): void {
    const before = new Map(this.index.notesByRecency().map((entry) => [entry.path, { ...entry }]));
    this.index.setResolver(resolver);
    if (!this.loaded) return;
    const changes: MarkdownChange[] = [];
    for (const [key, old] of before) {
      const after = this.index.get(key);
      if (after && after.paper !== old.paper) changes.push({ key, before: old, after });
    }
    this.changeEmitter.fire(changes);
  }

  private async load(): Promise<void> {
    const started = Date.now();
    this.index = new NoteIndex([], this.options.resolver?.());
    this.watcher?.dispose();
    this.watcher = undefined;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) return;
    // Every workspace folder, each with its own glob (its own notes folder in a multi-root workspace).
    const patterns = folders.map((folder) => new vscode.RelativePattern(folder, this.options.glob(folder)));
    const uris: vscode.Uri[] = [];
    for (const pattern of patterns) {
      if (uris.length >= MAX_MARKDOWN_FILES) break;
      uris.push(...(await vscode.workspace.findFiles(pattern, EXCLUDE_GLOB, MAX_MARKDOWN_FILES - uris.length)));
    }
    for (let i = 0; i < uris.length; i += READ_BATCH) {
      const batch = uris.slice(i, i + READ_BATCH);
      const read = await Promise.all(batch.map((uri) => this.readFile(uri)));
      batch.forEach((uri, n) => {
        const file = read[n];
        if (file && 'unreadable' in file) this.index.unreadable(markdownKey(uri), file.mtime, file.unreadable);
        else if (file) this.index.update(markdownKey(uri), file.text, file.mtime);
      });
    }
    // Open markdown documents that findFiles does not list (untitled, just created).
    for (const document of vscode.workspace.textDocuments) {
      if (this.covers(document)) this.index.update(markdownKey(document.uri), document.getText(), Date.now());
    }
    if (uris.length >= MAX_MARKDOWN_FILES)
      this.options.output.warn(`${this.options.label}: only the first ${MAX_MARKDOWN_FILES} markdown files are read.`);
    this.watcher = vscode.Disposable.from(...patterns.map((pattern) => this.watch(pattern)));
    this.options.output.info(`${this.options.label}: read ${this.index.size} markdown files in ${Date.now() - started} ms.`);
  }

  private watch(pattern: vscode.RelativePattern): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    watcher.onDidCreate((uri) => void this.refreshFromDisk(uri));
    watcher.onDidChange((uri) => void this.refreshFromDisk(uri));
    watcher.onDidDelete((uri) => {
      const key = markdownKey(uri);
      // An open document with unsaved edits still exists for the user; anything else is gone.
      if (this.openDocument(uri)?.isDirty) return;
      this.pending.delete(key);
      this.apply(key, undefined);
    });
    return watcher;
  }

  private covers(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'markdown' || EXCLUDED.test(document.uri.path)) return false;
    return this.options.includes(document.uri);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key && !document.isClosed);
  }

  private schedule(document: vscode.TextDocument): void {
    this.pending.set(markdownKey(document.uri), document);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), EDIT_DEBOUNCE_MS);
  }

  /** Applies edits waiting for the debounce. */
  flush(): void {
    clearTimeout(this.timer);
    if (this.pending.size === 0) return;
    const changes: MarkdownChange[] = [];
    for (const [key, document] of this.pending) {
      if (!document.isClosed) changes.push(this.change(key, document.getText(), Date.now()));
    }
    this.pending.clear();
    if (changes.length > 0) this.changeEmitter.fire(changes);
  }

  /** Records a file's new text at once (Lectern just wrote it), or its removal with `undefined`. */
  apply(key: string, text: string | undefined, mtime = Date.now()): void {
    this.pending.delete(key);
    this.changeEmitter.fire([this.change(key, text, mtime)]);
  }

  private change(key: string, text: string | { unreadable: string } | undefined, mtime: number): MarkdownChange {
    const before = this.index.get(key);
    if (typeof text === 'object') return { key, before, after: this.index.unreadable(key, mtime, text.unreadable) };
    if (text === undefined) {
      this.index.remove(key);
      return { key, before };
    }
    return { key, before, after: this.index.update(key, text, mtime) };
  }

  private async refreshFromDisk(uri: vscode.Uri): Promise<void> {
    if (EXCLUDED.test(uri.path) || !this.options.includes(uri)) return;
    const read = await this.readFile(uri);
    const key = markdownKey(uri);
    this.pending.delete(key);
    this.changeEmitter.fire([this.change(key, read && 'unreadable' in read ? read : read?.text, read?.mtime ?? Date.now())]);
  }

  /** A file's text — an open document's, with unsaved edits — and modification time; undefined when unreadable or too large. */
  async read(uri: vscode.Uri): Promise<{ text: string; mtime: number } | undefined> {
    const file = await this.readFile(uri);
    return file && 'text' in file ? file : undefined;
  }

  /**
   * `read`, saying why a file is not read: one that is not a regular file (a pipe, a device, a
   * socket: reading could block or never end) or is over MAX_FILE_BYTES (so a hostile file
   * costs at most that, times READ_BATCH while loading) is reported, never read.
   */
  private async readFile(uri: vscode.Uri): Promise<{ text: string; mtime: number } | { unreadable: string; mtime: number } | undefined> {
    const open = this.openDocument(uri);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (open) return { text: open.getText(), mtime: stat.mtime };
      const unreadable =
        (stat.type & vscode.FileType.File) === 0
          ? vscode.l10n.t(
              'Lectern: this is not a regular file (a pipe, device or socket), so Lectern does not read it; replace it with a markdown file.',
            )
          : stat.size > MAX_FILE_BYTES
            ? vscode.l10n.t(
                'Lectern: this file is {0} MB, over the {1} MB Lectern reads in a markdown file, so it is skipped; split it to have it read.',
                (stat.size / 1e6).toFixed(1),
                MAX_FILE_BYTES / 1e6,
              )
            : undefined;
      if (unreadable) {
        this.options.output.warn(`${this.options.label}: ${vscode.workspace.asRelativePath(uri)}: ${unreadable.replace(/^Lectern: /, '')}`);
        return { unreadable, mtime: stat.mtime };
      }
      // TextDecoder reads what the byte-exact write path (core/notes/note-bytes) reads: same text, same offsets.
      return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), mtime: stat.mtime };
    } catch {
      return open ? { text: open.getText(), mtime: Date.now() } : undefined;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
