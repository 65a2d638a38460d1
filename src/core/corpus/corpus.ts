import type { Diagnostic } from '../model/diagnostic';
import type { ImportedPaper, Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import { assignIds } from '../ids/assign-ids';
import { assignCiteKeys } from '../ids/assign-cite-keys';
import { assignTopics, type TopicTaxonomy } from '../topics/assign-topics';
import { applyCuration } from '../topics/apply-curation';
import { curationOf } from '../topics/curation-steps';
import { contentFingerprint } from './content-fingerprint';

/** One imported corpus file. */
export interface CorpusFile {
  /** The path as the caller named it; diagnostics and `Paper.source.file` use the same string. */
  path: string;
  /** Digest of the file's bytes (see `contentFingerprint`). */
  fingerprint: string;
  papers: ImportedPaper[];
  diagnostics: Diagnostic[];
}

/** Everything Lectern knows about a set of corpus files. Immutable: changes build a new one. */
export interface Corpus {
  /** Papers with ids and topics, files in path order, records in file order. */
  papers: Paper[];
  byId: Map<string, Paper>;
  /** Papers by citekey (every paper has one, see `assignCiteKeys`); when two papers share a key, the first in corpus order holds it. */
  byCiteKey: Map<string, Paper>;
  topics: Topic[];
  /** Import diagnostics of every file plus id and citekey collisions, then curation steps that name unknown papers or topics. */
  diagnostics: Diagnostic[];
  files: CorpusFile[];
  /** Digest of all files' fingerprints and the taxonomy: equal fingerprints mean equal corpora. */
  fingerprint: string;
}

export interface BuildCorpusOptions {
  taxonomy?: TopicTaxonomy;
}

/**
 * Assembles imported files into a corpus: a deterministic order, ids, topics. Sorting by path
 * makes the result independent of the order in which files were found or finished importing.
 */
export function buildCorpus(files: CorpusFile[], options: BuildCorpusOptions = {}): Corpus {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const withIds = assignIds(sorted.flatMap((file) => file.papers));
  const withKeys = assignCiteKeys(withIds.papers);
  // The user's curation of the tree applies after assignment, so it holds whatever discovery finds.
  const assigned = assignTopics(withKeys.papers, { taxonomy: options.taxonomy });
  const { papers, topics, diagnostics: curation } = applyCuration(assigned, curationOf(options.taxonomy));
  return {
    papers,
    byId: new Map(papers.map((paper) => [paper.id, paper])),
    byCiteKey: citeKeyMap(papers),
    topics,
    diagnostics: [...sorted.flatMap((file) => file.diagnostics), ...withIds.diagnostics, ...withKeys.diagnostics, ...curation],
    files: sorted,
    fingerprint: corpusFingerprint(sorted, options),
  };
}

/** Papers by citekey, the first paper in corpus order holding a key two papers share. */
export function citeKeyMap(papers: Paper[]): Map<string, Paper> {
  const byKey = new Map<string, Paper>();
  for (const paper of papers) if (paper.citeKey && !byKey.has(paper.citeKey)) byKey.set(paper.citeKey, paper);
  return byKey;
}

/** The corpus's fingerprint without building it: the files' paths and digests, and the taxonomy. */
export function corpusFingerprint(files: CorpusFile[], options: BuildCorpusOptions = {}): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return contentFingerprint(...sorted.map((file) => `${file.path}\u0001${file.fingerprint}`), JSON.stringify(options.taxonomy ?? null));
}

/** Which papers an update added, removed or changed, so an index can update instead of rebuilding. */
export interface CorpusChange {
  added: Paper[];
  removed: Paper[];
  changed: Paper[];
}

/**
 * Field-by-field equality of two papers. Runs for every paper on every file change, so it
 * compares values in place rather than serialising both papers.
 */
export function samePaper(a: Paper, b: Paper): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as Array<keyof Paper>;
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((item, i) => item !== y[i])) return false;
    } else if (key === 'source') {
      if (a.source.file !== b.source.file || a.source.line !== b.source.line) return false;
    } else if (key === 'csl') {
      if (!sameJson(x, y)) return false;
    } else {
      return false;
    }
  }
  return true;

  /** JSON values (the CSL record) compared by content; stops at the first difference. */
  function sameJson(p: unknown, q: unknown): boolean {
    if (p === q) return true;
    if (typeof p !== 'object' || typeof q !== 'object' || p === null || q === null || Array.isArray(p) !== Array.isArray(q)) return false;
    if (Array.isArray(p) && Array.isArray(q)) return p.length === q.length && p.every((item, i) => sameJson(item, q[i]));
    const pk = Object.keys(p);
    if (pk.length !== Object.keys(q).length) return false;
    return pk.every((k) => Object.hasOwn(q, k) && sameJson((p as Record<string, unknown>)[k], (q as Record<string, unknown>)[k]));
  }
}

/** Compares two corpora by id and content. */
export function diffCorpora(before: Corpus, after: Corpus): CorpusChange {
  const change: CorpusChange = { added: [], removed: [], changed: [] };
  for (const paper of after.papers) {
    const old = before.byId.get(paper.id);
    if (!old) change.added.push(paper);
    else if (!samePaper(old, paper)) change.changed.push(paper);
  }
  for (const paper of before.papers) if (!after.byId.has(paper.id)) change.removed.push(paper);
  return change;
}

