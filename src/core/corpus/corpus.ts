import type { Diagnostic } from '../model/diagnostic';
import type { ImportedPaper, Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import { assignIds, baseId } from '../ids/assign-ids';
import { assignCiteKeys } from '../ids/assign-cite-keys';
import { generatedCiteKey } from '../ids/cite-key';
import { assignTopics, TOPICS_VERSION, type TopicTaxonomy } from '../topics/assign-topics';
import { applyCuration } from '../topics/apply-curation';
import { curationOf } from '../topics/curation-steps';
import { carryTopics, type CarrySource } from '../topics/carry-topics';
import { contentFingerprint } from './content-fingerprint';
import { IMPORT_VERSION } from '../import/import-version';

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
  /** Papers added, edited or removed since the topics were discovered (`carryTopics`); absent in a restored snapshot. */
  topicsDrift?: number;
  /** The curation's diagnostics among `diagnostics` (carried with the topics); absent in a restored snapshot. */
  topicDiagnostics?: Diagnostic[];
}

export interface BuildCorpusOptions {
  taxonomy?: TopicTaxonomy;
  /**
   * Topics already assigned to these files under this taxonomy (by `assignCorpusTopics`, in the corpus
   * worker), used when their `fingerprint` is the corpus's; otherwise topics are assigned here. Default: none.
   */
  topics?: CorpusTopics;
  /**
   * The corpus these files were, when its topics were kept (a cache's, see `entryCarrySource`) and the files changed
   * since: its topics are carried over (`carryTopics`) instead of discovered when the change is small, the papers
   * that came or changed filed in Other until `PaperLibrary.open` places them with its index. Default: none.
   */
  carryFrom?: CarrySource & { diagnostics: Diagnostic[] };
}

/**
 * A corpus's topics as plain data (structured-cloneable): what `assignTopics` and the tree's curation make of
 * a set of files under a taxonomy. The extension's corpus worker computes it so the host's thread never runs
 * discovery; `buildCorpus` takes it as it is when the fingerprint matches.
 *
 * @example { fingerprint: 'f3a…', paperTopics: [['Spiking Neural Networks'], ['Other']], topics: [...], diagnostics: [] }
 */
export interface CorpusTopics {
  /** The corpus fingerprint (files and taxonomy, see `corpusFingerprint`) the topics belong to. */
  fingerprint: string;
  /** Each paper's topic names, in corpus order (as `Corpus.papers`). */
  paperTopics: string[][];
  /** The topics, ordered as `assignTopics` orders them, curation applied. */
  topics: Topic[];
  /** Curation steps that name unknown papers or topics. */
  diagnostics: Diagnostic[];
  /** Papers added or removed since these topics were discovered, when they were carried over (`carryTopics`). Default 0. */
  drift?: number;
}

/**
 * Assembles imported files into a corpus: a deterministic order, ids, topics. Sorting by path
 * makes the result independent of the order in which files were found or finished importing.
 */
export function buildCorpus(files: CorpusFile[], options: BuildCorpusOptions = {}): Corpus {
  const prepared = prepareCorpus(files, options);
  const given = options.topics;
  const usable = given?.fingerprint === prepared.fingerprint && given.paperTopics.length === prepared.papers.length;
  return assembleCorpus(prepared, usable ? given : topicsOf(prepared.papers, options, prepared.fingerprint));
}

/** `buildCorpus`'s first half: the files in order, their papers with ids and citekeys (no topics yet), and so on. */
export interface PreparedCorpus {
  files: CorpusFile[];
  papers: Paper[];
  /** The files' diagnostics, then id and citekey collisions. */
  diagnostics: Diagnostic[];
  fingerprint: string;
}

/**
 * The papers `buildCorpus` makes of these files, before topics: ids and citekeys, whose per-record parts are worked
 * out once per file read (`recordKeysOf`), so a change of one file is cheap (~0.2 s at 24,000 papers, was ~0.6 s).
 */
export function prepareCorpus(files: CorpusFile[], options: BuildCorpusOptions = {}): PreparedCorpus {
  const sorted = sortFiles(files);
  const keys = sorted.map(recordKeysOf);
  const ids = keys.flatMap((perFile) => perFile.ids);
  const citeKeys = keys.flatMap((perFile) => perFile.citeKeys);
  const withIds = assignIds(
    sorted.flatMap((file) => file.papers),
    (_, i) => ids[i],
  );
  const withKeys = assignCiteKeys(withIds.papers, (_, i) => citeKeys[i]);
  const diagnostics = [...sorted.flatMap((file) => file.diagnostics), ...withIds.diagnostics, ...withKeys.diagnostics];
  return { files: sorted, papers: withKeys.papers, diagnostics, fingerprint: corpusFingerprint(sorted, options) };
}

/** Per record of a file: the id it asks for and the citekey it would be given, made once per file read (records never change). */
const recordKeys = new WeakMap<CorpusFile, { ids: string[]; citeKeys: string[] }>();

function recordKeysOf(file: CorpusFile): { ids: string[]; citeKeys: string[] } {
  let keys = recordKeys.get(file);
  // A file still being filled (the search worker's staging appends slices to one) is worked out again.
  if (keys?.ids.length !== file.papers.length) {
    // A record with a key of its own is given no other (`assignCiteKeys`): none is made for it.
    const citeKeys = file.papers.map((paper) => (paper.citeKey && !paper.citeKeyGenerated ? '' : generatedCiteKey(paper)));
    keys = { ids: file.papers.map(baseId), citeKeys };
    recordKeys.set(file, keys);
  }
  return keys;
}

/** `buildCorpus`'s second half: the corpus of prepared papers under their topics (the same fingerprint and papers). */
export function assembleCorpus(prepared: PreparedCorpus, corpusTopics: CorpusTopics): Corpus {
  const { paperTopics, topics, diagnostics: curation, drift } = corpusTopics;
  const papers = prepared.papers.map((paper, i) => ({ ...paper, topics: paperTopics[i] }));
  return {
    papers,
    byId: new Map(papers.map((paper) => [paper.id, paper])),
    byCiteKey: citeKeyMap(papers),
    topics,
    diagnostics: [...prepared.diagnostics, ...curation],
    files: prepared.files,
    fingerprint: prepared.fingerprint,
    topicsDrift: drift ?? 0,
    topicDiagnostics: curation,
  };
}

/**
 * The topics `buildCorpus` would assign to these files, as plain data: what the corpus worker runs (and sends
 * back) so that the extension host's thread never runs discovery. Same ids, citekeys and order as `buildCorpus`.
 */
export function assignCorpusTopics(files: CorpusFile[], options: BuildCorpusOptions = {}): CorpusTopics {
  const { papers, fingerprint } = prepareCorpus(files, options);
  return topicsOf(papers, options, fingerprint);
}

/**
 * The topics a corpus holds, as `buildCorpus` takes them (`BuildCorpusOptions.topics`): what the extension sends its
 * search worker with the index, so the worker's library files each paper where the host's tree does without running
 * discovery again.
 */
export function corpusTopicsOf(corpus: Corpus): CorpusTopics {
  const paperTopics = corpus.papers.map((paper) => paper.topics);
  return { fingerprint: corpus.fingerprint, paperTopics, topics: corpus.topics, diagnostics: corpus.topicDiagnostics ?? [], drift: corpus.topicsDrift };
}

/**
 * The fingerprint an index of this corpus is cached and loaded under: the corpus's own while its topics are the ones
 * discovery gives its files, else (topics carried over changes, `drift` > 0) with a digest of every paper's topics
 * added, since the index holds them (`topic:`). An index is so only ever taken with the topics it was built with.
 *
 * @example indexFingerprintOf(corpusTopicsOf(corpus)) // 'f3a…' or 'f3a….carried-9bc…'
 */
export function indexFingerprintOf(topics: Pick<CorpusTopics, 'fingerprint' | 'paperTopics' | 'drift'>): string {
  if (!topics.drift) return topics.fingerprint;
  return `${topics.fingerprint}.carried-${contentFingerprint(JSON.stringify(topics.paperTopics))}`;
}

/**
 * Topics for papers with ids and citekeys: carried over from `carryFrom` when it allows (new papers in Other, for now),
 * else assigned; the user's curation of the tree applies after assignment, so it holds whatever discovery finds.
 */
function topicsOf(papers: Paper[], { taxonomy, carryFrom }: BuildCorpusOptions, fingerprint: string): CorpusTopics {
  const carried = carryFrom && carryTopics(carryFrom, papers, () => [], curationOf(taxonomy));
  if (carried) return { fingerprint, ...carried, diagnostics: carryFrom.diagnostics };
  const assigned = assignTopics(papers, { taxonomy });
  const curated = applyCuration(assigned, curationOf(taxonomy));
  return { fingerprint, paperTopics: curated.papers.map((paper) => paper.topics), topics: curated.topics, diagnostics: curated.diagnostics };
}

function sortFiles(files: CorpusFile[]): CorpusFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Papers by citekey, the first paper in corpus order holding a key two papers share. */
export function citeKeyMap(papers: Paper[]): Map<string, Paper> {
  const byKey = new Map<string, Paper>();
  for (const paper of papers) if (paper.citeKey && !byKey.has(paper.citeKey)) byKey.set(paper.citeKey, paper);
  return byKey;
}

/**
 * The corpus's fingerprint without building it: the files' paths and digests, the taxonomy, `TOPICS_VERSION` and
 * `IMPORT_VERSION`.
 */
export function corpusFingerprint(files: CorpusFile[], options: BuildCorpusOptions = {}): string {
  const sorted = sortFiles(files);
  const taxonomy = JSON.stringify(options.taxonomy ?? null);
  return contentFingerprint(
    ...sorted.map((file) => `${file.path}\u0001${file.fingerprint}`),
    taxonomy,
    `topics ${TOPICS_VERSION}`,
    `import ${IMPORT_VERSION}`,
  );
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

