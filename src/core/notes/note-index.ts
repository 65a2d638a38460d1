/**
 * Every note in the workspace, keyed by the paper it belongs to: the one its front matter names
 * (`paper:` id, `citekey:`/`citation-key:`, `doi:`), else the one its file name names (`@citekey.md`,
 * `citekey.md`, `<id>.md`), so Lectern's notes and notes written by other tools (Obsidian Zotero
 * Integration, Foam, Zotero Better Notes) all count. Built once from the notes' texts, then kept up
 * to date file by file with `update` and `remove`; `setResolver` re-resolves when the library changes.
 */
import * as l10n from '@vscode/l10n';
import type { DiagnosticSeverity } from '../model/diagnostic';
import {
  claimLine,
  describeClaim,
  NOTE_CLAIM_ORDER,
  noteClaims,
  resolveClaims,
  type NoteClaimKind,
  type NoteClaims,
  type NotePaperResolver,
} from './note-claims';
import { parseNote } from './note-front-matter';
import { parseHighlights } from './note-highlights';
import { findReferences, type NoteReference } from './note-references';
import type { NoteProblem } from './text-edit';

/** A note as the index is given it: where it is, its text, and when it changed. */
export interface NoteFile {
  /** The note's path or URI string, as the caller names files (the index's key). */
  path: string;
  /** The note's whole text. */
  text: string;
  /** Modification time in ms since the epoch. */
  mtime: number;
}

/** What the index keeps of a note (not its text). */
export interface NoteEntry {
  /** As given in {@link NoteFile.path}. */
  path: string;
  /** As given in {@link NoteFile.mtime}. */
  mtime: number;
  /**
   * The id of the paper the note belongs to (see `resolveClaims`); a `paper:` naming no paper is kept
   * as written (an orphan); absent when the note names no paper.
   */
  paper?: string;
  /** Which claim decided {@link paper}. */
  claim?: NoteClaimKind;
  /** Everything the note says about its paper, as written. */
  claims: NoteClaims;
  /** 1-based line of each claim's front matter key. */
  claimLines: Partial<Record<NoteClaimKind, number>>;
  /** The front matter's `title:`, as written. */
  title?: string;
  /** The front matter's `status:` (e.g. `reading`), as written. */
  status?: string;
  /** The front matter's `tags:`, trimmed, without duplicates; empty when absent. */
  tags: string[];
  /** The front matter's `created:` date, as written. */
  created?: string;
  /** 1-based line of the key that decided {@link paper} (1 for a file name). */
  paperLine?: number;
  /** Front matter and highlight problems. */
  problems: NoteProblem[];
  /** Its `[[id]]` and `@id` references to papers (ids or citekeys, as written), in order (for backlinks). */
  references: NoteReference[];
}

/** A problem with a note, for the Problems panel. Messages start with `Lectern:`. */
export interface NoteDiagnostic {
  /** The note, as in {@link NoteFile.path}. */
  path: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** `warning` for everything today: a broken note is still shown. */
  severity: DiagnosticSeverity;
  /** Starts with `Lectern:` and says what to fix. */
  message: string;
}

/** The status and tags a paper's note gives it (search's `AnnotationLookup`, tree decorations). */
export interface NoteAnnotations {
  /** The note's `status:`, as written; absent when it has none. */
  status?: string;
  /** The tags of every note claiming the paper, without duplicates. */
  tags: string[];
}

/**
 * The index of every note (see the file comment). Plain and synchronous: the caller reads the files
 * and calls `update`/`remove` as they change.
 *
 * @example
 * ```ts
 * const index = new NoteIndex([{ path: 'papers/notes/2403.01234.md', text, mtime: Date.now() }]);
 * index.noteFor('2403.01234')?.status; // → 'reading'
 * index.backlinks('2403.01234');       // notes that mention [[2403.01234]] or @2403.01234
 * ```
 */
export class NoteIndex {
  private readonly entries = new Map<string, NoteEntry>();
  /** Paper id → paths of the notes claiming it. */
  private readonly byPaper = new Map<string, Set<string>>();
  /** Paper id → paths of the notes referring to it. */
  private readonly referrers = new Map<string, Set<string>>();

  /**
   * Indexes `notes` (default: none). `resolver` turns citekeys, DOIs and file names into paper ids;
   * without one (no library yet) only `paper:` counts, as written.
   */
  constructor(
    notes: Iterable<NoteFile> = [],
    private resolver?: NotePaperResolver,
  ) {
    for (const note of notes) this.update(note.path, note.text, note.mtime);
  }

  /** Resolves every note again with a new resolver (the library changed). */
  setResolver(resolver: NotePaperResolver | undefined): void {
    this.resolver = resolver;
    const entries = [...this.entries.values()];
    this.byPaper.clear();
    this.referrers.clear();
    for (const entry of entries) this.link(entry);
  }

  /** Adds or re-reads a note. */
  update(path: string, text: string, mtime: number): NoteEntry {
    this.remove(path);
    let entry: NoteEntry;
    try {
      entry = readEntry(path, text, mtime);
    } catch (error) {
      // The readers never throw on a note; should one ever do, that note is reported and the others are still indexed.
      const message = l10n.t('Lectern: this note could not be read ({0}); Lectern skips it until it changes.', (error as Error).message);
      entry = unreadableEntry(path, mtime, message);
    }
    this.link(entry);
    return entry;
  }

  /** Resolves a note's paper and references and files it under them. */
  private link(entry: NoteEntry): void {
    const resolved = resolveClaims(entry.claims, this.resolver);
    delete entry.paper;
    delete entry.claim;
    delete entry.paperLine;
    if (resolved) {
      entry.paper = resolved.paper;
      entry.claim = resolved.kind;
      entry.paperLine = entry.claimLines[resolved.kind] ?? 1;
    }
    this.entries.set(entry.path, entry);
    if (entry.paper !== undefined) addTo(this.byPaper, entry.paper, entry.path);
    for (const reference of entry.references) addTo(this.referrers, this.paperOf(reference.id), entry.path);
  }

  /** The paper id an id or citekey names (as written when it names none, or without a resolver). */
  paperOf(idOrCiteKey: string): string {
    return this.resolver?.resolve(idOrCiteKey) ?? idOrCiteKey;
  }

  /**
   * Records a note Lectern does not read (too large, not a regular file) as an entry with only
   * that problem, so it is reported in Problems like any other; `message` starts with `Lectern:`.
   */
  unreadable(path: string, mtime: number, message: string): NoteEntry {
    this.remove(path);
    const entry = unreadableEntry(path, mtime, message);
    this.entries.set(path, entry);
    return entry;
  }

  /** Forgets a note (deleted or moved out of the notes folder). */
  remove(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    this.entries.delete(path);
    if (entry.paper !== undefined) deleteFrom(this.byPaper, entry.paper, path);
    for (const reference of entry.references) deleteFrom(this.referrers, this.paperOf(reference.id), path);
  }

  /** The entry of the note at `path`, if indexed. */
  get(path: string): NoteEntry | undefined {
    return this.entries.get(path);
  }

  /** How many notes are indexed. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The notes claiming a paper, the one Lectern opens first: by claim (`paper:`, then `citekey:`, then
   * `doi:`, then file name; see `NOTE_CLAIM_ORDER`), then the one whose file name names the paper
   * (`<id>.md`, `@citekey.md`, `citekey.md`), then by path.
   */
  notesFor(id: string): NoteEntry[] {
    const notes = [...(this.byPaper.get(id) ?? [])].map((path) => this.entries.get(path)!);
    const rank = (note: NoteEntry) => NOTE_CLAIM_ORDER.indexOf(note.claim ?? 'file-name');
    const named = (note: NoteEntry) => (note.claims.fileName !== undefined && this.paperOf(note.claims.fileName) === id ? 0 : 1);
    return notes.sort((a, b) => rank(a) - rank(b) || named(a) - named(b) || compare(a.path, b.path));
  }

  /** The note Lectern opens for a paper (see `notesFor`), or undefined. */
  noteFor(id: string): NoteEntry | undefined {
    return this.notesFor(id)[0];
  }

  /** Whether a paper has a note. */
  hasNote(id: string): boolean {
    return (this.byPaper.get(id)?.size ?? 0) > 0;
  }

  /** Status and tags of a paper, from its note (tags of every note claiming it); undefined without one. */
  annotationsFor(id: string): NoteAnnotations | undefined {
    const notes = this.notesFor(id);
    if (notes.length === 0) return undefined;
    const status = notes.find((note) => note.status !== undefined)?.status;
    const tags = [...new Set(notes.flatMap((note) => note.tags))];
    return status === undefined ? { tags } : { status, tags };
  }

  /** Every note, most recently modified first (then by path). */
  notesByRecency(): NoteEntry[] {
    return [...this.entries.values()].sort((a, b) => b.mtime - a.mtime || compare(a.path, b.path));
  }

  /**
   * The notes that mention a paper with `[[id]]` or `@id`, by path, each with its references to
   * it. A paper's own notes are left out (the default note links to its own paper).
   */
  backlinks(id: string): Array<{ note: NoteEntry; references: NoteReference[] }> {
    return [...(this.referrers.get(id) ?? [])]
      .sort(compare)
      .map((path) => this.entries.get(path)!)
      .filter((note) => note.paper !== id)
      .map((note) => ({ note, references: this.referencesTo(note, id) }));
  }

  /** A note's references to a paper, by its id or any citekey that names it. */
  referencesTo(note: NoteEntry, id: string): NoteReference[] {
    return note.references.filter((reference) => this.paperOf(reference.id) === id);
  }

  /** Paper ids that have notes. */
  papers(): string[] {
    return [...this.byPaper.keys()].sort(compare);
  }

  /** Front matter and highlight problems of every note, and papers claimed by more than one note (all of them are kept). */
  diagnostics(): NoteDiagnostic[] {
    const diagnostics: NoteDiagnostic[] = [];
    for (const entry of [...this.entries.values()].sort((a, b) => compare(a.path, b.path))) {
      for (const problem of entry.problems) diagnostics.push({ path: entry.path, ...problem, severity: 'warning' });
    }
    for (const id of this.papers()) {
      const paths = [...this.byPaper.get(id)!].sort(compare);
      if (paths.length < 2) continue;
      const allByPaperKey = paths.every((path) => this.entries.get(path)!.claim === 'paper');
      for (const path of paths) {
        const entry = this.entries.get(path)!;
        const others = paths
          .filter((other) => other !== path)
          .map((other) => `\`${other}\``)
          .join(', ');
        const opens = l10n.t('Lectern opens `{0}`', this.noteFor(id)!.path);
        diagnostics.push({
          path,
          line: entry.paperLine ?? 1,
          column: 1,
          severity: 'warning',
          message: allByPaperKey
            ? l10n.t(
                'Lectern: this note and {0} all have `paper: {1}`; {2}. Merge them, or change `paper:` in the one that is about another paper.',
                others,
                id,
                opens,
              )
            : l10n.t(
                'Lectern: this note (by {0}) and {1} are all notes of the paper "{2}"; {3} (a `paper:` key first, then `citekey:`, `doi:`, the file name). Merge them, or change the one that is about another paper.',
                describeClaim(entry.claims, entry.claim!),
                others,
                id,
                opens,
              ),
        });
      }
    }
    return diagnostics;
  }
}

/** What the index keeps of one note (its paper is resolved by `NoteIndex.link`). */
function readEntry(path: string, text: string, mtime: number): NoteEntry {
  const note = parseNote(text);
  const { frontMatter } = note;
  const claims = noteClaims(path, frontMatter);
  const claimLines: Partial<Record<NoteClaimKind, number>> = {};
  if (claims.paper !== undefined) claimLines.paper = claimLine(text, note.bodyOffset, 'paper');
  if (claims.citeKey !== undefined) claimLines.citekey = claimLine(text, note.bodyOffset, 'citekey');
  if (claims.doi !== undefined) claimLines.doi = claimLine(text, note.bodyOffset, 'doi');
  return {
    path,
    mtime,
    claims,
    claimLines,
    ...(frontMatter.title !== undefined ? { title: frontMatter.title } : {}),
    ...(frontMatter.status !== undefined ? { status: frontMatter.status } : {}),
    tags: frontMatter.tags,
    ...(frontMatter.created !== undefined ? { created: frontMatter.created } : {}),
    problems: [...note.problems, ...parseHighlights(text).problems],
    references: findReferences(text),
  };
}

function unreadableEntry(path: string, mtime: number, message: string): NoteEntry {
  return { path, mtime, claims: {}, claimLines: {}, tags: [], problems: [{ line: 1, column: 1, message }], references: [] };
}

function addTo(map: Map<string, Set<string>>, key: string, path: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(path);
}

function deleteFrom(map: Map<string, Set<string>>, key: string, path: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(path);
  if (set.size === 0) map.delete(key);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
