import * as vscode from 'vscode';
import { importLimitsFrom, resolveCorpusSettings, type CorpusSettings } from './library/corpus-settings';
import type { ImportLimits } from '../core/import/import-limits';

/**
 * Lectern's one settings reader. Corpus, notes and citation settings are resource settings: each
 * workspace folder of a multi-root workspace may set its own (its `.vscode/settings.json`, or the
 * `.code-workspace` file's `folders[].settings`), so they are read for a folder (`settingsFor(folder)`);
 * the others (search, tree, reader, import limits) are the window's (`settingsFor()`). A folder
 * without a value of its own gets the workspace's, then the user's, then the default.
 */
export class LecternSettings {
  private readonly config: vscode.WorkspaceConfiguration;

  constructor(readonly scope?: vscode.WorkspaceFolder) {
    this.config = vscode.workspace.getConfiguration('lectern', scope?.uri);
  }

  /** `lectern.corpus`, `lectern.corpusExclude`, `lectern.includeSampleCorpus` of this folder. */
  get corpus(): CorpusSettings {
    const inspected = this.config.inspect<string[]>('corpus');
    return resolveCorpusSettings({
      corpus: this.config.get('corpus'),
      corpusExclude: this.config.get('corpusExclude'),
      includeSampleCorpus: this.config.get('includeSampleCorpus'),
      userCorpus: inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue,
    });
  }

  get importLimits(): ImportLimits {
    return importLimitsFrom({
      maxFileSizeMB: this.config.get('import.maxFileSizeMB'),
      maxRecordsPerFile: this.config.get('import.maxRecordsPerFile'),
    });
  }

  /** `lectern.notes.folder`, as written (see `notesFolderSegments`). */
  get notesFolder(): string | undefined {
    return this.config.get<string>('notes.folder');
  }

  /** `lectern.notes.scope: workspace`: any markdown file with `paper:` front matter is a note. */
  get notesEverywhere(): boolean {
    return this.config.get<string>('notes.scope', 'folder') === 'workspace';
  }

  get noteTemplate(): string {
    return this.config.get<string>('notes.template', '').trim();
  }

  get citationStyle(): string {
    return this.config.get<string>('citation.style', 'apa').trim();
  }

  get citationLocale(): string {
    return this.config.get<string>('citation.locale', 'en-US').trim();
  }

  get citationMarkdownStyle(): string | undefined {
    return this.config.get<string>('citation.markdownStyle', 'pandoc');
  }

  get searchDebounceMs(): number {
    return this.config.get<number>('search.debounceMs', 40);
  }

  get searchMaxResults(): number {
    return this.config.get<number>('search.maxResults', 50);
  }

  get treePageSize(): number {
    return this.config.get<number>('tree.pageSize', 200);
  }

  get readerOpenInNewPanel(): boolean {
    return this.config.get<boolean>('reader.openInNewPanel', false);
  }

  /**
   * Writes a setting where the user expects it: the folder's own settings in a multi-root
   * workspace, the workspace's otherwise (a window without a folder: the user's).
   */
  update(key: string, value: unknown): Thenable<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const target =
      folders.length > 1 && this.scope
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : folders.length > 0
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    return this.config.update(key, value, target);
  }
}

/** The settings of one workspace folder (resource settings), or of the window without `folder`. */
export function settingsFor(folder?: vscode.WorkspaceFolder): LecternSettings {
  return new LecternSettings(folder);
}

/**
 * Calls `listener` when one of `keys` (e.g. `lectern.notes.folder`) changes for the window or
 * for any workspace folder (a folder's own `.vscode/settings.json` or `folders[].settings`).
 */
export function onDidChangeSettings(keys: readonly string[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (settingsChanged(event, keys)) listener();
  });
}

function settingsChanged(event: vscode.ConfigurationChangeEvent, keys: readonly string[]): boolean {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return keys.some((key) => event.affectsConfiguration(key) || folders.some((folder) => event.affectsConfiguration(key, folder)));
}

/** The workspace folder holding a file path (absolute, as `Uri.fsPath`), if any. */
export function folderOfPath(path: string): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path));
}

/** The folder the user works in: the active editor's, else the first. */
export function activeFolder(): vscode.WorkspaceFolder | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return (uri && vscode.workspace.getWorkspaceFolder(uri)) || vscode.workspace.workspaceFolders?.[0];
}
