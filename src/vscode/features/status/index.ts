import * as vscode from 'vscode';
import type { LibraryService } from '../../library/library-service';

export interface StatusDeps {
  library: LibraryService;
}

/** Status-bar item: the paper count, or a spinner while indexing. Click to search. */
export function registerStatus({ library }: StatusDeps): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem('lectern.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Lectern';
  item.command = 'lectern.searchPapers';
  const render = () => {
    const current = library.current;
    if (library.state === 'loading') {
      item.text = vscode.l10n.t('$(sync~spin) Lectern: indexing…');
      item.tooltip = vscode.l10n.t('Lectern is reading and indexing the corpus');
    } else if (current) {
      const errors = current.corpus.diagnostics.filter((d) => d.severity === 'error').length;
      item.text = vscode.l10n.t('$(book) {0} papers', current.papers.length) + (errors > 0 ? ` $(warning) ${errors}` : '');
      item.tooltip = vscode.l10n.t(
        'Lectern: {0} papers in {1} topics from {2} files{3}. Click to search.',
        current.papers.length,
        current.corpus.topics.length,
        current.corpus.files.length,
        errors > 0 ? vscode.l10n.t('; {0} problems (see the Problems panel)', errors) : '',
      );
    } else {
      item.text = '$(book) Lectern';
      item.tooltip = vscode.l10n.t('Lectern: search papers');
    }
    item.show();
  };
  render();
  return [item, library.onDidChangeState(render), library.onDidChange(render)];
}
