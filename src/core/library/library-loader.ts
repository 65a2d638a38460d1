import * as l10n from '@vscode/l10n';
import type { Diagnostic, ImportResult } from '../model/diagnostic';
import { contentFingerprint } from '../corpus/content-fingerprint';
import { messageBundle } from '../l10n/message-bundle';
import {
  corpusFingerprint,
  indexFingerprintOf,
  type BuildCorpusOptions,
  type CorpusChange,
  type CorpusFile,
  type CorpusTopics,
} from '../corpus/corpus';
import { CORPUS_FILE_EXTENSIONS, importCorpusFile } from '../import/import-corpus-file';
import { resolveImportLimits, type ImportLimits, type ImportOptions } from '../import/import-limits';
import { PaperSearch } from '../search/paper-search';
import type { TopicTaxonomy } from '../topics/assign-topics';
import { BibtexFolders } from './bibtex-folders';
import { CorpusFileRefusal } from './corpus-file-refusal';
import type { CorpusFileChange, CorpusSource, FileStamp } from './corpus-source';
import type { IndexCacheStore } from './index-cache-store';
import { readSnapshotCorpus, readSnapshotHeader, writeSnapshot } from './library-snapshot';
import { PaperLibrary } from './paper-library';
import { entryCarrySource, entryTopics, readTopicsEntry, writeTopicsEntry } from './topics-cache-entry';
import { errorCode, resolveTaxonomy, type ResolvedTaxonomy } from './resolve-taxonomy';

/** How `LibraryLoader` turns a source into a library. Every field is optional. */
export interface LibraryOptions {
  /**
   * The bundled sample folder (`corpus/`). When set, its corpus files join the library (as
   * `sampleWhen` says), their papers marked `sample`, and its `topics.json` is the taxonomy of
   * those papers only (see `resolveTaxonomy`). Default: no sample. Example: `join(extensionPath, 'corpus')`.
   */
  sampleFolder?: string;
  /**
   * When the sample joins: `'always'`, or `'auto'` — only while the source lists no corpus file of
   * the user's own (see `includesSample`). Default `'always'`. Example: `{ sampleFolder, sampleWhen: 'auto' }`.
   */
  sampleWhen?: SampleWhen;
  /** A taxonomy file applied after every other (the CLI's `--taxonomy FILE`). Default: none. */
  taxonomyFile?: string;
  /**
   * Bounds on every file read and import (file size, records, field and macro sizes): a file over
   * `maxFileBytes` is refused from its size before it is read, and `limits` is passed to every
   * `importFile` call. Default: the defaults of `ImportLimits` (100 MB per file).
   * Example: `{ maxFileBytes: 10 * 1024 * 1024 }`.
   */
  limits?: ImportLimits;
  /**
   * Imports one file's bytes within `options.limits`. Default: `importCorpusFile` on the calling thread;
   * the extension passes its worker, so large files never block the extension host.
   */
  importFile?: (path: string, bytes: Uint8Array, options: ImportOptions) => ImportResult | Promise<ImportResult>;
  /**
   * Builds a serialized index (`PaperLibrary.serializeIndex`) elsewhere, for corpora of at least
   * `buildIndexMinPapers` papers without a usable cache, under `topics` when the cache gave them (else under the
   * topics it assigns); undefined or a rejection means "build here". Default: none, the index is built on the calling thread.
   */
  buildIndex?: (files: CorpusFile[], taxonomy: TopicTaxonomy | undefined, topics?: CorpusTopics) => Promise<Uint8Array | undefined>;
  /** From this many papers `buildIndex` is used: below it, a build here is quicker than the transfer. Default 20 000. */
  buildIndexMinPapers?: number;
  /**
   * Assigns topics elsewhere (`assignCorpusTopics`; the extension passes its corpus worker), on load, file changes
   * and taxonomy changes, so discovery never blocks the calling thread, or carries them over from `carryFrom` (the
   * cache's, see `BuildCorpusOptions.carryFrom`); undefined or a rejection means "assign
   * here". Default: none, topics are assigned on the calling thread (the CLI).
   */
  assignTopics?: (
    files: CorpusFile[],
    taxonomy: TopicTaxonomy | undefined,
    carryFrom?: BuildCorpusOptions['carryFrom'],
  ) => Promise<CorpusTopics | undefined>;
  /**
   * Where the previous run's work is kept. `contents: 'index'` stores the search index and the topics (files
   * are still read and imported; the extension, whose worker imports fast); `'snapshot'` stores
   * papers, topics and index, so an unchanged corpus is neither imported nor indexed (the CLI).
   * Either way an entry is used only when its corpus fingerprint (files' contents + taxonomy) matches.
   * Example: `{ store: new MemoryIndexCacheStore(), key: 'index-cache.json', contents: 'index' }`.
   */
  cache?: { store: IndexCacheStore; key: string; contents: 'index' | 'snapshot' };
  /** Asked between files; true stops reading, and the library holds the files read so far. Default: never. */
  isCancelled?: () => boolean;
  /** Progress for a status line: each file as it is read, then the index build when it happens elsewhere. */
  onProgress?: (step: LoadProgress) => void;
}

/** `LibraryOptions.sampleWhen`: the bundled sample joins always, or only while the user has no corpus files. */
export type SampleWhen = 'always' | 'auto';

/**
 * Whether the bundled sample joins a library whose source lists `ownFiles` corpus files. A listed
 * file counts even when it holds no papers, is broken or is missing: the user chose it, and its
 * problems (or an empty library with the Add Corpus File welcome) say more than 76 unrelated papers.
 */
export function includesSample(when: SampleWhen, ownFiles: number): boolean {
  return when === 'always' || ownFiles === 0;
}

/** One step of a load, for `LibraryOptions.onProgress`. */
export type LoadProgress = { kind: 'file'; path: string; done: number; total: number } | { kind: 'index'; papers: number };

/** What one `load` produced. */
export interface LoadedLibrary {
  library: PaperLibrary;
  /** The taxonomy used and each of its files with its diagnostics. */
  taxonomy: ResolvedTaxonomy;
  /** Folders or paths the source could not list. Import diagnostics are in `library.corpus.diagnostics`. */
  listingDiagnostics: Diagnostic[];
  /** Corpus files not read because `isCancelled` said stop. */
  skipped: number;
  /** Whether the cache entry no longer matches the library (call `saveCache` when convenient). */
  cacheStale: boolean;
  /** Whether the bundled sample is part of this library (its papers have `sample: true`). */
  sampleIncluded: boolean;
  /**
   * Where the topics came from: the cache (the tree as last shown, for these files), carried over from the cache's to
   * files that changed since, or assigned (discovery and the taxonomy).
   */
  topicsFrom: 'cache' | 'carried' | 'assigned';
}

/** One file re-read after a watch event. */
export interface FileUpdate {
  path: string;
  change: CorpusChange;
  /** The file's diagnostics now (empty when it was deleted). */
  diagnostics: Diagnostic[];
  /** The file's `@string` or `@preamble` definitions changed, which the other BibTeX files of its folder read: `load` again. */
  reloadNeeded?: boolean;
}

const DEFAULT_BUILD_INDEX_MIN_PAPERS = 20_000;

/**
 * The one way Lectern turns corpus files into a `PaperLibrary`, for the CLI and the extension:
 * discovery (the source's files, then the bundled sample as `sampleWhen` says), import, ids, the taxonomy rule,
 * topics, the index (built, built by `buildIndex`, or loaded from the cache) and per-file
 * updates when the source reports a change. Bad input becomes located diagnostics; nothing
 * here throws for a file that is missing, unreadable or malformed.
 */
export class LibraryLoader {
  private current: LoadedLibrary | undefined;
  private readonly stamps = new Map<string, FileStamp>();
  /** The bundled sample's corpus files in the current library: their papers are marked `sample`. */
  private samplePaths = new Set<string>();
  /** Set by `retire`: a newer load replaces this loader's library. */
  private retired = false;
  /** What the BibTeX files that share a folder define, for one another's imports. */
  private readonly bibtex = new BibtexFolders();

  constructor(
    readonly source: CorpusSource,
    readonly options: LibraryOptions = {},
  ) {}

  /** The last library `load` produced (updated in place by `applyChange`). */
  get loaded(): LoadedLibrary | undefined {
    return this.current;
  }

  /** Reads everything and assembles the library, from the cache when it still matches. */
  async load(): Promise<LoadedLibrary> {
    // All cache entries are read from the start, so the reads overlap discovery and the checks.
    const reading = this.readCache();
    const { paths, diagnostics: listingDiagnostics } = await this.discover();
    const sampleIncluded = this.samplePaths.size > 0;
    const taxonomy = await resolveTaxonomy(this.source, {
      sampleFolder: sampleIncluded ? this.options.sampleFolder : undefined,
      taxonomyFile: this.options.taxonomyFile,
    });
    const bytes = new Map<string, Uint8Array>();
    const { restored, cached } = await this.restoreSnapshot(reading, paths, taxonomy.taxonomy, bytes);
    if (restored)
      return (this.current = {
        library: restored,
        taxonomy,
        listingDiagnostics,
        skipped: 0,
        cacheStale: false,
        sampleIncluded,
        topicsFrom: 'cache',
      });
    const snapshot = this.options.cache?.contents === 'snapshot';
    await this.bibtex.readAll(paths, bytes, async (path) => (await this.readBytes(path)).bytes);
    const files: CorpusFile[] = [];
    for (const path of paths) {
      if (this.options.isCancelled?.()) break;
      this.options.onProgress?.({ kind: 'file', path, done: files.length + 1, total: paths.length });
      if (snapshot && !this.stamps.has(path)) {
        const stamp = await this.source.stat?.(path).catch(() => undefined);
        if (stamp) this.stamps.set(path, stamp);
      }
      files.push(await this.readFile(path, bytes.get(path)));
      bytes.delete(path);
    }
    // The topics the tree last showed, when the cache keeps them: for these files, taken as they are (carried over
    // changes, they are not what discovery would give, and the user left the tree so); for files that changed since
    // (a reference manager's export while the window was closed), carried over the change when it is small.
    const paperCount = files.reduce((sum, file) => sum + file.papers.length, 0);
    const entry = readTopicsEntry(await reading.topics);
    const stored = entryTopics(entry, corpusFingerprint(files, { taxonomy: taxonomy.taxonomy }), paperCount);
    const carryFrom = stored ? undefined : entryCarrySource(entry, taxonomy.taxonomy);
    // Carrying decides the topics before the index is built (which holds them); else the build assigns them too.
    const early = stored ?? (carryFrom && (await this.topicsFor(files, taxonomy.taxonomy, carryFrom)));
    const cachedIndex = await this.indexFor(files, taxonomy.taxonomy, cached, early);
    const topics = early ?? (await this.topicsFor(files, taxonomy.taxonomy));
    const library = PaperLibrary.open(files, { taxonomy: taxonomy.taxonomy, cachedIndex, topics, carryFrom });
    const cacheStale =
      this.options.cache !== undefined && (snapshot || !stored || PaperSearch.fingerprintOf(cached) !== library.indexFingerprint);
    const skipped = paths.length - files.length;
    const carried = carryFrom !== undefined && (library.corpus.topicsDrift ?? 0) > 0;
    const topicsFrom = stored ? 'cache' : carried ? 'carried' : 'assigned';
    return (this.current = { library, taxonomy, listingDiagnostics, skipped, cacheStale, sampleIncluded, topicsFrom });
  }

  /**
   * Whether `change` calls for a full `load` rather than `applyChange`: with `sampleWhen: 'auto'`,
   * the user's first corpus file appearing (the sample leaves) or their last one going (it returns).
   * Never for a retired loader: the reload that retired it reads every file as it is.
   */
  needsReload(change: CorpusFileChange): boolean {
    const loaded = this.current;
    if (!loaded || this.retired || this.options.sampleFolder === undefined || (this.options.sampleWhen ?? 'always') !== 'auto')
      return false;
    const own = loaded.library.corpus.files.filter((file) => !this.samplePaths.has(file.path)).map((file) => file.path);
    const after = change.kind === 'deleted' ? own.filter((path) => path !== change.path) : [...new Set([...own, change.path])];
    return includesSample('auto', after.length) !== loaded.sampleIncluded;
  }

  /**
   * A reload replaces this loader and its library: a change being applied stops at its next step (and later ones
   * do nothing) instead of re-indexing a library nobody holds any more. Such a change, for the very file a reload
   * had been asked to read, re-indexed 24,000 papers on VS Code's extension host after the reload had finished.
   */
  retire(): void {
    this.retired = true;
  }

  /**
   * Writes the cache entries for the current library (index and topics, or a snapshot, as `options.cache` says). Each
   * entry is checked against the library on loading, whichever of them a failure left unwritten: the topics by the
   * corpus fingerprint, the index by `indexFingerprint`, which names carried topics. A snapshot (the CLI's, which
   * never carries topics) is not written while they are carried: it would be restored under rediscovered ones.
   */
  async saveCache(): Promise<void> {
    const cache = this.options.cache;
    const library = this.current?.library;
    if (!cache || !library) return;
    const key = this.cacheKey();
    if (cache.contents === 'index') {
      // The topics last: once they are there, so is their index (a reload right after a change finds both).
      await cache.store.putBytes(key, library.serializeIndex());
      return cache.store.put(`${key}.topics`, writeTopicsEntry(library.corpus, this.current?.taxonomy.taxonomy));
    }
    if ((library.corpus.topicsDrift ?? 0) > 0) return;
    const index = library.serializeIndex();
    const entries = writeSnapshot(library.corpus, index, this.stamps);
    // The main entry last: until it is replaced, the old one does not match the new parts and is ignored.
    await cache.store.putBytes(`${key}.index`, entries.index);
    await cache.store.put(`${key}.abstracts`, entries.abstracts);
    await cache.store.put(key, entries.main);
  }

  /**
   * The cache's index entry read again, when it is the index with `fingerprint` (`PaperLibrary.indexFingerprint`; else undefined):
   * bytes of their own, which the caller may move to a worker (the ones `load` read are viewed by the library's
   * index), read off the thread where writing the index anew would hold it (~100–300 ms at 100 000 papers).
   */
  async cachedIndexOf(fingerprint: string): Promise<Uint8Array | undefined> {
    const cache = this.options.cache;
    if (!cache) return undefined;
    const key = cache.contents === 'index' ? this.cacheKey() : `${this.cacheKey()}.index`;
    const bytes = await cache.store.getBytes(key).catch(() => undefined);
    return PaperSearch.fingerprintOf(bytes) === fingerprint ? bytes : undefined;
  }

  /**
   * Reads the taxonomy files again (a `.lectern/topics.json` changed: topics or the curation of the tree)
   * and assigns topics anew without re-reading corpus files; undefined when nothing is loaded or the taxonomy is
   * unchanged. `rediscover`: even so (Discover Topics Again: topics carried over changes give way to discovery's).
   */
  async reloadTaxonomy(rediscover = false): Promise<LoadedLibrary | undefined> {
    const loaded = this.current;
    if (!loaded) return undefined;
    const taxonomy = await resolveTaxonomy(this.source, {
      sampleFolder: loaded.sampleIncluded ? this.options.sampleFolder : undefined,
      taxonomyFile: this.options.taxonomyFile,
    });
    if (!rediscover && JSON.stringify(taxonomy) === JSON.stringify(loaded.taxonomy)) return undefined;
    loaded.library.setTaxonomy(taxonomy.taxonomy, await this.topicsFor(loaded.library.corpus.files, taxonomy.taxonomy));
    return (this.current = { ...loaded, taxonomy, cacheStale: this.options.cache !== undefined, topicsFrom: 'assigned' });
  }

  /**
   * Re-reads one changed file and updates the library in place; undefined when nothing changes (nothing loaded, the
   * loader retired, the file unknown and gone, or its bytes the ones the library holds).
   */
  async applyChange(change: CorpusFileChange): Promise<FileUpdate | undefined> {
    const library = this.current?.library;
    if (!library || this.retired) return undefined;
    const known = library.corpus.files.find((file) => file.path === change.path);
    if (change.kind === 'deleted' && !known) return undefined;
    let file: CorpusFile | undefined;
    let bytes: Uint8Array | undefined;
    const paths = library.corpus.files.map((corpusFile) => corpusFile.path);
    const shares = await this.bibtex.beforeChange(change.path, paths, async (path) => (await this.readBytes(path)).bytes);
    if (change.kind !== 'deleted') {
      const read = await this.readBytes(change.path);
      // The same bytes as the library holds (a watcher's late event for a write a load has read, a save without
      // edits): nothing to do, not even an import. Taking it again re-assigned topics and re-indexed every paper of
      // the file (a 24,000-paper file stalled VS Code's extension host for 2 s).
      const fingerprint = read.bytes ? contentFingerprint(read.bytes) : read.unread.fingerprint;
      if (this.retired || known?.fingerprint === fingerprint) return undefined;
      file = read.bytes ? await this.importBytes(change.path, read.bytes) : read.unread;
      bytes = read.bytes;
    }
    if (this.retired) return undefined;
    // A BibTeX file whose definitions changed: the files beside it read them too.
    if (shares && this.bibtex.note(change.path, bytes))
      return { path: change.path, change: { added: [], removed: [], changed: [] }, diagnostics: [], reloadNeeded: true };
    const diagnostics = file?.diagnostics ?? [];
    // A few papers added, edited or removed leave the tree as it is (`carryTopics`); more, and discovery runs again.
    const kept = library.updateFileKeepingTopics(change.path, file);
    if (kept) return { path: change.path, change: kept, diagnostics };
    const topics = await this.topicsFor(library.filesWith(change.path, file), this.current?.taxonomy.taxonomy);
    if (this.retired) return undefined;
    return { path: change.path, change: library.updateFile(change.path, file, topics), diagnostics };
  }

  /** Topics from `assignTopics` when it gives them; undefined means `buildCorpus` assigns them here. */
  private async topicsFor(
    files: CorpusFile[],
    taxonomy: TopicTaxonomy | undefined,
    carryFrom?: BuildCorpusOptions['carryFrom'],
  ): Promise<CorpusTopics | undefined> {
    return this.options.assignTopics?.(files, taxonomy, carryFrom).catch(() => undefined);
  }

  /**
   * Reads and imports one file within the limits; one that is unreadable, not a regular file or too
   * large becomes a file with one located diagnostic (and no papers), and an import that fails does too.
   */
  async readFile(path: string, known?: Uint8Array): Promise<CorpusFile> {
    const read = known ? { bytes: known } : await this.readBytes(path);
    return read.bytes ? this.importBytes(path, read.bytes) : read.unread;
  }

  /**
   * A file's bytes within the size limit, or (unreadable, refused) a file holding the diagnostic that says why.
   * Not told apart with `instanceof`: VS Code for the Web's file system hands over another realm's `Uint8Array`.
   */
  private async readBytes(path: string): Promise<{ bytes: Uint8Array; unread?: never } | { bytes?: never; unread: CorpusFile }> {
    try {
      return { bytes: await this.source.readFile(path, { maxBytes: resolveImportLimits(this.options.limits).maxFileBytes }) };
    } catch (error) {
      return { unread: error instanceof CorpusFileRefusal ? refusedFile(path, error) : unreadableFile(path, errorCode(error)) };
    }
  }

  private async importBytes(path: string, bytes: Uint8Array): Promise<CorpusFile> {
    try {
      const options = { limits: resolveImportLimits(this.options.limits), bibtex: this.bibtex.forImporting(path) };
      const result = await (this.options.importFile ?? importCorpusFile)(path, bytes, options);
      const papers = this.samplePaths.has(path) ? result.papers.map((paper) => ({ ...paper, sample: true })) : result.papers;
      return { path, fingerprint: contentFingerprint(bytes), ...result, papers };
    } catch (error) {
      // A worker that died (e.g. out of memory) costs this file only.
      return unreadableFile(path, l10n.t('the import failed: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  /** The source's files and the sample's (when included; remembered in `samplePaths`), each once, sorted. */
  private async discover(): Promise<{ paths: string[]; diagnostics: Diagnostic[] }> {
    const listing = await this.source.listFiles();
    const found = new Set<string>(listing.paths);
    const diagnostics: Diagnostic[] = [];
    const sample = this.options.sampleFolder;
    this.samplePaths = new Set();
    if (sample !== undefined && includesSample(this.options.sampleWhen ?? 'always', found.size)) {
      try {
        for (const name of await this.source.listFolder(sample)) {
          if (name !== 'topics.json' && CORPUS_FILE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)))
            this.samplePaths.add(this.source.join(sample, name));
        }
      } catch (error) {
        diagnostics.push(unreadableFile(sample, errorCode(error)).diagnostics[0]);
      }
    }
    for (const path of this.samplePaths) found.add(path);
    return { paths: [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), diagnostics: [...diagnostics, ...listing.diagnostics] };
  }

  /** The cache entries, being read: `main` the snapshot's main text, `index` the index bytes (the entry itself with `contents: 'index'`). */
  private readCache(): {
    main: Promise<string | undefined>;
    index: Promise<Uint8Array | undefined>;
    abstracts: Promise<string | undefined>;
    topics: Promise<string | undefined>;
  } {
    const cache = this.options.cache;
    const none = Promise.resolve(undefined);
    if (!cache) return { main: none, index: none, abstracts: none, topics: none };
    const key = this.cacheKey();
    const text = (name: string) => cache.store.get(name).catch(() => undefined);
    const bytes = (name: string) => cache.store.getBytes(name).catch(() => undefined);
    if (cache.contents === 'index') return { main: none, index: bytes(key), abstracts: none, topics: text(`${key}.topics`) };
    return { main: text(key), index: bytes(`${key}.index`), abstracts: text(`${key}.abstracts`), topics: none };
  }

  /**
   * `cache.key`, kept apart per set of non-default limits (the same files make other papers under other limits) and
   * per translation (the cache holds the diagnostics' words: a run in another language must not show these).
   */
  private cacheKey(): string {
    const key = this.options.cache?.key ?? '';
    const limits = JSON.stringify(resolveImportLimits(this.options.limits));
    const bundle = messageBundle();
    const messages = bundle === undefined ? '' : `.messages-${contentFingerprint(JSON.stringify(bundle))}`;
    return (limits === JSON.stringify(resolveImportLimits(undefined)) ? key : `${key}.limits-${contentFingerprint(limits)}`) + messages;
  }

  /**
   * The library a snapshot holds, if its files are exactly `paths` with unchanged contents and
   * the taxonomy is the same. A file whose size and time match the snapshot's is not read;
   * bytes read for the check are left in `bytes` for the import that follows a miss. Answers
   * the cached text too when it is an index (not a snapshot), for `indexFor`.
   */
  private async restoreSnapshot(
    reading: ReturnType<LibraryLoader['readCache']>,
    paths: string[],
    taxonomy: TopicTaxonomy | undefined,
    bytes: Map<string, Uint8Array>,
  ): Promise<{ restored?: PaperLibrary; cached?: Uint8Array }> {
    if (this.options.cache?.contents === 'index') return { cached: await reading.index };
    const main = await reading.main;
    const header = readSnapshotHeader(main);
    if (!header || !main) return {};
    if (header.files.length !== paths.length) return {};
    const byPath = new Map(header.files.map((file) => [file.path, file]));
    const current: CorpusFile[] = [];
    for (const path of paths) {
      const remembered = byPath.get(path);
      if (!remembered) return {};
      const stamp = await this.source.stat?.(path).catch(() => undefined);
      if (stamp) this.stamps.set(path, stamp);
      let fingerprint = remembered.fingerprint;
      if (!stamp || !remembered.stamp || stamp.size !== remembered.stamp.size || stamp.mtimeMs !== remembered.stamp.mtimeMs) {
        const maxBytes = resolveImportLimits(this.options.limits).maxFileBytes;
        const read = await this.source.readFile(path, { maxBytes }).catch(() => undefined);
        if (!read) return {};
        bytes.set(path, read);
        fingerprint = contentFingerprint(read);
      }
      current.push({ path, fingerprint, papers: [], diagnostics: [] });
    }
    if (corpusFingerprint(current, { taxonomy }) !== header.fingerprint) return {};
    const [index, abstracts] = await Promise.all([reading.index, reading.abstracts]);
    const corpus = index && abstracts ? readSnapshotCorpus(main, abstracts, header) : undefined;
    const search = corpus && PaperSearch.load(index!, header.fingerprint, corpus.papers);
    return { restored: corpus && search ? PaperLibrary.restore(corpus, search, { taxonomy }) : undefined };
  }

  /**
   * The cached index when it matches (under `topics` when they are known already: the cache's, or carried over from
   * them); for a large corpus without one, an index from `buildIndex`.
   */
  private async indexFor(
    files: CorpusFile[],
    taxonomy: TopicTaxonomy | undefined,
    cached: Uint8Array | undefined,
    topics: CorpusTopics | undefined,
  ): Promise<Uint8Array | undefined> {
    const paperCount = files.reduce((sum, file) => sum + file.papers.length, 0);
    const build = this.options.buildIndex;
    if (!build || paperCount < (this.options.buildIndexMinPapers ?? DEFAULT_BUILD_INDEX_MIN_PAPERS)) return cached;
    if (PaperSearch.fingerprintOf(cached) === (topics ? indexFingerprintOf(topics) : corpusFingerprint(files, { taxonomy }))) return cached;
    this.options.onProgress?.({ kind: 'index', papers: paperCount });
    return (await build(files, taxonomy, topics).catch(() => undefined)) ?? cached;
  }
}

function refusedFile(path: string, refusal: CorpusFileRefusal): CorpusFile {
  const diagnostic: Diagnostic = { file: path, line: 1, column: 1, severity: 'error', message: refusal.message };
  return { path, fingerprint: contentFingerprint(`refused:${refusal.message}`), papers: [], diagnostics: [diagnostic] };
}

function unreadableFile(path: string, reason: string): CorpusFile {
  const diagnostic: Diagnostic = {
    file: path,
    line: 1,
    column: 1,
    severity: 'error',
    message: l10n.t(
      'Lectern: cannot read {0} ({1}). Check that the file exists and is readable, or remove it from the corpus list.',
      path,
      reason,
    ),
  };
  return { path, fingerprint: contentFingerprint(`unreadable:${reason}`), papers: [], diagnostics: [diagnostic] };
}
