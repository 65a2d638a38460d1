/**
 * The cache forms of an index. Both start with a header line
 * `{"format":"lectern-search-index","version":5,"fingerprint":…}` and a line
 * `{"ids":[…],"terms":[…],"postings":n,"tfBytes":1,"docBytes":n,"positionBytes":n}`, then hold the index's binary image (see
 * `index-snapshot.ts`):
 *
 * - bytes (`serializeIndexBytes`, what caches store): the two lines in UTF-8, spaces up to the next
 *   multiple of 8, then the image itself, which a load views in place (typed arrays over
 *   the file's buffer: nothing is decoded or copied but the two lines). Any size: a million papers'
 *   file is about a gigabyte, past the longest string V8 holds.
 * - text (`serializeIndex`, for callers that need a string): the image in base64 after the lines.
 *
 * The first line alone tells whether a cache fits a corpus, without reading the rest.
 */
import type { Paper } from '../model/paper';
import { fromBase64, toBase64 } from './base64';
import { InvertedIndex } from './inverted-index';
import type { IndexSnapshotHeader } from './index-snapshot';

const FORMAT = 'lectern-search-index';
/**
 * Bump when tokenization, stemming or the snapshot layout change: old caches are then rebuilt, silently.
 * 2: a binary image of the state replaced version 1's varint postings (a load views its tables instead of recounting them).
 * 3: caches store bytes (the image after the header lines, aligned) instead of base64 text.
 * 4: the image holds word positions for phrases (`term-positions.ts`).
 * 5: document numbers compressed per list (`posting-docs.ts`), term frequencies in bytes when they fit.
 */
const FORMAT_VERSION = 5;
/** The first line is short (a fingerprint is a hash): a longer one is not a cache of this format. */
const MAX_FIRST_LINE = 4096;

interface FirstLine {
  format?: unknown;
  version?: unknown;
  fingerprint?: unknown;
}

function headerLines(fingerprint: string, header: IndexSnapshotHeader): string {
  const first = JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, fingerprint });
  const second = JSON.stringify({
    ids: header.ids,
    terms: header.terms,
    postings: header.postings,
    tfBytes: header.tfBytes,
    docBytes: header.docBytes,
    positionBytes: header.positionBytes,
  });
  return `${first}\n${second}\n`;
}

/** The cache text of an index built from the corpus `fingerprint` identifies (compacts the index first). */
export function serializeIndex(index: InvertedIndex, fingerprint: string): string {
  const { header, bytes } = index.snapshot();
  return `${headerLines(fingerprint, header)}${toBase64(bytes)}`;
}

/** The cache bytes of an index built from the corpus `fingerprint` identifies (compacts the index first). */
export function serializeIndexBytes(index: InvertedIndex, fingerprint: string): Uint8Array {
  return index.snapshot({ prefix: (header) => new TextEncoder().encode(headerLines(fingerprint, header)) }).bytes;
}

/** The corpus fingerprint a cache (text or bytes) was built for, or undefined when it is not a cache of this format version. */
export function cachedFingerprint(serialized: string | Uint8Array | undefined): string | undefined {
  const first = firstLine(serialized);
  return first && typeof first.fingerprint === 'string' ? first.fingerprint : undefined;
}

function firstLine(serialized: string | Uint8Array | undefined): FirstLine | undefined {
  try {
    let line: string;
    if (typeof serialized === 'string') line = serialized.slice(0, Math.max(0, serialized.indexOf('\n')));
    else if (serialized instanceof Uint8Array) {
      const end = serialized.subarray(0, MAX_FIRST_LINE).indexOf(10);
      if (end < 0) return undefined;
      line = new TextDecoder().decode(serialized.subarray(0, end));
    } else return undefined;
    const first = JSON.parse(line) as FirstLine;
    return first.format === FORMAT && first.version === FORMAT_VERSION ? first : undefined;
  } catch {
    return undefined;
  }
}

/** The index a cache (text or bytes) holds over `papers`; undefined when the fingerprint, version or papers differ, or it is damaged. */
export function deserializeIndex(serialized: string | Uint8Array, expectedFingerprint: string, papers: Paper[]): InvertedIndex | undefined {
  try {
    if (cachedFingerprint(serialized) !== expectedFingerprint) return undefined;
    return typeof serialized === 'string' ? fromText(serialized, papers) : fromBytes(serialized, papers);
  } catch {
    return undefined;
  }
}

function fromText(serialized: string, papers: Paper[]): InvertedIndex | undefined {
  const firstEnd = serialized.indexOf('\n');
  const secondEnd = serialized.indexOf('\n', firstEnd + 1);
  if (secondEnd < 0) return undefined;
  const header = readHeader(serialized.slice(firstEnd + 1, secondEnd));
  return header && InvertedIndex.fromSnapshot(header, fromBase64(serialized.slice(secondEnd + 1)), papers);
}

function fromBytes(bytes: Uint8Array, papers: Paper[]): InvertedIndex | undefined {
  const firstEnd = bytes.indexOf(10);
  const secondEnd = bytes.indexOf(10, firstEnd + 1);
  if (secondEnd < 0) return undefined;
  const header = readHeader(new TextDecoder().decode(bytes.subarray(firstEnd + 1, secondEnd)));
  if (!header) return undefined;
  const imageStart = (secondEnd + 1 + 7) & ~7;
  for (let i = secondEnd + 1; i < imageStart; i++) if (bytes[i] !== 32) return undefined;
  return InvertedIndex.fromSnapshot(header, bytes.subarray(imageStart), papers);
}

function readHeader(line: string): IndexSnapshotHeader | undefined {
  const header = JSON.parse(line) as IndexSnapshotHeader;
  if (!Array.isArray(header.ids) || !Array.isArray(header.terms) || !Number.isInteger(header.postings)) return undefined;
  return header;
}
