import * as vscode from 'vscode';
import { READING_STATUSES, type ReadingStatusValue } from '../../../shared/protocol';
import type { FeatureContext } from '../feature-context';
import { paperIdFrom } from '../tree/register-paper-tree';
import { pickPaper } from '../search/search-papers-command';
import { NoteService } from './note-service';
import { NotesTreeProvider } from './notes-tree-provider';

const STATUS_LABELS: Record<ReadingStatusValue, string> = { 'to-read': 'To read', reading: 'Reading', read: 'Read' };

/**
 * Notes: the note service (shared with the reader and the tree), the Notes view, and the
 * Open Note, Set Status and Set Tags commands. Registered before the reader, which uses it.
 */
export function registerNotes(features: FeatureContext): vscode.Disposable[] {
  const notes = new NoteService(features.library, features.output);
  features.notes = notes;
  features.annotations = notes.annotationsLookup;
  const notesView = new NotesTreeProvider(notes, features.library);
  const view = vscode.window.createTreeView('lectern.notes', { treeDataProvider: notesView });

  const paperFor = async (arg: unknown, title: string) =>
    paperIdFrom(arg) ?? features.trees.activePaperId?.() ?? paperInActiveNote(notes) ?? (await pickPaper(features, { title }));

  const syncTree = () => {
    features.trees.papers?.setAnnotations(notes.annotationsLookup);
  };
  // Load notes once the library exists, so the tree can show note icons and status.
  const whenLibraryLoads = features.library.onDidChange(() => {
    notes.ensureLoaded().then(syncTree, (error) => features.output.error(`Notes: could not read the notes folder: ${String(error)}`));
  });

  return [
    notes,
    view,
    notesView,
    whenLibraryLoads,
    notes.onDidChangeIndex(syncTree),
    vscode.commands.registerCommand('lectern.openNote', async (arg?: unknown) => {
      const id = await paperFor(arg, 'Lectern: Open Note');
      if (!id) return;
      const uri = await notes.ensureNote(id);
      const document = await vscode.workspace.openTextDocument(uri);
      // Beside the reader when one is showing, so paper and note sit side by side.
      const readerShowing = vscode.window.tabGroups.all.some(
        (group) => group.activeTab?.input instanceof vscode.TabInputWebview && /lectern\.reader/.test(group.activeTab.input.viewType),
      );
      await vscode.window.showTextDocument(document, {
        viewColumn: readerShowing ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
        preview: false,
      });
    }),
    vscode.commands.registerCommand('lectern.setStatus', async (arg?: unknown, status?: string) => {
      const id = await paperFor(arg, 'Lectern: Set Status');
      if (!id) return;
      const current = notes.status(id).status;
      const chosen =
        READING_STATUSES.find((s) => s === status) ??
        (
          await vscode.window.showQuickPick(
            READING_STATUSES.map((s) => ({ label: STATUS_LABELS[s], status: s, description: s === current ? 'current' : undefined })),
            { title: 'Lectern: Set Status' },
          )
        )?.status;
      if (!chosen) return;
      await notes.setStatus(id, chosen);
    }),
    vscode.commands.registerCommand('lectern.setTags', async (arg?: unknown, tags?: string[]) => {
      const id = await paperFor(arg, 'Lectern: Set Tags');
      if (!id) return;
      const value =
        tags ??
        (
          await vscode.window.showInputBox({
            title: 'Lectern: Set Tags',
            prompt: "Tags, separated by commas (they go into the note's front matter)",
            value: notes.status(id).tags.join(', '),
          })
        )
          ?.split(',')
          .map((t) => t.trim())
          .filter(Boolean);
      if (!value) return;
      await notes.setTags(id, value);
    }),
  ];
}

function paperInActiveNote(notes: NoteService): string | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'markdown' ? notes.paperOfDocument(document) : undefined;
}
