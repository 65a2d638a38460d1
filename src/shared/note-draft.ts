/**
 * The notes pane's side of keeping a note's body in sync, without the DOM: what it has from the
 * host, what the user typed, what is on its way. The webview's `NotesPane` drives one per paper;
 * the randomized no-lost-text test (src/core/notes/note-body-sync.property.test.ts) drives it against the
 * host's merge.
 *
 * The rules that keep every typed character:
 * - the pane's text is always sent as a change from a body it had (`synced`, the common
 *   ancestor), never as a new whole body;
 * - a body the host sends while the user has unsent typing does not replace it: the typing goes
 *   to the host right away, the host merges it into the current note, and the merged body comes
 *   back;
 * - one edit is on its way at a time, so each starts from text the note really had; typing done
 *   meanwhile goes next, as a change from the text sent;
 * - an edit that failed leaves its text unsent, and a reloaded pane sends its draft again under
 *   the same id (the host applies an id once).
 * Imports only types.
 */
import type { NoteDraft, WebviewToHostMessage } from './protocol';

export type EditNoteBodyMessage = Extract<WebviewToHostMessage, { type: 'editNoteBody' }>;

/** What the pane must do after an event: show `replace` as the text (keeping the caret), post `send`. */
export interface DraftAction {
  replace?: string;
  send?: EditNoteBodyMessage;
}

interface Body {
  body: string;
  version: number;
}

let counter = 0;
const defaultEditId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${(counter++).toString(36)}`;

export class NoteDraftModel {
  /** The last body both sides agree on; the pane's text is a change from it. */
  private synced: Body | undefined;
  private local = '';
  /** The edit on its way (a change from `synced`). */
  private pending: { editId: string; newBody: string } | undefined;
  /** A body that arrived while an edit was on its way: the note as it is after it. */
  private latest: (Body & { exists: boolean }) | undefined;
  /** Whether the paper has a note (as of the last body received). */
  exists = false;

  constructor(
    readonly paperId: string,
    private readonly newEditId: () => string = defaultEditId,
  ) {}

  /** The pane's text. */
  get text(): string {
    return this.local;
  }

  /** Whether a body has arrived (or a draft was restored): the pane can be edited. */
  get ready(): boolean {
    return this.synced !== undefined;
  }

  /** Typing not yet sent. */
  get unsent(): boolean {
    return this.synced !== undefined && this.local !== (this.pending?.newBody ?? this.synced.body);
  }

  /** An edit is on its way. */
  get saving(): boolean {
    return this.pending !== undefined;
  }

  /** Whether the pane has text the note may not have yet (unsent or unanswered). */
  get dirty(): boolean {
    return this.unsent || this.pending !== undefined;
  }

  /** The user changed the text. */
  input(text: string): void {
    this.local = text;
  }

  /** A `noteBody` arrived. */
  receive(body: string, version: number, exists: boolean): DraftAction {
    if (this.pending) {
      this.latest = { body, version, exists };
      return {};
    }
    if (!this.unsent) {
      this.synced = { body, version };
      this.local = body;
      this.exists = exists;
      return { replace: body };
    }
    // Unsent typing: keep it and let the host merge it into this newer body now.
    this.latest = { body, version, exists };
    return { send: this.send() };
  }

  /** The edit to post now, if there is typing to send and no edit on its way (its answer sends the rest). */
  send(): EditNoteBodyMessage | undefined {
    if (!this.synced || !this.unsent || this.pending) return undefined;
    return this.post(this.newEditId(), this.local);
  }

  private post(editId: string, newBody: string): EditNoteBodyMessage {
    this.pending = { editId, newBody };
    return { type: 'editNoteBody', paperId: this.paperId, editId, baseVersion: this.synced!.version, baseBody: this.synced!.body, newBody };
  }

  /** The edit `editId` was merged (`noteSaved`) or kept as a conflict (`noteConflict`); answers to other edits are stale. */
  acknowledge(editId: string): DraftAction {
    const sent = this.pending;
    if (!sent || sent.editId !== editId) return {};
    this.pending = undefined;
    const latest = this.latest;
    this.latest = undefined;
    if (!latest) {
      // The host sends the body before answering; without one, the text sent is the best ancestor.
      this.synced = { body: sent.newBody, version: this.synced!.version };
      return { send: this.send() };
    }
    this.exists = latest.exists;
    if (this.local === sent.newBody) {
      this.synced = { body: latest.body, version: latest.version };
      this.local = latest.body;
      return { replace: latest.body };
    }
    // Typed more while it was on its way: that typing is a change from the text sent.
    this.synced = { body: sent.newBody, version: latest.version };
    return { send: this.send() };
  }

  /**
   * The edit `editId` was not written (`noteNotSaved`): its text stays unsent, a change from
   * `synced`, and goes again under a new id with the next keystroke, blur or Ctrl+S (a lasting
   * failure must not loop; the host refuses a failed id for good, so it never lands twice).
   */
  reject(editId: string): DraftAction {
    if (this.pending?.editId !== editId) return {};
    this.pending = undefined;
    if (this.latest) this.exists = this.latest.exists;
    this.latest = undefined;
    return {};
  }

  /** What to keep in the webview state: the text the note may not have yet, and the edit on its way. */
  draft(): NoteDraft | undefined {
    if (!this.synced || !this.dirty) return undefined;
    const draft: NoteDraft = { paperId: this.paperId, baseVersion: this.synced.version, baseBody: this.synced.body, newBody: this.local };
    if (this.pending) draft.sent = { ...this.pending };
    return draft;
  }

  /**
   * A reloaded pane picks up a draft from its state. Returns the edit to post now: the one that
   * was on its way, again under its id (the host applies it once), or else the typing.
   */
  restore(draft: NoteDraft): EditNoteBodyMessage | undefined {
    this.synced = { body: draft.baseBody, version: draft.baseVersion };
    this.local = draft.newBody;
    this.exists = true;
    this.pending = undefined;
    this.latest = undefined;
    return draft.sent ? this.post(draft.sent.editId, draft.sent.newBody) : this.send();
  }
}
