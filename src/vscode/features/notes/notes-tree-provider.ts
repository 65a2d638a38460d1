import * as vscode from 'vscode';
import type { NoteEntry } from '../../../core/notes/note-index';
import type { LibraryService } from '../../library/library-service';
import { toTreeItem } from '../tree/to-tree-item';
import type { NoteService } from './note-service';
import { noteTreeItem } from './note-tree-items';

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
    const where = { relativePath: vscode.workspace.asRelativePath(note.path), edited: new Date(note.mtime).toLocaleString() };
    return toTreeItem(noteTreeItem(note, paper, where));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}
