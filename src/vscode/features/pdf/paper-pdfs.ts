import * as vscode from 'vscode';
import { basename, isAbsolute } from 'node:path';
import { pdfCandidates, type PdfCandidate } from '../../../core/pdf/pdf-candidates';
import { pdfProblem } from '../../../core/pdf/pdf-problem';
import type { Paper } from '../../../core/model/paper';

const LINKS_KEY = 'lectern.pdf.links';
const DEFAULT_FOLDERS = ['papers/pdf'];

/** A paper's PDF, read: its bytes, or why it cannot be shown (a message naming the paper and the file). */
export type LoadedPdf = { kind: 'pdf'; path: string; fileName: string; data: Uint8Array } | { kind: 'problem'; message: string };

/**
 * Finds and reads papers' PDFs: the candidates of `pdfCandidates` checked on disk in order, PDFs linked with
 * Lectern: Attach PDF… (kept in the workspace state), and the bytes of the one found. Files outside the workspace
 * are read, never written.
 */
export class PaperPdfs implements vscode.Disposable {
  private readonly attachedEmitter = new vscode.EventEmitter<string>();
  /** Fires with a paper's id when Attach PDF… or Get PDF gave it a PDF (the full-text index reads it). */
  readonly onDidAttach = this.attachedEmitter.event;

  constructor(private readonly workspaceState: vscode.Memento) {}

  /** Says that the paper now has a PDF (copied, linked or downloaded). */
  attached(paperId: string): void {
    this.attachedEmitter.fire(paperId);
  }

  dispose(): void {
    this.attachedEmitter.dispose();
  }

  /** The workspace folder a paper belongs to: its corpus file's, else the first. */
  workspaceFolder(paper: Paper): vscode.WorkspaceFolder | undefined {
    const file = paper.source.file;
    return (
      (isAbsolute(file) ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) : undefined) ?? vscode.workspace.workspaceFolders?.[0]
    );
  }

  /** The PDF folders of `lectern.pdf.folders` for the paper's workspace folder, as absolute paths. */
  folders(paper: Paper): string[] {
    return this.foldersOf(this.workspaceFolder(paper));
  }

  /** The PDF folders of `lectern.pdf.folders` for a workspace folder (none: only the absolute ones), as absolute paths. */
  foldersOf(folder: vscode.WorkspaceFolder | undefined): string[] {
    const configured = vscode.workspace.getConfiguration('lectern', folder?.uri).get<string[]>('pdf.folders', DEFAULT_FOLDERS);
    const names = Array.isArray(configured) ? configured.filter((name) => typeof name === 'string' && name.trim() !== '') : DEFAULT_FOLDERS;
    return names.flatMap((name) =>
      isAbsolute(name) ? [name] : folder ? [vscode.Uri.joinPath(folder.uri, ...name.split(/[\\/]+/)).fsPath] : [],
    );
  }

  /** Every place the paper's PDF may be, most specific first. */
  candidates(paper: Paper): PdfCandidate[] {
    return pdfCandidates(paper, {
      folders: this.folders(paper),
      workspaceFolder: this.workspaceFolder(paper)?.uri.fsPath,
      linked: this.links()[paper.id],
    });
  }

  /**
   * `candidates` for many papers at once (the full-text index's refresh of a whole library): the settings and the
   * links are read once per workspace folder, where `candidates` reads them for each paper.
   */
  candidateLister(): (paper: Paper) => PdfCandidate[] {
    const links = this.links();
    const foldersByRoot = new Map<string, string[]>();
    return (paper) => {
      const root = this.workspaceFolder(paper);
      const key = root?.uri.toString() ?? '';
      let folders = foldersByRoot.get(key);
      if (!folders) foldersByRoot.set(key, (folders = this.foldersOf(root)));
      return pdfCandidates(paper, { folders, workspaceFolder: root?.uri.fsPath, linked: links[paper.id] });
    };
  }

  /** The first candidate that is a file, if any. */
  async find(paper: Paper): Promise<PdfCandidate | undefined> {
    for (const candidate of this.candidates(paper)) {
      try {
        const stat = await vscode.workspace.fs.stat(vscode.Uri.file(candidate.path));
        if (stat.type & vscode.FileType.File) return candidate;
      } catch {
        // Not there: try the next.
      }
    }
    return undefined;
  }

  /** Reads the paper's PDF, or says why it cannot be shown. */
  async load(paper: Paper, maxBytes: number): Promise<LoadedPdf> {
    const found = await this.find(paper);
    if (!found) return { kind: 'problem', message: missingMessage(paper, this.candidates(paper)) };
    const uri = vscode.Uri.file(found.path);
    const fileName = basename(found.path);
    try {
      const { size } = await vscode.workspace.fs.stat(uri);
      const early = pdfProblem({ size, maxBytes });
      if (early) return { kind: 'problem', message: unusableMessage(paper, found.path, early) };
      const data = await vscode.workspace.fs.readFile(uri);
      const problem = pdfProblem({ size: data.byteLength, maxBytes, head: data.subarray(0, 1024) });
      if (problem) return { kind: 'problem', message: unusableMessage(paper, found.path, problem) };
      return { kind: 'pdf', path: found.path, fileName, data: plainBytes(data) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        kind: 'problem',
        message: vscode.l10n.t(
          'Lectern: the PDF of “{0}” ({1}) could not be read ({2}). Check that the file is readable, or attach another copy with Lectern: Attach PDF….',
          paper.title,
          found.path,
          reason,
        ),
      };
    }
  }

  /** Links a PDF (absolute path) to a paper, wherever it is; `undefined` removes the link. */
  async link(paperId: string, path: string | undefined): Promise<void> {
    const links = { ...this.links() };
    if (path) links[paperId] = path;
    else delete links[paperId];
    await this.workspaceState.update(LINKS_KEY, links);
  }

  private links(): Record<string, string> {
    const stored = this.workspaceState.get<unknown>(LINKS_KEY);
    if (typeof stored !== 'object' || stored === null) return {};
    return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
}

/** `pdfProblem`'s words (core, translated there) after the paper and the file they are about. */
const unusableMessage = (paper: Paper, path: string, problem: string): string =>
  vscode.l10n.t('Lectern: the PDF of “{0}” ({1}) {2}', paper.title, path, problem);

function missingMessage(paper: Paper, tried: PdfCandidate[]): string {
  const fromField = tried.filter((candidate) => candidate.origin !== 'folder');
  const fileName = basename(tried.find((c) => c.origin === 'folder')?.path ?? `${paper.id}.pdf`);
  if (fromField.length > 0) {
    const named = fromField.slice(0, 3).map((candidate) => candidate.path);
    return vscode.l10n.t(
      'Lectern: no PDF found for “{0}”: its record names {1}, which is not there (moved or deleted?). Run Lectern: Attach PDF… to add one, or put it in a folder of lectern.pdf.folders as {2}.',
      paper.title,
      `${named.join(', ')}${fromField.length > 3 ? ' …' : ''}`,
      fileName,
    );
  }
  const folders = [...new Set(tried.filter((c) => c.origin === 'folder').map((c) => c.path.replace(/[\\/][^\\/]+$/, '')))];
  return vscode.l10n.t(
    'Lectern: no PDF found for “{0}”: no PDF named after it is in {1}. Run Lectern: Attach PDF… to add one, or put it in a folder of lectern.pdf.folders as {2}.',
    paper.title,
    folders.join(', ') || vscode.l10n.t('the PDF folders'),
    fileName,
  );
}

/**
 * The bytes as a plain `Uint8Array`: a Node `Buffer` (what `readFile` gives in a Node extension host) has `toJSON`,
 * so webview messages would carry it as `{ type: 'Buffer', data: [...] }` instead of transferring its bytes.
 */
function plainBytes(data: Uint8Array): Uint8Array {
  if (Object.getPrototypeOf(data) === Uint8Array.prototype) return data;
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy;
}
