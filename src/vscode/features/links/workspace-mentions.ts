import * as vscode from 'vscode';
import type { NoteEntry } from '../../../core/notes/note-index';
import { findReferences } from '../../../core/notes/note-references';
import { mentionsWithLines } from '../../../core/notes/reference-lookup';
import { libraryNoteResolver } from '../../../core/notes/library-note-resolver';
import type { LibraryService } from '../../library/library-service';
import { MarkdownIndex, markdownUri } from '../../adapters/markdown-index';

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

/**
 * The `[[id]]` / `@id` references of every markdown file in the workspace (notes and any other
 * `.md`), over a `MarkdownIndex`: its `backlinks(id)` are the files mentioning a paper other
 * than that paper's own notes.
 */
export class WorkspaceMentions implements vscode.Disposable {
  private readonly markdown: MarkdownIndex;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  /** Fires after the references of some file changed (once loaded). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(output: vscode.LogOutputChannel, library: Pick<LibraryService, 'current' | 'onDidChange'>) {
    // `[[Smith2020]]` and `@Smith2020` mention the paper that citekey names: references resolve through the library.
    const resolver = () => (library.current ? libraryNoteResolver(library.current) : undefined);
    this.markdown = new MarkdownIndex({
      label: 'Links',
      output,
      glob: () => '**/*.md',
      includes: (uri) => uri.scheme === 'untitled' || vscode.workspace.getWorkspaceFolder(uri) !== undefined,
      resolver,
    });
    this.subscription = vscode.Disposable.from(
      this.markdown.onDidChange(() => this.changeEmitter.fire()),
      library.onDidChange(() => this.markdown.setResolver(resolver())),
    );
  }

  /**
   * Every mention of a paper in the workspace's markdown, by file then position. With
   * `includeOwnNotes: false` (backlinks), the paper's own notes (`paper: <id>`) are left out.
   */
  async mentions(paperId: string, options: { includeOwnNotes?: boolean } = {}): Promise<PaperMention[]> {
    const index = await this.markdown.ready();
    const entries: NoteEntry[] = index.backlinks(paperId).map((backlink) => backlink.note);
    if (options.includeOwnNotes !== false) {
      entries.push(...index.notesFor(paperId).filter((note) => index.referencesTo(note, paperId).length > 0));
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const found: PaperMention[] = [];
    for (const entry of entries) {
      const uri = markdownUri(entry.path);
      const read = await this.markdown.read(uri);
      if (!read) continue;
      const references = findReferences(read.text).filter((reference) => index.paperOf(reference.id) === paperId);
      for (const mention of mentionsWithLines(read.text, references)) {
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
    return (await this.markdown.ready()).backlinks(paperId).reduce((sum, backlink) => sum + backlink.references.length, 0);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
    this.markdown.dispose();
  }
}
