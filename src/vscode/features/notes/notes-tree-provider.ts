import * as vscode from 'vscode';
import type { NoteEntry } from '../../../core/notes/note-index';
import { markdownUri } from '../../adapters/markdown-index';
import type { LibraryService } from '../../library/library-service';
import type { NoteService } from './note-service';

/** The "Notes" view: papers that have notes, most recently edited first, with their status. */
export class NotesTreeProvider implements vscode.TreeDataProvider<NoteEntry>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly notes: NoteService,
    private readonly library: LibraryService,
  ) {
    this.subscriptions = [notes.onDidChangeIndex(() => this.changeEmitter.fire()), library.onDidChange(() => this.changeEmitter.fire())];
  }

  async getChildren(element?: NoteEntry): Promise<NoteEntry[]> {
    if (element) return [];
    await this.notes.ensureLoaded();
    return this.notes.notesByRecency().filter((note) => note.paper !== undefined);
  }

  getTreeItem(note: NoteEntry): vscode.TreeItem {
    const paper = note.paper ? this.library.current?.paper(note.paper) : undefined;
    const item = new vscode.TreeItem(paper?.title ?? note.title ?? note.paper ?? note.path, vscode.TreeItemCollapsibleState.None);
    item.id = note.path;
    item.resourceUri = markdownUri(note.path);
    item.description = [note.status, ...note.tags.map((t) => `#${t}`)].filter(Boolean).join(' ');
    item.tooltip = `${vscode.workspace.asRelativePath(note.path)}\nEdited ${new Date(note.mtime).toLocaleString()}${paper ? '' : `\nNo paper "${note.paper}" in the corpus`}`;
    item.iconPath = new vscode.ThemeIcon(note.status === 'read' ? 'pass-filled' : note.status === 'reading' ? 'book' : 'note');
    item.contextValue = paper ? 'paper.noted' : 'note.orphan';
    item.command = { command: 'vscode.open', title: 'Open Note', arguments: [markdownUri(note.path)] };
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}
