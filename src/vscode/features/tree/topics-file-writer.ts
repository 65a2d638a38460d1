import * as vscode from 'vscode';
import type { CurationEditResult } from '../../../core/topics/edit-curation';
import { writeUnlessChanged, type WriteOutcome } from './write-unless-changed';

/** What `editTopicsFile` did: written to disk, left in an editor with unsaved changes, or refused (with why). */
type TopicsFileOutcome = WriteOutcome | { kind: 'inEditor' };

/**
 * Applies an edit planned on the topics file's current text (`plan` sees `undefined` when there is
 * no file yet). Through `workspace.fs`, because the file on disk is what the library (and the CLI)
 * read: the text is read, the edit planned, and the file read again just before writing; if it
 * changed in between (another editor, git, a hand edit) the edit is planned again on the new text, so
 * nothing anyone wrote is overwritten. An editor showing the file reloads it from disk. Only when the
 * file is open with unsaved changes does the edit go into that editor (a `WorkspaceEdit`, undoable
 * there), so those changes are not lost either; it applies once the user saves.
 */
export async function editTopicsFile(uri: vscode.Uri, plan: (text: string | undefined) => CurationEditResult): Promise<TopicsFileOutcome> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty) return editInEditor(open, plan);
  return writeUnlessChanged(
    {
      read: () => readText(uri),
      write: async (text) => {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      },
    },
    plan,
  );
}

async function editInEditor(
  document: vscode.TextDocument,
  plan: (text: string | undefined) => CurationEditResult,
): Promise<TopicsFileOutcome> {
  const result = plan(document.getText());
  if ('error' in result) return { kind: 'refused', reason: result.error };
  const { offset, length, content } = result.change;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + length)), content);
  return (await vscode.workspace.applyEdit(edit))
    ? { kind: 'inEditor' }
    : { kind: 'refused', reason: vscode.l10n.t('VS Code did not apply the edit') };
}

/** The file's text, or undefined when it does not exist. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/**
 * Undoes a write of `editTopicsFile` if the file still holds exactly what it wrote: back to `before`
 * (a file it created is deleted). Returns why not, otherwise undefined.
 */
export async function revertTopicsFile(uri: vscode.Uri, before: string | undefined, after: string): Promise<string | undefined> {
  if (before === undefined) {
    if ((await readText(uri)) !== after) return changedSince();
    await vscode.workspace.fs.delete(uri);
    return undefined;
  }
  const outcome = await editTopicsFile(uri, (text) =>
    text === after ? { text: before, change: { offset: 0, length: text.length, content: before } } : { error: changedSince() },
  );
  return outcome.kind === 'refused' ? outcome.reason : undefined;
}

const changedSince = (): string => vscode.l10n.t('has changed since; edit it by hand instead.');
