/**
 * The text of an index cache file: a header line `{"format":"lectern-search-index","version":2,"fingerprint":…}`,
 * a line `{"ids":[…],"terms":[…],"postings":n,"coding":"fixed"}`, then the index's binary image (see `index-snapshot.ts`) in base64.
 * The first line alone tells whether a cache fits a corpus, without parsing the rest.
 */
import type { Paper } from '../model/paper';
import { fromBase64, toBase64 } from './base64';
import { InvertedIndex } from './inverted-index';
import type { IndexSnapshotHeader } from './index-snapshot';

const FORMAT = 'lectern-search-index';
/**
 * Bump when tokenization, stemming or the snapshot layout change: old caches are then rebuilt, silently.
 * 2: a binary image of the state replaced version 1's varint postings (a load views its tables instead of recounting them).
 */
const FORMAT_VERSION = 2;

interface FirstLine {
  format?: unknown;
  version?: unknown;
  fingerprint?: unknown;
}

/** The cache text of an index built from the corpus `fingerprint` identifies (compacts the index first). */
export function serializeIndex(index: InvertedIndex, fingerprint: string): string {
  const { header, bytes } = index.snapshot();
  const first = JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, fingerprint });
  const second = JSON.stringify({ ids: header.ids, terms: header.terms, postings: header.postings, coding: header.coding });
  return `${first}\n${second}\n${toBase64(bytes)}`;
}

/** The corpus fingerprint a cache text was built for, or undefined when it is not a cache of this format version. */
export function cachedFingerprint(serialized: string | undefined): string | undefined {
  if (typeof serialized !== 'string') return undefined;
  try {
    const first = JSON.parse(serialized.slice(0, Math.max(0, serialized.indexOf('\n')))) as FirstLine;
    return first.format === FORMAT && first.version === FORMAT_VERSION && typeof first.fingerprint === 'string'
      ? first.fingerprint
      : undefined;
  } catch {
    return undefined;
  }
}

/** The index a cache text holds over `papers`; undefined when the fingerprint, version or papers differ, or the text is damaged. */
export function deserializeIndex(serialized: string, expectedFingerprint: string, papers: Paper[]): InvertedIndex | undefined {
  try {
    if (typeof serialized !== 'string') return undefined;
    const firstEnd = serialized.indexOf('\n');
    if (firstEnd < 0) return undefined;
    const first = JSON.parse(serialized.slice(0, firstEnd)) as FirstLine;
    if (first.format !== FORMAT || first.version !== FORMAT_VERSION || first.fingerprint !== expectedFingerprint) return undefined;
    const secondEnd = serialized.indexOf('\n', firstEnd + 1);
    if (secondEnd < 0) return undefined;
    const header = JSON.parse(serialized.slice(firstEnd + 1, secondEnd)) as IndexSnapshotHeader;
    if (!Array.isArray(header.ids) || !Array.isArray(header.terms) || !Number.isInteger(header.postings)) return undefined;
    return InvertedIndex.fromSnapshot(header, fromBase64(serialized.slice(secondEnd + 1)), papers);
  } catch {
    return undefined;
  }
}
