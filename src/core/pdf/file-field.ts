/**
 * The `file` field of BibTeX entries as reference managers write it, read into attachments.
 * Dialects (all seen in real exports):
 * - Zotero's BibTeX export: `title:C\:\\path\\a.pdf:application/pdf`, `\:` and `\\` escaped, several joined by `;`.
 * - Better BibTeX: plain paths, `/home/me/Zotero/storage/X/a.pdf;/…/b.pdf` (`\;` inside a path).
 * - Mendeley: `:Users/me/Mendeley Desktop/a.pdf:pdf`, TeX in the path (`{\_}`, `{\'{o}}`), the leading `/` of an
 *   absolute path dropped; on Windows `:C$\backslash$:/Users/…:pdf`.
 * - JabRef: `Description:relative/or/absolute.pdf:PDF`, `\:` and `\;` escaped.
 * Pure: no file system access; {@link pdfCandidates} turns the attachments into paths to try.
 */
import { bibText } from '../import/bibtex-text';

/**
 * One file a `file` field names.
 *
 * @example `{ path: 'C:\\Users\\me\\Zotero\\storage\\AB12\\paper.pdf', description: 'paper.pdf', type: 'application/pdf' }`
 */
export interface FileAttachment {
  /** The path as the field gives it, escapes and TeX removed; relative paths stay relative. */
  path: string;
  /** The description (Zotero's title, JabRef's description); absent when empty. */
  description?: string;
  /** The file type as written (`application/pdf`, `pdf`, `PDF`, `text/html`); absent when the field has none. */
  type?: string;
  /**
   * True for Mendeley's form (`:path:type` with a relative-looking path): Mendeley drops the leading `/` of absolute
   * paths, so the path is tried both as written and with `/` in front.
   */
  mendeley?: true;
}

/** Splits `text` on an unescaped `separator`; escapes (`\x`) are kept for the next step. */
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Removes the field's own escapes (`\:`, `\;`, `\\`); other backslashes (TeX commands, Windows separators) stay. */
function unescapeField(text: string): string {
  return text.replace(/\\([:;\\])/g, '$1');
}

/** Mendeley's and others' TeX in paths: `{\_}` → `_`, `{\'{o}}` → `ó`; paths without TeX are left exactly as written. */
function decodeTex(path: string): string {
  return /\{\\|\\[_&%$#]/.test(path) ? bibText(path) : path;
}

const WINDOWS_DRIVE = /^[A-Za-z]$/;

/** One `;`-separated piece: a plain path, or `description:path:type` (the path may itself hold unescaped colons). */
function readAttachment(piece: string): FileAttachment | undefined {
  const parts = splitUnescaped(piece, ':');
  let description = '';
  let path: string;
  let type = '';
  if (parts.length === 1) path = parts[0];
  else if (parts.length === 2 && WINDOWS_DRIVE.test(parts[0]) && /^[\\/]/.test(parts[1])) path = parts.join(':');
  else if (parts.length === 2 && /^(file|https?)$/i.test(parts[0])) path = parts.join(':');
  else if (parts.length === 2) [description, path] = parts;
  else {
    description = parts[0];
    type = parts[parts.length - 1];
    path = parts.slice(1, -1).join(':');
  }
  path = decodeTex(unescapeField(path.trim()));
  if (path === '') return undefined;
  const attachment: FileAttachment = { path };
  description = decodeTex(unescapeField(description.trim()));
  if (description) attachment.description = description;
  if (type.trim()) attachment.type = unescapeField(type.trim());
  if (parts.length >= 2 && parts[0] === '' && !isAbsolutePath(path)) attachment.mendeley = true;
  return attachment;
}

/** True for `/…`, `\\server\…`, `C:\…`, `C:/…` and `file:` URLs. */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|\\\\|[A-Za-z]:[\\/]|file:)/i.test(path);
}

/**
 * The attachments a `file` field names, in order. Mendeley's `$\backslash$` (an escaped backslash) is read as `\`.
 *
 * @example
 * parseFileField('paper.pdf:C\\:\\\\Users\\\\me\\\\paper.pdf:application/pdf')
 * // → [{ path: 'C:\\Users\\me\\paper.pdf', description: 'paper.pdf', type: 'application/pdf' }]
 */
export function parseFileField(raw: string): FileAttachment[] {
  const text = raw.replace(/\{?\$\\backslash\$\}?/g, '\\').trim();
  const attachments: FileAttachment[] = [];
  for (const piece of splitUnescaped(text, ';')) {
    if (piece.trim() === '') continue;
    const attachment = readAttachment(piece);
    if (attachment) attachments.push(attachment);
  }
  return attachments;
}

/** True when the attachment is a PDF by its type, or (without a type) by its extension. */
export function isPdfAttachment(attachment: FileAttachment): boolean {
  if (attachment.type) return /^(application\/)?pdf$/i.test(attachment.type) || /\.pdf$/i.test(attachment.path);
  return /\.pdf$/i.test(attachment.path);
}
