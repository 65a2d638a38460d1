import * as vscode from 'vscode';
import type { AnnotationLookup } from '../core/tree/group-papers';
import { LibraryService } from './library/library-service';
import { NoteService } from './features/notes/note-service';
import { NotesPaneConflicts } from './features/reader/notes-pane-conflicts';
import { ReaderPanels } from './features/reader/reader-panels';
import { PaperPdfs } from './features/pdf/paper-pdfs';
import { watchPdfFolders } from './features/pdf/pdf-folder-watcher';
import { RecentPapers } from './features/search/recent-papers';
import { PaperPicker } from './features/shared/paper-picker';
import { PaperTreeProvider } from './features/tree/paper-tree-provider';
import { SharedLibrary } from './features/shared-library/shared-library';
import { sharedPickSource } from './features/shared-library/shared-palette';
import { SharedTreeSource } from './features/shared-library/shared-tree-source';
import type { LecternPlatform } from './platform/lectern-platform';

/**
 * The long-lived objects more than one feature uses, each built once here with what it needs.
 * Features receive the ones they use as arguments and never fill anything in for each other.
 */
export interface LecternServices {
  output: vscode.LogOutputChannel;
  library: LibraryService;
  recent: RecentPapers;
  notes: NoteService;
  /** Status and tags from notes (search filters, the tree, completion). */
  annotations: AnnotationLookup;
  picker: PaperPicker;
  paperTree: PaperTreeProvider;
  readers: ReaderPanels;
  conflicts: NotesPaneConflicts;
  /** Where papers' PDFs are, and their bytes. */
  pdfs: PaperPdfs;
  /** The shared PostgreSQL library (`lectern.library.database`), beside the workspace's own. */
  shared: SharedLibrary;
  /** The shared library's root in the Papers tree. */
  sharedTree: SharedTreeSource;
}

/**
 * Builds the services; each is disposed with the extension. Cheap: nothing is read until first use. `platform`
 * holds what differs between the desktop and VS Code for the Web (the corpus worker, reading files by path).
 */
export function createServices(context: vscode.ExtensionContext, platform: LecternPlatform): LecternServices {
  const output = vscode.window.createOutputChannel('Lectern', { log: true });
  const library = new LibraryService(context, output, platform);
  const shared = new SharedLibrary(context.secrets, output, platform.openSharedLibrary);
  const sharedTree = new SharedTreeSource(shared);
  const recent = new RecentPapers(context.workspaceState);
  const notes = new NoteService(library, output, shared);
  const annotations = notes.annotationsLookup;
  const notedPaperIds = () => notes.notesByRecency().flatMap((note) => (note.paper ? [note.paper] : []));
  const picker = new PaperPicker({ library, recent, annotations, extra: sharedPickSource(shared, notedPaperIds, annotations) });
  const paperTree = new PaperTreeProvider(library, context.workspaceState, annotations, sharedTree);
  const conflicts = new NotesPaneConflicts();
  const pdfs = new PaperPdfs(context.workspaceState);
  // The full-text index follows the library: its PDFs are found where the reader finds them.
  library.fullText?.useSources(() => {
    const candidates = pdfs.candidateLister();
    return (paper) => candidates(paper).map((candidate) => candidate.path);
  });
  const indexFullText = () => {
    if (library.current)
      library.fullText?.refresh(library.current).catch((error) => output.warn(`Full text not indexed: ${String(error)}`));
  };
  // A PDF attached, downloaded, copied into a PDF folder, replaced or deleted is read (or dropped) at once too.
  context.subscriptions.push(
    library.onDidChange(indexFullText),
    pdfs.onDidAttach(indexFullText),
    watchPdfFolders(pdfs, indexFullText),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('lectern.search.fullText') || event.affectsConfiguration('lectern.pdf')) indexFullText();
    }),
  );
  const readers = new ReaderPanels({
    extensionUri: context.extensionUri,
    library,
    notes,
    recent,
    output,
    showConflict: conflicts.show,
    pdfs,
    shared,
  });
  context.subscriptions.push(readers, conflicts, paperTree, sharedTree, notes, shared, pdfs, library, output);
  return { output, library, recent, notes, annotations, picker, paperTree, readers, conflicts, pdfs, shared, sharedTree };
}
