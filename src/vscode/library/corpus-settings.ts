/**
 * Lectern's corpus settings, resolved without `vscode` so the rule is unit-tested: the raw
 * values of `lectern.corpus`, `lectern.corpusExclude` and `lectern.includeSampleCorpus` in,
 * what the library loader and the workspace source need out. `lectern.import.*` gives the limits.
 */
import type { ImportLimits } from '../../core/import/import-limits';
import type { SampleWhen } from '../../core/library/library-loader';

/**
 * `lectern.includeSampleCorpus`: `auto` shows the bundled sample only while the workspace has no
 * corpus file of its own; `always` beside the user's files; `never` not at all.
 */
export type SampleSetting = 'auto' | 'always' | 'never';

/** Lectern's settings that decide which files form the corpus. */
export interface CorpusSettings {
  /** Globs relative to each workspace folder (`lectern.corpus`), blanks and non-strings dropped. */
  globs: string[];
  /** Globs never read (`lectern.corpusExclude`). */
  exclude: string[];
  /** When the bundled sample joins the library (`lectern.includeSampleCorpus`, default `auto`). */
  sample: SampleSetting;
  /** Globs the user set themselves (not the defaults): only these are worth a "matched nothing" warning. */
  userGlobs: string[];
}

/** The settings as VS Code hands them over: effective values, and the user's own value of `lectern.corpus` if any. */
export interface RawCorpusSettings {
  corpus: unknown;
  corpusExclude: unknown;
  includeSampleCorpus: unknown;
  /** The most specific value the user set for `lectern.corpus` (folder, workspace or user settings). */
  userCorpus?: unknown;
}

export function resolveCorpusSettings(raw: RawCorpusSettings): CorpusSettings {
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
  return {
    globs: strings(raw.corpus),
    exclude: strings(raw.corpusExclude),
    sample: sampleSetting(raw.includeSampleCorpus),
    userGlobs: strings(raw.userCorpus),
  };
}

/**
 * The import limits `lectern.import.maxFileSizeMB` and `lectern.import.maxRecordsPerFile` ask for: whole
 * numbers of at least 1; a missing or invalid value is left undefined and so takes the default.
 */
export function importLimitsFrom(raw: { maxFileSizeMB?: unknown; maxRecordsPerFile?: unknown }): ImportLimits {
  const positive = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined);
  const megabytes = positive(raw.maxFileSizeMB);
  return { maxFileBytes: megabytes && megabytes * 1024 * 1024, maxRecords: positive(raw.maxRecordsPerFile) };
}

/**
 * `lectern.includeSampleCorpus` as a `SampleSetting`: `true` and `false` (the values before `auto`
 * existed, still in users' settings) mean `always` and `never`; anything else unknown is `auto`.
 */
export function sampleSetting(value: unknown): SampleSetting {
  if (value === true || value === 'always') return 'always';
  if (value === false || value === 'never') return 'never';
  return 'auto';
}

/** The loader options the settings decide: the sample folder and when it joins, unless the sample is off. */
export function libraryOptionsFor(
  settings: Pick<CorpusSettings, 'sample'>,
  sampleFolder: string,
): { sampleFolder?: string; sampleWhen?: SampleWhen } {
  return settings.sample === 'never' ? {} : { sampleFolder, sampleWhen: settings.sample };
}

/**
 * The one `lectern.includeSampleCorpus` of a window whose workspace folders may each set their own:
 * `always` if a folder asks for it, else `auto` if one leaves it so, else `never`; without
 * folders, the window's (`windowValue`).
 */
export function windowSample(windowValue: SampleSetting, folderValues: SampleSetting[]): SampleSetting {
  if (folderValues.length === 0) return windowValue;
  if (folderValues.includes('always')) return 'always';
  return folderValues.includes('auto') ? 'auto' : 'never';
}

/** One glob for `findFiles`' exclude argument. */
export function excludePattern(exclude: string[]): string | undefined {
  if (exclude.length === 0) return undefined;
  return exclude.length === 1 ? exclude[0] : `{${exclude.join(',')}}`;
}
