import * as vscode from 'vscode';
import { NoteIndex, type NoteEntry } from '../../../core/notes/note-index';
import { mentionsOf } from '../../../core/notes/reference-lookup';

/** One mention of a paper in a markdown file of the workspace. */
export interface PaperMention {
  uri: vscode.Uri;
  /** 0-based line of the mention. */
  line: number;
  /** The mention (`[[…]]` or `@id`). */
  range: vscode.Range;
  /** The mention's line, trimmed (cut around the mention when long). */
  preview: string;
  kind: 'wikilink' | 'at';
}

/** Most markdown files read (the rest are left out of backlinks and references, with a log line). */
export const MAX_MARKDOWN_FILES = 5000;
/** Larger files are not read. */
const MAX_FILE_BYTES = 2_000_000;
const EXCLUDE = '**/{node_modules,.git}/**';
const EDIT_DEBOUNCE_MS = 250;
const READ_BATCH = 16;

/**
 * The `[[id]]` / `@id` references of every markdown file in the workspace (notes and any other
 * `.md`), as a core `NoteIndex` keyed by URI: its `backlinks(id)` are the files mentioning a
 * paper other than that paper's own notes. Read on first use, then kept current by a file
 * watcher and by the open documents (unsaved edits count, as in the editor).
 */
export class WorkspaceMentions implements vscode.Disposable {
  private index = new NoteIndex();
  private loaded: Promise<void> | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly pending = new Map<string, vscode.TextDocument>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];

  /** Fires after the references of some file changed (once loaded). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.loaded && event.contentChanges.length > 0 && this.inScope(event.document)) this.schedule(event.document);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.loaded && this.inScope(document)) this.schedule(document);
      }),
      // A closed document may have been discarded unsaved: the file on disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.loaded && this.inScope(document)) {
          this.pending.delete(document.uri.toString());
          void this.refreshFromDisk(document.uri);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (this.loaded) void this.reload();
      }),
    );
  }

  /** Reads every markdown file once; later calls wait for the same read. */
  ensureLoaded(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async reload(): Promise<void> {
    this.loaded = undefined;
    await this.ensureLoaded();
    this.changeEmitter.fire();
  }

  private async load(): Promise<void> {
    const started = Date.now();
    this.index = new NoteIndex();
    this.watcher?.dispose();
    this.watcher = undefined;
    if (!vscode.workspace.workspaceFolders?.length) return;
    const uris = await vscode.workspace.findFiles('**/*.md', EXCLUDE, MAX_MARKDOWN_FILES);
    for (let i = 0; i < uris.length; i += READ_BATCH) {
      const batch = uris.slice(i, i + READ_BATCH);
      const texts = await Promise.all(batch.map((uri) => this.readText(uri)));
      batch.forEach((uri, n) => {
        const text = texts[n];
        if (text !== undefined) this.index.update(uri.toString(), text, 0);
      });
    }
    // Open markdown documents that findFiles does not list (untitled, just created).
    for (const document of vscode.workspace.textDocuments) if (this.inScope(document)) this.index.update(document.uri.toString(), document.getText(), 0);
    if (uris.length >= MAX_MARKDOWN_FILES) this.output.warn(`Links: only the first ${MAX_MARKDOWN_FILES} markdown files are searched for backlinks.`);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    watcher.onDidCreate((uri) => void this.refreshFromDisk(uri));
    watcher.onDidChange((uri) => void this.refreshFromDisk(uri));
    watcher.onDidDelete((uri) => {
      if (this.openDocument(uri)) return;
      this.index.remove(uri.toString());
      this.changeEmitter.fire();
    });
    this.watcher = watcher;
    this.output.info(`Links: read ${this.index.size} markdown files for backlinks in ${Date.now() - started} ms.`);
  }

  private inScope(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'markdown') return false;
    if (document.uri.scheme === 'untitled') return true;
    return vscode.workspace.getWorkspaceFolder(document.uri) !== undefined && !/\/(?:node_modules|\.git)\//.test(document.uri.path);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key && !document.isClosed);
  }

  private schedule(document: vscode.TextDocument): void {
    this.pending.set(document.uri.toString(), document);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), EDIT_DEBOUNCE_MS);
  }

  /** Applies edits waiting for the debounce (queries call it, so they see what the editor shows). */
  private flush(): void {
    clearTimeout(this.timer);
    if (this.pending.size === 0) return;
    for (const [key, document] of this.pending) {
      if (document.isClosed) continue;
      this.index.update(key, document.getText(), 0);
    }
    this.pending.clear();
    this.changeEmitter.fire();
  }

  private async refreshFromDisk(uri: vscode.Uri): Promise<void> {
    if (/\/(?:node_modules|\.git)\//.test(uri.path)) return;
    const text = await this.readText(uri);
    if (text === undefined) this.index.remove(uri.toString());
    else this.index.update(uri.toString(), text, 0);
    this.changeEmitter.fire();
  }

  /** An open document's text (with unsaved edits), else the file's; undefined when unreadable or too large. */
  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    const open = this.openDocument(uri);
    if (open) return open.getText();
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES || (stat.type & vscode.FileType.File) === 0) return undefined;
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  /**
   * Every mention of a paper in the workspace's markdown, by file then position. With
   * `includeOwnNotes: false` (backlinks), the paper's own notes (`paper: <id>`) are left out.
   */
  async mentions(paperId: string, options: { includeOwnNotes?: boolean } = {}): Promise<PaperMention[]> {
    await this.ensureLoaded();
    this.flush();
    const entries: NoteEntry[] = this.index.backlinks(paperId).map((backlink) => backlink.note);
    if (options.includeOwnNotes !== false) {
      entries.push(...this.index.notesFor(paperId).filter((note) => note.references.some((reference) => reference.id === paperId)));
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const found: PaperMention[] = [];
    for (const entry of entries) {
      const uri = vscode.Uri.parse(entry.path);
      const text = await this.readText(uri);
      if (text === undefined) continue;
      for (const mention of mentionsOf(text, paperId)) {
        found.push({
          uri,
          line: mention.line,
          range: new vscode.Range(mention.line, mention.character, mention.endLine, mention.endCharacter),
          preview: mention.preview,
          kind: mention.kind,
        });
      }
    }
    return found;
  }

  /** How many mentions `mentions(id, { includeOwnNotes: false })` would return, without reading files. */
  async backlinkCount(paperId: string): Promise<number> {
    await this.ensureLoaded();
    this.flush();
    return this.index.backlinks(paperId).reduce((sum, backlink) => sum + backlink.references.length, 0);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
