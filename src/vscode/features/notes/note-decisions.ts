import type { NoteIndex } from '../../../core/notes/note-index';
import { isReadingStatus, READING_STATUSES, readingStatusLabel, type ReadingStatus } from '../../../core/model/reading-status';

/**
 * What the notes feature decides, as pure functions the unit tests check: where notes live,
 * which file a paper's note is, whether Open Note opens or creates one, and the choices Set
 * Status and Set Tags offer. No `vscode` import: paths here are `/`-separated.
 */

/** `lectern.notes.folder` as path segments under the workspace folder: slashes trimmed; `papers/notes` when empty. */
export function notesFolderSegments(setting: string | undefined): string[] {
  const relative = (setting ?? '').replace(/^\/+|\/+$/g, '') || 'papers/notes';
  return relative.split('/');
}

/**
 * Whether a markdown file is a note: anywhere in the workspace with `lectern.notes.scope:
 * workspace`, else only under the notes folder (`folderPath`, undefined without a workspace).
 */
export function isNotePath(
  path: string,
  where: { wholeWorkspace: boolean; inWorkspace: boolean; folderPath: string | undefined },
): boolean {
  if (!path.endsWith('.md')) return false;
  if (where.wholeWorkspace) return where.inWorkspace;
  return where.folderPath !== undefined && path.startsWith(`${where.folderPath}/`);
}

/** Open Note: the paper's existing note (its first, by path) is opened; without one, a note is created. */
export function openNotePlan(index: Pick<NoteIndex, 'noteFor'>, paperId: string): { action: 'open'; path: string } | { action: 'create' } {
  const note = index.noteFor(paperId);
  return note ? { action: 'open', path: note.path } : { action: 'create' };
}

/** How many names a new note tries before giving up (`<id>.md` … `<id>-1000.md`). */
export const NOTE_NAME_ATTEMPTS = 1000;

/** The file names a new note may take, in order: `<id>.md`, then `<id>-2.md`, `<id>-3.md`… (a taken name is never overwritten). */
export function* noteFileNames(paperId: string): Generator<string> {
  yield `${paperId}.md`;
  for (let n = 2; n <= NOTE_NAME_ATTEMPTS; n += 1) yield `${paperId}-${n}.md`;
}

/** Where the note template is: the setting `lectern.notes.template` (absolute or workspace-relative), else `.lectern/note-template.md`. */
export function noteTemplateLocation(setting: string | undefined): { absolute: string } | { segments: string[] } {
  const path = setting?.trim() || '.lectern/note-template.md';
  return /^(\/|[A-Za-z]:[\\/])/.test(path) ? { absolute: path } : { segments: path.split(/[\\/]/) };
}

/** Set Status's choices, in reading order, the paper's current status marked. */
export function statusChoices(current: ReadingStatus | undefined): Array<{ label: string; status: ReadingStatus; description?: string }> {
  return READING_STATUSES.map((status) => ({
    label: readingStatusLabel(status),
    status,
    ...(status === current ? { description: 'current' } : {}),
  }));
}

/** A status given as a command argument (from the reader or a test), if it is one. */
export function statusFromArgument(arg: unknown): ReadingStatus | undefined {
  return isReadingStatus(arg) ? arg : undefined;
}

/** Set Tags's input: comma-separated, trimmed, empty ones dropped. */
export function parseTagsInput(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}
