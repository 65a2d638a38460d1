import { buildCorpus, type Corpus } from '../../core/corpus/corpus';
import type { ImportLimits } from '../../core/import/import-limits';
import { LibraryLoader } from '../../core/library/library-loader';
import { resolveTaxonomy } from '../../core/library/resolve-taxonomy';
import type { Diagnostic } from '../../core/model/diagnostic';
import { NodeCorpusSource } from '../node-corpus-source';

/** Corpus files read for a shared library: papers with ids, citekeys and topics, and every diagnostic. */
export interface ReadCorpus {
  corpus: Corpus;
  /** Listing, taxonomy and import diagnostics, as `lectern import` and the local library report them. */
  diagnostics: Diagnostic[];
}

/**
 * Reads corpus files (or folders) through the one corpus pipeline — the same discovery, readers, limits,
 * importers, ids, citekeys, taxonomy rule and topic code as the local library — without building a search
 * index, which the database replaces.
 */
export async function readCorpusFiles(
  paths: string[],
  options: { limits?: ImportLimits; taxonomyFile?: string } = {},
): Promise<ReadCorpus> {
  const source = await NodeCorpusSource.create(paths);
  const loader = new LibraryLoader(source, { limits: options.limits, taxonomyFile: options.taxonomyFile });
  const listing = await source.listFiles();
  const taxonomy = await resolveTaxonomy(source, { taxonomyFile: options.taxonomyFile });
  const files = [];
  for (const path of [...new Set(listing.paths)].sort()) files.push(await loader.readFile(path));
  const corpus = buildCorpus(files, { taxonomy: taxonomy.taxonomy });
  return {
    corpus,
    diagnostics: [...taxonomy.files.flatMap((file) => file.diagnostics), ...listing.diagnostics, ...corpus.diagnostics],
  };
}
