/**
 * The harder benchmark corpus (issue 11): noise papers whose titles and abstracts draw words from
 * a real vocabulary with Zipfian frequencies, so that every query word of the sample's ranking
 * cases occurs in thousands of papers, with the 76 bundled sample papers hidden among them.
 *
 * The vocabulary is every word (`scanWords`, the search tokenizer) of the sample's titles and
 * abstracts and, where present, of the abstracts in `../shared/corpora` (arXiv metadata and
 * reference-manager BibTeX), ranked by frequency with each source weighted equally; word `r`
 * (0-based rank) is drawn with probability ∝ 1 / (r + 2.7) (Zipf–Mandelbrot, exponent 1).
 * Abstract lengths are drawn from the sample's, authors from the shared corpora's (the sample
 * has none, nor categories, so noise papers have no categories either).
 *
 * Seeded and deterministic: paper `i` of a corpus depends only on (seed, size, i) and the
 * sources, and papers are generated one at a time (`papers(size)` is lazy), so 1M papers never
 * need more than the caller keeps.
 *
 * @example
 * const corpus = ZipfCorpus.load({ seed: 1, repoRoot });
 * const papers = [...corpus.papers(100_000)]; // 100 000 papers, 76 of them the sample's
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCorpusFile } from '../src/core/import/import-corpus-file';
import { importDailyPapers } from '../src/core/import/daily-papers-importer';
import { assignIds } from '../src/core/ids/assign-ids';
import type { Paper } from '../src/core/model/paper';
import { scanWords } from '../src/core/text/tokenize';
import { STOP_WORDS } from '../src/core/text/stop-words';
import { indexTerms } from '../src/core/search/normalize-term';
import { seededRandom } from '../src/core/random/seeded-random';
import { AliasSampler } from './alias-sampler';

/** Where the generator reads its words. */
export interface ZipfCorpusOptions {
  /** Seeds every noise paper. Default 1. */
  seed?: number;
  /** The repository root (for `corpus/daily-papers.txt`). Default: the parent of this folder. */
  repoRoot: string;
  /**
   * The folder of the shared real-world corpora, or `false` for the sample's words only.
   * Default `$LECTERN_SHARED_CORPORA` or `<repoRoot>/../shared/corpora`; absent files are skipped.
   */
  sharedCorporaDir?: string | false;
  /** Progress and skipped-source notes (the bench passes a stderr logger). Default: silent. */
  log?: (message: string) => void;
}

/** The shared corpora whose abstracts lend their words (those absent are skipped with a note). */
const SHARED_SOURCES = [
  'arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl',
  'bibtex_mendeley_neuroscience_library.bib',
  'bibtex_zotero_marine-chemistry_my-library.bib',
];

/** Prefix of noise paper ids (`zipf-0001234`); sample papers keep their own ids. */
export const NOISE_ID_PREFIX = 'zipf-';

/**
 * What the generator draws from: the sample and the ranked vocabulary. Reading the BibTeX
 * sources takes seconds, so the bench reads them once and hands `vocabulary` and `sources`
 * to its child processes as JSON.
 */
export interface ZipfSources {
  /** The 76 bundled sample papers, as the extension loads them. */
  sample: Paper[];
  /** Every word, most frequent first (`vocabulary[r]` has Zipf rank r). */
  vocabulary: string[];
  /** Names of the sources read, for the report. */
  sources: string[];
  /** Author names of the sources (the sample has none), drawn for noise papers. */
  authors: string[];
  /**
   * Ranks of the words noise titles avoid (`sampleTitleWordRanks`). Found where the sources are read, so a
   * benchmark's measured process never runs the index's tokenizer over 46,000 lone words before building:
   * V8 then compiles it for short texts, and a million papers built 15 % slower (59 s against 51).
   */
  titleBarredRanks: number[];
}

/** The bundled sample, with the ids the extension gives it. */
export function loadSample(repoRoot: string): Paper[] {
  const text = readFileSync(join(repoRoot, 'corpus', 'daily-papers.txt'), 'utf8');
  return assignIds(importDailyPapers('corpus/daily-papers.txt', text).papers).papers;
}

/** Reads the sample and the shared corpora (skipping those absent, with a note) into ranked words. */
export function readZipfSources(options: ZipfCorpusOptions): ZipfSources {
  const log = options.log ?? (() => undefined);
  const sample = loadSample(options.repoRoot);
  const sources = ['corpus/daily-papers.txt'];
  const texts: string[][] = [sample.flatMap((paper) => [paper.title, paper.abstract])];
  const authors = new Set(sample.flatMap((paper) => paper.authors));
  const dir =
    options.sharedCorporaDir === false
      ? undefined
      : (options.sharedCorporaDir ?? process.env.LECTERN_SHARED_CORPORA ?? join(options.repoRoot, '..', 'shared', 'corpora'));
  for (const name of dir ? SHARED_SOURCES : []) {
    const path = join(dir!, name);
    if (!existsSync(path)) {
      log(`zipf corpus: ${path} is absent; its words are skipped (set LECTERN_SHARED_CORPORA to the shared corpora folder)`);
      continue;
    }
    const papers = importCorpusFile(name, readFileSync(path)).papers;
    texts.push(papers.filter((paper) => paper.abstract).flatMap((paper) => [paper.title, paper.abstract]));
    for (const paper of papers) for (const author of paper.authors) authors.add(author);
    sources.push(name);
  }
  const counts = wordCounts(texts);
  const vocabulary = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  return { sample, vocabulary, sources, authors: [...authors].sort(), titleBarredRanks: sampleTitleWordRanks(sample, vocabulary) };
}

/** A seeded Zipfian corpus with the sample hidden in it. */
export class ZipfCorpus {
  /** The 76 bundled sample papers. */
  readonly sample: Paper[];
  /** Every word, most frequent first. */
  readonly vocabulary: string[];
  /** Names of the sources read. */
  readonly sources: string[];
  private readonly words: AliasSampler;
  private readonly titleLengths: number[];
  /** Ranks of the words naming a sample title's content word, in any form the index reads: noise titles avoid them. */
  private readonly sampleTitleRanks: Set<number>;
  private readonly abstractLengths: number[];
  private readonly authors: string[];

  /** A corpus over `sources`; `seed` (default 1) seeds every noise paper. */
  constructor(
    { sample, vocabulary, sources, authors, titleBarredRanks }: ZipfSources,
    private readonly seed = 1,
  ) {
    this.sample = sample;
    this.vocabulary = vocabulary;
    this.sources = sources;
    this.words = new AliasSampler(vocabulary.map((_, rank) => 1 / (rank + 2.7)));
    this.titleLengths = sample.map((paper) => scanWords(paper.title).length).filter((n) => n > 0);
    this.sampleTitleRanks = new Set(titleBarredRanks);
    this.abstractLengths = sample.map((paper) => scanWords(paper.abstract).length).filter((n) => n > 0);
    this.authors = authors;
  }

  /** Reads the sources (see `readZipfSources`) and makes a corpus of them. */
  static load(options: ZipfCorpusOptions): ZipfCorpus {
    return new ZipfCorpus(readZipfSources(options), options.seed);
  }

  /** Where the sample papers sit in a corpus of `size` papers: spread evenly, never first or last. */
  samplePositions(size: number): number[] {
    const count = Math.min(this.sample.length, size);
    return Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * size) / count));
  }

  /** The `size` papers of a corpus, one at a time: noise, with the sample at `samplePositions(size)`. */
  *papers(size: number): Generator<Paper> {
    const positions = this.samplePositions(size);
    let next = 0;
    for (let i = 0; i < size; i++) {
      if (next < positions.length && positions[next] === i) yield this.sample[next++];
      else yield this.noisePaper(i);
    }
  }

  /** Noise paper `i`: depends only on the seed, `i` and the sources. */
  noisePaper(i: number): Paper {
    const random = seededRandom(mix(this.seed, i));
    const abstractLength = this.abstractLengths[Math.floor(random() * this.abstractLengths.length)] ?? 150;
    const ranks = new Int32Array(abstractLength);
    const abstract: string[] = [];
    let sentenceLeft = 0;
    for (let w = 0; w < abstractLength; w++) {
      ranks[w] = this.words.sample(random);
      const word = this.vocabulary[ranks[w]];
      if (sentenceLeft === 0) {
        sentenceLeft = 12 + Math.floor(random() * 18);
        abstract.push(w === 0 ? capitalize(word) : `. ${capitalize(word)}`);
      } else abstract.push(` ${word}`);
      sentenceLeft -= 1;
    }
    abstract.push('.');
    // Titles as long as the sample's, their words taken from the abstract (as a real title's recur
    // in its abstract) but never a content word of a sample title: noise papers mention every word
    // in passing, at Zipfian rates, but are not about the sample's subjects (else a 3-word noise
    // title holding `sycophancy` rightly outranks the sample's paper on it, and the ranking cases
    // would test luck). Title case, stop words lower-cased but the first.
    const titleLength = this.titleLengths[Math.floor(random() * this.titleLengths.length)] ?? 10;
    const title: string[] = [];
    for (let w = 0, tries = 0; w < titleLength && tries < 8 * titleLength; tries++) {
      const rank = ranks[Math.floor(random() * abstractLength)];
      if (this.sampleTitleRanks.has(rank)) continue;
      const word = this.vocabulary[rank];
      title.push(w > 0 && STOP_WORDS.has(word) ? word : capitalize(word));
      w++;
    }
    const authorCount = this.authors.length === 0 ? 0 : 1 + Math.floor(random() * random() * 8);
    const authors: string[] = [];
    for (let a = 0; a < authorCount; a++) authors.push(this.authors[Math.floor(random() * this.authors.length)]);
    const year = 2025 - Math.floor(Math.pow(random(), 1.8) * 31);
    return {
      id: `${NOISE_ID_PREFIX}${String(i).padStart(7, '0')}`,
      title: title.join(' '),
      authors,
      year,
      date: String(year),
      abstract: abstract.join(''),
      keywords: [],
      categories: [], // as the sample's
      topics: [],
      source: { file: 'zipf-corpus', line: i + 1 },
    };
  }
}

/**
 * The vocabulary's words that name a content word of a sample title as the index reads them: the
 * word itself, its plural or another inflection the index folds together (`Connectomes`), or a part
 * of a hyphenated compound (`Dynamic-connectomes`, `Image-fmri`). Noise titles avoid them, so a
 * noise paper never holds a sample title's word in its own title and the ranking cases test the
 * ranking, not the draw. A sample title's compound counts as one word (`Pre-training` bars
 * `pretraining`, not every word holding `training`).
 */
function sampleTitleWordRanks(sample: Paper[], vocabulary: string[]): number[] {
  const titleTerms = new Set<string>();
  for (const paper of sample) {
    for (const word of scanWords(paper.title)) {
      const terms = indexTerms(paper.title.slice(word.start, word.end));
      // A word's own term is its last: the compound's for a hyphenated word, else its only one.
      if (terms.length > 0) titleTerms.add(terms[terms.length - 1]);
    }
  }
  const ranks: number[] = [];
  vocabulary.forEach((word, rank) => {
    if (indexTerms(word).some((term) => titleTerms.has(term))) ranks.push(rank);
  });
  return ranks;
}

/**
 * Word counts over the sources, each source scaled to the same total so the sample's words are
 * not drowned by larger files; lower-cased surface words (hyphenated words kept whole).
 */
function wordCounts(sources: string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const texts of sources) {
    const local = new Map<string, number>();
    let total = 0;
    for (const text of texts) {
      for (const word of scanWords(text)) {
        const surface = text.slice(word.start, word.end).toLowerCase();
        if (!/\p{L}/u.test(surface)) continue; // numbers and stray marks are not vocabulary
        local.set(surface, (local.get(surface) ?? 0) + 1);
        total += 1;
      }
    }
    for (const [word, count] of local) counts.set(word, (counts.get(word) ?? 0) + (count * 1_000_000) / Math.max(1, total));
  }
  return counts;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A well-mixed 32-bit seed for paper `index` (nearby indexes get unrelated streams). */
function mix(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
