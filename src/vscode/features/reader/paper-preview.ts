import * as vscode from 'vscode';
import type { Paper } from '../../../core/model/paper';
import type { FeatureContext } from '../feature-context';
import { paperIdFrom } from '../tree/register-paper-tree';
import { pickPaper } from '../search/search-papers-command';

const SCHEME = 'lectern-paper';

/**
 * Lectern: Open Paper, shown as a read-only markdown preview of a virtual document
 * (`lectern-paper:/<id>.md`) until the reader webview replaces it.
 */
export function registerPaperPreview(features: FeatureContext): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let activePaperId: string | undefined;
  features.trees.activePaperId = () => activePaperId;
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent(uri) {
      const id = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
      const paper = features.library.current?.paper(id);
      return paper ? paperMarkdown(paper) : `# Paper not found\n\nLectern has no paper with the id \`${id}\`. Run **Lectern: Refresh Corpus** or search again.`;
    },
  };
  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    vscode.commands.registerCommand('lectern.openPaper', async (arg?: unknown) => {
      const id = paperIdFrom(arg) ?? (await pickPaper(features, { title: 'Lectern: Open Paper' }));
      if (!id) return;
      const library = await features.library.ensureLoaded();
      if (!library.paper(id)) {
        void vscode.window.showWarningMessage(`Lectern: no paper has the id "${id}". Run Lectern: Refresh Corpus if you just added it.`);
        return;
      }
      activePaperId = id;
      void features.recent.add(id);
      const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${encodeURIComponent(id)}.md` });
      changed.fire(uri);
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    }),
  ];
}

function paperMarkdown(paper: Paper): string {
  const lines = [`# ${paper.title}`, ''];
  const byline = [paper.authors.join(', '), paper.year, paper.venue].filter(Boolean).join(' · ');
  if (byline) lines.push(`*${byline}*`, '');
  if (paper.topics.length > 0) lines.push(`**Topics:** ${paper.topics.join(', ')}`, '');
  const links = [
    paper.arxivId && `[arXiv:${paper.arxivId}](https://arxiv.org/abs/${paper.arxivId})`,
    paper.doi && `[doi:${paper.doi}](https://doi.org/${paper.doi})`,
    paper.url && `[link](${paper.url})`,
  ].filter(Boolean);
  if (links.length > 0) lines.push(links.join(' · '), '');
  lines.push(paper.abstract || '*No abstract.*', '', `---`, `\`${paper.id}\` · ${paper.source.file}:${paper.source.line}`);
  return lines.join('\n');
}
