import { CORPUS_FILE_EXTENSIONS } from '../import/import-corpus-file';
import type { CorpusFileChange, CorpusListing, CorpusSource } from './corpus-source';
import { fileTooLarge, maxBytesOf, type CorpusReadOptions } from './corpus-file-refusal';

/**
 * A `CorpusSource` over files held in memory, for fast tests of everything above the file
 * system. Paths use `/`. `listFiles` answers every file under a root whose extension is a corpus
 * format, except `topics.json` and anything in a `.lectern` folder (the extension's default
 * globs behave the same). `write` and `remove` change a file and tell the watchers.
 *
 * Example: `new MemoryCorpusSource({ '/w/refs.bib': '@article{…}' }, ['/w'])`.
 */
export class MemoryCorpusSource implements CorpusSource {
  private readonly files = new Map<string, Uint8Array>();
  private readonly listeners = new Set<(change: CorpusFileChange) => void>();

  constructor(
    files: Record<string, string | Uint8Array>,
    readonly roots: readonly string[] = ['/'],
  ) {
    for (const [path, content] of Object.entries(files)) this.files.set(path, toBytes(content));
  }

  listFiles(): Promise<CorpusListing> {
    const paths = [...this.files.keys()].filter(
      (path) =>
        this.roots.some((root) => path.startsWith(root.endsWith('/') ? root : `${root}/`)) &&
        !path.includes('/.lectern/') &&
        !path.endsWith('/topics.json') &&
        CORPUS_FILE_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext)),
    );
    return Promise.resolve({ paths, diagnostics: [] });
  }

  listFolder(folder: string): Promise<string[]> {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    const names = [...this.files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'));
    if (names.length === 0) return Promise.reject(Object.assign(new Error(`no folder ${folder}`), { code: 'ENOENT' }));
    return Promise.resolve(names.map((p) => p.slice(prefix.length)));
  }

  readFile(path: string, options?: CorpusReadOptions): Promise<Uint8Array> {
    const bytes = this.files.get(path);
    if (!bytes) return Promise.reject(Object.assign(new Error(`no file ${path}`), { code: 'ENOENT' }));
    const maxBytes = maxBytesOf(options);
    return bytes.length > maxBytes ? Promise.reject(fileTooLarge(path, bytes.length, maxBytes)) : Promise.resolve(bytes);
  }

  join(folder: string, ...segments: string[]): string {
    return [folder.replace(/\/+$/, ''), ...segments].join('/');
  }

  watch(listener: (change: CorpusFileChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Creates or replaces a file and tells the watchers. */
  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, toBytes(content));
    for (const listener of this.listeners) listener({ path, kind: 'changed' });
  }

  /** Deletes a file and tells the watchers. */
  remove(path: string): void {
    this.files.delete(path);
    for (const listener of this.listeners) listener({ path, kind: 'deleted' });
  }
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}
