/**
 * How a note names its paper. Lectern's own notes say `paper: <id>`; notes written before or beside
 * Lectern say it their own way: Obsidian's Zotero Integration and Foam write `@citekey.md` files
 * with `citekey:` (or `citation-key:`) front matter, Zotero Better Notes exports carry `doi:`.
 * Each is read as written and resolved against the library; Lectern never rewrites it.
 */
import * as l10n from '@vscode/l10n';
import type { NoteFrontMatter } from './note-front-matter';

/** The ways a note can name its paper, strongest first (see {@link NOTE_CLAIM_ORDER}). */
export type NoteClaimKind = 'paper' | 'citekey' | 'doi' | 'file-name';

/**
 * Precedence when one note says several things, and between notes claiming the same paper: a
 * `paper:` id (Lectern's own key) beats `citekey:`/`citation-key:`, which beats `doi:`, which beats
 * the file name (`@citekey.md`, `citekey.md` or `<id>.md`).
 */
export const NOTE_CLAIM_ORDER: readonly NoteClaimKind[] = ['paper', 'citekey', 'doi', 'file-name'];

/** What a note says about its paper, as written (trimmed), before resolving. */
export interface NoteClaims {
  /** `paper:` — a paper id. */
  paper?: string;
  /** `citekey:`, `citation-key:` (any case, `_` or no separator too), without a leading `@`. */
  citeKey?: string;
  /** `doi:` (any case), lowercased, without a resolver prefix (`https://doi.org/`, `doi:`). */
  doi?: string;
  /** The file name without `.md` and without a leading `@` (`@smith2020.md` → `smith2020`). */
  fileName?: string;
}

/** Turns claims into paper ids; the library provides it (`PaperLibrary.resolve`, a DOI index). */
export interface NotePaperResolver {
  /** The id of the paper an id or citekey names. */
  resolve(idOrCiteKey: string): string | undefined;
  /** The id of the paper with this DOI (lowercase, no resolver prefix). */
  byDoi(doi: string): string | undefined;
}

/** The paper a note belongs to and which of its claims decided it. */
export interface ResolvedClaim {
  paper: string;
  kind: NoteClaimKind;
}

const CITEKEY_KEYS = new Set(['citekey', 'citation-key', 'citationkey', 'citation_key', 'cite-key', 'cite_key']);

/**
 * The claims of a note at `path` with this front matter.
 *
 * @example
 * ```ts
 * noteClaims('/ws/papers/notes/@smith2020.md', { citekey: '@smith2020', tags: [] });
 * // → { citeKey: 'smith2020', fileName: 'smith2020' }
 * ```
 */
export function noteClaims(path: string, frontMatter: NoteFrontMatter): NoteClaims {
  const claims: NoteClaims = {};
  if (frontMatter.paper) claims.paper = frontMatter.paper;
  for (const [key, value] of Object.entries(frontMatter)) {
    const name = key.toLowerCase();
    const text = scalarText(value);
    if (!text) continue;
    if (CITEKEY_KEYS.has(name) && claims.citeKey === undefined) claims.citeKey = text.replace(/^\[\[|\]\]$/g, '').replace(/^@/, '');
    else if (name === 'doi' && claims.doi === undefined) claims.doi = normalizeDoi(text);
  }
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const stem = base.replace(/\.md$/i, '').replace(/^@/, '');
  if (stem) claims.fileName = stem;
  return claims;
}

/**
 * The paper the claims name, trying them in {@link NOTE_CLAIM_ORDER}; without a resolver (no
 * library yet) only `paper:` counts, as written. A `paper:` that names no paper still makes the
 * note that paper's (an orphan the Notes view shows), when nothing else resolves.
 */
export function resolveClaims(claims: NoteClaims, resolver: NotePaperResolver | undefined): ResolvedClaim | undefined {
  if (!resolver) return claims.paper !== undefined ? { paper: claims.paper, kind: 'paper' } : undefined;
  const tries: Array<[NoteClaimKind, string | undefined]> = [
    ['paper', claims.paper && resolver.resolve(claims.paper)],
    ['citekey', claims.citeKey && resolver.resolve(claims.citeKey)],
    ['doi', claims.doi && resolver.byDoi(claims.doi)],
    ['file-name', claims.fileName && resolver.resolve(claims.fileName)],
  ];
  for (const [kind, paper] of tries) if (paper) return { paper, kind };
  return claims.paper !== undefined ? { paper: claims.paper, kind: 'paper' } : undefined;
}

/** How a claim reads in a message: `` `citekey: smith2020` ``, `its file name`. */
export function describeClaim(claims: NoteClaims, kind: NoteClaimKind): string {
  switch (kind) {
    case 'paper':
      return `\`paper: ${claims.paper}\``;
    case 'citekey':
      return `\`citekey: ${claims.citeKey}\``;
    case 'doi':
      return `\`doi: ${claims.doi}\``;
    case 'file-name':
      return l10n.t('its file name');
  }
}

/** The front matter line (1-based) of the key behind a claim; 1 for a file name or when not found. */
export function claimLine(text: string, bodyOffset: number, kind: NoteClaimKind): number {
  if (kind === 'file-name') return 1;
  const keys = kind === 'paper' ? 'paper' : kind === 'doi' ? 'doi' : 'cite[-_]?key|citation[-_]?key';
  const pattern = new RegExp(`^[ \\t]*["']?(?:${keys})["']?[ \\t]*:`, 'i');
  const lines = text.slice(0, bodyOffset).split(/\r\n|\r|\n/);
  const index = lines.findIndex((line) => pattern.test(line));
  return index === -1 ? 1 : index + 1;
}

/** `https://doi.org/10.1000/ABC` → `10.1000/abc`. */
export function normalizeDoi(text: string): string {
  return text
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '')
    .toLowerCase();
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}
