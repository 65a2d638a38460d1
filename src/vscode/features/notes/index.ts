import * as vscode from 'vscode';
import type { LibraryService } from '../../library/library-service';
import { canonicalPaperId } from '../shared/canonical-paper-id';
import { paperIdFrom } from '../shared/paper-id-from';
import { paperInActiveEditor } from '../shared/paper-in-active-editor';
import { refusedInRestrictedMode } from '../trust';
import type { PaperPicker } from '../shared/paper-picker';
import { parseTagsInput, statusChoices, statusFromArgument } from './note-decisions';
import type { NoteService } from './note-service';
import { NotesTreeProvider } from './notes-tree-provider';

export interface NotesDeps {
  notes: NoteService;
  library: LibraryService;
  output: vscode.LogOutputChannel;
  picker: PaperPicker;
  /** The paper the reader shows, if any: the commands' default. */
  activePaperId: () => string | undefined;
}

/** Notes: the Notes view, reading the notes once the library loads, and the Open Note, Set Status and Set Tags commands. */
export function registerNotes({ notes, library, output, picker, activePaperId }: NotesDeps): vscode.Disposable[] {
  const notesView = new NotesTreeProvider(notes, library);
  const view = vscode.window.createTreeView('lectern.notes', { treeDataProvider: notesView });

  // A citekey given as the argument (or under the cursor) names its paper as an id does.
  const paperFor = async (arg: unknown, title: string) =>
    canonicalPaperId(
      library,
      paperIdFrom(arg) ?? activePaperId() ?? paperInActiveEditor({ atCursor: false }) ?? (await picker.pick({ title })),
    );

  // Restricted Mode: a paper with a note may be edited; making a new note (from the template) is refused.
  const refusedNewNote = async (id: string) => {
    if (vscode.workspace.isTrusted) return false;
    await notes.ensureLoaded();
    return notes.noteUri(id) === undefined && refusedInRestrictedMode(vscode.l10n.t('Creating a note'));
  };

  // Read the notes once the library exists, so the tree can show note icons and status.
  const whenLibraryLoads = library.onDidChange(() => {
    notes.ensureLoaded().catch((error) => output.error(`Notes: could not read the notes folder: ${String(error)}`));
  });

  return [
    view,
    notesView,
    whenLibraryLoads,
    vscode.commands.registerCommand('lectern.openNote', async (arg?: unknown) => {
      const id = await paperFor(arg, vscode.l10n.t('Lectern: Open Note'));
      if (!id || (await refusedNewNote(id))) return;
      const document = await vscode.workspace.openTextDocument(await notes.ensureNote(id));
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
      const id = await paperFor(arg, vscode.l10n.t('Lectern: Set Status'));
      if (!id || (await refusedNewNote(id))) return;
      const chosen =
        statusFromArgument(status) ??
        (await vscode.window.showQuickPick(statusChoices(notes.status(id).status), { title: vscode.l10n.t('Lectern: Set Status') }))
          ?.status;
      if (chosen) await notes.setStatus(id, chosen);
    }),
    vscode.commands.registerCommand('lectern.setTags', async (arg?: unknown, tags?: string[]) => {
      const id = await paperFor(arg, vscode.l10n.t('Lectern: Set Tags'));
      if (!id || (await refusedNewNote(id))) return;
      const typed =
        tags === undefined
          ? await vscode.window.showInputBox({
              title: vscode.l10n.t('Lectern: Set Tags'),
              prompt: vscode.l10n.t("Tags, separated by commas (they go into the note's front matter)"),
              value: notes.status(id).tags.join(', '),
            })
          : undefined;
      const value = tags ?? (typed === undefined ? undefined : parseTagsInput(typed));
      if (value) await notes.setTags(id, value);
    }),
  ];
}
