/**
 * Which bibliography files a document names: `bibliography:` in the YAML front matter of a
 * markdown, Quarto or R Markdown document (one path or a list), `\bibliography{a,b}` (`.bib`
 * added when missing, as BibTeX does) and `\addbibresource[…]{refs.bib}` / `\addglobalbib{…}` in
 * LaTeX. Paths stay as written; {@link resolveBibliographyPath} makes them absolute.
 */
import { isScalar, isSeq, type Node } from 'yaml';
import { locateFrontMatter, withLineFeeds } from '../notes/front-matter-block';
import { parseYaml } from '../notes/front-matter-yaml';
import { withoutComments } from './latex-citations';

/** One bibliography file a document names. */
export interface BibliographyDeclaration {
  /** The path as written (`refs.bib`, `../shared/library.bib`); `.bib` added to a bare `\bibliography{name}`. */
  path: string;
  /** Offset of the path's text in the document (of the whole scalar, quotes included). */
  start: number;
  /** Offset just after it. */
  end: number;
}

/**
 * The `bibliography:` of a markdown document's front matter. A front matter that does not parse names none.
 *
 * @example
 * ```ts
 * markdownBibliographies('---\nbibliography: [a.bib, b.json]\n---\n').map((d) => d.path); // → ['a.bib', 'b.json']
 * ```
 */
export function markdownBibliographies(text: string): BibliographyDeclaration[] {
  const block = locateFrontMatter(text);
  if (block.kind !== 'closed') return [];
  const source = withLineFeeds(text).slice(block.contentStart, block.contentEnd);
  if (!/^bibliography\s*:/m.test(source)) return [];
  const doc = parseYaml(source);
  if (doc.errors.length > 0) return [];
  const value = doc.get('bibliography', true) as Node | undefined;
  const nodes = isSeq(value) ? (value.items as Node[]) : value ? [value] : [];
  const found: BibliographyDeclaration[] = [];
  for (const node of nodes) {
    if (!isScalar(node) || node.range === undefined || node.range === null) continue;
    const path = typeof node.value === 'string' ? node.value.trim() : '';
    if (path) found.push({ path, start: block.contentStart + node.range[0], end: block.contentStart + node.range[1] });
  }
  return found;
}

const LATEX_BIBLIOGRAPHY = /\\(bibliography|addbibresource|addglobalbib|addsectionbib)\s*(?:\[[^\]]*\]\s*)?\{([^{}]*)\}/g;

/**
 * The `\bibliography{…}` and `\addbibresource{…}` files of a LaTeX document, comments skipped.
 *
 * @example
 * ```ts
 * latexBibliographies('\\bibliography{refs,more}').map((d) => d.path); // → ['refs.bib', 'more.bib']
 * ```
 */
export function latexBibliographies(text: string): BibliographyDeclaration[] {
  const clean = withoutComments(text);
  const found: BibliographyDeclaration[] = [];
  LATEX_BIBLIOGRAPHY.lastIndex = 0;
  for (let match = LATEX_BIBLIOGRAPHY.exec(clean); match; match = LATEX_BIBLIOGRAPHY.exec(clean)) {
    const argumentStart = match.index + match[0].length - 1 - match[2].length;
    const names = match[1] === 'bibliography' ? /[^,]+/g : /.+/g;
    for (let name = names.exec(match[2]); name; name = names.exec(match[2])) {
      const raw = name[0];
      const path = raw.trim();
      if (!path) continue;
      const start = argumentStart + name.index + raw.indexOf(path);
      const withExtension = match[1] === 'bibliography' && !/\.bib$/i.test(path) ? `${path}.bib` : path;
      found.push({ path: withExtension, start, end: start + path.length });
    }
  }
  return found;
}

/**
 * A declared path made absolute: relative to the document's folder, `~/` to the home folder.
 * Separators follow the `/` of `documentFolder` (the extension hands it `Uri.fsPath`).
 *
 * @example
 * ```ts
 * resolveBibliographyPath('/w/paper', '../refs.bib', '/home/me'); // → '/w/refs.bib'
 * ```
 */
export function resolveBibliographyPath(documentFolder: string, path: string, home?: string): string {
  if (path.startsWith('~/') && home) return joinPath(home, path.slice(2));
  if (/^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(path)) return normalize(path);
  return joinPath(documentFolder, path);
}

function joinPath(folder: string, relative: string): string {
  return normalize(`${folder.replace(/[\\/]+$/, '')}/${relative}`);
}

/** Drops `.` segments and resolves `..`, keeping a leading `/`, drive or UNC prefix. */
function normalize(path: string): string {
  const windows = /^[A-Za-z]:[\\/]|^\\\\/.test(path);
  const separator = windows ? '\\' : '/';
  const prefix = /^(?:[A-Za-z]:[\\/]|\\\\|\/)/.exec(path)?.[0] ?? '';
  const parts: string[] = [];
  for (const part of path.slice(prefix.length).split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !prefix) parts.push(part);
  }
  return (windows ? prefix.replace('/', '\\') : prefix) + parts.join(separator);
}
