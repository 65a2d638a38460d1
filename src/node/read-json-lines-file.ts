import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { contentFingerprint } from '../core/corpus/content-fingerprint';
import type { CorpusFile } from '../core/corpus/corpus';
import { expectedFormats, FORMAT_HEAD_BYTES, jsonLinesFormatOf, tooManyRecords } from '../core/import/import-corpus-file';
import { resolveImportLimits, type ImportLimits } from '../core/import/import-limits';
import { importJsonLinesPiece, JSON_LINES_PIECE_BYTES } from '../core/import/json-lines-pieces';

/** Options of {@link readJsonLinesFile}. */
export interface ReadJsonLinesOptions {
  /** Import limits; the file is refused elsewhere (whole) when over `maxFileBytes`. Default: `ImportLimits`' defaults. */
  limits?: ImportLimits;
  /** Bytes read and imported at a time. Default 64 MB. */
  pieceBytes?: number;
}

/**
 * A JSON Lines file too large to hold whole — the arXiv snapshot is over 4 GB — read from disk a piece at a time, as
 * fragments of the file (its papers and diagnostics so far, numbered by the file's own lines); only one piece is in
 * memory at once. Undefined when the file is not one to stream: not larger than a piece, over the size limit, not a
 * regular file, or not JSON Lines — read it whole (`LibraryLoader.readFile`), which reports why. Past
 * `maxRecords` papers the rest are dropped with one warning, as a whole-file read drops them; a piece that is not
 * text is reported and ends the file there (the pieces before it have been given out already).
 */
export async function readJsonLinesFile(path: string, options: ReadJsonLinesOptions = {}): Promise<AsyncGenerator<CorpusFile> | undefined> {
  const limits = resolveImportLimits(options.limits);
  const pieceBytes = Math.max(1, Math.floor(options.pieceBytes ?? JSON_LINES_PIECE_BYTES));
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isFile() || stats.size <= pieceBytes || stats.size > limits.maxFileBytes) return undefined;
  // The format from the file's start, so a large file of another format is not read a piece's worth for nothing.
  const head = await readHead(path);
  const format = head && jsonLinesFormatOf(path, head);
  if (!format) return undefined;
  return (async function* fragments(): AsyncGenerator<CorpusFile> {
    let firstLine = 1;
    let kept = 0;
    let dropped: { line: number; count: number } | undefined;
    for await (const bytes of linePieces(path, pieceBytes)) {
      const read = importJsonLinesPiece(path, bytes, format, firstLine, limits, expectedFormats());
      const fragment: CorpusFile = { path, fingerprint: contentFingerprint(path, String(firstLine)), papers: [], diagnostics: [] };
      if ('refused' in read) {
        fragment.diagnostics.push(read.refused);
        yield fragment;
        return;
      }
      for (const paper of read.papers) {
        if (kept < limits.maxRecords) {
          fragment.papers.push(paper);
          kept += 1;
        } else if (dropped) dropped.count += 1;
        else dropped = { line: paper.source.line, count: 1 };
      }
      // One by one: a piece of broken lines may hold hundreds of thousands, too many to spread as arguments.
      for (const problem of read.diagnostics) fragment.diagnostics.push(problem);
      firstLine += read.lines;
      yield fragment;
    }
    if (dropped) {
      const warning = tooManyRecords(path, limits.maxRecords, dropped.line, dropped.count);
      yield { path, fingerprint: contentFingerprint(path, 'dropped'), papers: [], diagnostics: [warning] };
    }
  })();
}

/**
 * Opens a file for reading as `readRegularFile` does: non-blocking (should it have become a named pipe since its
 * `stat`, the open must not wait for a writer), and refused unless the open handle is a regular file.
 */
async function openRegular(path: string): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  if ((await handle.stat()).isFile()) return handle;
  await handle.close();
  throw new Error(`${path} is no longer a regular file`);
}

/** The file's first `FORMAT_HEAD_BYTES`, or undefined when it cannot be read (the whole-file read reports why). */
async function readHead(path: string): Promise<Uint8Array | undefined> {
  const handle = await openRegular(path).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const head = Buffer.allocUnsafe(FORMAT_HEAD_BYTES);
    let length = 0;
    for (let read = -1; read !== 0 && length < head.length; length += read)
      read = (await handle.read(head, length, head.length - length, length)).bytesRead;
    return head.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** The file's bytes in pieces of at least `pieceBytes` (the last may be shorter), each ending after a line end. */
async function* linePieces(path: string, pieceBytes: number): AsyncGenerator<Uint8Array> {
  const handle = await openRegular(path);
  try {
    let buffer = Buffer.allocUnsafe(pieceBytes);
    let held = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, held, buffer.length - held, null);
      held += bytesRead;
      if (bytesRead === 0) {
        if (held > 0) yield buffer.subarray(0, held);
        return;
      }
      if (held < buffer.length) continue;
      const lineEnd = buffer.lastIndexOf(0x0a);
      if (lineEnd < 0) {
        // One line longer than a piece: read on until it ends.
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown, 0, 0, held);
        buffer = grown;
        continue;
      }
      // The piece is handed out as a copy: the buffer is reused for the next one.
      yield Uint8Array.prototype.slice.call(buffer, 0, lineEnd + 1);
      buffer.copy(buffer, 0, lineEnd + 1, held);
      held -= lineEnd + 1;
    }
  } finally {
    await handle.close();
  }
}
