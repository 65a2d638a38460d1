import * as vscode from 'vscode';
import { uriExists } from '../../adapters/uri-exists';
import type { Paper } from '../../../core/model/paper';
import { ARXIV_BASE_URL, arxivPdfUrl } from '../../../core/pdf/arxiv-pdf-url';
import { pdfFileName } from '../../../core/pdf/pdf-candidates';
import { pdfProblem } from '../../../core/pdf/pdf-problem';
import type { PaperPdfs } from './paper-pdfs';

/** How the download ended: the file written, cancelled, or a message naming the paper and the address. */
export type ArxivDownload = { kind: 'saved'; uri: vscode.Uri } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

const TIMEOUT_MS = 120_000;

/**
 * Get PDF: downloads `<lectern.pdf.arxivBaseUrl>/pdf/<arXiv id>` into the first PDF folder in the workspace as
 * `<paper id>.pdf`, with progress and Cancel. Only a PDF is kept (checked like any other, see `pdfProblem`); an
 * existing file is not replaced. Nothing is written outside the workspace.
 */
export async function getArxivPdf(paper: Paper, pdfs: PaperPdfs): Promise<ArxivDownload> {
  const configuration = vscode.workspace.getConfiguration('lectern', pdfs.workspaceFolder(paper)?.uri);
  const base = configuration.get<string>('pdf.arxivBaseUrl', ARXIV_BASE_URL);
  const fail = (message: string): ArxivDownload => ({ kind: 'failed', message });
  if (!paper.arxivId)
    return fail(
      vscode.l10n.t(
        'Lectern: the PDF of “{0}” was not downloaded: it has no arXiv id. Attach a PDF with Lectern: Attach PDF… instead.',
        paper.title,
      ),
    );
  const url = arxivPdfUrl(base, paper.arxivId);
  if (!url)
    return fail(
      vscode.l10n.t(
        'Lectern: the PDF of “{0}” was not downloaded: lectern.pdf.arxivBaseUrl ("{1}") is not an http(s) address, or "{2}" is not an arXiv id.',
        paper.title,
        base,
        paper.arxivId,
      ),
    );
  const folder = pdfs.folders(paper).find((path) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path)));
  if (!folder)
    return fail(
      vscode.l10n.t(
        'Lectern: the PDF of “{0}” was not downloaded: no folder of lectern.pdf.folders is inside the workspace. Add one (for example papers/pdf).',
        paper.title,
      ),
    );
  const target = vscode.Uri.joinPath(vscode.Uri.file(folder), pdfFileName(paper.id));
  const maxBytes = Math.max(1, configuration.get<number>('pdf.maxFileSizeMB', 200)) * 1_048_576;
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Lectern: downloading the PDF of “{0}”', paper.title),
      cancellable: true,
    },
    async (progress, token) => {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      try {
        const bytes = await download(url, AbortSignal.any([controller.signal, AbortSignal.timeout(TIMEOUT_MS)]), maxBytes, (share) =>
          progress.report({ increment: share }),
        );
        const problem = pdfProblem({ size: bytes.byteLength, maxBytes, head: bytes.subarray(0, 1024) });
        if (problem)
          return fail(vscode.l10n.t('Lectern: the PDF of “{0}” was not downloaded: what {1} sent {2}', paper.title, url, problem));
        if (await uriExists(target))
          return fail(
            vscode.l10n.t(
              'Lectern: the PDF of “{0}” was not downloaded: {1} already exists; delete it first to download again.',
              paper.title,
              vscode.workspace.asRelativePath(target),
            ),
          );
        await vscode.workspace.fs.createDirectory(vscode.Uri.file(folder));
        await vscode.workspace.fs.writeFile(target, bytes);
        return { kind: 'saved', uri: target };
      } catch (error) {
        if (token.isCancellationRequested) return { kind: 'cancelled' };
        return fail(
          vscode.l10n.t(
            'Lectern: the PDF of “{0}” was not downloaded: {1} could not be fetched ({2}). Check the internet connection (or lectern.pdf.arxivBaseUrl) and try again.',
            paper.title,
            url,
            reasonOf(error),
          ),
        );
      } finally {
        cancelled.dispose();
      }
    },
  );
}

/** The response body, refused when it is not a success or grows past `maxBytes`; reports each chunk's share (0–100). */
async function download(url: string, signal: AbortSignal, maxBytes: number, report: (share: number) => void): Promise<Uint8Array> {
  const response = await fetch(url, { signal, redirect: 'follow', headers: { Accept: 'application/pdf' } });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const total = Number(response.headers.get('content-length')) || 0;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw new Error(vscode.l10n.t('larger than lectern.pdf.maxFileSizeMB'));
    }
    chunks.push(value);
    if (total > 0) report((value.byteLength / total) * 100);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    if (error.name === 'TimeoutError') return vscode.l10n.t('no answer in time');
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
