import * as vscode from 'vscode';
import type { NoteIndex, NoteEntry } from '../../../core/notes/note-index';
import { MarkdownIndex, markdownKey, markdownUri } from '../../adapters/markdown-index';
import { libraryNoteResolver } from '../../../core/notes/library-note-resolver';
import { parseNote, setFrontMatterKeys, type FrontMatterChanges } from '../../../core/notes/note-front-matter';
import {
  addHighlight,
  createHighlightId,
  parseHighlights,
  removeHighlight,
  updateHighlightComment,
} from '../../../core/notes/note-highlights';
import { restrictedModeMessage } from '../trust';
import { DEFAULT_NOTE_TEMPLATE, renderNoteTemplate } from '../../../core/notes/note-template';
import { normalizeEdits, type TextEdit } from '../../../core/notes/text-edit';
import { decodeNote, editNoteBytes, lossySaveLine } from '../../../core/notes/note-bytes';
import type { AnnotationView } from '../../../shared/protocol';
import { isReadingStatus, type ReadingStatus } from '../../../core/model/reading-status';
import type { LibraryService } from '../../library/library-service';
import type { Paper } from '../../../core/model/paper';
import { activeFolder, folderOfPath, onDidChangeSettings, settingsFor } from '../../lectern-settings';
import type { ReaderNotes } from '../reader/reader-notes';
import { isNotePath, NOTE_NAME_ATTEMPTS, noteFileNames, notesFolderSegments, noteTemplateLocation, openNotePlan } from './note-decisions';

/**
 * The user's notes: markdown files under `lectern.notes.folder` (or the whole workspace), linked to
 * papers by their `paper:`, `citekey:`/`citation-key:` or `doi:` front matter, else by their file
 * name (`@citekey.md`, `citekey.md`): see `core/notes/note-claims`. A note another tool wrote is
 * opened as it is, never copied or re-laid out. Lectern treats notes as the user's property: it edits only its own
 * front-matter keys and the anchors of the Highlights section, through a `WorkspaceEdit` when
 * the note is open (joining the editor's undo stack, never racing unsaved edits) or an atomic
 * write when it is not, and never writes over a file it did not just create.
 */
export class NoteService implements ReaderNotes, vscode.Disposable {
  private readonly markdown: MarkdownIndex;
  private loaded: Promise<void> | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<string>();
  private readonly indexEmitter = new vscode.EventEmitter<void>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('lectern-notes');
  private readonly disposables: vscode.Disposable[] = [];

  /** Fires with a paper id when that paper's note changed. */
  readonly onDidChangeNote = this.changeEmitter.event;
  /** Fires when any note was added, changed or removed (Notes view, tree icons). */
  readonly onDidChangeIndex = this.indexEmitter.event;

  constructor(
    private readonly library: LibraryService,
    private readonly output: vscode.LogOutputChannel,
    /** Where a paper the workspace lacks is read (the shared library): its note lands in the workspace all the same. */
    private readonly otherPapers?: { paper(id: string): Promise<Paper | undefined> },
  ) {
    // Notes are the markdown files of the notes folder (or of the workspace, by setting);
    // unsaved edits count, so the reader shows what the user sees in the editor.
    this.markdown = new MarkdownIndex({
      label: 'Notes',
      output,
      glob: (folder) => {
        const settings = settingsFor(folder);
        return settings.notesEverywhere ? '**/*.md' : `${notesFolderSegments(settings.notesFolder).join('/')}/**/*.md`;
      },
      includes: (uri) => this.isNote(uri),
      resolver: () => (library.current ? libraryNoteResolver(library.current) : undefined),
    });
    this.disposables.push(
      this.markdown,
      this.changeEmitter,
      this.indexEmitter,
      this.diagnostics,
      this.markdown.onDidChange((changes) => {
        this.publishDiagnostics();
        this.indexEmitter.fire();
        const papers = new Set(changes.flatMap((change) => [change.before?.paper, change.after?.paper]));
        for (const paper of papers) if (paper) this.changeEmitter.fire(paper);
      }),
      // Citekeys, DOIs and file names name papers of the library: resolve again whenever it changes.
      library.onDidChange(() => this.markdown.setResolver(library.current ? libraryNoteResolver(library.current) : undefined)),
      onDidChangeSettings(['lectern.notes.folder', 'lectern.notes.scope'], () => {
        this.markdown.reload().catch((error) => this.output.error(`Notes: could not re-read the notes: ${String(error)}`));
      }),
    );
  }

  private get index(): NoteIndex {
    return this.markdown.current;
  }

  get enabled(): boolean {
    return Boolean(vscode.workspace.workspaceFolders?.length);
  }

  /** A workspace folder's notes folder (its own `lectern.notes.folder`). */
  private notesFolderOf(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, ...notesFolderSegments(settingsFor(folder).notesFolder));
  }

  /**
   * The workspace folder a paper's new note goes to: the one holding the corpus file the paper was
   * read from (each folder of a multi-root workspace keeps its own notes), else the active one.
   */
  private folderForPaper(sourceFile: string): vscode.WorkspaceFolder | undefined {
    return folderOfPath(sourceFile) ?? activeFolder();
  }

  /**
   * Reads every note once (on first use); the index then follows changes by itself. The library is
   * loaded first, so notes named by citekey, DOI or file name are linked before anyone asks for one
   * (Open Note must find an existing `@key.md`, never create a second note beside it).
   */
  ensureLoaded(): Promise<void> {
    this.loaded ??= this.library
      .ensureLoaded()
      .catch(() => undefined)
      .then(() => this.markdown.ready())
      .then(() => this.publishDiagnostics());
    return this.loaded;
  }

  /** Under its workspace folder's notes folder, or anywhere in it with that folder's `lectern.notes.scope: workspace`. */
  private isNote(uri: vscode.Uri): boolean {
    const owner = vscode.workspace.getWorkspaceFolder(uri);
    const notes = owner && this.notesFolderOf(owner);
    return isNotePath(uri.path, {
      wholeWorkspace: owner !== undefined && settingsFor(owner).notesEverywhere,
      inWorkspace: owner !== undefined,
      folderPath: notes && notes.scheme === uri.scheme ? notes.path : undefined,
    });
  }

  private publishDiagnostics(): void {
    this.diagnostics.clear();
    const byPath = new Map<string, vscode.Diagnostic[]>();
    for (const d of this.index.diagnostics()) {
      const line = Math.max(0, d.line - 1);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, Math.max(0, d.column - 1), line, Number.MAX_SAFE_INTEGER),
        d.message,
        d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'Lectern';
      byPath.set(d.path, [...(byPath.get(d.path) ?? []), diagnostic]);
    }
    for (const [path, list] of byPath) this.diagnostics.set(markdownUri(path), list);
  }

  // ---- queries ----------------------------------------------------------------------------

  /** Status and tags from notes, for search filters and the tree. Synchronous: the index is in memory. */
  readonly annotationsLookup = (id: string) => this.index.annotationsFor(id);

  status(paperId: string): { status?: ReadingStatus; tags: string[]; hasNote: boolean } {
    const found = this.index.annotationsFor(paperId);
    const status = found?.status;
    return { ...(isReadingStatus(status) ? { status } : {}), tags: found?.tags ?? [], hasNote: this.index.hasNote(paperId) };
  }

  notesByRecency(): NoteEntry[] {
    return this.index.notesByRecency();
  }

  noteUri(paperId: string): vscode.Uri | undefined {
    const plan = openNotePlan(this.index, paperId);
    return plan.action === 'open' ? markdownUri(plan.path) : undefined;
  }

  /**
   * `noteUri`, checked against the disk before Lectern edits it: a note deleted or renamed by another
   * program may still be in the index until the file watcher reports it (or, once seen in a CI run,
   * when that report never comes). Such entries are dropped, so the paper's other note or a new one
   * is used instead of failing on a file that is gone.
   */
  private async liveNoteUri(paperId: string): Promise<vscode.Uri | undefined> {
    const gone = new Set<string>();
    for (let uri = this.noteUri(paperId); uri; uri = this.noteUri(paperId)) {
      const key = markdownKey(uri);
      if (gone.has(key) || this.isOpen(uri) || (await this.exists(uri))) return uri;
      gone.add(key);
      this.output.info(`Notes: ${vscode.workspace.asRelativePath(uri)} is gone; it no longer counts as ${paperId}'s note.`);
      this.markdown.apply(key, undefined);
    }
    return undefined;
  }

  private isOpen(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === uri.toString() && !doc.isClosed);
  }

  async annotations(paperId: string): Promise<AnnotationView[]> {
    await this.ensureLoaded();
    const uri = this.noteUri(paperId);
    if (!uri) return [];
    const read = await this.markdown.read(uri);
    return read ? parseHighlights(read.text).annotations : [];
  }

  // ---- edits ------------------------------------------------------------------------------

  /** The paper's note, created from the template when it has none. Never overwrites a file. */
  async ensureNote(paperId: string): Promise<vscode.Uri> {
    await this.ensureLoaded();
    const existing = await this.liveNoteUri(paperId);
    if (existing) return existing;
    // The commands refuse first; this also covers the reader's notes pane and highlights.
    if (!vscode.workspace.isTrusted) throw new Error(restrictedModeMessage(vscode.l10n.t('Creating a note')));
    const library = await this.library.ensureLoaded();
    const paper = library.paper(paperId) ?? (await this.otherPapers?.paper(paperId));
    if (!paper) throw new Error(vscode.l10n.t('Lectern: no paper has the id "{0}"; it cannot get a note.', paperId));
    const owner = this.folderForPaper(paper.source.file);
    if (!owner) throw new Error(vscode.l10n.t('Lectern: open a folder first; notes are markdown files in your workspace.'));
    const folder = this.notesFolderOf(owner);
    const text = renderNoteTemplate(await this.template(owner), paper, new Date());
    await vscode.workspace.fs.createDirectory(folder);
    for (const name of noteFileNames(paper.id)) {
      const uri = vscode.Uri.joinPath(folder, name);
      const taken = await this.markdown.read(uri).catch(() => undefined);
      if (taken) {
        // The index may have missed this paper's note for a moment (another program's atomic save is
        // a delete, then a create): read what is there rather than make a second note beside it.
        if (parseNote(taken.text).frontMatter.paper === paper.id) {
          this.markdown.apply(markdownKey(uri), taken.text, taken.mtime);
          return uri;
        }
        continue; // Taken by a file that is not this paper's note: never write over it.
      }
      if (await this.exists(uri)) continue; // There but unreadable (too large, not a regular file): never write over it.
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) });
      if (!(await vscode.workspace.applyEdit(edit)))
        throw new Error(vscode.l10n.t('Lectern: could not create {0}.', vscode.workspace.asRelativePath(uri)));
      this.markdown.apply(markdownKey(uri), text, Date.now());
      this.output.info(`Notes: created ${vscode.workspace.asRelativePath(uri)} for ${paper.id}.`);
      return uri;
    }
    throw new Error(
      vscode.l10n.t(
        'Lectern: every name from {0}.md to {1}-{2}.md is taken in {3}; move some of those files away.',
        paper.id,
        paper.id,
        NOTE_NAME_ATTEMPTS,
        vscode.workspace.asRelativePath(folder),
      ),
    );
  }

  /** The folder's `lectern.notes.template`, else its `.lectern/note-template.md` if present, else the default. */
  private async template(owner: vscode.WorkspaceFolder): Promise<string> {
    const configured = settingsFor(owner).noteTemplate;
    const location = noteTemplateLocation(configured);
    const uri = 'absolute' in location ? vscode.Uri.file(location.absolute) : vscode.Uri.joinPath(owner.uri, ...location.segments);
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      if (configured) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            'Lectern: the note template "{0}" (setting lectern.notes.template) cannot be read; the default template was used. Fix the path in your settings.',
            configured,
          ),
        );
      }
      return DEFAULT_NOTE_TEMPLATE;
    }
  }

  async setStatus(paperId: string, status: ReadingStatus): Promise<void> {
    await this.editFrontMatter(paperId, { status });
  }

  async setTags(paperId: string, tags: string[]): Promise<void> {
    await this.editFrontMatter(paperId, { tags });
  }

  private async editFrontMatter(paperId: string, changes: FrontMatterChanges): Promise<void> {
    const uri = await this.ensureNote(paperId);
    await this.editNote(uri, (text) => {
      const result = setFrontMatterKeys(text, changes);
      if ('error' in result)
        throw new Error(
          vscode.l10n.t(
            'Lectern: {0} was left unchanged: {1}',
            vscode.workspace.asRelativePath(uri),
            result.error.replace(/^Lectern:\s*/, ''),
          ),
        );
      return result.edits;
    });
  }

  async addAnnotation(paperId: string, annotation: Omit<AnnotationView, 'id'>): Promise<void> {
    const uri = await this.ensureNote(paperId);
    await this.editNote(uri, (text) => {
      const existing = parseHighlights(text).annotations.map((a) => a.id);
      return addHighlight(text, { ...annotation, id: createHighlightId(existing) });
    });
  }

  async updateAnnotation(paperId: string, annotationId: string, comment: string): Promise<void> {
    const uri = await this.liveNoteUri(paperId);
    if (uri) await this.editNote(uri, (text) => updateHighlightComment(text, annotationId, comment));
  }

  async removeAnnotation(paperId: string, annotationId: string): Promise<void> {
    const uri = await this.liveNoteUri(paperId);
    if (uri) await this.editNote(uri, (text) => removeHighlight(text, annotationId));
  }

  /**
   * Edits the paper's note (created first if it has none) with edits `compute` makes from its
   * current text: the reader's notes pane merges its typing into the body this way, never by
   * writing a copy over the file. Same path as every other note edit (WorkspaceEdit or atomic write).
   */
  async applyBodyEdits(paperId: string, compute: (text: string) => TextEdit[]): Promise<void> {
    await this.editNote(await this.ensureNote(paperId), compute);
  }

  /**
   * Applies edits computed against the note's current text. An open note is edited through a
   * WorkspaceEdit (so it joins undo and respects unsaved typing) and saved only if it was not
   * dirty before — refused when that save would replace bytes that are not valid UTF-8. A closed
   * note is re-read as bytes and rewritten atomically (temp file + rename) with only the edited
   * bytes changed: its BOM, line breaks and invalid bytes stay, or the edit is refused.
   */
  private async editNote(uri: vscode.Uri, computeEdits: (text: string) => TextEdit[]): Promise<void> {
    const name = vscode.workspace.asRelativePath(uri);
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (open) {
      const wasDirty = open.isDirty;
      const text = open.getText();
      const edits = normalizeEdits(computeEdits(text));
      if (edits.length === 0) return;
      const lossy =
        wasDirty || uri.scheme === 'untitled' ? undefined : lossySaveLine(await vscode.workspace.fs.readFile(uri), open.encoding);
      if (lossy !== undefined) {
        throw new Error(
          vscode.l10n.t(
            'Lectern: {0} was left unchanged: line {1} has bytes that are not valid UTF-8, and saving it from the editor would replace them with �. Close the note (Lectern then edits the file byte for byte) or use "Reopen with Encoding", then try again.',
            name,
            lossy,
          ),
        );
      }
      const edit = new vscode.WorkspaceEdit();
      for (const e of edits) edit.replace(uri, new vscode.Range(open.positionAt(e.start), open.positionAt(e.end)), e.newText);
      if (!(await vscode.workspace.applyEdit(edit)))
        throw new Error(vscode.l10n.t('Lectern: could not edit {0}; it was left as it was.', name));
      if (!wasDirty) await open.save();
      this.markdown.apply(markdownKey(uri), open.getText(), Date.now());
      return;
    }
    const note = decodeNote(await vscode.workspace.fs.readFile(uri));
    const edits = normalizeEdits(computeEdits(note.text));
    if (edits.length === 0) return;
    const written = editNoteBytes(note, edits);
    if ('error' in written)
      throw new Error(vscode.l10n.t('Lectern: {0} was left unchanged: {1}', name, written.error.replace(/^Lectern:\s*/, '')));
    const temp = uri.with({ path: `${uri.path}.lectern-${process.pid}-${Date.now()}.tmp` });
    await vscode.workspace.fs.writeFile(temp, written.bytes);
    await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
    this.markdown.apply(markdownKey(uri), written.text, Date.now());
  }

  private async exists(uri: vscode.Uri): Promise<boolean> {
    return vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
