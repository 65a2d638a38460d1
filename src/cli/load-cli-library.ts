import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/model/diagnostic';
import { readCorpusPaths, TAXONOMY_FILE_NAME } from '../core/corpus/read-corpus-paths';
import { PaperLibrary } from '../core/library/paper-library';
import { parseTaxonomy } from '../core/topics/load-taxonomy';
import type { TopicTaxonomy } from '../core/topics/assign-topics';
import { locateBundledCorpus } from './locate-bundled-corpus';

export interface CliLibrary {
  library: PaperLibrary;
  /** Import and taxonomy diagnostics, for `list` and for stderr. */
  diagnostics: Diagnostic[];
}

/**
 * Opens the corpus the CLI was pointed at (`--corpus`, repeatable) or the bundled one.
 * A `topics.json` in a corpus folder extends topic discovery, as it does in the extension.
 */
export function loadCliLibrary(corpusPaths: string[]): CliLibrary {
  const paths = corpusPaths.length > 0 ? corpusPaths : [locateBundledCorpus() ?? 'corpus'];
  const diagnostics: Diagnostic[] = [];
  let taxonomy: TopicTaxonomy | undefined;
  for (const path of paths) {
    const taxonomyPath = join(path, TAXONOMY_FILE_NAME);
    if (isDirectory(path) && existsSync(taxonomyPath)) {
      const parsed = parseTaxonomy(taxonomyPath, readFileSync(taxonomyPath, 'utf8'));
      diagnostics.push(...parsed.diagnostics);
      taxonomy ??= parsed.taxonomy;
    }
  }
  const files = readCorpusPaths(paths);
  const library = PaperLibrary.open(files, { taxonomy });
  return { library, diagnostics: [...diagnostics, ...library.corpus.diagnostics] };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
