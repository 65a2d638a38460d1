/**
 * Messages between the extension host and the reader webview, and the view models they carry.
 * Both sides validate what they receive with `parseHostMessage` / `parseWebviewMessage`, and
 * both handle messages in an exhaustive `switch` ending in `assertNever`, so a message type
 * added here and not handled fails to compile. This file imports nothing: it is bundled into
 * the extension host and into the browser-only webview. It imports only the pure reading-status module.
 */

import { READING_STATUSES, type ReadingStatus } from '../core/model/reading-status';

const CITATION_FORMATS = ['bibtex', 'apa', 'markdown'] as const;
export type CitationFormatValue = (typeof CITATION_FORMATS)[number];

/** A W3C Web Annotation TextQuoteSelector over the abstract's rendered text, or over a PDF page's text. */
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * A W3C TextPositionSelector: offsets (UTF-16 code units) in a PDF page's text as the reader reads it (pdf.js's
 * text items joined, a line end as one space). Example: `{ start: 120, end: 164 }`.
 */
export interface TextPositionSelector {
  start: number;
  end: number;
}

/** A highlight or comment on the abstract or in the paper's PDF, as stored in the paper's note. */
export interface AnnotationView {
  /** Stable within its note (e.g. `h-3f9a2c`). */
  id: string;
  selector: TextQuoteSelector;
  /** The reader's comment; empty for a plain highlight. */
  comment: string;
  /** ISO timestamp of creation. */
  created?: string;
  /** The PDF page (1-based) the highlight was made on; absent: a highlight of the abstract. Written `p. 7` in the note. */
  page?: number;
  /** Where on that page it was (a fallback and tie-breaker for the quote); only with `page`. */
  position?: TextPositionSelector;
}

/** What the reader shows of a paper. Plain strings: the webview renders and sanitises them. */
export interface PaperView {
  id: string;
  title: string;
  authors: string[];
  year?: number;
  venue?: string;
  abstract: string;
  topics: string[];
  keywords: string[];
  tags: string[];
  status?: ReadingStatus;
  doi?: string;
  arxivId?: string;
  url?: string;
  /** "file:line" of the corpus record, for the footer. */
  source: string;
  hasNote: boolean;
  /** True for a paper of the bundled sample corpus: the header says so. Default: absent (the user's own paper). */
  sample?: boolean;
  /** The file name of the paper's PDF when Lectern found one (see `pdfCandidates`); absent: none found. */
  pdf?: string;
}

export interface RelatedPaperView {
  id: string;
  title: string;
  score: number;
  sharedTerms: string[];
}

/** Back/forward availability of the panel's history. */
export interface HistoryView {
  canGoBack: boolean;
  canGoForward: boolean;
}

export type HostToWebviewMessage =
  | {
      type: 'showPaper';
      paper: PaperView;
      related: RelatedPaperView[];
      annotations: AnnotationView[];
      /** Query terms to highlight (the search that opened the paper), lower-case. */
      highlightTerms: string[];
      history: HistoryView;
      /** Whether notes (and so annotations) can be written: false without a workspace folder. */
      notesEnabled: boolean;
    }
  | { type: 'annotations'; paperId: string; annotations: AnnotationView[] }
  | { type: 'paperStatus'; paperId: string; status?: ReadingStatus; tags: string[]; hasNote: boolean }
  | { type: 'paperMissing'; paperId: string; message: string }
  /**
   * The note's body (the text after its front matter, `\n` line breaks) for the notes pane: sent
   * with the paper and whenever the note changes, wherever the change came from. `version` grows
   * with every change. No `path`: the paper has no note. `tooLarge`: the body is over
   * `NOTE_BODY_LIMIT` characters and is not sent (`body` is empty); the note is edited in an editor.
   */
  | { type: 'noteBody'; paperId: string; body: string; version: number; path?: string; tooLarge?: boolean }
  /** The pane's edit `editId` is in the note, now at `version` (its `noteBody` came just before). */
  | { type: 'noteSaved'; paperId: string; editId: string; version: number }
  /**
   * The pane's edit `editId` collided with another change: the note keeps that change, and the
   * pane's version of the lines involved went into a conflict section at the end of the body.
   */
  | { type: 'noteConflict'; paperId: string; editId: string; message: string }
  /** The pane's edit `editId` could not be written (the note is unchanged); the pane keeps its text and tries again. */
  | { type: 'noteNotSaved'; paperId: string; editId: string; message: string }
  /**
   * The paper's PDF, bytes and all (posted, never fetched: the file may be outside the webview's resource roots).
   * `page`: the page to show first (1-based). `highlight`: the id of a highlight to show and flash (it wins over
   * `page` once found). `fileName` names the file in messages; `paperTitle` names the paper.
   */
  | { type: 'pdfDocument'; paperId: string; paperTitle: string; fileName: string; data: Uint8Array; page?: number; highlight?: string }
  /** The paper's PDF cannot be shown: `message` names the paper and the file and says what to do. */
  | { type: 'pdfUnavailable'; paperId: string; message: string };

export type WebviewToHostMessage =
  | { type: 'ready' }
  | { type: 'openExternal'; url: string }
  | { type: 'openPaper'; paperId: string }
  | { type: 'navigate'; direction: 'back' | 'forward' }
  | { type: 'filterTopic'; topic: string }
  | { type: 'copyCitation'; paperId: string; format: CitationFormatValue }
  | { type: 'setStatus'; paperId: string; status: ReadingStatus }
  | { type: 'revealInTree'; paperId: string }
  | { type: 'openNote'; paperId: string }
  /** A new highlight: of the abstract, or (with `page` and `position`) of the PDF's page. */
  | { type: 'addAnnotation'; paperId: string; selector: TextQuoteSelector; comment: string; page?: number; position?: TextPositionSelector }
  | { type: 'updateAnnotation'; paperId: string; annotationId: string; comment: string }
  | { type: 'removeAnnotation'; paperId: string; annotationId: string }
  /**
   * The notes pane's text: `newBody` was edited from `baseBody` (what it last had from the host,
   * `baseVersion`). The host merges the change into the note's current body; it never writes
   * `newBody` over it. `editId` is unique per edit: one sent again (a reloaded pane) is applied once.
   */
  | { type: 'editNoteBody'; paperId: string; editId: string; baseVersion: number; baseBody: string; newBody: string }
  | { type: 'createNote'; paperId: string }
  /** Show the paper's PDF (the host answers `pdfDocument` or `pdfUnavailable`). */
  | { type: 'openPdf'; paperId: string; page?: number }
  /** Lectern: Attach PDF… for the paper. */
  | { type: 'attachPdf'; paperId: string }
  /** Lectern: Get PDF from arXiv for the paper. */
  | { type: 'getPdf'; paperId: string };

/** The longest note body (in characters) the notes pane edits; longer notes are edited in an editor. */
export const NOTE_BODY_LIMIT = 1_000_000;

/**
 * Notes-pane text the note may not have yet, kept in the webview state so a reloaded pane sends
 * it: `newBody` is a change from `baseBody`; `sent` is the edit that was on its way (a change from
 * `baseBody`), sent again with its id so the host applies it once.
 */
export interface NoteDraft {
  paperId: string;
  baseVersion: number;
  baseBody: string;
  newBody: string;
  sent?: { editId: string; newBody: string };
}

/** The state the webview keeps with `setState`, so a reloaded window reopens the same paper. */
export interface ReaderState {
  paperId: string;
  highlightTerms?: string[];
  scrollTop?: number;
  /** Notes-pane typing the note may not have yet (the shown paper's, and papers left before it was saved). */
  noteDrafts?: NoteDraft[];
  /** The PDF page last shown (1-based), when the PDF tab was open: a reloaded panel reopens the PDF there. */
  pdfPage?: number;
}

/** Compile-time exhaustiveness for `switch (message.type)`. */
export function assertNever(value: never): never {
  throw new Error(`Lectern: unhandled message ${JSON.stringify(value)}`);
}

// ---- validation --------------------------------------------------------------------------

const MAX_TEXT = 200_000;
const MAX_ID = 300;

type Guard<T> = (value: unknown) => value is T;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText =
  (max = MAX_TEXT) =>
  (value: unknown): value is string =>
    typeof value === 'string' && value.length <= max;
const isId = isText(MAX_ID);
const isOptional =
  <T>(guard: Guard<T>) =>
  (value: unknown): value is T | undefined =>
    value === undefined || guard(value);
const isArrayOf =
  <T>(guard: Guard<T>, max = 10_000) =>
  (value: unknown): value is T[] =>
    Array.isArray(value) && value.length <= max && value.every(guard);
const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isPage = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1_000_000;
const isOffset = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100_000_000;

function hasShape(value: unknown, shape: Record<string, Guard<unknown>>): boolean {
  return isObject(value) && Object.entries(shape).every(([key, guard]) => guard(value[key]));
}

const isTextQuoteSelector = (value: unknown): value is TextQuoteSelector =>
  hasShape(value, {
    exact: (v): v is string => isText(10_000)(v) && v.length > 0,
    prefix: isText(1_000),
    suffix: isText(1_000),
  });

const isTextPosition = (value: unknown): value is TextPositionSelector =>
  hasShape(value, { start: isOffset, end: isOffset }) && (value as TextPositionSelector).start < (value as TextPositionSelector).end;

const isAnnotationView = (value: unknown): value is AnnotationView =>
  hasShape(value, {
    id: isId,
    selector: isTextQuoteSelector,
    comment: isText(50_000),
    created: isOptional(isText(100)),
    page: isOptional(isPage),
    position: isOptional(isTextPosition),
  });

const isPaperView = (value: unknown): value is PaperView =>
  hasShape(value, {
    id: isId,
    title: isText(),
    authors: isArrayOf(isText(1_000)),
    year: isOptional(isNumber),
    venue: isOptional(isText()),
    abstract: isText(),
    topics: isArrayOf(isText(1_000)),
    keywords: isArrayOf(isText(1_000)),
    tags: isArrayOf(isText(1_000)),
    status: isOptional(isOneOf(READING_STATUSES)),
    doi: isOptional(isText()),
    arxivId: isOptional(isText()),
    url: isOptional(isText()),
    source: isText(),
    hasNote: isBoolean,
    sample: isOptional(isBoolean),
    pdf: isOptional(isText(4_000)),
  });

const isRelatedPaperView = (value: unknown): value is RelatedPaperView =>
  hasShape(value, { id: isId, title: isText(), score: isNumber, sharedTerms: isArrayOf(isText(200)) });

const HOST_MESSAGE_SHAPES: { [K in HostToWebviewMessage['type']]: Record<string, Guard<unknown>> } = {
  showPaper: {
    paper: isPaperView,
    related: isArrayOf(isRelatedPaperView, 50),
    annotations: isArrayOf(isAnnotationView),
    highlightTerms: isArrayOf(isText(200), 100),
    history: (v): v is HistoryView => hasShape(v, { canGoBack: isBoolean, canGoForward: isBoolean }),
    notesEnabled: isBoolean,
  },
  annotations: { paperId: isId, annotations: isArrayOf(isAnnotationView) },
  paperStatus: { paperId: isId, status: isOptional(isOneOf(READING_STATUSES)), tags: isArrayOf(isText(1_000)), hasNote: isBoolean },
  paperMissing: { paperId: isId, message: isText(2_000) },
  noteBody: {
    paperId: isId,
    body: isText(NOTE_BODY_LIMIT),
    version: isNumber,
    path: isOptional(isText(4_000)),
    tooLarge: isOptional(isBoolean),
  },
  noteSaved: { paperId: isId, editId: isText(100), version: isNumber },
  noteConflict: { paperId: isId, editId: isText(100), message: isText(2_000) },
  noteNotSaved: { paperId: isId, editId: isText(100), message: isText(2_000) },
  pdfDocument: {
    paperId: isId,
    paperTitle: isText(),
    fileName: isText(4_000),
    data: (v): v is Uint8Array => v instanceof Uint8Array,
    page: isOptional(isPage),
    highlight: isOptional(isId),
  },
  pdfUnavailable: { paperId: isId, message: isText(8_000) },
};

const WEBVIEW_MESSAGE_SHAPES: { [K in WebviewToHostMessage['type']]: Record<string, Guard<unknown>> } = {
  ready: {},
  openExternal: { url: isText(8_000) },
  openPaper: { paperId: isId },
  navigate: { direction: isOneOf(['back', 'forward'] as const) },
  filterTopic: { topic: isText(1_000) },
  copyCitation: { paperId: isId, format: isOneOf(CITATION_FORMATS) },
  setStatus: { paperId: isId, status: isOneOf(READING_STATUSES) },
  revealInTree: { paperId: isId },
  openNote: { paperId: isId },
  addAnnotation: {
    paperId: isId,
    selector: isTextQuoteSelector,
    comment: isText(50_000),
    page: isOptional(isPage),
    position: isOptional(isTextPosition),
  },
  updateAnnotation: { paperId: isId, annotationId: isId, comment: isText(50_000) },
  removeAnnotation: { paperId: isId, annotationId: isId },
  editNoteBody: {
    paperId: isId,
    editId: isText(100),
    baseVersion: isNumber,
    baseBody: isText(NOTE_BODY_LIMIT),
    newBody: isText(NOTE_BODY_LIMIT),
  },
  createNote: { paperId: isId },
  openPdf: { paperId: isId, page: isOptional(isPage) },
  attachPdf: { paperId: isId },
  getPdf: { paperId: isId },
};

/** A `NoteDraft` read back from the webview state, if it has that shape. */
export const isNoteDraft = (value: unknown): value is NoteDraft =>
  hasShape(value, {
    paperId: isId,
    baseVersion: isNumber,
    baseBody: isText(NOTE_BODY_LIMIT),
    newBody: isText(NOTE_BODY_LIMIT),
    sent: isOptional((v): v is { editId: string; newBody: string } =>
      hasShape(v, { editId: isText(100), newBody: isText(NOTE_BODY_LIMIT) }),
    ),
  });

function parseMessage<T extends { type: string }>(value: unknown, shapes: Record<string, Record<string, Guard<unknown>>>): T | undefined {
  if (!isObject(value) || typeof value.type !== 'string' || !Object.hasOwn(shapes, value.type)) return undefined;
  return hasShape(value, shapes[value.type]) ? (value as T) : undefined;
}

/** The message if it is a well-formed host→webview message, else undefined (the webview ignores it). */
export function parseHostMessage(value: unknown): HostToWebviewMessage | undefined {
  return parseMessage<HostToWebviewMessage>(value, HOST_MESSAGE_SHAPES);
}

/** The message if it is a well-formed webview→host message, else undefined (the host ignores and logs it). */
export function parseWebviewMessage(value: unknown): WebviewToHostMessage | undefined {
  return parseMessage<WebviewToHostMessage>(value, WEBVIEW_MESSAGE_SHAPES);
}

// ---- link policy -------------------------------------------------------------------------

/** What to do with a link the reader was asked to follow. */
export type LinkDecision = { kind: 'external'; url: string } | { kind: 'paper'; paperId: string } | { kind: 'refused'; reason: string };

/** The scheme Lectern uses for links between papers (`lectern:paper/<id>`), as in markdown citations. */
const PAPER_LINK_PREFIX = 'lectern:paper/';

/**
 * Decides what a clicked link does. Only http(s) and mailto leave Lectern (through the host's
 * `openExternal`); `lectern:paper/<id>` opens another paper; everything else — `javascript:`,
 * `data:`, `file:`, `command:`, `vscode:`, relative paths — is refused.
 */
export function decideLink(href: string): LinkDecision {
  const trimmed = href.trim();
  if (trimmed.startsWith(PAPER_LINK_PREFIX)) {
    const paperId = decodeURIComponentSafe(trimmed.slice(PAPER_LINK_PREFIX.length));
    // A paper id (`[a-z0-9._-]`) or a citekey, which may use Pandoc's key characters (`Smith:2020`, `vaswani2017Attention`).
    return paperId && /^[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?~/-]{0,299}$/u.test(paperId)
      ? { kind: 'paper', paperId }
      : { kind: 'refused', reason: 'not a valid paper id' };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { kind: 'refused', reason: 'not an absolute URL' };
  }
  if (url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:') {
    if (url.username || url.password) return { kind: 'refused', reason: 'URLs with credentials are not opened' };
    return { kind: 'external', url: url.href };
  }
  return { kind: 'refused', reason: `${url.protocol} links are not opened from the reader` };
}

function decodeURIComponentSafe(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
