import * as vscode from 'vscode';
import type { PaperLibrary } from '../../../core/library/paper-library';
import type { Paper } from '../../../core/model/paper';
import { findReferences } from '../../../core/notes/note-references';
import { bibliographiesOf, citedKeys, writingKindOf, type WritingKind } from './cited-keys';

/** The files that may cite papers: markdown, Quarto, R Markdown and LaTeX. */
export const WRITING_GLOB = '**/*.{md,markdown,qmd,Qmd,Rmd,rmd,tex,ltx}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 2_000_000;

/** One writing file of the workspace: its text as the editor has it when open, else as on disk. */
export interface WritingFile {
  uri: vscode.Uri;
  kind: WritingKind;
  text: string;
}

/**
 * The workspace's writing files, read on demand (Find All References, bibliography discovery):
 * open documents as the editor shows them, others from disk; files over 2 MB, `node_modules`
 * and `.git` left out.
 */
export class WorkspaceCitations {
  /** Every writing file of the workspace (at most 5,000). */
  async *files(): AsyncGenerator<WritingFile> {
    const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    const uris = await vscode.workspace.findFiles(WRITING_GLOB, EXCLUDE_GLOB, MAX_FILES);
    uris.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const uri of uris) {
      const document = open.get(uri.toString());
      const kind = writingKindOf(document?.languageId ?? '', uri.path);
      if (!kind) continue;
      const text = document ? document.getText() : await readText(uri);
      if (text !== undefined) yield { uri, kind, text };
    }
  }

  /**
   * Every mention of a paper: its Pandoc and LaTeX citations (by citation key or id) and, in
   * markdown, its `[[id]]` wikilinks, by file then position.
   */
  async citationsOf(paper: Paper, library: PaperLibrary): Promise<vscode.Location[]> {
    const found: vscode.Location[] = [];
    for await (const file of this.files()) {
      const ranges: Array<[number, number]> = [];
      for (const cited of citedKeys(file.kind, file.text)) {
        if (library.resolve(cited.key)?.id === paper.id) ranges.push([cited.mentionStart, cited.end]);
      }
      if (file.kind === 'pandoc' && file.text.includes('[[')) {
        for (const reference of findReferences(file.text)) {
          if (reference.kind === 'wikilink' && library.resolve(reference.id)?.id === paper.id)
            ranges.push([reference.start, reference.end]);
        }
      }
      if (ranges.length === 0) continue;
      const lines = lineStarts(file.text);
      ranges.sort((a, b) => a[0] - b[0]);
      for (const [start, end] of ranges)
        found.push(new vscode.Location(file.uri, new vscode.Range(positionIn(lines, start), positionIn(lines, end))));
    }
    return found;
  }

  /** The bibliographies each writing file names, for discovery at startup. */
  async *declarations(): AsyncGenerator<{ uri: vscode.Uri; paths: string[] }> {
    for await (const file of this.files()) {
      if (!/bibliography|addbibresource|addglobalbib|addsectionbib/.test(file.text)) continue;
      const paths = bibliographiesOf(file.kind, file.text).map((declaration) => declaration.path);
      if (paths.length > 0) yield { uri: file.uri, paths };
    }
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_FILE_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // deleted since listed, or unreadable: nothing to cite
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionIn(lines: number[], offset: number): vscode.Position {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lines[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return new vscode.Position(low, offset - lines[low]);
}
