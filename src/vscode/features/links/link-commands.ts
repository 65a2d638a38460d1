import * as vscode from 'vscode';
import { settingsFor } from '../../lectern-settings';
import { citationInsertion, MARKDOWN_CITATION_STYLES, type MarkdownCitationStyle } from '../../../core/cite/citation-insertion';
import type { LibraryService } from '../../library/library-service';
import { canonicalPaperId } from '../shared/canonical-paper-id';
import { paperIdFrom } from '../shared/paper-id-from';
import { paperInActiveEditor } from '../shared/paper-in-active-editor';
import type { PaperPicker } from '../shared/paper-picker';
import { libraryFor } from './paper-link-providers';
import type { PaperMention, WorkspaceMentions } from './workspace-mentions';

/** What the link commands use. */
export interface LinkCommandDeps {
  library: Pick<LibraryService, 'current' | 'ensureLoaded'>;
  picker: PaperPicker;
  activePaperId: () => string | undefined;
}

/**
 * Lectern: Show Backlinks: the markdown files mentioning a paper (its own notes left out), in a
 * QuickPick; the chosen one opens at the mention. Resolves with the mention opened, if any.
 */
export async function showBacklinks(deps: LinkCommandDeps, mentions: WorkspaceMentions, arg?: unknown): Promise<PaperMention | undefined> {
  const id = await canonicalPaperId(
    deps.library,
    paperIdFrom(arg) ??
      paperInActiveEditor({ atCursor: true }) ??
      deps.activePaperId() ??
      (await deps.picker.pick({ title: vscode.l10n.t('Lectern: Show Backlinks') })),
  );
  if (!id) return undefined;
  const paper = (await libraryFor(deps.library))?.paper(id);
  const name = paper ? `"${paper.title}"` : `"${id}"`;
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Lectern: finding backlinks') },
    () => mentions.mentions(id, { includeOwnNotes: false }),
  );
  if (found.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Lectern: no markdown file mentions {0} yet. Link it from a note with [[{1}]].', name, id),
    );
    return undefined;
  }
  const items = found.map((mention) => ({
    label: `$(markdown) ${vscode.workspace.asRelativePath(mention.uri)}`,
    description: vscode.l10n.t('line {0}', mention.line + 1),
    detail: mention.preview,
    mention,
  }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Backlinks: {0}', paper?.title ?? id),
    placeHolder:
      found.length === 1
        ? vscode.l10n.t('1 mention; choose it to open it')
        : vscode.l10n.t('{0} mentions; choose one to open it', found.length),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!chosen) return undefined;
  await vscode.window.showTextDocument(chosen.mention.uri, { selection: chosen.mention.range, preview: true });
  return chosen.mention;
}

/** `lectern.citation.markdownStyle` of the document's workspace folder. */
function markdownStyle(document: vscode.TextDocument): MarkdownCitationStyle {
  const value = settingsFor(vscode.workspace.getWorkspaceFolder(document.uri)).citationMarkdownStyle;
  return MARKDOWN_CITATION_STYLES.find((style) => style === value) ?? 'pandoc';
}

/**
 * Lectern: Insert Citation: picks a paper (or takes its id as the argument), then inserts at
 * every cursor `[@citekey]` / `@citekey` / `[[id]]` / a markdown link in markdown, `\cite{key}` (or just the key
 * inside an existing `\cite{…}`) in LaTeX. Resolves with whether the editor was changed.
 */
export async function insertCitation(deps: LinkCommandDeps, arg?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Lectern: open a markdown or LaTeX file and place the cursor where the citation goes, then run Insert Citation.'),
    );
    return false;
  }
  const id = paperIdFrom(arg) ?? (await deps.picker.pick({ title: vscode.l10n.t('Lectern: Insert Citation') }));
  if (!id) return false;
  const paper = (await libraryFor(deps.library))?.resolve(id);
  if (!paper) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Lectern: no paper has the id or citekey "{0}"; check it or run Lectern: Refresh Corpus.', id),
    );
    return false;
  }
  const { document } = editor;
  const text = document.getText();
  const style = markdownStyle(document);
  const edits = editor.selections.map((selection) => {
    const start = document.offsetAt(selection.start);
    const end = document.offsetAt(selection.end);
    // A selection is replaced: compute as if it were already deleted.
    const without = selection.isEmpty ? text : text.slice(0, start) + text.slice(end);
    const insertion = citationInsertion({ languageId: document.languageId, text: without, offset: start, paper, style });
    const at = insertion.offset <= start ? insertion.offset : insertion.offset + (end - start);
    return { selection, at, text: insertion.text };
  });
  if (edits.every((edit) => edit.text === '' && edit.selection.isEmpty)) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) "{0}" is already cited here', paper.title), 3000);
    return false;
  }
  return editor.edit((builder) => {
    for (const edit of edits) {
      if (!edit.selection.isEmpty && edit.at === document.offsetAt(edit.selection.start)) builder.replace(edit.selection, edit.text);
      else if (edit.text) builder.insert(document.positionAt(edit.at), edit.text);
    }
  });
}
