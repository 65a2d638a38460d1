import type { PaperLibrary } from '../../../core/library/paper-library';

/**
 * The paper id a command argument names: a paper id, or a citekey (`Smith2020`, a generated
 * `vaswani2017AttentionAllYou`), which `PaperLibrary.resolve` turns into its paper's id. Undefined
 * stays undefined; an argument naming no paper is returned as given, so the command can say so.
 * Loads the library only when it is not loaded yet (and only for an argument that is not an id).
 */
export async function canonicalPaperId(
  library: { current: PaperLibrary | undefined; ensureLoaded(): Promise<PaperLibrary> },
  idOrCiteKey: string | undefined,
): Promise<string | undefined> {
  if (idOrCiteKey === undefined) return undefined;
  const loaded = library.current ?? (await library.ensureLoaded().catch(() => undefined));
  return loaded?.resolve(idOrCiteKey)?.id ?? idOrCiteKey;
}
