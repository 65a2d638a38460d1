import type { Diagnostic } from '../model/diagnostic';
import type { ImportedPaper, Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import { citeKeyMap, type Corpus, type CorpusFile } from '../corpus/corpus';
import type { FileStamp } from './corpus-source';

const FORMAT = 'lectern-library';
/** 2: papers carry their CSL record and BibTeX entry text; a version-1 snapshot lacks them, so it is rebuilt. */
const FORMAT_VERSION = 2;

/** One corpus file as a snapshot remembers it: enough to tell, without reading it, that it is unchanged. */
export interface SnapshotFile {
  path: string;
  fingerprint: string;
  /** Size and modification time when written, if the source could tell. */
  stamp?: FileStamp;
  /** Ids the importer gave some records (`[record index, id]`), so the file's imported papers can be rebuilt exactly. */
  importedIds?: Array<[number, string]>;
  diagnostics: Diagnostic[];
}

/** The first line of a snapshot: read on its own to decide whether the rest is worth parsing. */
export interface SnapshotHeader {
  format: typeof FORMAT;
  version: number;
  /** `Corpus.fingerprint` of the corpus it holds. */
  fingerprint: string;
  /** Length of all abstracts together (UTF-16 units), to check the abstracts entry belongs to this header. */
  abstractsLength: number;
  files: SnapshotFile[];
}

/**
 * A whole library as three cache entries, for the CLI: `main` is a header line (files and
 * their fingerprints) and the assembled papers, topics and diagnostics as JSON; `index` is the
 * search index as `PaperSearch.serializeBytes` writes it; `abstracts` is the fingerprint line then
 * every abstract back to back. Restoring them skips import, ids, topics and the index build.
 * Abstracts (most of a corpus's bytes) are kept apart so that restoring them is slicing one
 * string rather than parsing and allocating a hundred thousand. Both `main` and `abstracts` are
 * ASCII (the few abstracts with other characters are escaped): ASCII text decodes several times
 * faster than UTF-8, and V8 keeps it at one byte per character instead of two.
 */
export function writeSnapshot(
  corpus: Corpus,
  serializedIndex: Uint8Array,
  stamps: Map<string, FileStamp>,
): { main: string; index: Uint8Array; abstracts: string } {
  let end = 0;
  const abstracts: string[] = [];
  // Each abstract becomes its end offset, in place, so restored papers keep their key order;
  // negative when the abstract was escaped to ASCII (see `escapeToAscii`).
  const papers = corpus.papers.map((paper) => {
    const escaped = NOT_ASCII_OR_BACKSLASH.test(paper.abstract);
    const stored = escaped ? escapeToAscii(paper.abstract) : paper.abstract;
    abstracts.push(stored);
    end += stored.length;
    return { ...paper, abstract: escaped ? -end : end };
  });
  const header: SnapshotHeader = {
    format: FORMAT,
    version: FORMAT_VERSION,
    fingerprint: corpus.fingerprint,
    abstractsLength: end,
    files: corpus.files.map((file) => {
      const importedIds = file.papers.flatMap((paper, i): Array<[number, string]> => (paper.id === undefined ? [] : [[i, paper.id]]));
      const stamp = stamps.get(file.path);
      return {
        path: file.path,
        fingerprint: file.fingerprint,
        ...(stamp ? { stamp } : {}),
        ...(importedIds.length > 0 ? { importedIds } : {}),
        diagnostics: file.diagnostics,
      };
    }),
  };
  // The files' own diagnostics are in the header; the corpus adds the id collisions after them.
  const fileDiagnostics = corpus.files.reduce((sum, file) => sum + file.diagnostics.length, 0);
  const body = JSON.stringify({ papers, topics: corpus.topics, idDiagnostics: corpus.diagnostics.slice(fileDiagnostics) });
  return {
    main: asciiJson(`${JSON.stringify(header)}\n${body}`),
    index: serializedIndex,
    abstracts: `${corpus.fingerprint}\n${abstracts.join('')}`,
  };
}

/** The header of a snapshot's `main` entry, or undefined when the text is not one (another format, version, or damaged). */
export function readSnapshotHeader(main: string | undefined): SnapshotHeader | undefined {
  if (typeof main !== 'string') return undefined;
  try {
    const header = JSON.parse(main.slice(0, Math.max(0, main.indexOf('\n')))) as Partial<SnapshotHeader>;
    return header.format === FORMAT &&
      header.version === FORMAT_VERSION &&
      typeof header.fingerprint === 'string' &&
      typeof header.abstractsLength === 'number' &&
      Array.isArray(header.files)
      ? (header as SnapshotHeader)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The corpus a snapshot holds; undefined if an entry is damaged or from another snapshot. Each
 * file's imported papers are rebuilt from the assembled ones (without topics, with the
 * importer's ids), so a later `updateFile` assembles exactly what a fresh import would.
 */
export function readSnapshotCorpus(main: string, abstracts: string, header: SnapshotHeader): Corpus | undefined {
  try {
    const abstractsStart = abstracts.indexOf('\n') + 1;
    if (abstracts.slice(0, abstractsStart) !== `${header.fingerprint}\n` || abstracts.length - abstractsStart !== header.abstractsLength)
      return undefined;
    const body = JSON.parse(main.slice(main.indexOf('\n') + 1)) as { papers: Paper[]; topics: Topic[]; idDiagnostics: Diagnostic[] };
    if (!Array.isArray(body.papers) || !Array.isArray(body.topics) || !Array.isArray(body.idDiagnostics)) return undefined;
    let start = abstractsStart;
    for (const paper of body.papers) {
      const offset = paper.abstract as unknown as number;
      const end = abstractsStart + Math.abs(offset);
      paper.abstract = offset < 0 ? unescapeFromAscii(abstracts.slice(start, end)) : abstracts.slice(start, end);
      start = end;
    }
    return {
      papers: body.papers,
      byId: new Map(body.papers.map((paper) => [paper.id, paper])),
      byCiteKey: citeKeyMap(body.papers),
      topics: body.topics,
      diagnostics: [...header.files.flatMap((file) => file.diagnostics), ...body.idDiagnostics],
      files: importedFiles(header, body.papers),
      fingerprint: header.fingerprint,
    };
  } catch {
    return undefined;
  }
}

/**
 * The files with their imported papers, rebuilt on first use: only `PaperLibrary.updateFile`
 * needs them, and a CLI command never updates, so it never pays for a hundred thousand copies.
 */
function importedFiles(header: SnapshotHeader, papers: Paper[]): CorpusFile[] {
  let grouped: Map<string, ImportedPaper[]> | undefined;
  const group = () => (grouped ??= groupImported(header, papers));
  return header.files.map((file) => {
    const result = { path: file.path, fingerprint: file.fingerprint } as CorpusFile;
    Object.defineProperty(result, 'papers', { enumerable: true, get: () => group().get(file.path) ?? [] });
    result.diagnostics = file.diagnostics;
    return result;
  });
}

function groupImported(header: SnapshotHeader, papers: Paper[]): Map<string, ImportedPaper[]> {
  const byFile = new Map<string, ImportedPaper[]>(header.files.map((file) => [file.path, []]));
  for (const paper of papers) {
    const { id: _id, ...imported } = paper;
    // A generated citekey is the corpus's, not the importer's: a fresh import has none.
    if (imported.citeKeyGenerated) {
      delete imported.citeKey;
      delete imported.citeKeyGenerated;
    }
    byFile.get(paper.source.file)?.push({ ...imported, topics: [] });
  }
  for (const file of header.files) {
    const filePapers = byFile.get(file.path)!;
    for (const [i, id] of file.importedIds ?? []) if (filePapers[i]) filePapers[i] = { ...filePapers[i], id };
  }
  return byFile;
}

const NOT_ASCII_OR_BACKSLASH = /[\\\u0080-\uffff]/;

/** `\` → `\\`, other non-ASCII UTF-16 units → `\uXXXX`: plain ASCII that `unescapeFromAscii` reverses. */
function escapeToAscii(text: string): string {
  return text.replace(/[\\\u0080-\uffff]/g, (ch) => (ch === '\\' ? '\\\\' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

function unescapeFromAscii(text: string): string {
  return text.replace(/\\(\\|u[0-9a-f]{4})/g, (_, escape: string) =>
    escape === '\\' ? '\\' : String.fromCharCode(parseInt(escape.slice(1), 16)),
  );
}

/** JSON text with every non-ASCII character escaped (`é` → `\u00e9`): the same value, decoded faster. */
function asciiJson(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
