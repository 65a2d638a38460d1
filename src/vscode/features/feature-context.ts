import type * as vscode from 'vscode';
import type { LibraryService } from '../library/library-service';
import type { PaperTreeProvider, PaperTreeNode } from './tree/paper-tree-provider';
import type { RecentPapers } from './search/recent-papers';
import type { AnnotationLookup } from '../../core/tree/group-papers';
import type { ReaderNotes } from './reader/reader-panel';

/** What every feature receives: the extension context, the library, and handles features share. */
export interface FeatureContext {
  extension: vscode.ExtensionContext;
  library: LibraryService;
  output: vscode.LogOutputChannel;
  recent: RecentPapers;
  /** Status and tags from notes, once the notes feature provides them (search filters, tree). */
  annotations?: AnnotationLookup;
  /** Notes for the reader and the tree; set by the notes feature, which registers before the reader. */
  notes?: ReaderNotes;
  /** Filled in by the features that own them. */
  trees: {
    papers?: PaperTreeProvider;
    papersView?: vscode.TreeView<PaperTreeNode>;
    /** The paper the reader shows, if any (Reveal in Tree without an argument). */
    activePaperId?: () => string | undefined;
  };
}
