import * as vscode from 'vscode';
import { CORPUS_FILE_EXTENSIONS } from '../../../core/import/import-corpus-file';
import type { LibraryService } from '../../library/library-service';
import { refusedInRestrictedMode } from '../trust';
import { activeFolder, settingsFor } from '../../lectern-settings';

export interface CorpusDeps {
  library: Pick<LibraryService, 'reload' | 'sample' | 'ensureLoaded'>;
}

/** Add Corpus File… and Open the Sample Corpus. */
export function registerCorpus({ library }: CorpusDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lectern.addCorpusFile', async () => {
      if (refusedInRestrictedMode(vscode.l10n.t('Adding a corpus file'))) return;
      const folder = activeFolder();
      if (!folder) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Lectern: open a folder first; corpus files are read from the workspace.'));
        return;
      }
      const picked = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Lectern: Add Corpus File'),
        canSelectMany: true,
        defaultUri: folder.uri,
        filters: { [vscode.l10n.t('Paper libraries')]: CORPUS_FILE_EXTENSIONS.map((ext) => ext.slice(1)) },
      });
      if (!picked?.length) return;
      // Each file joins the corpus of the workspace folder holding it (globs are relative to it);
      // a file from outside the workspace is copied into the active folder's papers/ first.
      const globsByFolder = new Map<string, { owner: vscode.WorkspaceFolder; globs: string[] }>();
      for (const uri of picked) {
        let target = uri;
        let owner = vscode.workspace.getWorkspaceFolder(uri);
        if (!owner) {
          target = vscode.Uri.joinPath(folder.uri, 'papers', uri.path.split('/').pop()!);
          await vscode.workspace.fs.copy(uri, target, { overwrite: false });
          owner = folder;
        }
        const key = owner.uri.toString();
        const entry = globsByFolder.get(key) ?? { owner, globs: [...settingsFor(owner).corpus.globs] };
        entry.globs.push(vscode.workspace.asRelativePath(target, false));
        globsByFolder.set(key, entry);
      }
      for (const { owner, globs } of globsByFolder.values()) await settingsFor(owner).update('corpus', [...new Set(globs)]);
      await library.reload();
      void vscode.commands.executeCommand('lectern.papers.focus');
    }),
    // Shows the sample: when it already shows (auto, no corpus of one's own) only the view is revealed;
    // otherwise `lectern.includeSampleCorpus` becomes `always` for this workspace (beside the user's files).
    vscode.commands.registerCommand('lectern.openSampleCorpus', async () => {
      await library.ensureLoaded().catch(() => undefined);
      if (!library.sample.shown) {
        if (refusedInRestrictedMode(vscode.l10n.t('Showing the sample beside your own papers'))) return;
        await settingsFor().update('includeSampleCorpus', 'always');
        await library.reload();
      }
      void vscode.commands.executeCommand('lectern.papers.focus');
    }),
  ];
}
