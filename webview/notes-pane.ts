import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { NoteDraftModel, type DraftAction } from '../src/shared/note-draft';
import { diffTexts, mapOffset } from '../src/shared/text-diff';
import { NOTE_BODY_LIMIT, type HostToWebviewMessage, type NoteDraft, type WebviewToHostMessage } from '../src/shared/protocol';
import { el } from './dom';
import { renderNoteMarkdown } from './render-abstract';

export type NotePaneMessage = Extract<HostToWebviewMessage, { type: 'noteBody' | 'noteSaved' | 'noteConflict' | 'noteNotSaved' }>;

export interface NotesPaneOptions {
  post(message: WebviewToHostMessage): void;
  /** The pane's unsaved text changed: keep it in the webview state (see `drafts()`). */
  draftsChanged(): void;
}

/** Quiet time after the last keystroke before the text is saved. */
const SAVE_DELAY_MS = 500;
/** After a failed save, when to try again without a keystroke. */
const RETRY_MS = 4_000;

type Button = HTMLElement & { disabled: boolean };

/**
 * The Notes section under the abstract: the paper's note body in a textarea (a native one: the
 * caret and selection must survive the text being updated under it, and `vscode-textarea` keeps
 * its textarea in a shadow root), a Preview toggle rendering it with the abstract's markdown
 * pipeline, and a status line. Typing is saved 500 ms after it stops, on blur and with Ctrl/Cmd+S,
 * as an edit the host merges into the note (see `NoteDraftModel`); a body arriving from the host
 * replaces the text only when nothing typed is waiting. One element for the panel's life: the
 * reader moves it, never rebuilds it, so focus and typing survive re-renders.
 */
export class NotesPane {
  readonly element: HTMLElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly preview: HTMLElement;
  private readonly previewToggle: Button;
  private readonly createButton: Button;
  private readonly openButton: Button;
  private readonly status: HTMLElement;
  private readonly message: HTMLElement;
  private readonly help: HTMLElement;
  private model: NoteDraftModel | undefined;
  /** Papers left before their typing was saved: their edits still go out and their answers still come. */
  private readonly background = new Map<string, NoteDraftModel>();
  private restoring: NoteDraft[];
  private notesEnabled = false;
  private path: string | undefined;
  private tooLarge = false;
  private previewing = false;
  private creating = false;
  private timer: number | undefined;

  constructor(
    private readonly options: NotesPaneOptions,
    savedDrafts: NoteDraft[] = [],
  ) {
    this.restoring = savedDrafts;
    this.textarea = el('textarea', {
      id: 'note-body',
      class: 'notes-input',
      rows: 6,
      spellcheck: 'true',
      'aria-label': l10n.t('Notes on this paper (markdown)'),
      'aria-describedby': 'notes-help',
      'aria-keyshortcuts': 'Control+S Meta+S',
      placeholder: l10n.t('Write notes in markdown. They are saved to this paper’s note as you type.'),
    });
    this.preview = el('div', { class: 'notes-preview', id: 'note-preview', 'aria-label': l10n.t('Notes preview'), tabindex: 0 });
    this.preview.hidden = true;
    this.previewToggle = el(
      'vscode-button',
      { secondary: true, 'aria-pressed': 'false', title: l10n.t('Show the notes rendered as markdown') },
      l10n.t('Preview'),
    );
    this.createButton = el(
      'vscode-button',
      { title: l10n.t('Create this paper’s markdown note from the template') },
      l10n.t('Create note'),
    );
    this.openButton = el('vscode-button', { secondary: true, title: l10n.t('Open the note in an editor') }, l10n.t('Open in Editor'));
    this.status = el('span', { class: 'notes-status', role: 'status', 'aria-live': 'polite' });
    this.message = el('p', { class: 'hint notes-message' });
    this.help = el('p', { class: 'hint notes-help', id: 'notes-help' });
    this.element = el(
      'section',
      { class: 'notes-pane', id: 'notes-pane', 'aria-labelledby': 'notes-heading' },
      el(
        'div',
        { class: 'notes-header' },
        el('h2', { id: 'notes-heading', class: 'notes-heading' }, l10n.t('Notes')),
        this.status,
        el('span', { class: 'notes-actions' }, this.previewToggle, this.openButton),
      ),
      this.message,
      this.createButton,
      this.textarea,
      this.preview,
      this.help,
    );
    this.listen();
    this.render();
  }

  /** Typing, saving (blur, Ctrl/Cmd+S, leaving the page) and the buttons. */
  private listen(): void {
    this.textarea.addEventListener('input', () => {
      if (!this.model?.ready) return;
      this.model.input(this.textarea.value);
      this.schedule(SAVE_DELAY_MS);
      this.showStatus(this.model.dirty ? l10n.t('Saving…') : l10n.t('Saved'));
      this.options.draftsChanged();
    });
    this.textarea.addEventListener('blur', () => this.flush());
    this.textarea.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        event.stopPropagation();
        this.flush();
      }
    });
    this.previewToggle.addEventListener('click', () => this.setPreview(!this.previewing));
    this.createButton.addEventListener('click', () => this.createNote());
    this.openButton.addEventListener('click', () => {
      if (!this.model || this.openButton.disabled) return;
      this.flush();
      this.options.post({ type: 'openNote', paperId: this.model.paperId });
    });
    // Leaving (the panel hidden, the page unloading): send what is typed now.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flush();
    });
    window.addEventListener('pagehide', () => this.flush());
  }

  private createNote(): void {
    if (!this.model || this.createButton.disabled) return;
    this.creating = true;
    this.createButton.disabled = true;
    this.showStatus(l10n.t('Creating the note…'));
    this.options.post({ type: 'createNote', paperId: this.model.paperId });
    // If no note comes (the host reports why), the button works again.
    window.setTimeout(() => {
      if (!this.creating) return;
      this.creating = false;
      this.showStatus('');
      this.render();
    }, 10_000);
  }

  /** The pane shows `paperId` (a `showPaper`): the same paper keeps its text; another one is loaded. */
  show(paperId: string, notesEnabled: boolean): void {
    this.notesEnabled = notesEnabled;
    if (this.model?.paperId !== paperId) {
      this.leave();
      this.model = this.background.get(paperId) ?? new NoteDraftModel(paperId);
      this.background.delete(paperId);
      this.path = undefined;
      this.tooLarge = false;
      this.creating = false;
      this.showStatus(this.model.saving ? l10n.t('Saving…') : '');
      this.textarea.value = this.model.text;
    }
    // The first paper after a reload: send what the last page had not saved, this paper's and others'.
    const restoring = this.restoring;
    this.restoring = [];
    for (const draft of restoring) {
      let model: NoteDraftModel | undefined = draft.paperId === paperId ? this.model : this.background.get(draft.paperId);
      if (!model) this.background.set(draft.paperId, (model = new NoteDraftModel(draft.paperId)));
      const send = model.restore(draft);
      if (send) this.post(send);
      if (model === this.model) {
        this.textarea.value = model.text;
        this.showStatus(l10n.t('Saving what was typed before the reload…'));
      }
    }
    this.render();
  }

  /** The panel shows no paper any more. */
  clear(): void {
    this.leave();
    this.model = undefined;
    this.render();
  }

  /** Handles the host's notes-pane messages (for the shown paper, or one left with typing on its way). */
  handle(message: NotePaneMessage): void {
    const shown = this.model?.paperId === message.paperId;
    const model = shown ? this.model : this.background.get(message.paperId);
    if (!model) return;
    const before = this.textarea.value;
    switch (message.type) {
      case 'noteBody': {
        if (!shown) return;
        this.path = message.path;
        this.tooLarge = message.tooLarge === true;
        if (this.tooLarge) break;
        if (message.path !== undefined) this.creating = false;
        const action = model.receive(message.body, message.version, message.path !== undefined);
        this.apply(model, action);
        if (action.replace !== undefined && action.replace !== before) this.showStatus(l10n.t('Edited in the editor — updated'));
        else if (action.send) this.showStatus(l10n.t('Edited in the editor — merging your typing…'));
        break;
      }
      case 'noteSaved': {
        const action = model.acknowledge(message.editId);
        this.apply(model, action);
        if (shown)
          this.showStatus(
            model.dirty
              ? l10n.t('Saving…')
              : action.replace !== undefined && action.replace !== before
                ? l10n.t('Saved — merged with changes made elsewhere')
                : l10n.t('Saved'),
          );
        break;
      }
      case 'noteConflict': {
        this.apply(model, model.acknowledge(message.editId));
        if (shown) this.showStatus(message.message, 'warning');
        break;
      }
      case 'noteNotSaved': {
        this.apply(model, model.reject(message.editId));
        if (shown) this.showStatus(l10n.t('Not saved yet: {0} Retrying…', message.message.replace(/^Lectern:\s*/, '')), 'error');
        this.schedule(RETRY_MS);
        break;
      }
    }
    if (!shown && !model.dirty) this.background.delete(message.paperId);
    this.render();
    this.options.draftsChanged();
  }

  /** Sends the typing now (blur, Ctrl/Cmd+S, leaving), for the shown paper and any left behind. */
  flush(): void {
    window.clearTimeout(this.timer);
    this.timer = undefined;
    for (const model of [this.model, ...this.background.values()]) {
      const send = model?.send();
      if (send) this.post(send);
    }
    if (this.model?.dirty) this.showStatus(l10n.t('Saving…'));
    this.options.draftsChanged();
  }

  /** Unsaved typing of every paper, for the webview state. */
  drafts(): NoteDraft[] {
    return [this.model, ...this.background.values()].flatMap((model) => model?.draft() ?? []);
  }

  private leave(): void {
    const model = this.model;
    if (!model) return;
    this.flush();
    if (model.dirty) this.background.set(model.paperId, model);
  }

  private schedule(delay: number): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.flush(), delay);
  }

  private post(message: Extract<WebviewToHostMessage, { type: 'editNoteBody' }>): void {
    if (message.newBody.length > NOTE_BODY_LIMIT || message.baseBody.length > NOTE_BODY_LIMIT) {
      this.showStatus(
        l10n.t(
          'Not saved: notes longer than {0} characters are edited in the editor (Open in Editor). Your text is still here.',
          NOTE_BODY_LIMIT.toLocaleString('en'),
        ),
        'error',
      );
      const model = message.paperId === this.model?.paperId ? this.model : this.background.get(message.paperId);
      model?.reject(message.editId);
      return;
    }
    this.options.post(message);
  }

  private apply(model: NoteDraftModel, action: DraftAction): void {
    if (action.send) this.post(action.send);
    if (action.replace !== undefined && model === this.model) {
      replaceKeepingCaret(this.textarea, action.replace);
      if (this.previewing) this.renderPreview();
    }
  }

  private setPreview(on: boolean): void {
    this.previewing = on;
    this.previewToggle.setAttribute('aria-pressed', String(on));
    this.previewToggle.toggleAttribute('secondary', !on);
    if (on) this.renderPreview();
    this.render();
    (on ? this.preview : this.textarea).focus({ preventScroll: true });
  }

  private renderPreview(): void {
    this.preview.replaceChildren(renderNoteMarkdown(this.textarea.value));
  }

  private showStatus(text: string, kind: 'info' | 'warning' | 'error' = 'info'): void {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
  }

  /** Shows what the state allows: a hint, Create note, or the editor (or its preview). */
  private render(): void {
    const model = this.model;
    const editable = Boolean(model?.ready && !this.tooLarge && (model.exists || model.dirty));
    let message = '';
    if (!this.notesEnabled) message = l10n.t('Open a workspace folder to keep notes; they are markdown files in it.');
    else if (!model?.ready) message = l10n.t('Loading the note…');
    else if (this.tooLarge)
      message = l10n.t('This note is longer than {0} characters: edit it in the editor.', NOTE_BODY_LIMIT.toLocaleString('en'));
    else if (!editable) message = l10n.t('This paper has no note yet.');
    this.message.textContent = message;
    this.message.hidden = message === '';
    this.createButton.hidden = !this.notesEnabled || !model?.ready || this.tooLarge || editable;
    this.createButton.disabled = this.creating;
    this.textarea.hidden = !this.notesEnabled || !editable || this.previewing;
    this.preview.hidden = !this.notesEnabled || !editable || !this.previewing;
    this.previewToggle.hidden = !this.notesEnabled || !editable;
    this.openButton.hidden = !this.notesEnabled || !model?.ready || !(model.exists || this.tooLarge);
    this.help.hidden = this.textarea.hidden && this.preview.hidden;
    this.help.textContent = this.path
      ? l10n.t('Markdown, saved to {0} as you type; Ctrl+S saves now. Edits made in the editor show here.', this.path)
      : l10n.t('Markdown as you type; Ctrl+S saves now. Edits made in the editor show here.');
  }
}

/** Sets a textarea's text, keeping the caret and selection on the same characters where it can. */
function replaceKeepingCaret(textarea: HTMLTextAreaElement, next: string): void {
  const old = textarea.value;
  if (old === next) return;
  const { selectionStart, selectionEnd, selectionDirection, scrollTop } = textarea;
  const changes = diffTexts(old, next);
  textarea.value = next;
  textarea.setSelectionRange(mapOffset(selectionStart, changes), mapOffset(selectionEnd, changes), selectionDirection ?? undefined);
  textarea.scrollTop = scrollTop;
}
