import type { Paper } from '../model/paper';
import {
  buildCorpus,
  diffCorpora,
  type BuildCorpusOptions,
  type Corpus,
  type CorpusChange,
  type CorpusFile,
  type CorpusTopics,
} from '../corpus/corpus';
import { PaperSearch } from '../search/paper-search';
import { RelatedPapers } from '../related/related-papers';

/**
 * A corpus with its search index and related-papers model, kept in step. The CLI and the
 * extension both work through this: one file changing updates the index in place
 * (postings removed and re-added per paper), it is never rebuilt.
 */
export class PaperLibrary {
  private relatedModel: RelatedPapers | undefined;

  private constructor(
    private currentCorpus: Corpus,
    readonly search: PaperSearch,
    private options: BuildCorpusOptions,
    /** Whether the index was restored from a serialized one or built here. */
    readonly indexFrom: 'cache' | 'build',
  ) {}

  /**
   * Builds the corpus and its index; `cachedIndex` (from `serializeIndex`) is used when its fingerprint still
   * matches, and `topics` (from `assignCorpusTopics`, e.g. in the corpus worker) likewise.
   */
  static open(files: CorpusFile[], options: BuildCorpusOptions & { cachedIndex?: string | Uint8Array } = {}): PaperLibrary {
    const corpus = buildCorpus(files, options);
    const cached = options.cachedIndex ? PaperSearch.load(options.cachedIndex, corpus.fingerprint, corpus.papers) : undefined;
    const kept = { taxonomy: options.taxonomy };
    return cached
      ? new PaperLibrary(corpus, cached, kept, 'cache')
      : new PaperLibrary(corpus, PaperSearch.build(corpus.papers), kept, 'build');
  }

  /** A library over an already assembled corpus and its loaded index (a restored snapshot). */
  static restore(corpus: Corpus, search: PaperSearch, options: BuildCorpusOptions = {}): PaperLibrary {
    return new PaperLibrary(corpus, search, options, 'cache');
  }

  get corpus(): Corpus {
    return this.currentCorpus;
  }

  get papers(): Paper[] {
    return this.currentCorpus.papers;
  }

  paper(id: string): Paper | undefined {
    return this.currentCorpus.byId.get(id);
  }

  /** The paper an id or a citekey names (ids first, so a citekey never hides a paper's own id). */
  resolve(idOrCiteKey: string): Paper | undefined {
    return this.currentCorpus.byId.get(idOrCiteKey) ?? this.currentCorpus.byCiteKey.get(idOrCiteKey);
  }

  /** Papers most like `id`, each with the shared terms that explain why. Built on first use. */
  related(id: string, limit?: number) {
    this.relatedModel ??= RelatedPapers.build(this.currentCorpus.papers);
    return this.relatedModel.related(id, limit);
  }

  /** The library's files once `path` is replaced by `file` (or, with `undefined`, removed): what `updateFile` will hold. */
  filesWith(path: string, file: CorpusFile | undefined): CorpusFile[] {
    const others = this.currentCorpus.files.filter((existing) => existing.path !== path);
    return file ? [...others, file] : others;
  }

  /**
   * Replaces, adds (or, with `undefined`, removes) one corpus file and updates the index incrementally; `topics`
   * (for `filesWith(path, file)`, assigned elsewhere) are used when they match, else topics are assigned here.
   */
  updateFile(path: string, file: CorpusFile | undefined, topics?: CorpusTopics): CorpusChange {
    return this.rebuild(this.filesWith(path, file), topics);
  }

  /**
   * Assigns topics again under another taxonomy (its curation of the tree included), from the same files, or
   * takes `topics` assigned elsewhere when they match; the index updates the papers whose topics changed.
   */
  setTaxonomy(taxonomy: BuildCorpusOptions['taxonomy'], topics?: CorpusTopics): CorpusChange {
    this.options = { ...this.options, taxonomy };
    return this.rebuild(this.currentCorpus.files, topics);
  }

  private rebuild(files: CorpusFile[], topics: CorpusTopics | undefined): CorpusChange {
    const next = buildCorpus(files, { ...this.options, topics });
    const change = diffCorpora(this.currentCorpus, next);
    this.currentCorpus = next;
    this.search.applyChange(change);
    if (change.added.length + change.removed.length + change.changed.length > 0) this.relatedModel = undefined;
    return change;
  }

  /** The index with the corpus fingerprint, as bytes for a cache (`PaperSearch.serializeBytes`). */
  serializeIndex(): Uint8Array {
    return this.search.serializeBytes(this.currentCorpus.fingerprint);
  }
}
