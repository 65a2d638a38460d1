import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { textPdf } from '../../support/pdf-fixtures';
import { eventually, fileExists, lectern, workspaceFolder, writeText } from './lectern-api';

/** Two arXiv papers of a corpus file the suite writes (Lectern JSON Lines). */
const FIRST = { citeKey: 'arxivsuite2024first', title: 'Downloading Papers From a Local Mirror', arxivId: '2401.00001' };
const SECOND = { citeKey: 'arxivsuite2024second', title: 'Papers That Never Arrive', arxivId: '2401.00002' };
const MIND = 'mindbridge-a-cross-subject-brain-decoding-framework';

/** A paper of the suite's corpus file, once the library has read it. */
async function arxivPaper(citeKey: string) {
  const { library } = await lectern();
  return eventually(`${citeKey} in the library`, async () => (await library.ensureLoaded()).resolve(citeKey), 30_000);
}

describe('PDFs: Get PDF from arXiv against a local server, and finding a paper’s PDF', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];
  /** What the server answers for a path: a PDF, a web page, or nothing. */
  let answer: 'pdf' | 'html' = 'pdf';

  before(async () => {
    const pdf = await textPdf(3);
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      if (!request.url?.startsWith('/pdf/')) return void response.writeHead(404).end();
      if (answer === 'html') return void response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Access denied</html>');
      response.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': pdf.byteLength }).end(Buffer.from(pdf));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const corpus = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'arxiv-suite.jsonl');
    await writeText(corpus, [FIRST, SECOND].map((paper) => JSON.stringify({ ...paper, abstract: 'An arXiv paper.' })).join('\n') + '\n');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('lectern').update('pdf.arxivBaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    await new Promise((done) => server.close(done));
  });

  const setBase = (url: string) =>
    vscode.workspace.getConfiguration('lectern').update('pdf.arxivBaseUrl', url, vscode.ConfigurationTarget.Workspace);

  it('downloads <base>/pdf/<arXiv id> into papers/pdf/<id>.pdf, where the reader then finds it', async () => {
    const { services } = await lectern();
    const paper = await arxivPaper(FIRST.citeKey);
    assert.equal(paper.arxivId, FIRST.arxivId);
    assert.equal(await services.pdfs.find(paper), undefined, 'no PDF before');
    await setBase(base);
    requests.length = 0;
    assert.equal(await vscode.commands.executeCommand('lectern.getPdf', paper.id), 'saved');
    assert.deepEqual(requests, [`/pdf/${paper.arxivId}`]);
    const target = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'pdf', `${paper.id}.pdf`);
    const bytes = await vscode.workspace.fs.readFile(target);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 5)), '%PDF-');
    assert.deepEqual(await services.pdfs.find(paper), { path: target.fsPath, origin: 'folder' });
    const loaded = await services.pdfs.load(paper, 10_000_000);
    assert.equal(loaded.kind, 'pdf');
    // A plain Uint8Array (not a Node Buffer), so the webview message carries bytes, not JSON.
    assert.equal(loaded.kind === 'pdf' && Object.getPrototypeOf(loaded.data), Uint8Array.prototype);
    // A second download does not replace the file.
    assert.equal(await vscode.commands.executeCommand('lectern.getPdf', paper.id), 'failed');
  });

  it('offline, or a server that sends a web page, fails with nothing written', async () => {
    const paper = await arxivPaper(SECOND.citeKey);
    const target = vscode.Uri.joinPath(workspaceFolder(), 'papers', 'pdf', `${paper.id}.pdf`);
    await setBase('http://127.0.0.1:9');
    assert.equal(await vscode.commands.executeCommand('lectern.getPdf', paper.id), 'failed');
    assert.equal(await fileExists(target), false);
    await setBase(base);
    answer = 'html';
    try {
      assert.equal(await vscode.commands.executeCommand('lectern.getPdf', paper.id), 'failed');
    } finally {
      answer = 'pdf';
    }
    assert.equal(await fileExists(target), false);
  });

  it('a paper without a PDF: the message names the paper and where Lectern looked', async () => {
    const { library, services } = await lectern();
    const paper = (await library.ensureLoaded()).resolve(MIND);
    assert.ok(paper);
    const loaded = await services.pdfs.load(paper, 10_000_000);
    assert.equal(loaded.kind, 'problem');
    assert.match(
      loaded.kind === 'problem' ? loaded.message : '',
      /^Lectern: no PDF found for “MindBridge[^”]*”: no PDF named after it is in .*papers\/pdf/,
    );
  });
});
