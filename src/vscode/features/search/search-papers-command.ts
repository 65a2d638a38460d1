import * as vscode from 'vscode';
import type { Paper } from '../../../core/model/paper';
import type { PaperLibrary } from '../../../core/library/paper-library';
import { excerptAround } from '../../../core/text/excerpt-around';
import type { FeatureContext } from '../feature-context';

/** A palette row for one paper. */
export interface PaperPickItem extends vscode.QuickPickItem {
  paperId: string;
}

const OPEN_NOTE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('note'), tooltip: 'Open Note' };
const COPY_CITATION_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Copy Citation' };
const REVEAL_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('list-tree'), tooltip: 'Reveal in Tree' };

/**
 * Lectern: Search Papers. Searches the core index as you type (debounced; an older query's
 * results never replace a newer one's), keeps VS Code from re-filtering (`alwaysShow`), and
 * shows recently opened papers for an empty query. Enter opens the paper.
 */
export function registerSearchPapers(features: FeatureContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lectern.searchPapers', (initialQuery?: string) =>
      pickPaper(features, {
        title: 'Lectern: Search Papers',
        initialQuery: typeof initialQuery === 'string' ? initialQuery : undefined,
      }).then((id) => {
        if (id) return vscode.commands.executeCommand('lectern.openPaper', id, { query: lastQuery });
      }),
    ),
  ];
}

let lastQuery = '';

/** Shows the search QuickPick and resolves with the chosen paper id (shared with Insert Citation and Open Paper). */
export async function pickPaper(features: FeatureContext, options: { title: string; initialQuery?: string }): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick<PaperPickItem>();
  quickPick.title = options.title;
  quickPick.placeholder = 'Search papers: words, "phrases", topic:, author:, year:2020..2023, status:, tag:';
  quickPick.matchOnDescription = false;
  quickPick.matchOnDetail = false;
  quickPick.busy = features.library.state !== 'ready';
  quickPick.value = options.initialQuery ?? '';
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const disposables: vscode.Disposable[] = [];

  const library = features.library.ensureLoaded();
  const update = async (query: string) => {
    const mine = ++generation;
    const lib = await library.catch(() => undefined);
    if (mine !== generation || !lib) return;
    quickPick.busy = false;
    lastQuery = query;
    quickPick.items = query.trim() ? searchItems(lib, query, features) : recentItems(lib, features);
  };
  const debounceMs = vscode.workspace.getConfiguration('lectern').get<number>('search.debounceMs', 40);

  return new Promise<string | undefined>((resolve) => {
    let chosen: string | undefined;
    disposables.push(
      quickPick.onDidChangeValue((value) => {
        clearTimeout(timer);
        timer = setTimeout(() => void update(value), debounceMs);
      }),
      quickPick.onDidAccept(() => {
        chosen = quickPick.activeItems[0]?.paperId;
        if (chosen) void features.recent.add(chosen);
        quickPick.hide();
      }),
      quickPick.onDidTriggerItemButton(async (event) => {
        if (event.button === OPEN_NOTE_BUTTON) {
          quickPick.hide();
          await vscode.commands.executeCommand('lectern.openNote', event.item.paperId);
        } else if (event.button === COPY_CITATION_BUTTON) await vscode.commands.executeCommand('lectern.copyCitation', event.item.paperId);
        else if (event.button === REVEAL_BUTTON) {
          quickPick.hide();
          await vscode.commands.executeCommand('lectern.revealInTree', event.item.paperId);
        }
      }),
      quickPick.onDidHide(() => {
        clearTimeout(timer);
        for (const disposable of disposables) disposable.dispose();
        quickPick.dispose();
        resolve(chosen);
      }),
    );
    quickPick.show();
    void update(quickPick.value);
  });
}

function searchItems(library: PaperLibrary, query: string, features: FeatureContext): PaperPickItem[] {
  const limit = vscode.workspace.getConfiguration('lectern').get<number>('search.maxResults', 50);
  const response = library.search.search(query, { limit, annotations: features.annotations });
  if (response.results.length === 0) {
    return [
      {
        paperId: '',
        label: `No papers match "${query}"`,
        detail: 'Try fewer words, a shorter prefix, or remove a filter.',
        alwaysShow: true,
      },
    ];
  }
  return response.results.map((hit) => {
    const paper = library.paper(hit.id)!;
    const excerpt =
      hit.matches.abstract.length > 0 ? excerptAround(paper.abstract, hit.matches.abstract, 140).text : paper.abstract.slice(0, 140);
    return paperItem(paper, { detail: excerpt });
  });
}

function recentItems(library: PaperLibrary, features: FeatureContext): PaperPickItem[] {
  const recent = features.recent
    .list()
    .map((id) => library.paper(id))
    .filter((p): p is Paper => Boolean(p));
  const items: PaperPickItem[] = [];
  if (recent.length > 0) {
    items.push({ paperId: '', label: 'recently opened', kind: vscode.QuickPickItemKind.Separator });
    items.push(...recent.map((paper) => paperItem(paper, {})));
  } else {
    items.push({
      paperId: '',
      label: `Type to search ${library.papers.length} papers`,
      detail: 'Words, "phrases", topic:, author:, year:2020..2023',
      alwaysShow: true,
    });
  }
  return items;
}

function paperItem(paper: Paper, options: { detail?: string }): PaperPickItem {
  return {
    paperId: paper.id,
    label: paper.title,
    description: [paper.topics.slice(0, 2).join(', '), paper.year].filter(Boolean).join(' · '),
    detail: options.detail ?? (paper.authors.length > 0 ? paper.authors.slice(0, 4).join(', ') : undefined),
    alwaysShow: true,
    buttons: [OPEN_NOTE_BUTTON, COPY_CITATION_BUTTON, REVEAL_BUTTON],
  };
}
