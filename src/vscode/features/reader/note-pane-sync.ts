import * as vscode from 'vscode';
import { noteBodyOf, planBodyEdit, type BodyEditPlan } from '../../../core/notes/note-body-sync';
import type { TextEdit } from '../../../core/notes/text-edit';
import { NOTE_BODY_LIMIT, type HostToWebviewMessage, type WebviewToHostMessage } from '../../../shared/protocol';

/** What the notes pane needs from the notes service. */
export interface NotePaneNotes {
  noteUri(paperId: string): vscode.Uri | undefined;
  ensureNote(paperId: string): Promise<vscode.Uri>;
  applyBodyEdits(paperId: string, compute: (text: string) => TextEdit[]): Promise<void>;
}

export interface NotePaneSyncOptions {
  notes: NotePaneNotes;
  post: (message: HostToWebviewMessage) => void;
  /** The paper the panel shows: only its body is sent. */
  currentPaperId(): string | undefined;
  output: vscode.LogOutputChannel;
  /** Tells the user about a conflict (a warning with Compare); must not wait for them. */
  showConflict(conflict: { paperId: string; noteUri: vscode.Uri; paneNote: string; count: number }): void;
}

type EditNoteBody = Extract<WebviewToHostMessage, { type: 'editNoteBody' }>;

/** How many edit ids the panel remembers (a reloaded pane re-sends at most one per paper). */
const REMEMBERED_EDITS = 500;

/**
 * The host side of the reader's notes pane, one per panel. It sends the shown paper's note body
 * (`noteBody`, a new `version` whenever it changes, from the pane, an editor, Lectern or another
 * program), and merges the pane's `editNoteBody` into the note's current text with
 * `planBodyEdit` — the pane's changes become text edits of the current document, a real conflict
 * keeps both versions — then answers `noteSaved` / `noteConflict` / `noteNotSaved` after sending
 * the resulting body. Everything runs in one queue, so edits are merged in the order they came.
 */
export class NotePaneSync {
  private version = 0;
  private lastSent: { paperId: string; body: string; path?: string; tooLarge?: boolean } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private refreshQueued = false;
  /** Edit ids already handled: one sent again is answered the same way and not applied twice. */
  private readonly outcomes = new Map<string, 'applied' | 'failed'>();

  constructor(private readonly options: NotePaneSyncOptions) {}

  /** Sends the paper's body now if it changed since last sent, or in any case with `force` (a new or reloaded pane). */
  refresh(paperId: string, force = false): Promise<void> {
    return this.enqueue(() => this.sendBody(paperId, force));
  }

  /** The note may have changed: sends the shown paper's body if it did. Coalesces bursts of keystrokes. */
  noteChanged(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    void this.enqueue(async () => {
      this.refreshQueued = false;
      const paperId = this.options.currentPaperId();
      if (paperId) await this.sendBody(paperId, false);
    }).catch((error) => this.options.output.warn(`Reader: could not send the note to the notes pane: ${String(error)}`));
  }

  /** Creates the paper's note (from the template) for the pane. */
  create(paperId: string): Promise<void> {
    return this.enqueue(async () => {
      await this.options.notes.ensureNote(paperId);
      await this.sendBody(paperId, false);
    });
  }

  /** Merges the pane's edit into the note and answers it. Never throws: a failure is answered with `noteNotSaved`. */
  edit(message: EditNoteBody): Promise<void> {
    return this.enqueue(() => this.applyEdit(message));
  }

  private async applyEdit(message: EditNoteBody): Promise<void> {
    const { paperId, editId } = message;
    const { notes, post, output } = this.options;
    const known = this.outcomes.get(editId);
    if (known === 'failed') {
      post({
        type: 'noteNotSaved',
        paperId,
        editId,
        message: vscode.l10n.t('Lectern: this edit could not be saved before; it is sent again as a new one.'),
      });
      return;
    }
    if (known === 'applied') {
      await this.sendBody(paperId, true);
      post({ type: 'noteSaved', paperId, editId, version: this.version });
      return;
    }
    const when = new Date();
    const stamp = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())} ${pad(when.getHours())}:${pad(when.getMinutes())}`;
    let plan: BodyEditPlan | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await notes.applyBodyEdits(paperId, (text) => {
            plan = planBodyEdit(text, message.baseBody, message.newBody, stamp);
            return plan.edits;
          });
          break;
        } catch (error) {
          // The document changed between reading and applying (VS Code refuses a stale edit): merge again.
          if (attempt >= 3 || !/could not edit/.test(String(error))) throw error;
        }
      }
    } catch (error) {
      // A failure after the edit landed (saving the document, say) is not a failure of the edit.
      const uri = notes.noteUri(paperId);
      const now = uri && (await readText(uri));
      if (now !== undefined && planBodyEdit(now, message.baseBody, message.newBody, stamp).outcome === 'unchanged') {
        output.warn(`Reader: the notes pane's edit to ${paperId} is in the note, but: ${String(error)}`);
        this.remember(editId, 'applied');
        await this.sendBody(paperId, true);
        post({ type: 'noteSaved', paperId, editId, version: this.version });
        return;
      }
      const text = error instanceof Error ? error.message : String(error);
      output.error(`Reader: the notes pane's edit to ${paperId} was not saved: ${text}`);
      this.remember(editId, 'failed');
      post({ type: 'noteNotSaved', paperId, editId, message: text.startsWith('Lectern:') ? text : vscode.l10n.t('Lectern: {0}', text) });
      return;
    }
    this.remember(editId, 'applied');
    const noteUri = notes.noteUri(paperId);
    await this.sendBody(paperId, true);
    if (plan?.outcome === 'conflict' && noteUri) {
      const count = plan.conflicts.length;
      output.warn(
        `Reader: the notes pane and another edit changed the same text in ${vscode.workspace.asRelativePath(noteUri)}; the pane's version of ${count} passage(s) is kept in a conflict section.`,
      );
      post({
        type: 'noteConflict',
        paperId,
        editId,
        message: vscode.l10n.t(
          'Changed here and in the editor at once: the note keeps the editor’s text, and your version is kept in a “Notes pane conflict” section at the end.',
        ),
      });
      this.options.showConflict({ paperId, noteUri, paneNote: plan.paneNote, count });
    } else {
      post({ type: 'noteSaved', paperId, editId, version: this.version });
    }
  }

  private remember(editId: string, outcome: 'applied' | 'failed'): void {
    this.outcomes.set(editId, outcome);
    if (this.outcomes.size > REMEMBERED_EDITS) this.outcomes.delete(this.outcomes.keys().next().value!);
  }

  /** Reads the note (an open document's text, unsaved edits included) and posts its body if it changed. */
  private async sendBody(paperId: string, force: boolean): Promise<void> {
    if (paperId !== this.options.currentPaperId()) return;
    const uri = this.options.notes.noteUri(paperId);
    const text = uri ? await readText(uri) : undefined;
    let state: { paperId: string; body: string; path?: string; tooLarge?: boolean };
    if (uri && text !== undefined) {
      const body = noteBodyOf(text);
      const path = vscode.workspace.asRelativePath(uri, false);
      state = body.length > NOTE_BODY_LIMIT ? { paperId, body: '', path, tooLarge: true } : { paperId, body, path };
    } else state = { paperId, body: '' };
    const last = this.lastSent;
    if (
      !force &&
      last &&
      last.paperId === state.paperId &&
      last.body === state.body &&
      last.path === state.path &&
      last.tooLarge === state.tooLarge
    )
      return;
    this.lastSent = state;
    this.version += 1;
    this.options.post({ type: 'noteBody', ...state, version: this.version });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // Deleted since the index saw it: no note.
  }
}
