import * as l10n from '@vscode/l10n';
import type { Diagnostic } from '../model/diagnostic';
import type { TopicTaxonomy } from '../topics/assign-topics';
import { curationOf, type CuratedTaxonomy } from '../topics/curation-steps';
import { parseTaxonomy } from '../topics/load-taxonomy';
import { CorpusFileRefusal } from './corpus-file-refusal';
import type { CorpusSource } from './corpus-source';

/** The taxonomy a library uses, and where each part came from. */
export interface ResolvedTaxonomy {
  /**
   * The user's taxonomy, with the bundled one in `forSample` when the sample is included (see
   * `taxonomyFilesFor`), and the curation of the tree from the user's files (the sample's file curates nothing).
   */
  taxonomy?: CuratedTaxonomy;
  /** Every taxonomy file that exists, in the order applied, with its problems (empty when clean). */
  files: Array<{ path: string; diagnostics: Diagnostic[] }>;
}

/** Where taxonomy files are looked for; see `taxonomyFilesFor`. */
export interface TaxonomyOptions {
  /** The bundled sample folder, when the sample is part of the library: its `topics.json` names the sample's topics. */
  sampleFolder?: string;
  /** A file named explicitly (the CLI's `--taxonomy FILE`), applied last. */
  taxonomyFile?: string;
}

/** One taxonomy file and the papers it applies to: `sample` the bundled sample's, `own` the user's. */
interface TaxonomyFile {
  path: string;
  required: boolean;
  scope: 'sample' | 'own';
}

/**
 * The one taxonomy rule, for the CLI and the extension alike:
 * - the bundled `corpus/topics.json`, when the bundled sample is included, applies to the
 *   sample's papers (`Paper.sample`) only;
 * - each root's `.lectern/topics.json` (workspace folders, CLI folders), in root order, then an
 *   explicit taxonomy file (`--taxonomy FILE`), apply to the user's own papers only.
 * Within a scope, a later file's topic replaces an earlier topic of the same name; other topics are kept.
 * The user's files' `curation` steps apply to the whole tree, in file order.
 */
export function taxonomyFilesFor(source: CorpusSource, options: TaxonomyOptions): TaxonomyFile[] {
  return [
    ...(options.sampleFolder
      ? [{ path: source.join(options.sampleFolder, 'topics.json'), required: false, scope: 'sample' as const }]
      : []),
    ...source.roots.map((root) => ({ path: source.join(root, '.lectern', 'topics.json'), required: false, scope: 'own' as const })),
    ...(options.taxonomyFile ? [{ path: options.taxonomyFile, required: true, scope: 'own' as const }] : []),
  ];
}

/** Reads and merges the taxonomy files of `taxonomyFilesFor`; missing optional files are skipped, never thrown. */
export async function resolveTaxonomy(source: CorpusSource, options: TaxonomyOptions): Promise<ResolvedTaxonomy> {
  const files: ResolvedTaxonomy['files'] = [];
  const merged: Record<TaxonomyFile['scope'], CuratedTaxonomy | undefined> = { sample: undefined, own: undefined };
  for (const { path, required, scope } of taxonomyFilesFor(source, options)) {
    let text: string;
    try {
      text = new TextDecoder().decode(await source.readFile(path));
    } catch (error) {
      // A pipe or an oversized file where a taxonomy is expected is worth a word even when the file is optional.
      if (error instanceof CorpusFileRefusal) files.push({ path, diagnostics: [refusedTaxonomy(path, error)] });
      else if (required) files.push({ path, diagnostics: [unreadableTaxonomy(path, error)] });
      continue;
    }
    const parsed = parseTaxonomy(path, text);
    files.push({ path, diagnostics: parsed.diagnostics });
    if (!parsed.taxonomy) continue;
    if (scope === 'sample') delete parsed.taxonomy.curation;
    merged[scope] = mergeTaxonomies(merged[scope], parsed.taxonomy);
  }
  // With the sample included, its papers always get a taxonomy of their own (empty when the bundled file is missing).
  if (!options.sampleFolder) return { taxonomy: merged.own, files };
  return { taxonomy: { ...(merged.own ?? { topics: [] }), forSample: merged.sample ?? { topics: [] } }, files };
}

/** `later`'s topics replace `earlier`'s topics of the same name; the rest of `earlier` comes first; curation steps follow each other. */
export function mergeTaxonomies(earlier: TopicTaxonomy | undefined, later: CuratedTaxonomy): CuratedTaxonomy {
  if (!earlier) return later;
  const names = new Set(later.topics.map((topic) => topic.name));
  const curation = [...curationOf(earlier), ...curationOf(later)];
  return {
    ...earlier,
    topics: [...earlier.topics.filter((topic) => !names.has(topic.name)), ...later.topics],
    ...(curation.length > 0 ? { curation } : {}),
  };
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
    message: l10n.t('Lectern: cannot read the taxonomy file {0} ({1}). Check the path given to --taxonomy.', path, errorCode(error)),
  };
}

/** A short reason for a failed read: the error's `code` (`ENOENT`, `FileNotFound`) or its message. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' && error.code) return error.code;
  return error instanceof Error ? error.message : String(error);
}
