import type { Paper } from '../model/paper';
import {
  assembleCorpus,
  buildCorpus,
  corpusTopicsOf,
  diffCorpora,
  indexFingerprintOf,
  prepareCorpus,
  type BuildCorpusOptions,
  type Corpus,
  type CorpusChange,
  type CorpusFile,
  type CorpusTopics,
} from '../corpus/corpus';
import { PaperSearch, type SearchHit } from '../search/paper-search';
import { RelatedPapers } from '../related/related-papers';
import { carryTopics } from '../topics/carry-topics';
import { curationOf } from '../topics/curation-steps';
import { MAX_TOPICS_PER_PAPER, OTHER_TOPIC } from '../topics/topic-registry';

/**
 * A corpus with its search index and related-papers model, kept in step. The CLI and the
 * extension both work through this: one file changing updates the index in place
 * (postings removed and re-added per paper), it is never rebuilt.
 */
export class PaperLibrary {
  private relatedModel: RelatedPapers | undefined;
  private indexFingerprintValue: string | undefined;

  private constructor(
    private currentCorpus: Corpus,
    readonly search: PaperSearch,
    private options: BuildCorpusOptions,
    /** Whether the index was restored from a serialized one or built here. */
    readonly indexFrom: 'cache' | 'build',
  ) {}

  /**
   * Builds the corpus and its index; `topics` (from `assignCorpusTopics`, e.g. in the corpus worker, or a cache) are
   * used when their fingerprint matches, and `cachedIndex` (from `serializeIndex`) when it is the index of the corpus
   * under those topics (`indexFingerprint`). With `carryFrom`, topics carried over from it (by `buildCorpus`, or in
   * `topics`) are completed: the papers that came or changed join the topics their neighbours here share.
   */
  static open(files: CorpusFile[], options: BuildCorpusOptions & { cachedIndex?: string | Uint8Array } = {}): PaperLibrary {
    const corpus = buildCorpus(files, options);
    const cached = options.cachedIndex
      ? PaperSearch.load(options.cachedIndex, indexFingerprintOf(corpusTopicsOf(corpus)), corpus.papers)
      : undefined;
    const kept = { taxonomy: options.taxonomy };
    const library = cached
      ? new PaperLibrary(corpus, cached, kept, 'cache')
      : new PaperLibrary(corpus, PaperSearch.build(corpus.papers), kept, 'build');
    if (options.carryFrom && (corpus.topicsDrift ?? 0) > 0) library.placeCarried(options.carryFrom);
    return library;
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
   * `updateFile` with the topics carried over (`carryTopics`): each paper that stays keeps its topics, a new or edited
   * one joins those its keywords name or the papers its title finds here agree on (`topicsLike`). Undefined, and
   * nothing changed, when the change is too large for that (or the corpus came from a snapshot, which does not keep
   * its curation's diagnostics apart): the caller has the topics discovered again.
   */
  updateFileKeepingTopics(path: string, file: CorpusFile | undefined): CorpusChange | undefined {
    const current = this.currentCorpus;
    if (!current.topicDiagnostics) return undefined;
    const prepared = prepareCorpus(this.filesWith(path, file), this.options);
    const previous = { papers: current.papers, topics: current.topics, drift: current.topicsDrift ?? 0 };
    const carried = carryTopics(previous, prepared.papers, (paper) => this.topicsLike(paper), curationOf(this.options.taxonomy));
    if (!carried) return undefined;
    return this.replaceCorpus(
      assembleCorpus(prepared, { fingerprint: prepared.fingerprint, ...carried, diagnostics: current.topicDiagnostics }),
    );
  }

  /**
   * Topics carried over from `from` at opening, the papers that came or changed filed in Other (`buildCorpus` had no
   * index to place them with): each now joins the topics `topicsLike` finds for it, as after a change while open.
   */
  private placeCarried(from: NonNullable<BuildCorpusOptions['carryFrom']>): void {
    const current = this.currentCorpus;
    const carried = carryTopics(from, current.papers, (paper) => this.topicsLike(paper), curationOf(this.options.taxonomy));
    if (!carried) return;
    const curation = current.topicDiagnostics?.length ?? 0;
    const prepared = { ...current, diagnostics: current.diagnostics.slice(0, current.diagnostics.length - curation) };
    this.replaceCorpus(assembleCorpus(prepared, { fingerprint: current.fingerprint, ...carried, diagnostics: from.diagnostics }));
  }

  /**
   * The topics of this library `paper` belongs in: those named by its keywords or categories, then those at least two
   * of the five other papers a search for its title (its abstract's start if untitled) finds hold, most held first;
   * at most three, none (Other) when no two agree, as when a title's words each occur in unrelated papers. Every word
   * must match, so when the title finds fewer than three papers its three, then two, longest words are searched.
   */
  private topicsLike(paper: Paper): string[] {
    // Words only: a title's `-`, quotes or `topic:` must not read as query syntax.
    const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
    const title = words(paper.title ?? '');
    const all = title.length > 0 ? title : words(paper.abstract ?? '').slice(0, 20);
    const longest = [...new Set(all.map((word) => word.toLowerCase()))].sort((a, b) => b.length - a.length);
    let hits: SearchHit[] = [];
    for (const query of [all.join(' '), longest.slice(0, 3).join(' '), longest.slice(0, 2).join(' ')]) {
      // An edited paper's own earlier version is in the index: it is not its own neighbour.
      if (query)
        hits = this.search
          .search(query, { limit: 6, highlight: false })
          .results.filter((hit) => hit.id !== paper.id)
          .slice(0, 5);
      if (hits.length >= 3) break;
    }
    const votes = new Map<string, number>();
    for (const hit of hits) for (const name of this.paper(hit.id)?.topics ?? []) votes.set(name, (votes.get(name) ?? 0) + 1);
    const agreed = [...votes].filter(([name, count]) => count >= 2 && name !== OTHER_TOPIC).sort((a, b) => b[1] - a[1]);
    const own = new Set([...(paper.keywords ?? []), ...(paper.categories ?? [])].map((name) => name.trim().toLowerCase()));
    const named = this.currentCorpus.topics.map((topic) => topic.name).filter((name) => own.has(name.toLowerCase()));
    return [...new Set([...named, ...agreed.map(([name]) => name)])].slice(0, MAX_TOPICS_PER_PAPER);
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
    return this.replaceCorpus(buildCorpus(files, { ...this.options, topics }));
  }

  private replaceCorpus(next: Corpus): CorpusChange {
    const change = diffCorpora(this.currentCorpus, next);
    this.currentCorpus = next;
    this.indexFingerprintValue = undefined;
    this.search.applyChange(change);
    if (change.added.length + change.removed.length + change.changed.length > 0) this.relatedModel = undefined;
    return change;
  }

  /**
   * The fingerprint the index is cached under (`indexFingerprintOf`: the corpus's, and its carried topics' if any),
   * and which names the library to the search worker: the same files under other topics are another library there.
   */
  get indexFingerprint(): string {
    // Kept: a carried corpus's digest reads every paper's topics (tens of ms at 100 000), and each search asks.
    this.indexFingerprintValue ??= indexFingerprintOf(corpusTopicsOf(this.currentCorpus));
    return this.indexFingerprintValue;
  }

  /** The index with its fingerprint (`indexFingerprint`), as bytes for a cache (`PaperSearch.serializeBytes`). */
  serializeIndex(): Uint8Array {
    return this.search.serializeBytes(this.indexFingerprint);
  }
}
