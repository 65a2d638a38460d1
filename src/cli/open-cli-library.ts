import * as l10n from '@vscode/l10n';
import { resolve } from 'node:path';
import type { Diagnostic } from '../core/model/diagnostic';
import { contentFingerprint } from '../core/corpus/content-fingerprint';
import { LibraryLoader, type LibraryOptions, type SampleWhen } from '../core/library/library-loader';
import type { PaperLibrary } from '../core/library/paper-library';
import type { ImportLimits } from '../core/import/import-limits';
import { FileCacheStore, userCacheFolder } from '../node/file-cache-store';
import { NodeCorpusSource } from '../node/node-corpus-source';
import { checkCorpusPaths } from './check-corpus-paths';
import { cliBuild, locateBundledCorpus } from './package-files';

/** How many libraries (sets of `--corpus`, `--sample`, `--taxonomy`) the cache keeps; older ones are deleted. */
const CACHED_LIBRARIES = 4;

/** Which library the CLI opens: its `--corpus`, `--sample`, `--taxonomy` and `--no-cache` flags. */
export interface CliLibraryOptions {
  /** Corpus files or folders; when they name no corpus file (or there are none), the bundled sample stands in. */
  corpus: string[];
  /** Include the bundled sample beside `corpus` too (`--sample`, as `lectern.includeSampleCorpus: always`). */
  sample: boolean;
  taxonomy?: string;
  /** Use and refresh the cache in the user's cache folder (`--no-cache` turns it off). */
  cache: boolean;
  /** Import limits (`--max-file-size`); default: the defaults of `ImportLimits`. */
  limits?: ImportLimits;
}

export interface CliLibrary {
  library: PaperLibrary;
  /** Taxonomy, listing and import diagnostics, for `list` and for stderr. */
  diagnostics: Diagnostic[];
}

/**
 * Opens the library the CLI was pointed at, through the same loader and taxonomy rule as the
 * extension. The whole library (papers, topics, index) is cached under the user's cache folder,
 * keyed by what was asked for and by this build of Lectern, and validated by the files' fingerprints, so a repeated command on
 * unchanged files neither imports nor indexes. A `corpus` path that does not exist, or names a file of a
 * kind Lectern does not read, exits 2 (a `CliError`) before anything is read.
 */
export async function openCliLibrary(options: CliLibraryOptions): Promise<CliLibrary> {
  await checkCorpusPaths(options.corpus, '--corpus');
  const bundled = locateBundledCorpus() ?? 'corpus';
  // Naming the bundled folder itself is asking for the sample (with its taxonomy).
  const paths = options.corpus.filter((path) => resolve(path) !== resolve(bundled));
  // The extension's `auto` rule: the sample only while no corpus file of the user's own is found.
  const sampleWhen: SampleWhen = options.sample || paths.length < options.corpus.length ? 'always' : 'auto';
  const source = await NodeCorpusSource.create(paths);
  const key = contentFingerprint(
    JSON.stringify({
      build: cliBuild(),
      cwd: process.cwd(),
      sample: [resolve(bundled), sampleWhen],
      paths,
      taxonomy: options.taxonomy ?? null,
    }),
  );
  const store = new FileCacheStore(userCacheFolder());
  const loaderOptions: LibraryOptions = {
    sampleFolder: bundled,
    sampleWhen,
    taxonomyFile: options.taxonomy,
    limits: options.limits,
    cache: options.cache ? { store, key: `library-${key}.txt`, contents: 'snapshot' } : undefined,
  };
  const loader = new LibraryLoader(source, loaderOptions);
  const loaded = await loader.load();
  if (loaded.cacheStale) {
    try {
      await loader.saveCache();
      await store.prune('library-', CACHED_LIBRARIES);
    } catch (error) {
      process.stderr.write(
        l10n.t('Lectern: could not write the cache in {0} ({1}); the next run reads the files again.\n', store.folder, String(error)),
      );
    }
  }
  return {
    library: loaded.library,
    diagnostics: [
      ...loaded.taxonomy.files.flatMap((file) => file.diagnostics),
      ...loaded.listingDiagnostics,
      ...loaded.library.corpus.diagnostics,
    ],
  };
}
