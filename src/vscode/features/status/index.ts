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
      item.text = '$(sync~spin) Lectern: indexing…';
      item.tooltip = 'Lectern is reading and indexing the corpus';
    } else if (current) {
      const errors = current.corpus.diagnostics.filter((d) => d.severity === 'error').length;
      item.text = `$(book) ${current.papers.length} papers${errors > 0 ? ` $(warning) ${errors}` : ''}`;
      item.tooltip = `Lectern: ${current.papers.length} papers in ${current.corpus.topics.length} topics from ${current.corpus.files.length} files${errors > 0 ? `; ${errors} problems (see the Problems panel)` : ''}. Click to search.`;
    } else {
      item.text = '$(book) Lectern';
      item.tooltip = 'Lectern: search papers';
    }
    item.show();
  };
  render();
  return [item, library.onDidChangeState(render), library.onDidChange(render)];
}
