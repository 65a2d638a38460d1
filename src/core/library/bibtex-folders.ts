import { isBibtexPath, joinBibtexDefinitions, NO_BIBTEX_DEFINITIONS, readBibtexDefinitions } from '../import/bibtex-definitions';
import type { BibtexDefinitions } from '../import/import-limits';

/** The folder part of a path (either separator: the extension's paths may be Windows ones). */
function folderOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * The `@string` and `@preamble` definitions of a library's BibTeX files, each read with those of the other BibTeX
 * files of its folder (see `readBibtexDefinitions`): IRIDIA's `articles.bib` takes its journals and authors from
 * `journals.bib` and `authors.bib`, as LaTeX's `\bibliography{abbrev,journals,authors,articles}` reads them.
 */
export class BibtexFolders {
  private readonly byPath = new Map<string, { definitions: BibtexDefinitions; key: string }>();

  /**
   * Reads what each BibTeX file that shares a folder defines, before any of them is imported, forgetting the files of an
   * earlier load: from `bytes` when it holds the file, else by `read` (the bytes then kept in `bytes` for the import).
   */
  async readAll(
    paths: readonly string[],
    bytes: Map<string, Uint8Array>,
    read: (path: string) => Promise<Uint8Array | undefined>,
  ): Promise<void> {
    this.byPath.clear();
    for (const path of BibtexFolders.sharing(paths)) {
      const known = bytes.get(path) ?? (await read(path));
      if (known) bytes.set(path, known);
      this.note(path, known);
    }
  }

  /** The BibTeX files among `paths` whose folder holds another one: their definitions are read before any is imported. */
  static sharing(paths: readonly string[]): string[] {
    const perFolder = new Map<string, number>();
    for (const path of paths) if (isBibtexPath(path)) perFolder.set(folderOf(path), (perFolder.get(folderOf(path)) ?? 0) + 1);
    return paths.filter((path) => isBibtexPath(path) && (perFolder.get(folderOf(path)) ?? 0) > 1);
  }

  /**
   * Records what a BibTeX file defines now (`bytes`; undefined when it is gone or unreadable); true when that differs
   * from what was recorded, so the other files of its folder read differently.
   */
  note(path: string, bytes: Uint8Array | undefined): boolean {
    const definitions = bytes ? readBibtexDefinitions(path, bytes) : NO_BIBTEX_DEFINITIONS;
    const key = JSON.stringify([
      definitions.strings.map(({ name, parts }) => [name, parts.map((part) => [part.kind, part.text])]),
      definitions.preambles.map((parts) => parts.map((part) => [part.kind, part.text])),
    ]);
    const before = this.byPath.get(path)?.key ?? '[[],[]]';
    this.byPath.set(path, { definitions, key });
    return key !== before;
  }

  /**
   * Before a changed file is imported: whether it is a BibTeX file beside others among `paths` (the library's), whose
   * definitions are then read by `read` if they were not (a folder that held one BibTeX file when it was loaded).
   */
  async beforeChange(path: string, paths: readonly string[], read: (path: string) => Promise<Uint8Array | undefined>): Promise<boolean> {
    if (!isBibtexPath(path)) return false;
    const siblings = paths.filter((other) => other !== path && isBibtexPath(other) && folderOf(other) === folderOf(path));
    for (const sibling of siblings) if (!this.byPath.has(sibling)) this.note(sibling, await read(sibling));
    return siblings.length > 0;
  }

  /** The definitions of the other recorded BibTeX files of `path`'s folder, in path order; undefined when they define nothing. */
  forImporting(path: string): BibtexDefinitions | undefined {
    if (!isBibtexPath(path)) return undefined;
    const folder = folderOf(path);
    const others = [...this.byPath]
      .filter(([other]) => other !== path && folderOf(other) === folder)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, { definitions }]) => definitions);
    const joined = joinBibtexDefinitions(others);
    return joined.strings.length > 0 || joined.preambles.length > 0 ? joined : undefined;
  }
}
