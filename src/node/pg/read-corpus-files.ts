import { buildCorpus, type Corpus, type CorpusFile } from '../../core/corpus/corpus';
import type { ImportLimits } from '../../core/import/import-limits';
import { LibraryLoader } from '../../core/library/library-loader';
import { resolveTaxonomy } from '../../core/library/resolve-taxonomy';
import type { Diagnostic } from '../../core/model/diagnostic';
import { NodeCorpusSource } from '../node-corpus-source';
import { readJsonLinesFile } from '../read-json-lines-file';

/** Corpus files read for a shared library: papers with ids, citekeys and topics, and every diagnostic. */
export interface ReadCorpus {
  corpus: Corpus;
  /** Listing, taxonomy and import diagnostics, as `lectern import` and the local library report them. */
  diagnostics: Diagnostic[];
}

/** How corpus files are read for a shared library. */
export interface ReadCorpusOptions {
  /** Import limits (`--max-file-size`). Default: `ImportLimits`' defaults. */
  limits?: ImportLimits;
  /** A taxonomy file applied after the folders' own (`--taxonomy`). Default: none. */
  taxonomyFile?: string;
}

/**
 * Reads corpus files (or folders) through the one corpus pipeline — the same discovery, readers, limits,
 * importers, ids, citekeys, taxonomy rule and topic code as the local library — without building a search
 * index, which the database replaces.
 */
export async function readCorpusFiles(paths: string[], options: ReadCorpusOptions = {}): Promise<ReadCorpus> {
  // The whole library as one part.
  for await (const part of readCorpusParts(paths, { ...options, partPapers: Infinity })) return part;
  throw new Error('Lectern: readCorpusParts gave no part');
}

/**
 * Papers per part of a library read in parts: a 417,527-paper arXiv file imported in three parts peaked at 2.0 GB
 * of memory (3.1 GB read as one), well within Node's default 4 GB heap.
 */
export const PART_PAPERS = 200_000;

/**
 * Reads corpus files as {@link readCorpusFiles} does, in parts of about `partPapers` papers, so that a library of
 * millions (the arXiv snapshot) never has to be held at once; JSON Lines files larger than a piece are read from
 * disk a piece at a time. A library of fewer papers is one part, the same as `readCorpusFiles`. Each part is a
 * corpus of its own: ids, citekeys and topics are assigned among its papers (an id repeated in a later part is the
 * same paper to a database, the later record winning as in a re-run; metadata topics — keywords, categories — come
 * out the same in every part, discovered ones are found in each part's papers). Listing and taxonomy diagnostics
 * come with the first part.
 */
export async function* readCorpusParts(
  paths: string[],
  options: ReadCorpusOptions & { partPapers?: number; pieceBytes?: number } = {},
): AsyncGenerator<ReadCorpus> {
  const partPapers = options.partPapers ?? PART_PAPERS;
  const { loader, listing, taxonomy } = await openCorpus(paths, options);
  let pending: Diagnostic[] = [...taxonomy.files.flatMap((file) => file.diagnostics), ...listing.diagnostics];
  let files: CorpusFile[] = [];
  let papers = 0;
  const part = (): ReadCorpus => {
    const corpus = buildCorpus(files, { taxonomy: taxonomy.taxonomy });
    const read = { corpus, diagnostics: [...pending, ...corpus.diagnostics] };
    pending = [];
    files = [];
    papers = 0;
    return read;
  };
  let parts = 0;
  for (const path of listing.paths) {
    const fragments = await readJsonLinesFile(path, { limits: options.limits, pieceBytes: options.pieceBytes });
    for await (const file of fragments ?? [await loader.readFile(path)]) {
      const last = files[files.length - 1];
      // A file's fragments in one part are one file to the corpus (the fragments are this reader's own arrays).
      if (last?.path === file.path) {
        for (const paper of file.papers) last.papers.push(paper);
        for (const problem of file.diagnostics) last.diagnostics.push(problem);
      } else files.push(file);
      papers += file.papers.length;
      if (papers < partPapers) continue;
      parts += 1;
      yield part();
    }
  }
  if (files.length > 0 || parts === 0) yield part();
}

async function openCorpus(paths: string[], options: ReadCorpusOptions) {
  const source = await NodeCorpusSource.create(paths);
  const loader = new LibraryLoader(source, { limits: options.limits, taxonomyFile: options.taxonomyFile });
  const listing = await source.listFiles();
  const taxonomy = await resolveTaxonomy(source, { taxonomyFile: options.taxonomyFile });
  return { loader, listing: { ...listing, paths: [...new Set(listing.paths)].sort() }, taxonomy };
}
