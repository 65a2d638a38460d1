import * as vscode from 'vscode';
import { CORPUS_FILE_EXTENSIONS } from '../../../core/import/import-corpus-file';
import type { LibraryService } from '../../library/library-service';
import { refusedInRestrictedMode } from '../trust';

export interface CorpusDeps {
  library: Pick<LibraryService, 'reload' | 'sample' | 'ensureLoaded'>;
}

/** Add Corpus File… and Open the Sample Corpus. */
export function registerCorpus({ library }: CorpusDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lectern.addCorpusFile', async () => {
      if (refusedInRestrictedMode(vscode.l10n.t('Adding a corpus file'))) return;
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        void vscode.window.showWarningMessage('Lectern: open a folder first; corpus files are read from the workspace.');
        return;
      }
      const picked = await vscode.window.showOpenDialog({
        title: 'Lectern: Add Corpus File',
        canSelectMany: true,
        defaultUri: folder.uri,
        filters: { 'Paper libraries': CORPUS_FILE_EXTENSIONS.map((ext) => ext.slice(1)) },
      });
      if (!picked?.length) return;
      const config = vscode.workspace.getConfiguration('lectern');
      const globs = [...config.get<string[]>('corpus', [])];
      for (const uri of picked) {
        const inWorkspace = vscode.workspace.getWorkspaceFolder(uri);
        if (!inWorkspace) {
          // Globs are relative to the workspace: bring the file in rather than pointing outside it.
          const target = vscode.Uri.joinPath(folder.uri, 'papers', uri.path.split('/').pop()!);
          await vscode.workspace.fs.copy(uri, target, { overwrite: false });
          globs.push(vscode.workspace.asRelativePath(target, false));
        } else {
          const relative = vscode.workspace.asRelativePath(uri, false);
          if (!globs.includes(relative)) globs.push(relative);
        }
      }
      await config.update('corpus', [...new Set(globs)], vscode.ConfigurationTarget.Workspace);
      await library.reload();
      void vscode.commands.executeCommand('lectern.papers.focus');
    }),
    // Shows the sample: when it already shows (auto, no corpus of one's own) only the view is revealed;
    // otherwise `lectern.includeSampleCorpus` becomes `always` for this workspace (beside the user's files).
    vscode.commands.registerCommand('lectern.openSampleCorpus', async () => {
      await library.ensureLoaded().catch(() => undefined);
      if (!library.sample.shown) {
        if (refusedInRestrictedMode(vscode.l10n.t('Showing the sample beside your own papers'))) return;
        const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await vscode.workspace.getConfiguration('lectern').update('includeSampleCorpus', 'always', target);
        await library.reload();
      }
      void vscode.commands.executeCommand('lectern.papers.focus');
    }),
  ];
}
