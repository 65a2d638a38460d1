import type { Diagnostic } from '../model/diagnostic';
import type { TopicTaxonomy } from '../topics/assign-topics';
import { parseTaxonomy } from '../topics/load-taxonomy';
import { CorpusFileRefusal } from './corpus-file-refusal';
import type { CorpusSource } from './corpus-source';

/** The taxonomy a library uses, and where each part came from. */
export interface ResolvedTaxonomy {
  taxonomy?: TopicTaxonomy;
  /** Every taxonomy file that exists, in the order applied, with its problems (empty when clean). */
  files: Array<{ path: string; diagnostics: Diagnostic[] }>;
}

/** Where taxonomy files are looked for; see `taxonomyFilesFor`. */
export interface TaxonomyOptions {
  /** The bundled sample folder, when the sample is part of the library: its `topics.json` comes first. */
  sampleFolder?: string;
  /** A file named explicitly (the CLI's `--taxonomy FILE`), applied last. */
  taxonomyFile?: string;
}

/**
 * The one taxonomy rule, for the CLI and the extension alike, in order:
 * 1. the bundled `corpus/topics.json`, when the bundled sample is included;
 * 2. each root's `.lectern/topics.json` (workspace folders, CLI folders), in root order;
 * 3. an explicit taxonomy file (`--taxonomy FILE`).
 * A later file's topic replaces an earlier topic of the same name; other topics are kept.
 */
export function taxonomyFilesFor(source: CorpusSource, options: TaxonomyOptions): Array<{ path: string; required: boolean }> {
  return [
    ...(options.sampleFolder ? [{ path: source.join(options.sampleFolder, 'topics.json'), required: false }] : []),
    ...source.roots.map((root) => ({ path: source.join(root, '.lectern', 'topics.json'), required: false })),
    ...(options.taxonomyFile ? [{ path: options.taxonomyFile, required: true }] : []),
  ];
}

/** Reads and merges the taxonomy files of `taxonomyFilesFor`; missing optional files are skipped, never thrown. */
export async function resolveTaxonomy(source: CorpusSource, options: TaxonomyOptions): Promise<ResolvedTaxonomy> {
  const resolved: ResolvedTaxonomy = { files: [] };
  for (const { path, required } of taxonomyFilesFor(source, options)) {
    let text: string;
    try {
      text = new TextDecoder().decode(await source.readFile(path));
    } catch (error) {
      // A pipe or an oversized file where a taxonomy is expected is worth a word even when the file is optional.
      if (error instanceof CorpusFileRefusal) resolved.files.push({ path, diagnostics: [refusedTaxonomy(path, error)] });
      else if (required) resolved.files.push({ path, diagnostics: [unreadableTaxonomy(path, error)] });
      continue;
    }
    const parsed = parseTaxonomy(path, text);
    resolved.files.push({ path, diagnostics: parsed.diagnostics });
    if (parsed.taxonomy) resolved.taxonomy = mergeTaxonomies(resolved.taxonomy, parsed.taxonomy);
  }
  return resolved;
}

/** `later`'s topics replace `earlier`'s topics of the same name; the rest of `earlier` comes first. */
export function mergeTaxonomies(earlier: TopicTaxonomy | undefined, later: TopicTaxonomy): TopicTaxonomy {
  if (!earlier) return later;
  const names = new Set(later.topics.map((topic) => topic.name));
  return { ...earlier, topics: [...earlier.topics.filter((topic) => !names.has(topic.name)), ...later.topics] };
}

function refusedTaxonomy(path: string, refusal: CorpusFileRefusal): Diagnostic {
  return { file: path, line: 1, column: 1, severity: 'error', message: refusal.message };
}

function unreadableTaxonomy(path: string, error: unknown): Diagnostic {
  return {
    file: path,
    line: 1,
    column: 1,
    severity: 'error',
    message: `Lectern: cannot read the taxonomy file ${path} (${errorCode(error)}). Check the path given to --taxonomy.`,
  };
}

/** A short reason for a failed read: the error's `code` (`ENOENT`, `FileNotFound`) or its message. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' && error.code) return error.code;
  return error instanceof Error ? error.message : String(error);
}
