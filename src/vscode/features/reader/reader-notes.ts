import type * as vscode from 'vscode';
import type { ReadingStatus } from '../../../core/model/reading-status';
import type { AnnotationView } from '../../../shared/protocol';
import type { NotePaneNotes } from './note-pane-sync';

/** What the reader needs from notes (the notes service provides it): annotations and the notes pane's text live in the note. */
export interface ReaderNotes extends NotePaneNotes {
  /** Whether notes can be written (a workspace folder is open). */
  readonly enabled: boolean;
  annotations(paperId: string): Promise<AnnotationView[]>;
  addAnnotation(paperId: string, annotation: Omit<AnnotationView, 'id'>): Promise<void>;
  updateAnnotation(paperId: string, annotationId: string, comment: string): Promise<void>;
  removeAnnotation(paperId: string, annotationId: string): Promise<void>;
  status(paperId: string): { status?: ReadingStatus; tags: string[]; hasNote: boolean };
  /** Fires with a paper id when that paper's note changed (edited by hand, status set, highlight added). */
  readonly onDidChangeNote: vscode.Event<string>;
}
